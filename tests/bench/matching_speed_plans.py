"""Query plans for the matching speed bench (`test_matching_speed.py`): what
retrieval.py runs for the 100 % scope and for 10k jobs, under EXPLAIN ANALYZE, and
which plans PostgreSQL used for the prepared ANN statement."""

import re
from collections.abc import Sequence
from uuid import UUID

import asyncpg
from tortoise import connections

from domain.matching.retrieval import EXACT_SCAN_LIMIT, vector_literal

TOP = 50  # neighbours asked for

ANN_SQL = (
    "SELECT id, 1 - (embedding <=> {v}) AS cosine FROM candidates"
    " WHERE pool_id = ANY({ids}) AND merged_into_id IS NULL"
    " AND embedding IS NOT NULL AND embedding_model = {m}"
    " ORDER BY embedding <=> {v} LIMIT {k}"
)
COUNT_SQL = (
    "SELECT count(*) AS n FROM (SELECT 1 FROM {table} WHERE {where}"
    " AND embedding IS NOT NULL AND embedding_model = {m} LIMIT {cap}) AS capped"
)
JOBS_SQL = (
    "SELECT id, 1 - (embedding <=> {v}) AS cosine FROM jobs"
    " WHERE id = ANY({ids}) AND embedding IS NOT NULL AND embedding_model = {m}"
    " ORDER BY cosine DESC, id LIMIT {k}"
)
HNSW_SETTINGS = (
    "SET LOCAL hnsw.iterative_scan = relaxed_order;"
    " SET LOCAL hnsw.max_scan_tuples = 200000; SET LOCAL hnsw.ef_search = 200"
)


def _literals(ids: Sequence[UUID], vector: Sequence[float], model: str) -> dict:
    return {
        "ids": "'{" + ",".join(map(str, ids)) + "}'::uuid[]",
        "v": f"'{vector_literal(vector)}'::vector",
        "m": f"'{model}'",
        "k": TOP,
        "cap": EXACT_SCAN_LIMIT + 1,
    }


def _short(plan_line: str) -> str:
    """A plan line without the 384 floats and the id lists."""
    line = re.sub(r"'\[[^\]]{40,}\]'::vector", "'[query]'::vector", plan_line)
    return re.sub(r"'\{[^}]{40,}\}'::uuid\[\]", "'{scope ids}'::uuid[]", line)


async def _plan(conn: asyncpg.Connection, sql: str, *, hnsw: bool = False) -> list[str]:
    async with conn.transaction():
        if hnsw:
            await conn.execute(HNSW_SETTINGS)
        rows = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}")
    return [_short(r[0]) for r in rows]


async def explain_plans(
    url: str, pools: list[UUID], job_ids: list[UUID], vector: list[float], model: str
) -> list[str]:
    """Plans of what retrieval.py runs for the 100 % scope and for 10k jobs."""
    pool_lit = _literals(pools, vector, model)
    job_lit = _literals(job_ids, vector, model)
    conn = await asyncpg.connect(url)
    try:
        out = ["-- 100 % scope, ANN query (custom plan):"]
        out += await _plan(conn, ANN_SQL.format(**pool_lit), hnsw=True)
        await conn.execute(
            "PREPARE ann(uuid[], vector, text, int) AS "
            + ANN_SQL.format(ids="$1", v="$2", m="$3", k="$4")
        )
        await conn.execute("SET plan_cache_mode = force_generic_plan")
        out.append("-- 100 % scope, ANN query (generic plan of a prepared statement):")
        args = ", ".join(str(pool_lit[k]) for k in ("ids", "v", "m", "k"))
        out += await _plan(conn, f"EXECUTE ann({args})", hnsw=True)
        await conn.execute("RESET plan_cache_mode")
        out.append("-- 100 % scope, _is_small count:")
        where = f"pool_id = ANY({pool_lit['ids']}) AND merged_into_id IS NULL"
        out += await _plan(
            conn, COUNT_SQL.format(table="candidates", where=where, **pool_lit)
        )
        out.append("-- 10k jobs, exact scan:")
        out += await _plan(conn, JOBS_SQL.format(**job_lit))
    finally:
        await conn.close()
    return out


async def plan_cache_use() -> str:
    """Generic vs custom plans PostgreSQL used for the prepared ANN statement on
    the ORM's connection (asyncpg prepares every query; after five runs PostgreSQL
    may switch a statement to a generic plan)."""
    rows = await connections.get("default").execute_query_dict(
        "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
        " WHERE statement LIKE 'SELECT id, 1 - (embedding%FROM candidates%LIMIT $4'"
    )
    if not rows:
        return "ANN statement not prepared on the connection inspected"
    generic = sum(int(r["generic_plans"]) for r in rows)
    custom = sum(int(r["custom_plans"]) for r in rows)
    return (
        f"ANN statement plans on the ORM connection: {custom} custom, {generic} generic"
    )
