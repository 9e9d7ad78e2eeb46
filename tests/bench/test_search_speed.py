"""Benchmark: full-text candidate search over 100k synthetic candidates on real
PostgreSQL (`pytest -m bench -s tests/bench/test_search_speed.py`).

- 100k candidates inserted by SQL, each with a headline, three skills and a
  150-word resume text drawn from a 2,000-word vocabulary with a skewed (Zipf-like)
  distribution, so some words are in most resumes and some in a few dozen. One
  recruiter's pool holds 1 % of them; an admin sees 100 %.
- A page of 20 through `page_candidates` (the `candidates` field's domain path:
  the total count and the ranked page, `domain.candidates.search_page`) for five
  queries: a common word, a rare word, a phrase, an OR and a negation; p50/p95
  per scope, and whether the total is an estimate.
- In the same run, "before": the path the field took until issue #6 (every
  match counted and ranked: `list_candidates` + `paginate`), fewer rounds.
- And the same page with ILIKE on the resume text instead (no index can serve
  it): the baseline the GIN index is measured against.
- EXPLAIN of the 100 % scope shows the bitmap scans of
  `candidates_search_vector_gin` (a rare word) and `candidates_search_bigrams_gin`
  (the phrase).
"""

import random
import statistics
import time

import pytest
from tortoise import connections

from domain.candidates import search_page
from domain.candidates.service import (
    CandidateFilter,
    list_candidates,
    ordering_for,
    page_candidates,
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
BEFORE_ROUNDS = 10  # the old path takes seconds a page at 100k
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


async def _page_ms(viewer, candidate_filter) -> tuple[float, int, bool]:
    started = time.perf_counter()
    page = await page_candidates(viewer, candidate_filter, None, first=20, after=None)
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, page.total_count, page.total_count_is_estimate


async def _before_ms(viewer, candidate_filter) -> tuple[float, int, bool]:
    """The path before issue #6: every match counted and ranked."""
    started = time.perf_counter()
    query = list_candidates(viewer, candidate_filter)
    ordering = ordering_for(None, candidate_filter)
    page = await paginate(query, first=20, after=None, ordering=ordering)
    return (time.perf_counter() - started) * 1000, page.total_count, False


async def _ilike_ms(viewer, word: str) -> tuple[float, int]:
    started = time.perf_counter()
    query = list_candidates(viewer, CandidateFilter()).filter(
        resume_text__icontains=word
    )
    ordering = ordering_for(None, CandidateFilter())
    page = await paginate(query, first=20, after=None, ordering=ordering)
    return (time.perf_counter() - started) * 1000, page.total_count


def _line(name: str, timings: list[float], hits: int, estimate: bool = False) -> str:
    q = statistics.quantiles(timings, n=20)
    about = "~" if estimate else " "
    return (
        f"{name:<40} p50 {q[9]:7.2f} ms  p95 {q[18]:7.2f} ms  matches {about}{hits:>6}"
    )


async def _timed(
    measure, viewer, text: str, rounds: int
) -> tuple[list[float], int, bool]:
    """`rounds` timings after one warm-up run, and that run's total."""
    _, hits, estimate = await measure(viewer, CandidateFilter(query=text))
    timings = [
        (await measure(viewer, CandidateFilter(query=text)))[0] for _ in range(rounds)
    ]
    return timings, hits, estimate


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
    print(
        f"ranked window {search_page.WINDOW}, all read up to {search_page.SORTED_UP_TO}"
    )
    for scope, viewer in scopes.items():
        for name, text in QUERIES.items():
            timings, hits, estimate = await _timed(_page_ms, viewer, text, ROUNDS)
            print(_line(f"{scope:>5} full text: {name}", timings, hits, estimate))
        for name, text in QUERIES.items():
            timings, hits, _ = await _timed(_before_ms, viewer, text, BEFORE_ROUNDS)
            print(_line(f"{scope:>5} before #6: {name}", timings, hits))
        for word in ("w0003", "w1500"):
            runs = [
                await _ilike_ms(viewer, word) for _ in range(BEFORE_ROUNDS // 2 + 1)
            ]
            timings = [ms for ms, _ in runs[1:]]
            print(_line(f"{scope:>5} ILIKE baseline: {word}", timings, runs[0][1]))

    admin_scope = list_candidates(scopes["100 %"], CandidateFilter())
    for text, index in (
        ("w1500", "candidates_search_vector_gin"),
        (QUERIES["phrase"], "candidates_search_bigrams_gin"),
    ):
        matches = await search_page.matches_in_scope(scopes["100 %"], admin_scope, text)
        lines = "\n".join(await search_page.explain(matches, "ANALYZE, BUFFERS"))
        print(lines)
        assert index in lines
