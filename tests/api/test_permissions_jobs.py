"""Authorization of jobs: reading, posting, changing, closing and editing the
analysis, for every kind of caller. The owner recruiter posted the job; sharing a
pool (the granted recruiter) shares no jobs; candidates see open jobs only."""

import pytest

from domain.access import Scope
from domain.matching.model import load_analysis
from domain.matching.posting_rules import JobInput
from domain.matching.postings import create_job
from domain.models import Job, JobStatus
from tests.api.permission_cases import (
    DONE,
    HIDDEN,
    NOT_RECRUITER,
    SHOWN,
    SIGN_IN,
    Caller,
    Rejected,
    World,
    assert_refused,
    build_world,
    call,
    cases,
    gid,
    lacks,
)
from tests.factories import viewer_of

ERRORS = "userErrors { field message code }"
TITLE = "Secret Search Engineer"
JOBS = "{ jobs { totalCount edges { node { title } } } }"
ONE = "query($id: ID!) { job(id: $id) { title status } }"
CREATE = f"""
mutation($input: JobCreateInput!) {{
  jobCreate(input: $input) {{ job {{ title status }} {ERRORS} }}
}}
"""
UPDATE = f"""
mutation($input: JobUpdateInput!) {{
  jobUpdate(input: $input) {{ job {{ title }} {ERRORS} }}
}}
"""
CLOSE = f"""
mutation($input: JobCloseInput!) {{
  jobClose(input: $input) {{ job {{ status }} {ERRORS} }}
}}
"""
ANALYSIS_UPDATE = f"""
mutation($input: JobAnalysisUpdateInput!) {{
  jobAnalysisUpdate(input: $input) {{
    job {{ analysis {{ requiredSkills {{ name }} }} }}
    {ERRORS}
  }}
}}
"""

NO_SUCH_JOB = Rejected(
    "NOT_FOUND", "No such job, or you may not change it.", ["input", "id"]
)
# How many of the owner's jobs (one, open) each caller lists.
LIST_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, 1),
    (Caller.OTHER, 0),
    (Caller.OWNER, 1),
    (Caller.GRANTED, 0),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.JOBS_READ)),
    (Caller.KEY_WITH_SCOPE, 1),
    (Caller.ADMIN, 1),
)
READ_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, SHOWN),
    (Caller.OTHER, HIDDEN),
    (Caller.OWNER, SHOWN),
    (Caller.GRANTED, HIDDEN),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.JOBS_READ)),
    (Caller.KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN, SHOWN),
)
CREATE_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, DONE),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, DONE),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.JOBS_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN, DONE),
)
WRITE_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, NO_SUCH_JOB),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, NO_SUCH_JOB),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.JOBS_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN, DONE),
)

JOB_QUERY_MATRIX = {"jobs": LIST_CASES, "job": READ_CASES}
JOB_MUTATION_MATRIX = {
    "jobCreate": CREATE_CASES,
    "jobUpdate": WRITE_CASES,
    "jobClose": WRITE_CASES,
    "jobAnalysisUpdate": WRITE_CASES,
}


async def _posted(world: World, queue) -> Job:
    return await create_job(
        viewer_of(world.owner),
        JobInput(title=TITLE, description="Requirements:\n- Python"),
        queue=queue,
    )


@pytest.mark.parametrize(("caller", "expected"), LIST_CASES)
async def test_jobs_lists_only_the_jobs_in_scope(client, queue, caller, expected):
    world = await build_world()
    await _posted(world, queue)
    body, before = await call(client, world, caller, JOBS, scope=Scope.JOBS_READ)
    if await assert_refused(body, "jobs", expected, world, before):
        assert TITLE not in str(body), body
        return
    edges = [{"node": {"title": TITLE}}] * expected
    assert body == {"data": {"jobs": {"totalCount": expected, "edges": edges}}}


@pytest.mark.parametrize(("caller", "expected"), READ_CASES)
async def test_job_is_null_outside_the_scope(client, queue, caller, expected):
    world = await build_world()
    job = await _posted(world, queue)
    variables = {"id": gid("Job", job.id)}
    body, before = await call(
        client, world, caller, ONE, variables, scope=Scope.JOBS_READ
    )
    if await assert_refused(body, "job", expected, world, before):
        assert TITLE not in str(body), body
        return
    assert body == {"data": {"job": {"title": TITLE, "status": "OPEN"}}}


@pytest.mark.parametrize(("caller", "expected"), CREATE_CASES)
async def test_job_create_needs_a_recruiter_with_write_access(
    client, queue, caller, expected
):
    world = await build_world()
    variables = {"input": {"title": "Data Analyst"}}
    body, before = await call(
        client, world, caller, CREATE, variables, scope=Scope.JOBS_WRITE
    )
    if await assert_refused(body, "jobCreate", expected, world, before):
        return
    job = {"title": "Data Analyst", "status": "OPEN"}
    assert body == {"data": {"jobCreate": {"job": job, "userErrors": []}}}
    saved = await Job.get(title="Data Analyst")
    assert saved.owner_id == world.actor(caller).id


@pytest.mark.parametrize(("caller", "expected"), WRITE_CASES)
async def test_job_update_needs_write_access_to_the_job(
    client, queue, caller, expected
):
    world = await build_world()
    job = await _posted(world, queue)
    variables = {"input": {"id": gid("Job", job.id), "title": "Renamed"}}
    body, before = await call(
        client, world, caller, UPDATE, variables, scope=Scope.JOBS_WRITE
    )
    if await assert_refused(body, "jobUpdate", expected, world, before):
        assert TITLE not in str(body), body
        return
    job_data = {"title": "Renamed"}
    assert body == {"data": {"jobUpdate": {"job": job_data, "userErrors": []}}}
    assert (await Job.get(id=job.id)).title == "Renamed"


@pytest.mark.parametrize(("caller", "expected"), WRITE_CASES)
async def test_job_close_needs_write_access_to_the_job(client, queue, caller, expected):
    world = await build_world()
    job = await _posted(world, queue)
    variables = {"input": {"id": gid("Job", job.id)}}
    body, before = await call(
        client, world, caller, CLOSE, variables, scope=Scope.JOBS_WRITE
    )
    if await assert_refused(body, "jobClose", expected, world, before):
        assert TITLE not in str(body), body
        return
    closed = {"job": {"status": "CLOSED"}, "userErrors": []}
    assert body == {"data": {"jobClose": closed}}
    assert (await Job.get(id=job.id)).status is JobStatus.CLOSED


@pytest.mark.parametrize(("caller", "expected"), WRITE_CASES)
async def test_job_analysis_update_needs_write_access_to_the_job(
    client, queue, caller, expected
):
    world = await build_world()
    job = await _posted(world, queue)
    variables = {"input": {"id": gid("Job", job.id), "addRequired": ["Go"]}}
    body, before = await call(
        client, world, caller, ANALYSIS_UPDATE, variables, scope=Scope.JOBS_WRITE
    )
    if await assert_refused(body, "jobAnalysisUpdate", expected, world, before):
        assert TITLE not in str(body), body
        return
    skills = [{"name": "Python"}, {"name": "Go"}]
    edited = {"job": {"analysis": {"requiredSkills": skills}}, "userErrors": []}
    assert body == {"data": {"jobAnalysisUpdate": edited}}
    analysis = load_analysis((await Job.get(id=job.id)).analysis)
    assert [s.name for s in analysis.required_skills] == ["Python", "Go"]
