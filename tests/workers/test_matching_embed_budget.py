"""A job's refresh embeds the candidates that lack a vector within a time budget
and queues itself again for the rest (a switch to a slow local model must not
run into the job timeout), with a real worker."""

from uuid import UUID

from domain.jobs import MATCHING_QUEUE, REFRESH_JOB_MATCHES, enqueue
from domain.matching import stored_vectors
from domain.matching.model import JobAnalysis, skill_requirement
from domain.matching.service import refresh_job_matches
from domain.models import Candidate, Job, Match
from domain.parsing.taxonomy import load_taxonomy
from tests.factories import make_candidate, make_pool, make_user
from workers import matching


async def run_inline(work):
    return work()


async def _job_and_unembedded(count: int) -> tuple[Job, list[Candidate]]:
    owner = await make_user()
    pool = await make_pool(owner)
    candidates = [
        await make_candidate(pool, skills=["Python"], location="London")
        for _ in range(count)
    ]
    analysis = JobAnalysis(
        required_skills=(skill_requirement("Python", load_taxonomy()),)
    )
    job = await Job.create(
        owner=owner,
        title="Python developer",
        description="Python.",
        location="London",
        analysis=analysis.model_dump(mode="json"),
    )
    return job, candidates


async def test_a_spent_budget_embeds_one_chunk_and_says_more_are_left(db, monkeypatch):
    monkeypatch.setattr(stored_vectors, "EMBED_CHUNK", 2)
    monkeypatch.setattr(stored_vectors, "start_cursor", lambda: UUID(int=0))
    job, _ = await _job_and_unembedded(5)

    first = await refresh_job_matches(
        job.id, run_cpu=run_inline, embed_budget_seconds=0
    )

    assert (first.scored, first.embedding_left) == (2, True)
    assert await Candidate.filter(embedding_model__isnull=False).count() == 2
    second = await refresh_job_matches(
        job.id, run_cpu=run_inline, embed_budget_seconds=0
    )
    third = await refresh_job_matches(
        job.id, run_cpu=run_inline, embed_budget_seconds=0
    )
    assert (second.scored, second.embedding_left) == (4, True)
    assert (third.scored, third.embedding_left) == (5, False)


async def test_a_refresh_starts_at_its_own_place_and_wraps_round(db, monkeypatch):
    """Refreshes running at once start at different ids, so they embed different
    candidates; each still reaches every one."""
    monkeypatch.setattr(stored_vectors, "EMBED_CHUNK", 2)
    job, candidates = await _job_and_unembedded(5)
    by_id = sorted(c.id for c in candidates)
    monkeypatch.setattr(stored_vectors, "start_cursor", lambda: by_id[2])

    await refresh_job_matches(job.id, run_cpu=run_inline, embed_budget_seconds=0)
    embedded = Candidate.filter(embedding_model__isnull=False)
    assert sorted(await embedded.values_list("id", flat=True)) == by_id[3:]
    result = await refresh_job_matches(
        job.id, run_cpu=run_inline, embed_budget_seconds=0
    )
    assert sorted(await embedded.values_list("id", flat=True)) == [
        *by_id[:2],
        *by_id[3:],
    ]
    assert result.embedding_left


async def test_a_chunk_that_reaches_the_end_is_filled_from_the_start(db, monkeypatch):
    """Wherever the walk begins, a few missing candidates are one chunk."""
    job, candidates = await _job_and_unembedded(3)
    by_id = sorted(c.id for c in candidates)
    monkeypatch.setattr(stored_vectors, "start_cursor", lambda: by_id[1])

    result = await refresh_job_matches(
        job.id, run_cpu=run_inline, embed_budget_seconds=0
    )

    assert (result.scored, result.embedding_left) == (3, False)


async def test_without_a_budget_every_missing_vector_is_made(db, monkeypatch):
    monkeypatch.setattr(stored_vectors, "EMBED_CHUNK", 2)
    job, _ = await _job_and_unembedded(5)

    result = await refresh_job_matches(job.id, run_cpu=run_inline)

    assert (result.scored, result.embedding_left) == (5, False)


async def test_the_worker_queues_the_refresh_again_until_all_are_scored(
    worker_factory, queue, monkeypatch
):
    monkeypatch.setattr(stored_vectors, "EMBED_CHUNK", 1)
    monkeypatch.setattr(matching, "EMBED_SHARE", 0)
    job, candidates = await _job_and_unembedded(3)
    await enqueue(queue, REFRESH_JOB_MATCHES, job.id, queue_name=MATCHING_QUEUE)

    worker = worker_factory(MATCHING_QUEUE)
    await worker.run_check()

    assert worker.jobs_complete == 3  # one chunk each; the last one finds no more
    scored = await Match.filter(job_id=job.id).values_list("candidate_id", flat=True)
    assert sorted(scored) == sorted(c.id for c in candidates)
