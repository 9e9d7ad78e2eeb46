"""The real refresh path (API -> queue -> worker -> PostgreSQL) scores with the
centred cosine: the deployment's means of the shipped model's vectors, every
recruiter's candidates included, taken away from both sides, for the whole resume
and for its titles row."""

import numpy as np
import pytest
from strawberry import relay

from domain.jobs import MATCHING_QUEUE
from domain.matching.centering import centred_cosines, shrunk_mean
from domain.matching.embeddings import STATIC_MODEL_NAME, similarity_from_cosine
from domain.matching.title_similarity import TITLES_SHARE
from domain.models import Candidate, Job, Match
from tests.factories import make_user
from tests.graphql import gql
from tests.samples.resumes import ADA, ALAN, GRACE
from tests.workers.test_matching_refresh import CREATE, POSTING, _parse


async def test_a_worker_refresh_scores_with_the_deployments_means(
    client, worker_factory
):
    recruiter, stranger = await make_user(), await make_user()
    await _parse(client, worker_factory, recruiter, "ada.txt", ADA)
    await _parse(client, worker_factory, recruiter, "grace.txt", GRACE)
    await _parse(client, worker_factory, stranger, "alan.txt", ALAN)
    assert await worker_factory(MATCHING_QUEUE).run_check() == 3
    variables = {"input": {"title": "Backend Engineer", "description": POSTING}}
    created = await gql(client, CREATE, variables, as_user=recruiter)
    job_id = relay.GlobalID.from_id(created["data"]["jobCreate"]["job"]["id"]).node_id

    assert await worker_factory(MATCHING_QUEUE).run_check() == 1

    job = await Job.get(id=job_id)
    candidates = await Candidate.filter(embedding_model=STATIC_MODEL_NAME)
    assert len(candidates) == 3  # the stranger's Alan counts in the mean
    rows = np.array([c.embedding for c in candidates], dtype=np.float64)
    candidate_mean = shrunk_mean(rows.mean(axis=0).tolist(), 3)
    job_mean = shrunk_mean(job.embedding, 1)
    matches = await Match.filter(job_id=job.id)
    assert len(matches) == 2
    titles = np.array([c.title_embedding for c in candidates], dtype=np.float64)
    titles_mean = shrunk_mean(titles.mean(axis=0).tolist(), 3)  # all have titles
    vectors = {c.id: c.embedding for c in candidates}
    title_rows = {c.id: c.title_embedding for c in candidates}
    similarities = []
    for match in matches:
        [whole] = centred_cosines(
            job.embedding or [], job_mean, [vectors[match.candidate_id]], candidate_mean
        )
        [by_titles] = centred_cosines(
            job.embedding or [], job_mean, [title_rows[match.candidate_id]], titles_mean
        )
        raw = float(np.dot(job.embedding or [], vectors[match.candidate_id] or []))
        assert abs(whole - raw) > 0.01  # centring changed the similarity
        cosine = (1 - TITLES_SHARE) * whole + TITLES_SHARE * by_titles
        assert match.similarity == pytest.approx(
            similarity_from_cosine(cosine), abs=1e-5
        )
        similarities.append(round(match.similarity or 0, 3))
    # Neither is clamped: the stored similarity is the blended cosine / 0.7.
    assert sorted(similarities) == [0.085, 0.785]
