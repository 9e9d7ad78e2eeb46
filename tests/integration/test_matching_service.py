"""Match refresh on real PostgreSQL and pgvector: scoped retrieval, breakdowns
that add up, history, feedback kept, candidate -> jobs."""

import pytest

from domain.errors import NotFound
from domain.matching.model import Finding, JobAnalysis, skill_requirement
from domain.matching.service import (
    list_job_matches,
    refresh_candidate_matches,
    refresh_job_matches,
    set_match_feedback,
)
from domain.models import Job, Match, MatchFeedback
from domain.parsing.taxonomy import load_taxonomy
from domain.pools import grant_pool
from tests.factories import make_candidate, make_pool, make_user, viewer_of

DEFAULT = {"skills": 0.5, "experience": 0.25, "education": 0.15, "location": 0.1}


async def run_inline(work):
    return work()


def _analysis(*required: str, years: float) -> dict:
    taxonomy = load_taxonomy()
    return JobAnalysis(
        required_skills=tuple(skill_requirement(n, taxonomy) for n in required),
        min_years_experience=Finding(value=years, confidence=1.0),
    ).model_dump(mode="json")


async def _world():
    owner = await make_user(name="Olga Owner")
    pool = await make_pool(owner)
    strong = await make_candidate(
        pool, name="Ada", skills=["Python", "PostgreSQL"], location="London"
    )
    weak = await make_candidate(pool, name="Bob", skills=["Python"], location="Paris")
    for candidate, years in ((strong, 6.0), (weak, 2.5)):
        candidate.years_experience = years
        await candidate.save(update_fields=["years_experience"])
    stranger = await make_candidate(
        await make_pool(await make_user()), name="Eve", skills=["Python", "PostgreSQL"]
    )
    job = await Job.create(
        owner=owner,
        title="Backend engineer",
        description="Python and PostgreSQL, five years.",
        location="London",
        analysis=_analysis("Python", "PostgreSQL", years=5),
    )
    return owner, job, strong, weak, stranger


def _factors(match: Match) -> dict:
    return {f["name"]: f for f in match.factors["factors"]}


async def test_a_job_is_matched_only_with_candidates_its_owner_sees(db):
    owner, job, strong, weak, stranger = await _world()

    result = await refresh_job_matches(job.id, run_cpu=run_inline)

    assert (result.scored, result.removed) == (2, 0)
    matches = await list_job_matches(viewer_of(owner), job.id, min_score=0).order_by(
        "-score"
    )
    assert [m.candidate_id for m in matches] == [strong.id, weak.id]
    assert await Match.filter(candidate_id=stranger.id).count() == 0


async def test_the_breakdown_adds_up_and_says_why(db):
    _, job, strong, weak, _ = await _world()
    await refresh_job_matches(job.id, run_cpu=run_inline)

    best = await Match.get(candidate_id=strong.id)
    factors = _factors(best)
    # Education is not asked for: its weight is shared out among the other three.
    assert {n: round(f["weight"], 6) for n, f in factors.items()} == {
        "skills": round(0.5 / 0.85, 6),
        "experience": round(0.25 / 0.85, 6),
        "education": 0.0,
        "location": round(0.1 / 0.85, 6),
    }
    similarity = factors["skills"]["evidence"]["similarity"]
    assert factors["skills"]["value"] == pytest.approx(0.3 * 1.0 + 0.7 * similarity)
    assert factors["skills"]["evidence"]["matched_required"] == ["Python", "PostgreSQL"]
    assert (factors["experience"]["value"], factors["location"]["value"]) == (1.0, 1.0)
    total = sum(f["contribution"] for f in factors.values())
    assert best.score == pytest.approx(total, abs=1e-6)

    other = _factors(await Match.get(candidate_id=weak.id))
    assert other["skills"]["evidence"]["missing_required"] == ["PostgreSQL"]
    assert (other["experience"]["value"], other["location"]["value"]) == (0.5, 0.0)
    reasons = (await Match.get(candidate_id=weak.id)).reasons
    assert "PostgreSQL" in " ".join(reasons["gaps"])


async def test_a_second_refresh_keeps_the_earlier_score_in_history(db):
    _, job, strong, _, _ = await _world()
    await refresh_job_matches(job.id, run_cpu=run_inline)
    first = await Match.get(candidate_id=strong.id)
    await refresh_job_matches(job.id, run_cpu=run_inline)
    again = await Match.get(candidate_id=strong.id)
    assert again.id == first.id
    assert [h["score"] for h in again.history] == [first.score]
    assert again.score_version == "score-v3"


async def test_a_shared_pool_brings_its_candidates_to_the_grantees_jobs(db):
    owner, _, strong, weak, _ = await _world()
    colleague = await make_user(name="Grace Granted")
    await grant_pool(viewer_of(owner), pool_id=strong.pool_id, email=colleague.email)
    theirs = await Job.create(
        owner=colleague,
        title="Data engineer",
        description="Python.",
        analysis=_analysis("Python", years=1),
    )

    result = await refresh_candidate_matches(weak.id, run_cpu=run_inline)

    assert result.scored == 2  # the owner's job and the colleague's
    assert await Match.filter(candidate_id=weak.id, job_id=theirs.id).exists()


async def test_feedback_is_kept_when_a_match_falls_out_and_needs_the_owner(db):
    owner, job, strong, _, _ = await _world()
    await refresh_job_matches(job.id, run_cpu=run_inline)
    match = await Match.get(candidate_id=strong.id)
    with pytest.raises(NotFound):
        await set_match_feedback(
            viewer_of(await make_user()), match.id, MatchFeedback.INTERESTED
        )
    await set_match_feedback(viewer_of(owner), match.id, MatchFeedback.INTERESTED)
    assert (await Match.get(id=match.id)).feedback is MatchFeedback.INTERESTED


async def test_a_closed_job_is_not_refreshed(db):
    _, job, _, _, _ = await _world()
    job.status = "closed"
    await job.save()
    result = await refresh_job_matches(job.id, run_cpu=run_inline)
    assert (result.scored, await Match.all().count()) == (0, 0)
