"""Preferences on real PostgreSQL: who may set them, and the filter they put on
candidate -> jobs matching (a job applied to is always kept)."""

import pytest

from domain.candidates.preferences import parse_preferences
from domain.candidates.service import set_preferences
from domain.errors import NotFound
from domain.matching.service import refresh_candidate_matches
from domain.models import Application, Candidate, Job, Match, RemotePolicy, Role
from tests.factories import make_candidate, make_pool, make_user, viewer_of
from tests.integration.test_matching_service import _analysis, run_inline


async def _jobs(owner):
    common = {"owner": owner, "analysis": _analysis("Python", years=1)}
    onsite = await Job.create(
        title="Python developer",
        description="Python in Leeds.",
        location="Leeds",
        **common,
    )
    remote = await Job.create(
        title="Python developer",
        description="Python, remote.",
        remote=RemotePolicy.REMOTE,
        **common,
    )
    return onsite, remote


async def _matched_jobs(candidate) -> set:
    rows = await Match.filter(candidate_id=candidate.id).values("job_id", "feedback")
    return {(row["job_id"], row["feedback"]) for row in rows}


async def test_preferences_filter_candidate_to_jobs_matching(db, queue):
    owner = await make_user()
    pool = await make_pool(owner)
    ada = await make_candidate(pool, name="Ada", skills=["Python"])
    onsite, remote = await _jobs(owner)

    await refresh_candidate_matches(ada.id, run_cpu=run_inline)
    assert {job for job, _ in await _matched_jobs(ada)} == {onsite.id, remote.id}

    wanted = parse_preferences({"work_modes": ["remote"]})
    await set_preferences(viewer_of(owner), ada.id, wanted, queue=queue)
    await refresh_candidate_matches(ada.id, run_cpu=run_inline)
    assert await _matched_jobs(ada) == {(remote.id, None)}

    # An application keeps its job whatever the preferences say.
    applicant = await make_user(Role.CANDIDATE)
    await Application.create(
        job=onsite, applicant=applicant, candidate=ada, resume_id=ada.id
    )
    await refresh_candidate_matches(ada.id, run_cpu=run_inline)
    assert await _matched_jobs(ada) == {(remote.id, None), (onsite.id, "applied")}


async def test_a_candidate_user_sets_only_their_own_preferences(db, queue):
    cara = await make_user(Role.CANDIDATE)
    own = await make_candidate(name="Cara")
    await Candidate.filter(id=own.id).update(user_id=cara.id)
    other = await make_candidate(name="Otto")
    wanted = parse_preferences({"locations": ["Leeds"], "salary_min": 40_000})

    saved = await set_preferences(viewer_of(cara), own.id, wanted, queue=queue)
    assert saved.preferences["locations"] == ["Leeds"]
    assert "preferences" in saved.manual_fields
    with pytest.raises(NotFound):
        await set_preferences(viewer_of(cara), other.id, wanted, queue=queue)
    with pytest.raises(NotFound):
        await set_preferences(viewer_of(await make_user()), own.id, wanted, queue=queue)
    assert (await Candidate.get(id=other.id)).preferences == {}
