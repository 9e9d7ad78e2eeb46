"""Nearest neighbours by cosine inside a scope, correct for small and large scopes.

A filtered HNSW scan stops after `ef_search` candidates and silently returns too
few rows when the filter keeps a small share of the table. So a scope of up to
`EXACT_SCAN_LIMIT` rows is scanned exactly (a materialised CTE the index cannot
serve), and a larger one uses pgvector's iterative index scan, which keeps
walking the graph until it has enough rows that pass the filter.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

EXACT_SCAN_LIMIT = 20_000
ITERATIVE_MAX_TUPLES = 200_000


@dataclass(frozen=True)
class Neighbour:
    id: UUID
    cosine: float


def vector_literal(vector: Sequence[float]) -> str:
    return "[" + ",".join(repr(float(x)) for x in vector) + "]"


@dataclass(frozen=True)
class _Table:
    name: str
    scope_sql: str  # rows of the scope, given its ids as $1 (a uuid[])


CANDIDATES_IN_POOLS = _Table(
    "candidates", "pool_id = ANY($1::uuid[]) AND merged_into_id IS NULL"
)
JOBS_BY_ID = _Table("jobs", "id = ANY($1::uuid[])")


async def nearest_candidates(
    pool_ids: Sequence[UUID], vector: Sequence[float], *, model: str, limit: int
) -> list[Neighbour]:
    """Candidates of `pool_ids` embedded by `model`, most similar first."""
    return await _nearest(CANDIDATES_IN_POOLS, pool_ids, vector, model, limit)


async def nearest_jobs(
    job_ids: Sequence[UUID], vector: Sequence[float], *, model: str, limit: int
) -> list[Neighbour]:
    """Jobs among `job_ids` embedded by `model`, most similar first."""
    return await _nearest(JOBS_BY_ID, job_ids, vector, model, limit)


async def _nearest(
    table: _Table,
    scope_ids: Sequence[UUID],
    vector: Sequence[float],
    model: str,
    limit: int,
) -> list[Neighbour]:
    if not scope_ids or limit <= 0:
        return []
    where = f"{table.scope_sql} AND embedding IS NOT NULL AND embedding_model = $3"
    ids = [str(i) for i in scope_ids]
    params: list[object] = [ids, vector_literal(vector), model, limit]
    async with in_transaction() as conn:
        if await _scope_size(conn, table, ids, model) <= EXACT_SCAN_LIMIT:
            sql = (
                f"WITH scoped AS MATERIALIZED (SELECT id, embedding FROM {table.name}"  # noqa: S608  # table and filter are constants
                f" WHERE {where}) SELECT id, 1 - (embedding <=> $2::vector) AS cosine"
                " FROM scoped ORDER BY embedding <=> $2::vector, id LIMIT $4"
            )
        else:
            await conn.execute_script(
                # A generic plan of this prepared query sorts the whole scope
                # instead of walking the index (measured 30x slower).
                "SET LOCAL plan_cache_mode = force_custom_plan;"
                " SET LOCAL hnsw.iterative_scan = relaxed_order;"
                f" SET LOCAL hnsw.max_scan_tuples = {ITERATIVE_MAX_TUPLES};"
                " SET LOCAL hnsw.ef_search = 200"
            )
            sql = (
                f"SELECT id, 1 - (embedding <=> $2::vector) AS cosine FROM {table.name}"  # noqa: S608  # table and filter are constants
                f" WHERE {where} ORDER BY embedding <=> $2::vector LIMIT $4"
            )
        rows = await conn.execute_query_dict(sql, params)
    found = [Neighbour(id=UUID(str(r["id"])), cosine=float(r["cosine"])) for r in rows]
    # relaxed_order may return rows slightly out of order
    return sorted(found, key=lambda n: (-n.cosine, str(n.id)))


async def _scope_size(
    conn: BaseDBAsyncClient, table: _Table, scope_ids: list[str], model: str
) -> int:
    """Rows in scope, counted only up to just past `EXACT_SCAN_LIMIT`."""
    sql = (
        f"SELECT count(*) AS n FROM (SELECT 1 FROM {table.name}"  # noqa: S608  # table and filter are constants
        f" WHERE {table.scope_sql} AND embedding IS NOT NULL AND embedding_model = $2"
        f" LIMIT {EXACT_SCAN_LIMIT + 1}) AS capped"
    )
    rows = await conn.execute_query_dict(sql, [scope_ids, model])
    return int(rows[0]["n"])
