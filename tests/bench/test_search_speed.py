"""Benchmark: full-text candidate search over 100k synthetic candidates on real
PostgreSQL (`pytest -m bench -s tests/bench/test_search_speed.py`).

- 100k candidates inserted by SQL, each with a headline, three skills and a
  150-word resume text drawn from a 2,000-word vocabulary with a skewed (Zipf-like)
  distribution, so some words are in most resumes and some in a few dozen. One
  recruiter's pool holds 1 % of them; an admin sees 100 %.
- A page of 20 through `list_candidates` + `paginate` (the `candidates` field's
  domain path: the total count and the ranked page) for five queries: a common
  word, a rare word, a phrase, an OR and a negation; p50/p95 per scope.
- In the same run, the same page with ILIKE on the resume text instead (no index
  can serve it): the baseline the GIN index is measured against.
- EXPLAIN of the 100 % scope shows the bitmap scan of `candidates_search_vector_gin`.
"""

import random
import statistics
import time

import pytest
from tortoise import connections

from domain.candidates.service import (
    CandidateFilter,
    list_candidates,
    ordering_for,
)
from domain.models import Role
from domain.pagination import paginate
from tests.factories import make_pool, make_user, viewer_of

pytestmark = [pytest.mark.bench, pytest.mark.timeout(900)]

CANDIDATES = 100_000
SMALL_POOL = 1_000
WORDS = 150
VOCABULARY = 2_000
ROUNDS = 40
SKILLS = ["Python", "Java", "Kubernetes", "PostgreSQL", "React", "Go", "Rust", "SQL"]
QUERIES = {
    "common word": "w0003",
    "rare word": "w1500",
    "phrase": '"w0001 w0002"',
    "or": "w0900 or w1200",
    "negation": "w0010 -w0004",
}


async def _load(small_pool_id, big_pool_id) -> None:
    """Rows straight into the table: 100k ORM inserts would take minutes."""
    words = [f"w{i:04d}" for i in range(VOCABULARY)]
    sql = """
    INSERT INTO candidates (id, pool_id, name, headline, skills, profile,
        manual_fields, preferences, resume_text, created_at, updated_at)
    SELECT gen_random_uuid(),
        CASE WHEN n <= $1 THEN $2::uuid ELSE $3::uuid END,
        'Synthetic ' || n,
        'Engineer ' || n,
        jsonb_build_array(($5::text[])[1 + n % 8], ($5::text[])[1 + (n / 8) % 8],
                          ($5::text[])[1 + (n / 64) % 8]),
        '{}'::jsonb, '[]'::jsonb, '{}'::jsonb,
        (SELECT string_agg(($4::text[])[1 + floor($6 * power(random(), 3))::int], ' ')
           FROM generate_series(1, $7) WHERE n > 0),
        now(), now()
    FROM generate_series(1, $8) AS n
    """
    conn = connections.get("default")
    await conn.execute_query(
        sql,
        [
            SMALL_POOL,
            str(small_pool_id),
            str(big_pool_id),
            words,
            SKILLS,
            VOCABULARY - 1,
            WORDS,
            CANDIDATES,
        ],
    )
    await conn.execute_script("ANALYZE candidates")


async def _page_ms(viewer, candidate_filter) -> tuple[float, int]:
    started = time.perf_counter()
    query = list_candidates(viewer, candidate_filter)
    ordering = ordering_for(None, candidate_filter)
    page = await paginate(query, first=20, after=None, ordering=ordering)
    return (time.perf_counter() - started) * 1000, page.total_count


async def _ilike_ms(viewer, word: str) -> tuple[float, int]:
    started = time.perf_counter()
    query = list_candidates(viewer, CandidateFilter()).filter(
        resume_text__icontains=word
    )
    ordering = ordering_for(None, CandidateFilter())
    page = await paginate(query, first=20, after=None, ordering=ordering)
    return (time.perf_counter() - started) * 1000, page.total_count


def _line(name: str, timings: list[float], hits: int) -> str:
    q = statistics.quantiles(timings, n=20)
    return f"{name:<34} p50 {q[9]:7.2f} ms  p95 {q[18]:7.2f} ms  matches {hits:>6}"


async def test_bench_full_text_search(db):
    recruiter = await make_user()
    admin = await make_user(Role.ADMIN)
    small = await make_pool(recruiter)
    big = await make_pool(await make_user())
    started = time.perf_counter()
    await _load(small.id, big.id)
    print(f"\nloaded {CANDIDATES} candidates in {time.perf_counter() - started:.1f} s")
    scopes = {"1 %": viewer_of(recruiter), "100 %": viewer_of(admin)}
    random.seed(7)
    for scope, viewer in scopes.items():
        for name, text in QUERIES.items():
            runs = [await _page_ms(viewer, CandidateFilter(query=text))]
            runs += [
                await _page_ms(viewer, CandidateFilter(query=text))
                for _ in range(ROUNDS)
            ]
            timings = [ms for ms, _ in runs[1:]]
            print(_line(f"{scope:>5} full text: {name}", timings, runs[0][1]))
        for word in ("w0003", "w1500"):
            runs = [await _ilike_ms(viewer, word) for _ in range(ROUNDS // 4 + 1)]
            timings = [ms for ms, _ in runs[1:]]
            print(_line(f"{scope:>5} ILIKE baseline: {word}", timings, runs[0][1]))

    query = list_candidates(scopes["100 %"], CandidateFilter(query="w1500"))
    page = query.order_by("-search_rank", "-id").limit(20)
    plan = await page.explain("text", analyze=True)
    text = "\n".join(str(next(iter(row.values()))) for row in plan)
    print(text)
    assert "candidates_search_vector_gin" in text
