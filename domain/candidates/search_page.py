"""A page of full-text search results whose cost does not grow with the number
of matches (issue #6: a word in 80 % of 100k resumes took 2 s a page).

Three things bound the work:
- Pool first. A recruiter's scope is `pool_id IN (<their pools>)` as literal
  ids, not a subquery, so that PostgreSQL sees from its statistics how many rows
  the pools hold: a pool of 1,000 rows is read through its index and the
  tsvector checked on those rows, instead of checking every matching row in the
  table and joining the pools afterwards.
- A window for ranking. `ts_rank_cd` reads the whole tsvector of a row.
  Relevance ranks the newest `WINDOW` matches (by created_at, then id); when
  there are at most `WINDOW` matches, that is all of them, exactly as before.
- A capped count. The total is exact up to `WINDOW` matches, and whenever
  PostgreSQL expects at most `SORTED_UP_TO`; beyond, it is the planner's
  estimate (never below `WINDOW + 1`) and the page says so
  (`Page.total_count_is_estimate`, `totalCountIsEstimate` in the API).
  `newest_window` says how each case reads as few rows as it can.

Phrases add the word-pair prefilter of `domain.candidates.phrases`."""

import json
from dataclasses import dataclass
from uuid import UUID

from tortoise import connections
from tortoise.expressions import RawSQL
from tortoise.queryset import QuerySet

from domain.access import Viewer, visible_pools
from domain.candidates import phrases, search
from domain.models import Candidate, Role
from domain.pagination import Ordering, Page, paginate_counted

WINDOW = 1_000  # matches ranked, and counted exactly, at most
SORTED_UP_TO = 10_000  # matches all read: counted exactly, sorted by age


async def _pairs_text(text: str) -> str | None:
    """The word pairs a phrase in `text` requires, as a tsquery text."""
    if '"' not in text:  # websearch syntax: only a quoted phrase makes `<->`
        return None
    rows = await connections.get("default").execute_query_dict(
        "SELECT websearch_to_tsquery($1::regconfig, $2)::text AS q",
        [search.SEARCH_CONFIG, text],
    )
    pairs = phrases.required_pairs(rows[0]["q"])
    return phrases.pairs_query(pairs) if pairs else None


async def _pool_ids(viewer: Viewer) -> list[UUID] | None:
    """The recruiter's pools (None: the scope is not a set of pools)."""
    if viewer.role is not Role.RECRUITER:
        return None  # admin: every row; candidate: their own profile
    return [row["id"] for row in await visible_pools(viewer).values("id")]


async def matches_in_scope(
    viewer: Viewer, scoped: QuerySet[Candidate], text: str
) -> QuerySet[Candidate]:
    """The rows of `scoped` (already narrowed to the viewer's scope) that match
    `text`, with the pool ids spelled out for the planner."""
    pool_ids = await _pool_ids(viewer)
    if pool_ids is not None:
        scoped = scoped.filter(pool_id__in=pool_ids)
    return search.matching(scoped, text, await _pairs_text(text))


@dataclass(frozen=True)
class Window:
    """The newest matches that relevance ranks, and how many matches there are."""

    ids: list[UUID]
    total: int
    total_is_estimate: bool


_AGE = 'extract(epoch FROM "candidates"."created_at")'


async def newest_window(matches: QuerySet[Candidate]) -> Window:
    """The ids of the newest `WINDOW` rows of `matches` (created_at, then id)
    and the number of matches, reading no more rows than needed.

    When PostgreSQL expects at most `SORTED_UP_TO` matches, one query reads
    them all through the GIN index: their count (`count(*) OVER ()`, exact) and
    the newest, sorted by `extract(epoch ...)`, a key that keeps PostgreSQL
    from walking the created_at index instead and checking the tsvector of
    every row it passes. Otherwise the first `WINDOW + 1` matches found are
    fetched: at most `WINDOW` is every match (exact); more, and the window
    comes from that index walk, which stops after about `WINDOW / share of
    rows that match`, and the total is the planner's estimate."""
    expected = await _estimate(matches)
    if expected <= SORTED_UP_TO:
        rows = await (
            matches.annotate(
                search_total=RawSQL("count(*) OVER ()"), search_age=RawSQL(_AGE)
            )
            .order_by("-search_age", "-id")
            .limit(WINDOW)
            .values("id", "search_total")
        )
        total = int(rows[0]["search_total"]) if rows else 0
        return Window([row["id"] for row in rows], total, False)
    first_ones = [row["id"] for row in await matches.limit(WINDOW + 1).values("id")]
    if len(first_ones) <= WINDOW:
        return Window(first_ones, len(first_ones), False)
    newest = matches.order_by("-created_at", "-id").limit(WINDOW).values("id")
    ids = [row["id"] for row in await newest]
    return Window(ids, max(len(first_ones), expected), True)


def ranked_window(
    scoped: QuerySet[Candidate], window: Window, text: str
) -> QuerySet[Candidate]:
    """The window's rows of `scoped` (the scope the window was taken from,
    applied again), each with its `search_rank` for `text`."""
    return search.ranked(scoped.filter(id__in=window.ids), text)


async def ranked_matches(
    viewer: Viewer, scoped: QuerySet[Candidate], text: str
) -> tuple[QuerySet[Candidate], Window]:
    """The newest `WINDOW` rows of `scoped` that match `text`, each with its
    `search_rank`, and the window they came from (its count of all matches)."""
    window = await newest_window(await matches_in_scope(viewer, scoped, text))
    return ranked_window(scoped, window, text), window


async def explain(
    query: QuerySet[Candidate], options: str = "FORMAT JSON"
) -> list[str]:
    """EXPLAIN (`options`) of `query`, one string per row of the answer.

    `QuerySet.explain` sends the SQL without its parameters, which fails for a
    scope with subqueries, so the statement is built the way the QuerySet runs
    it (its parameterised SQL) and explained here."""
    copy = query.all()  # building its SQL leaves `query` as it was
    copy._choose_db_if_not_chosen()
    copy._make_query()
    sql, params = copy.query.get_parameterized_sql()
    rows = await connections.get("default").execute_query_dict(
        f"EXPLAIN ({options}) {sql}", params
    )
    return [
        row["QUERY PLAN"]
        if isinstance(row["QUERY PLAN"], str)
        else json.dumps(row["QUERY PLAN"])
        for row in rows
    ]


async def _estimate(matches: QuerySet[Candidate]) -> int:
    """The planner's row estimate for `matches` (EXPLAIN: planned, not run)."""
    [plan] = await explain(matches)
    return int(json.loads(plan)[0]["Plan"]["Plan Rows"])


async def full_text_page(
    viewer: Viewer,
    scoped: QuerySet[Candidate],
    text: str,
    *,
    first: int,
    after: str | None,
    ordering: Ordering,
) -> Page[Candidate]:
    """One page of the rows of `scoped` that match `text`, in `ordering`
    (relevance: the newest `WINDOW` matches ranked; any other order: every
    match, as the index of that order finds them)."""
    matches = await matches_in_scope(viewer, scoped, text)
    window = await newest_window(matches)
    if ordering.field == search.RANK_FIELD:
        rows = ranked_window(scoped, window, text)
    else:
        rows = matches
    return await paginate_counted(
        rows,
        first=first,
        after=after,
        ordering=ordering,
        total_count=window.total,
        total_count_is_estimate=window.total_is_estimate,
    )
