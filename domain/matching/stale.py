"""Which stored matches the 6-hourly cron re-scores (`request_stale_refreshes`).

A record is stale when it was never matched, when it changed after its last
matching, or when that matching is older than `RESCORE_AFTER`. The last rule is
there because a score depends on more than the pair: on the deployment's mean
vectors at the moment it was computed (`deployment_centers`), which drift as
resumes and jobs arrive, and on the scorer of the release that computed it
(`SCORE_VERSION`). Re-scoring every record at most a week after its last
matching keeps stored scores within a week of both, at a bounded cost: the
changed and never-matched go first, then the longest-unmatched, `STALE_BATCH` of
each kind per run.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from arq.connections import ArqRedis
from tortoise.expressions import F, Q
from tortoise.queryset import QuerySet

from domain.access import Viewer, visible_candidates, visible_jobs
from domain.jobs import (
    MATCHING_QUEUE,
    REFRESH_CANDIDATE_MATCHES,
    REFRESH_JOB_MATCHES,
    enqueue,
)
from domain.models import JobStatus

STALE_BATCH = 5000
RESCORE_AFTER = timedelta(days=7)

_CHANGED = Q(matched_at__isnull=True) | Q(matched_at__lt=F("updated_at"))


async def request_stale_refreshes(
    queue: ArqRedis, *, now: datetime | None = None
) -> int:
    """Queue refreshes for open jobs and candidates that are stale (see the
    module); returns how many were queued."""
    cutoff = (now or datetime.now(UTC)) - RESCORE_AFTER
    system = Viewer.system()
    queued = 0
    for function, rows in (
        (REFRESH_JOB_MATCHES, visible_jobs(system).filter(status=JobStatus.OPEN)),
        (REFRESH_CANDIDATE_MATCHES, visible_candidates(system)),
    ):
        for entity_id, revision in await _stale(rows, cutoff):
            queued += await enqueue(
                queue, function, entity_id, queue_name=MATCHING_QUEUE, revision=revision
            )
    return queued


async def _stale(rows: QuerySet[Any], cutoff: datetime) -> list[tuple[Any, str]]:
    """(id, revision) of up to `STALE_BATCH` stale rows, the changed first. The
    revision names the state that made the row stale, so that one state is
    refreshed once and the next state (a later edit or matching) again."""
    changed = await rows.filter(_CHANGED).limit(STALE_BATCH).values("id", "updated_at")
    found = [(row["id"], str(int(row["updated_at"].timestamp()))) for row in changed]
    room = STALE_BATCH - len(found)
    if room > 0:
        aged = await (
            rows.filter(~_CHANGED, matched_at__lt=cutoff)
            .order_by("matched_at")
            .limit(room)
            .values("id", "matched_at")
        )
        found += [
            (row["id"], f"rescore-{int(row['matched_at'].timestamp())}") for row in aged
        ]
    return found
