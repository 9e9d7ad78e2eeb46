"""Benchmark: a 50-row candidates page with nested fields, against a trivial query
measured in the same run (`pytest -m bench -s tests/bench`)."""

import resource
import statistics
import time

import pytest

from domain.models import Role
from tests.factories import make_candidate, make_pool, make_user
from tests.graphql import gql

pytestmark = pytest.mark.bench

PAGE = """{ allCandidates(first: 50) { totalCount edges { node {
  id name email skills pool { name owner { email } } sources { kind } } } } }"""
BASELINE = "{ viewer { id email } }"
ROUNDS = 200


async def _timings(client, query, admin) -> list[float]:
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        body = await gql(client, query, as_user=admin)
        timings.append((time.perf_counter() - started) * 1000)
        assert "errors" not in body
    return timings


def _summary(name: str, timings: list[float]) -> str:
    q = statistics.quantiles(timings, n=100)
    return (
        f"{name:<22} p50 {q[49]:6.2f} ms  p95 {q[94]:6.2f} ms  p99 {q[98]:6.2f} ms"
        f"  {1000 / statistics.mean(timings):7.1f} req/s"
    )


async def test_bench_fifty_row_nested_page(client):
    admin = await make_user(Role.ADMIN)
    for _ in range(5):
        pool = await make_pool(await make_user())
        for _ in range(20):
            await make_candidate(pool, skills=["Python", "SQL", "GraphQL"])
    await _timings(client, BASELINE, admin)  # warm-up

    baseline = await _timings(client, BASELINE, admin)
    page = await _timings(client, PAGE, admin)

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = statistics.median(page) / statistics.median(baseline)
    print()
    print(_summary("baseline viewer", baseline))
    print(_summary("50-row nested page", page))
    print(f"page / baseline (p50)  {ratio:.2f}x   max RSS {rss_mb:.0f} MB")
