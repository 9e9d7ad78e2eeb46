"""A page of full-text search results whose cost does not grow with the number
of matches (issue #6: a word in 80 % of 100k resumes took 2 s a page).

Three things bound the work:
- Pool first. A recruiter's scope is `pool_id IN (<their pools>)` as literal
  ids, not a subquery, so that PostgreSQL sees from its statistics how many rows
  the pools hold: a pool of 1,000 rows is read through its index and the
  tsvector checked on those rows, instead of checking every matching row in the
  table and joining the pools afterwards.
- A window for ranking. `ts_rank_cd` reads the whole tsvector of a row.
  Relevance ranks the newest `WINDOW` matches (by created_at, id,
  an index walk that stops when the window is full); when there are at most
  `WINDOW` matches, that is all of them, exactly as before.
- A capped count. The total is exact up to `WINDOW` matches, and when
  PostgreSQL expects at most `SORTED_UP_TO`; beyond, it is the planner's
  estimate (never below `WINDOW + 1`) and the page says so
  (`Page.total_count_is_estimate`, `totalCountIsEstimate` in the API).

Phrases add the word-pair prefilter of `domain.candidates.phrases`."""

import json
from uuid import UUID

from tortoise import connections
from tortoise.expressions import RawSQL, Subquery
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


def newest_ranked(
    matches: QuerySet[Candidate], text: str, total: int
) -> QuerySet[Candidate]:
    """The newest `WINDOW` rows of `matches` (of which there are `total`, or
    about that many), each with its `search_rank`.

    Up to `WINDOW` matches: all of them, found however the planner likes. Up
    to `SORTED_UP_TO`: all found through the GIN index, then sorted by age;
    the sort key is `extract(epoch ...)` so that PostgreSQL cannot walk the
    created_at index instead, checking the tsvector of every row it passes
    (it does not count the cost of reading TOASTed vectors and would). Beyond:
    that walk, which stops after about `WINDOW / share of rows that match`."""
    if total <= WINDOW:
        window = matches.values("id")
    elif total <= SORTED_UP_TO:
        age = RawSQL('extract(epoch FROM "candidates"."created_at")')
        newest = matches.annotate(search_age=age).order_by("-search_age", "-id")
        window = newest.limit(WINDOW).values("id")
    else:
        newest = matches.order_by("-created_at", "-id")
        window = newest.limit(WINDOW).values("id")
    return search.ranked(Candidate.filter(id__in=Subquery(window)), text)


async def _estimate(matches: QuerySet[Candidate]) -> int:
    """The planner's row estimate for `matches` (EXPLAIN: planned, not run).

    `QuerySet.explain` sends the SQL without its parameters, which fails for a
    scope with subqueries, so the statement is built the way the QuerySet runs
    it (its parameterised SQL) and explained here."""
    query = matches.all()  # a copy: building its SQL leaves `matches` as it was
    query._choose_db_if_not_chosen()
    query._make_query()
    sql, params = query.query.get_parameterized_sql()
    rows = await connections.get("default").execute_query_dict(
        f"EXPLAIN (FORMAT JSON) {sql}", params
    )
    plan = rows[0]["QUERY PLAN"]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


async def count_matches(matches: QuerySet[Candidate]) -> tuple[int, bool]:
    """(the number of matches, whether it is an estimate).

    Exact when there are at most `WINDOW` (counted with a LIMIT) or PostgreSQL
    expects at most `SORTED_UP_TO` (counted in full: the GIN index finds them,
    and a count that small stays cheap); otherwise the planner's estimate."""
    first_ones = matches.limit(WINDOW + 1).values("id")
    found = await Candidate.filter(id__in=Subquery(first_ones)).count()
    if found <= WINDOW:
        return found, False
    expected = await _estimate(matches)
    if expected <= SORTED_UP_TO:
        return await matches.count(), False
    return max(found, expected), True


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
    total, estimated = await count_matches(matches)
    if ordering.field == search.RANK_FIELD:
        rows = newest_ranked(matches, text, total)
    else:
        rows = matches
    return await paginate_counted(
        rows,
        first=first,
        after=after,
        ordering=ordering,
        total_count=total,
        total_count_is_estimate=estimated,
    )
