"""The deployment's mean vectors on real PostgreSQL: read per embedding model with
pgvector's avg(), shrunk, cached for a minute, and used by a match refresh."""

import time

import numpy as np
import pytest
from tortoise import connections

from domain.matching.centering import centred_cosines, shrunk_mean
from domain.matching.deployment_centers import (
    CACHE_SECONDS,
    deployment_centers,
    forget_centers,
)
from domain.matching.embeddings import STATIC_MODEL_NAME, similarity_from_cosine
from domain.matching.service import refresh_candidate_matches, refresh_job_matches
from domain.matching.title_similarity import TITLES_SHARE
from domain.models import Candidate, Job, Match
from tests.factories import make_candidate, make_pool, make_user
from tests.integration.test_matching_service import _analysis, run_inline


def _axis(i: int) -> list[float]:
    vector = [0.0] * 384
    vector[i] = 1.0
    return vector


async def _embedded(row: Candidate | Job, vector: list[float], model: str) -> None:
    row.embedding, row.embedding_model = vector, model
    await row.save(update_fields=["embedding", "embedding_model"])


async def test_the_means_are_read_per_model_and_shrunk(db):
    owner = await make_user()
    pool = await make_pool(owner)
    for axis, model in ((0, "model-a"), (1, "model-a"), (2, "model-b")):
        await _embedded(await make_candidate(pool), _axis(axis), model)
    await make_candidate(pool)  # not embedded: not in any mean
    for axis, model in ((3, "model-a"), (4, "model-b")):
        job = await Job.create(owner=owner, title="Job", description="Work.")
        await _embedded(job, _axis(axis), model)

    a = await deployment_centers("model-a")
    b = await deployment_centers("model-b")
    none = await deployment_centers("model-c")

    assert (a.candidate_count, a.job_count, b.candidate_count, b.job_count) == (
        2,
        1,
        1,
        1,
    )
    assert a.candidates is not None
    assert a.jobs is not None
    # Two vectors with a prior weight of 2: half of their mean (0.5, 0.5).
    assert a.candidates[:5].tolist() == [0.25, 0.25, 0.0, 0.0, 0.0]
    assert a.jobs[:5].tolist() == pytest.approx([0, 0, 0, 1 / 3, 0], abs=1e-7)
    assert b.candidates is not None
    assert b.candidates[:5].tolist() == pytest.approx([0, 0, 1 / 3, 0, 0], abs=1e-7)
    assert (none.candidates, none.jobs, none.candidate_count) == (None, None, 0)


async def test_a_large_deployments_means_are_cached_for_a_minute(db, monkeypatch):
    pool = await make_pool(await make_user())
    counts = []
    for axis in range(3):
        await _embedded(await make_candidate(pool), _axis(axis), "model-a")
        # Below `cache_from` vectors the means are read every time.
        counts.append((await deployment_centers("model-a")).candidate_count)
    assert counts == [1, 2, 3]

    first = await deployment_centers("model-a", cache_from=3)
    await _embedded(await make_candidate(pool), _axis(3), "model-a")
    cached = await deployment_centers("model-a", cache_from=3)
    later = time.monotonic() + CACHE_SECONDS + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    fresh = await deployment_centers("model-a", cache_from=3)

    assert (first.candidate_count, cached.candidate_count) == (3, 3)
    assert fresh.candidate_count == 4
    assert fresh.candidates is not None
    # (4 x 0.25) / (4 + 2): the mean of four axes, 4/6 of it
    assert fresh.candidates[:5].tolist() == pytest.approx([1 / 6] * 4 + [0], abs=1e-7)


async def test_a_refresh_scores_with_the_centred_cosine(db):
    owner = await make_user()
    pool = await make_pool(owner)
    people = [
        await make_candidate(pool, headline=headline, skills=skills)
        for headline, skills in (
            ("Python backend engineer", ["Python", "PostgreSQL"]),
            ("Python developer", ["Python", "Django"]),
            ("Data engineer", ["Python", "SQL"]),
            ("Line cook", ["Baking"]),
        )
    ]
    # Another recruiter's candidate counts in the mean but is never matched.
    stranger = await make_candidate(
        await make_pool(await make_user()), headline="Java developer", skills=["Java"]
    )
    await refresh_candidate_matches(stranger.id, run_cpu=run_inline)  # embeds it
    other = await make_candidate(await make_pool(await make_user()), headline="Nurse")
    await _embedded(other, _axis(7), "another-model")  # not in this model's mean
    job = await Job.create(
        owner=owner,
        title="Backend engineer",
        description="Python services on PostgreSQL.",
        analysis=_analysis("Python", "PostgreSQL", years=0),
    )
    forget_centers()

    await refresh_job_matches(job.id, run_cpu=run_inline)

    await job.refresh_from_db()
    stored = {
        c.id: c for c in await Candidate.filter(embedding_model=STATIC_MODEL_NAME)
    }
    assert set(stored) == {*(p.id for p in people), stranger.id}
    assert len(stored) == 5
    rows = np.array([c.embedding for c in stored.values()], dtype=np.float64)
    candidate_mean = shrunk_mean(rows.mean(axis=0).tolist(), 5)
    # A typed-in profile's titles row is its headline's; all five have one.
    titles = np.array([c.title_embedding for c in stored.values()], dtype=np.float64)
    titles_mean = shrunk_mean(titles.mean(axis=0).tolist(), 5)
    job_mean = shrunk_mean(job.embedding, 1)
    cosines = []
    for person in people:
        match = await Match.get(job_id=job.id, candidate_id=person.id)
        [whole] = centred_cosines(
            job.embedding or [], job_mean, [stored[person.id].embedding], candidate_mean
        )
        [by_titles] = centred_cosines(
            job.embedding or [],
            job_mean,
            [stored[person.id].title_embedding],
            titles_mean,
        )
        cosine = (1 - TITLES_SHARE) * whole + TITLES_SHARE * by_titles
        assert match.similarity == pytest.approx(
            similarity_from_cosine(cosine), abs=1e-5
        )
        cosines.append((round(whole, 2), round(by_titles, 2)))
        factors = match.factors["factors"]
        assert match.score == pytest.approx(
            sum(f["contribution"] for f in factors), abs=1e-6
        )
    # Between the clamps, so the similarity shows the centred cosines themselves.
    assert cosines == [(0.89, 0.71), (0.28, 0.28), (0.17, 0.03), (-0.34, -0.24)]
    assert not await Match.filter(candidate_id=stranger.id, job_id=job.id).exists()
    assert not await Match.filter(candidate_id=other.id).exists()


async def test_the_titles_mean_leaves_out_zero_and_missing_rows(db):
    pool = await make_pool(await make_user())
    rows = ((_axis(0), _axis(5)), (_axis(1), [0.0] * 384), (_axis(2), None))
    for vector, titles in rows:
        candidate = await make_candidate(pool)
        candidate.embedding, candidate.embedding_model = vector, "model-a"
        candidate.title_embedding = titles
        await candidate.save(
            update_fields=["embedding", "embedding_model", "title_embedding"]
        )

    centers = await deployment_centers("model-a")

    # Three candidates in the mean; one titles row (a zero row means no titles).
    assert centers.candidate_count == 3
    assert centers.candidate_titles is not None
    assert centers.candidate_titles[5] == pytest.approx(1 / 3)
    assert float(np.abs(centers.candidate_titles).sum()) == pytest.approx(1 / 3)


async def test_the_stored_vector_stays_in_the_row_and_the_titles_row_moves_out(db):
    """Two 1.5 kB vectors pass the 2 kB TOAST threshold: `embedding` (STORAGE
    MAIN, migration 0012) stays in the row, which every scan reads."""
    candidate = await make_candidate(await make_pool(await make_user()))
    candidate.embedding, candidate.embedding_model = _axis(0), "model-a"
    candidate.title_embedding = _axis(1)
    await candidate.save(
        update_fields=["embedding", "embedding_model", "title_embedding"]
    )

    [row] = await connections.get("default").execute_query_dict(
        "SELECT pg_column_toast_chunk_id(embedding) AS whole,"
        " pg_column_toast_chunk_id(title_embedding) AS titles"
        " FROM candidates WHERE id = $1",
        [candidate.id],
    )

    assert row["whole"] is None
    assert row["titles"] is not None
