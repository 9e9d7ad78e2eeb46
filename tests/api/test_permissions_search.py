"""Authorization of semantic search, applications and preferences, for every
kind of caller. Search sees the caller's pools only; only a candidate user
applies; preferences are set by the candidate on their own profile or by a
recruiter who may change the candidate."""

import pytest

from domain.access import Scope
from domain.models import (
    Application,
    Candidate,
    Job,
    Pool,
    PoolKind,
    Resume,
    ResumeStatus,
    SourceKind,
)
from domain.pools import default_pool
from tests.api.permission_cases import (
    DONE,
    NOT_CANDIDATE,
    NOT_RECRUITER,
    SIGN_IN,
    Caller,
    Rejected,
    World,
    assert_no_leak,
    assert_refused,
    build_world,
    call,
    cases,
    gid,
    lacks,
)
from tests.factories import viewer_of
from tests.unit.matching.builders import resume as parsed_resume

ERRORS = "userErrors { field message code }"
SEARCH = """query { candidateSearch(query: "staff engineer") {
  totalCount edges { matchedBy node { name } }
} }"""
APPLY = f"""mutation($input: JobApplyInput!) {{
  jobApply(input: $input) {{
    alreadyApplied application {{ job {{ title }} }} {ERRORS}
  }}
}}"""
PREFERENCES = f"""mutation($input: CandidatePreferencesUpdateInput!) {{
  candidatePreferencesUpdate(input: $input) {{
    candidate {{ preferences {{ locations workModes }} }} {ERRORS}
  }}
}}"""

TARGET = ["Zed Target"]
SEARCH_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, []),
    (Caller.OWNER, TARGET),
    (Caller.GRANTED, TARGET),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.CANDIDATES_READ)),
    (Caller.KEY_WITH_SCOPE, TARGET),
    (Caller.ADMIN, TARGET),
)
APPLY_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, DONE),
    (Caller.OTHER, NOT_CANDIDATE),
    (Caller.OWNER, NOT_CANDIDATE),
    (Caller.GRANTED, NOT_CANDIDATE),
    (Caller.API_KEY, NOT_CANDIDATE),
    (Caller.ADMIN, NOT_CANDIDATE),
)
NO_SUCH_CANDIDATE = Rejected(
    "NOT_FOUND",
    "No such candidate, or you may not change it.",
    ["input", "candidateId"],
)
PREFERENCE_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, DONE),
    (Caller.OTHER, NO_SUCH_CANDIDATE),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, DONE),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.CANDIDATES_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN, DONE),
)
SEARCH_QUERY_MATRIX = {"candidateSearch": SEARCH_CASES}
SEARCH_MUTATION_MATRIX = {
    "jobApply": APPLY_CASES,
    "candidatePreferencesUpdate": PREFERENCE_CASES,
}


@pytest.mark.parametrize(("caller", "expected"), SEARCH_CASES)
async def test_candidate_search_sees_only_the_callers_pools(client, caller, expected):
    world = await build_world()
    body, before = await call(
        client, world, caller, SEARCH, scope=Scope.CANDIDATES_READ
    )
    if await assert_refused(body, "candidateSearch", expected, world, before):
        return
    edges = [{"matchedBy": ["FULL_TEXT"], "node": {"name": n}} for n in expected]
    assert body == {
        "data": {"candidateSearch": {"totalCount": len(expected), "edges": edges}}
    }
    if not expected:
        assert_no_leak(body, world)


async def _parsed_resume_of(world: World) -> Resume:
    pool = await Pool.get(owner_id=world.candidate_user.id, kind=PoolKind.PERSONAL)
    return await Resume.create(
        pool=pool,
        uploaded_by=world.candidate_user,
        filename="cara.txt",
        content_type="text/plain",
        size_bytes=10,
        sha256="1" * 64,
        storage_key="11/cara",
        status=ResumeStatus.PARSED,
        text="Cara builds data platforms.",
        parsed=parsed_resume(
            name="Cara Candidate", email="cara@example.com"
        ).model_dump(mode="json"),
    )


@pytest.mark.parametrize(("caller", "expected"), APPLY_CASES)
async def test_only_a_candidate_applies(client, queue, caller, expected):
    world = await build_world()
    job = await Job.create(owner=world.owner, title="Staff engineer")
    resume = await _parsed_resume_of(world)
    variables = {
        "input": {"jobId": gid("Job", job.id), "resumeId": gid("Resume", resume.id)}
    }
    body, before = await call(
        client, world, caller, APPLY, variables, scope=Scope.JOBS_READ
    )
    if await assert_refused(body, "jobApply", expected, world, before):
        return
    assert body == {
        "data": {
            "jobApply": {
                "alreadyApplied": False,
                "application": {"job": {"title": "Staff engineer"}},
                "userErrors": [],
            }
        }
    }
    application = await Application.get(job_id=job.id)
    landed = await Candidate.get(id=application.candidate_id)
    owner_default = await default_pool(viewer_of(world.owner))
    assert (landed.pool_id, landed.name) == (owner_default.id, "Cara Candidate")
    kinds = await landed.sources.all().values_list("kind", flat=True)
    assert SourceKind.APPLICATION in kinds


@pytest.mark.parametrize(("caller", "expected"), PREFERENCE_CASES)
async def test_preferences_by_the_candidate_or_a_recruiter_who_may_change_them(
    client, queue, caller, expected
):
    world = await build_world()
    variables = {
        "input": {
            "candidateId": gid("Candidate", world.profile.id),
            "locations": ["Leeds"],
            "workModes": ["REMOTE"],
        }
    }
    body, before = await call(
        client, world, caller, PREFERENCES, variables, scope=Scope.CANDIDATES_WRITE
    )
    if await assert_refused(
        body, "candidatePreferencesUpdate", expected, world, before
    ):
        return
    preferences = {"locations": ["Leeds"], "workModes": ["REMOTE"]}
    assert body == {
        "data": {
            "candidatePreferencesUpdate": {
                "candidate": {"preferences": preferences},
                "userErrors": [],
            }
        }
    }
    saved = await Candidate.get(id=world.profile.id)
    assert saved.preferences["work_modes"] == ["remote"]
