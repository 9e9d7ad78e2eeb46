"""Which matches are kept: the same rule from both sides. A match stays while it
is among its job's best `KEPT_PER_JOB` or its candidate's best `KEPT_PER_CANDIDATE`
(or a person gave feedback on it). So a job posted after the candidates arrived
still shows among each candidate's best jobs, and a candidate's refresh does not
take a candidate off a job's list."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tortoise import connections
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from domain.matching.compute import Scored
from domain.models import Match

KEPT_PER_JOB = 100  # a job's best matches, always stored
KEPT_PER_CANDIDATE = 100  # a candidate's best matches, always stored


@dataclass(frozen=True)
class Side:
    """The other end of a match, seen from a refresh: its id column, and how many
    of its best matches it keeps."""

    field: str
    other_field: str

    @property
    def kept(self) -> int:
        return KEPT_PER_CANDIDATE if self.field == "candidate_id" else KEPT_PER_JOB

    @property
    def refreshed_kept(self) -> int:
        """How many of its own best the refreshed job (or candidate) keeps."""
        return KEPT_PER_JOB if self.field == "candidate_id" else KEPT_PER_CANDIDATE


CANDIDATE_SIDE = Side("candidate_id", "job_id")
JOB_SIDE = Side("job_id", "candidate_id")


async def kept_results(
    ranked: list[Scored],
    refreshed_id: UUID,
    *,
    side: Side,
    always: frozenset[str] = frozenset(),
) -> list[Scored]:
    """Of `ranked` (best first; `Scored.id` names the other end), what a refresh
    stores: its own best, those in `always` (jobs applied to), and the rest that
    rank among the best of their other end."""
    own = ranked[: side.refreshed_kept]
    rest = ranked[side.refreshed_kept :]
    chosen = [s for s in rest if s.id in always]
    others = [s for s in rest if s.id not in always]
    return own + chosen + await _among_best_of_others(others, refreshed_id, side=side)


async def _among_best_of_others(
    results: list[Scored], refreshed_id: UUID, *, side: Side
) -> list[Scored]:
    """The results (beyond the refreshed job's or candidate's own best) that rank
    among the best matches of their other end: above the score of its
    `side.kept`-th best stored match with anything else, or it has fewer."""
    if not results:
        return []
    field, other = side.field, side.other_field
    sql = (
        f"SELECT {field} AS id, count(*) AS n, min(score) AS floor FROM ("  # noqa: S608  # column names are constants
        f"SELECT {field}, score, row_number() OVER (PARTITION BY {field}"
        " ORDER BY score DESC) AS place FROM matches"
        f" WHERE {field} = ANY($1::uuid[]) AND {other} <> $2) AS ranked"
        f" WHERE place <= $3 GROUP BY {field}"
    )
    params = [[s.id for s in results], str(refreshed_id), side.kept]
    rows = await connections.get("default").execute_query_dict(sql, params)
    floors = {str(row["id"]): (int(row["n"]), float(row["floor"])) for row in rows}
    return [
        s
        for s in results
        if (found := floors.get(s.id)) is None
        or found[0] < side.kept
        or s.score > found[1]
    ]


async def drop_unkept(
    query: QuerySet[Match],
    *,
    scored: set[UUID],
    kept: set[UUID],
    out_of_scope: Q,
    field: str,
) -> int:
    """Remove the matches this refresh scored and did not keep, and those whose
    other end left the scope, unless a person gave feedback on them (that is a
    record of a decision). A match it did not score was kept by the other side's
    refresh and stays."""
    unkept: dict[str, Any] = {f"{field}__in": list(scored - kept)}
    dropped = Q(**unkept) | out_of_scope
    return await query.filter(dropped, feedback__isnull=True).delete()
