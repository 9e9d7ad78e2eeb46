"""The matching speed bench's world (`test_matching_speed.py`): 100k synthetic
candidates in pools of 1,000 (one recruiter's pool holds 1 %, nine others own the
rest, an admin sees all) and 10k jobs, 384-d unit vectors around 300 centres,
loaded with COPY with the HNSW indexes dropped, then rebuilt from their own
migrated definitions (a bulk build is far quicker than 100k graph inserts)."""

import struct
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import UUID, uuid4

import asyncpg
import numpy as np
from numpy.typing import NDArray

from domain.models import Role
from tests.factories import make_pool, make_user

Matrix = NDArray[np.float32]

DIM = 384
CANDIDATES = 100_000
SMALL_POOL = 1_000  # 1 %
POOL_SIZE = 1_000
OTHER_RECRUITERS = 9
JOBS = 10_000
CENTRES = 300
NOISE = 0.8  # norm of the noise added to a unit centre
SKILLS = (
    "Python",
    "PostgreSQL",
    "Java",
    "JavaScript",
    "TypeScript",
    "React",
    "Docker",
    "Kubernetes",
    "AWS",
    "SQL",
    "Excel",
    "Accounting",
    "Marketing",
    "Sales",
    "Nursing",
    "AutoCAD",
    "Linux",
    "Go",
    "Rust",
    "Tableau",
)

Matrix = NDArray[np.float32]


def unit_vectors(rng: np.random.Generator, centres: Matrix, n: int) -> Matrix:
    picked = centres[rng.integers(len(centres), size=n)]
    noise = rng.standard_normal((n, DIM)) * (NOISE / np.sqrt(DIM))
    out = picked + noise
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def _vector_bytes(matrix: Matrix) -> list[bytes]:
    """pgvector's binary form: dimensions, an unused int16, big-endian float4s."""
    header = struct.pack(">HH", DIM, 0)
    big = matrix.astype(">f4")
    return [header + row.tobytes() for row in big]


async def _raw_connection(url: str) -> asyncpg.Connection:
    conn = await asyncpg.connect(url)
    schema = await conn.fetchval(
        "SELECT n.nspname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
        " WHERE t.typname = 'vector'"
    )
    await conn.set_type_codec(
        "vector",
        schema=schema,
        encoder=bytes,
        decoder=bytes,
        format="binary",
    )
    return conn


async def _copy_candidates(
    conn: asyncpg.Connection, pool_ids: list[UUID], vectors: Matrix, model: str
) -> list[UUID]:
    rng = np.random.default_rng(7)
    now = datetime.now(UTC)
    ids = [uuid4() for _ in range(len(vectors))]
    encoded = _vector_bytes(vectors)
    records = []
    for i, (cid, vec) in enumerate(zip(ids, encoded, strict=True)):
        skills = [SKILLS[k] for k in rng.choice(len(SKILLS), 4, replace=False)]
        records.append(
            (
                cid,
                pool_ids[i // POOL_SIZE],
                f"Synthetic {i}",
                _json(skills),
                "{}",
                "[]",
                "{}",
                float(rng.integers(0, 20)),
                vec,
                model,
                vec,  # a titles row, so that no refresh embeds them again
                now,
                now,
            )
        )
    columns = ["id", "pool_id", "name", "skills", "profile", "manual_fields"]
    columns += ["preferences", "years_experience", "embedding", "embedding_model"]
    columns += ["title_embedding", "created_at", "updated_at"]
    await conn.copy_records_to_table("candidates", records=records, columns=columns)
    return ids


def _json(names: Sequence[str]) -> str:
    return "[" + ",".join(f'"{n}"' for n in names) + "]"


async def _copy_jobs(
    conn: asyncpg.Connection, owner_ids: list[UUID], vectors: Matrix, model: str
) -> list[UUID]:
    now = datetime.now(UTC)
    ids = [uuid4() for _ in range(len(vectors))]
    records = [
        (
            jid,
            owner_ids[i % len(owner_ids)],
            f"Job {i}",
            "",
            "onsite",
            "open",
            "{}",
            "{}",
            vec,
            model,
            now,
            now,
        )
        for i, (jid, vec) in enumerate(zip(ids, _vector_bytes(vectors), strict=True))
    ]
    columns = ["id", "owner_id", "title", "description", "remote", "status"]
    columns += ["weights", "analysis", "embedding", "embedding_model"]
    columns += ["created_at", "updated_at"]
    await conn.copy_records_to_table("jobs", records=records, columns=columns)
    return ids


async def _drop_hnsw(conn: asyncpg.Connection) -> list[tuple[str, str]]:
    """Drop the migrated HNSW indexes, returning their definitions."""
    rows = await conn.fetch(
        "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%hnsw'"
        " ORDER BY indexname"
    )
    assert [r["indexname"] for r in rows] == [
        "candidates_embedding_hnsw",
        "jobs_embedding_hnsw",
    ]
    for row in rows:
        await conn.execute(f'DROP INDEX "{row["indexname"]}"')
    return [(r["indexname"], r["indexdef"]) for r in rows]


async def _build_hnsw(
    conn: asyncpg.Connection, definitions: list[tuple[str, str]]
) -> list[str]:
    """Recreate the indexes from their own definitions, timed, then ANALYZE."""
    await conn.execute("SET maintenance_work_mem = '1GB'")
    await conn.execute("SET max_parallel_maintenance_workers = 1")
    lines = []
    for name, definition in definitions:
        started = time.perf_counter()
        await conn.execute(definition)
        seconds = time.perf_counter() - started
        lines.append(f"{name} built in {seconds:.1f} s: {definition}")
    await conn.execute("ANALYZE candidates")
    await conn.execute("ANALYZE jobs")
    return lines


async def build_world(settings, model: str):
    """Users, pools, 100k candidates and 10k jobs; returns what the measures need."""
    small_owner = await make_user()
    small_pool = await make_pool(small_owner)
    pools = [small_pool.id]
    owners = [small_owner.id]
    for _ in range(OTHER_RECRUITERS):
        other = await make_user()
        owners.append(other.id)
        for _ in range((CANDIDATES - SMALL_POOL) // POOL_SIZE // OTHER_RECRUITERS):
            pools.append((await make_pool(other)).id)
    assert len(pools) * POOL_SIZE == CANDIDATES
    admin = await make_user(Role.ADMIN)
    rng = np.random.default_rng(6)
    centres = rng.standard_normal((CENTRES, DIM)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    vectors = unit_vectors(rng, centres, CANDIDATES)
    job_vectors = unit_vectors(rng, centres, JOBS)
    conn = await _raw_connection(settings.database_url)
    try:
        definitions = await _drop_hnsw(conn)
        started = time.perf_counter()
        ids = await _copy_candidates(conn, pools, vectors, model)
        job_ids = await _copy_jobs(conn, owners, job_vectors, model)
        loaded = time.perf_counter() - started
        index_lines = await _build_hnsw(conn, definitions)
        sizes = await conn.fetch(
            "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) AS size"
            " FROM pg_class WHERE relname IN ('candidates', 'jobs',"
            " 'candidates_embedding_hnsw', 'jobs_embedding_hnsw') ORDER BY relname"
        )
        version = await conn.fetchval(
            "SELECT extversion FROM pg_extension WHERE extname = 'vector'"
        )
    finally:
        await conn.close()
    print()
    print(f"pgvector {version}; COPY of {CANDIDATES} candidates + {JOBS} jobs")
    print(f"  {loaded:.1f} s; " + ", ".join(f"{r[0]} {r[1]}" for r in sizes))
    for line in index_lines:
        print("  " + line)
    return (small_owner, admin, pools, ids, vectors, job_ids, job_vectors, rng, centres)
