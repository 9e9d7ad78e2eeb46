"""Which matches a refresh keeps, on real PostgreSQL: a match stays while it is
among its job's best or its candidate's best, from whichever side the refresh
starts (`domain.matching.kept`)."""

from domain.matching import kept
from domain.matching.service import refresh_candidate_matches, refresh_job_matches
from domain.models import Job, Match
from tests.factories import make_candidate, make_pool, make_user
from tests.integration.test_matching_service import _analysis, run_inline


async def _job(owner, title: str, *required: str) -> Job:
    return await Job.create(
        owner=owner,
        title=title,
        description=f"{title}: {', '.join(required)}.",
        analysis=_analysis(*required, years=1),
    )


async def _pairs() -> set[tuple[str, str]]:
    rows = await Match.all().prefetch_related("job", "candidate")
    return {(m.job.title, m.candidate.name) for m in rows}


async def test_a_job_posted_later_stays_among_each_candidates_best(db, monkeypatch):
    monkeypatch.setattr(kept, "KEPT_PER_JOB", 1)
    owner = await make_user()
    pool = await make_pool(owner)
    await make_candidate(pool, name="Ada", skills=["Python", "PostgreSQL"])
    await make_candidate(pool, name="Bob", skills=["Python"])
    await make_candidate(pool, name="Cy", skills=["Excel"])
    job = await _job(owner, "Backend engineer", "Python", "PostgreSQL")

    result = await refresh_job_matches(job.id, run_cpu=run_inline)

    # One kept as the job's best; the others because the job is among their best
    # (they have no other match), though the job alone keeps only one.
    assert result.scored == 3
    assert await _pairs() == {
        ("Backend engineer", "Ada"),
        ("Backend engineer", "Bob"),
        ("Backend engineer", "Cy"),
    }


async def test_a_match_outside_both_bests_goes(db, monkeypatch):
    monkeypatch.setattr(kept, "KEPT_PER_JOB", 1)
    monkeypatch.setattr(kept, "KEPT_PER_CANDIDATE", 1)
    owner = await make_user()
    pool = await make_pool(owner)
    ada = await make_candidate(pool, name="Ada", skills=["Python", "PostgreSQL"])
    await make_candidate(pool, name="Bob", skills=["Python"])
    backend = await _job(owner, "Backend engineer", "Python", "PostgreSQL")
    scripting = await _job(owner, "Script writer", "Python")
    await refresh_job_matches(backend.id, run_cpu=run_inline)

    await refresh_job_matches(scripting.id, run_cpu=run_inline)

    # Script writer scored both: Bob is its best; for Ada it is neither her best
    # job (Backend scores her higher) nor is she its best, so that pair is not
    # stored. Backend's pairs were not scored again and stay.
    expected = {
        ("Backend engineer", "Ada"),
        ("Backend engineer", "Bob"),
        ("Script writer", "Bob"),
    }
    assert await _pairs() == expected
    await refresh_candidate_matches(ada.id, run_cpu=run_inline)
    assert await _pairs() == expected


async def test_a_candidates_refresh_keeps_her_where_she_is_a_jobs_best(db, monkeypatch):
    monkeypatch.setattr(kept, "KEPT_PER_JOB", 1)
    monkeypatch.setattr(kept, "KEPT_PER_CANDIDATE", 1)
    owner = await make_user()
    pool = await make_pool(owner)
    ada = await make_candidate(pool, name="Ada", skills=["Python", "PostgreSQL"])
    await _job(owner, "Backend engineer", "Python", "PostgreSQL")
    await _job(owner, "Database administrator", "PostgreSQL")

    result = await refresh_candidate_matches(ada.id, run_cpu=run_inline)

    # Only one job is her best, but she is the best (the only) candidate of both.
    assert result.scored == 2
    assert await _pairs() == {
        ("Backend engineer", "Ada"),
        ("Database administrator", "Ada"),
    }
