"""Nearest neighbours inside a scope on real PostgreSQL and pgvector: the exact
scan of a small scope and the iterative HNSW scan of a large one return the same
rows in the same order, only of the scope and of the model asked for."""

import numpy as np
import pytest

from domain.matching import retrieval
from domain.matching.retrieval import nearest_candidates, nearest_jobs
from domain.models import Candidate, Job
from tests.factories import make_candidate, make_pool, make_user

MODEL = "model-a"


def _vectors(count: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(count, 384))
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


async def _embedded(row: Candidate | Job, vector: np.ndarray, model: str) -> None:
    row.embedding, row.embedding_model = vector.tolist(), model
    await row.save(update_fields=["embedding", "embedding_model"])


def _expected(ids: list, vectors: np.ndarray, query: np.ndarray, k: int) -> list:
    cosines = vectors @ query
    order = sorted(range(len(ids)), key=lambda i: (-cosines[i], str(ids[i])))
    return [ids[i] for i in order[:k]]


@pytest.mark.parametrize("exact_limit", [20_000, 3], ids=["exact", "hnsw"])
async def test_candidates_of_the_scope_most_similar_first(db, monkeypatch, exact_limit):
    monkeypatch.setattr(retrieval, "EXACT_SCAN_LIMIT", exact_limit)
    owner = await make_user()
    mine, theirs = await make_pool(owner), await make_pool(await make_user())
    vectors = _vectors(30, seed=1)
    ids = []
    for vector in vectors[:20]:
        candidate = await make_candidate(mine)
        await _embedded(candidate, vector, MODEL)
        ids.append(candidate.id)
    for vector in vectors[20:25]:  # closer ones of another recruiter's pool
        await _embedded(await make_candidate(theirs), vector, MODEL)
    for vector in vectors[25:]:  # the same pool, another model's vectors
        await _embedded(await make_candidate(mine), vector, "model-b")
    await make_candidate(mine)  # no vector at all
    query = vectors[20] + 0.3 * vectors[3]

    found = await nearest_candidates([mine.id], query.tolist(), model=MODEL, limit=8)

    assert [n.id for n in found] == _expected(ids, vectors[:20], query, 8)
    best = found[0]
    assert best.cosine == pytest.approx(
        float(vectors[ids.index(best.id)] @ query / np.linalg.norm(query)), abs=1e-5
    )


async def test_jobs_among_the_ids_given_most_similar_first(db):
    owner = await make_user()
    vectors = _vectors(12, seed=2)
    jobs = []
    for vector in vectors:
        job = await Job.create(owner=owner, title="Role", description="Role.")
        await _embedded(job, vector, MODEL)
        jobs.append(job.id)
    query = vectors[0] + vectors[11]

    found = await nearest_jobs(jobs[:10], query.tolist(), model=MODEL, limit=5)

    assert [n.id for n in found] == _expected(jobs[:10], vectors[:10], query, 5)
    assert jobs[11] not in {n.id for n in found}  # close, but not among the ids
