"""Authorization of the resume Query root fields, for every kind of caller."""

from typing import Any

import pytest

from domain.access import Scope
from tests.api.permission_cases import (
    HIDDEN,
    SHOWN,
    SIGN_IN,
    Caller,
    assert_no_leak,
    assert_refused,
    call,
    cases,
    gid,
    lacks,
)
from tests.api.resume_permission_cases import (
    BATCH_CV,
    FAILED_CV,
    FAILED_MESSAGE,
    OTTO_CV,
    OWN_CV,
    build_resume_world,
)
from tests.graphql import gql

RESUME_QUERY = """
query($id: ID!) {
  resume(id: $id) { id fileName status stage error { code message } }
}
"""
RESUMES_QUERY = """
query($filter: ResumeFilter) {
  resumes(filter: $filter) { totalCount edges { node { fileName } } }
}
"""
IMPORT_BATCH_QUERY = """
query($id: ID!) {
  importBatch(id: $id) {
    id status total processed failed
    items { fileName error { code } resume { fileName status } }
  }
}
"""
PROCESSING_JOBS_QUERY = """
{ processingJobs { totalCount edges { node { id stage } } } }
"""
NODES_QUERY = """
query($resume: ID!, $batch: ID!, $job: ID!) {
  resume: node(id: $resume) { id }
  batch: node(id: $batch) { id }
  job: node(id: $job) { id }
}
"""

OWNER_FILES = sorted([BATCH_CV, FAILED_CV])
EVERY_FILE = sorted([BATCH_CV, FAILED_CV, OWN_CV, OTTO_CV])
OWNER_JOBS = sorted([(BATCH_CV, "DONE"), (FAILED_CV, "FAILED")])
EVERY_JOB = sorted([*OWNER_JOBS, (OWN_CV, "QUEUED"), (OTTO_CV, "DONE")])

RESUME = cases(  # the owner's failed resume
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, HIDDEN),
    (Caller.OTHER, HIDDEN),
    (Caller.OWNER, SHOWN),
    (Caller.GRANTED, SHOWN),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_READ)),
    (Caller.KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN_KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_READ)),
    (Caller.ADMIN, SHOWN),
)
RESUMES = cases(  # file names; a candidate sees only what they uploaded
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, [OWN_CV]),
    (Caller.OTHER, [OTTO_CV]),
    (Caller.OWNER, OWNER_FILES),
    (Caller.GRANTED, OWNER_FILES),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_READ)),
    (Caller.KEY_WITH_SCOPE, OWNER_FILES),
    (Caller.ADMIN_KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_READ)),
    (Caller.ADMIN_KEY_WITH_SCOPE, EVERY_FILE),
    (Caller.ADMIN, EVERY_FILE),
)
IMPORT_BATCH = cases(  # the owner's batch in the secret pool
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, HIDDEN),
    (Caller.OTHER, HIDDEN),
    (Caller.OWNER, SHOWN),
    (Caller.GRANTED, SHOWN),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_READ)),
    (Caller.KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN, SHOWN),
)
PROCESSING_JOBS = cases(  # (resume file, stage): the jobs of visible resumes
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, [(OWN_CV, "QUEUED")]),
    (Caller.OTHER, [(OTTO_CV, "DONE")]),
    (Caller.OWNER, OWNER_JOBS),
    (Caller.GRANTED, OWNER_JOBS),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_READ)),
    (Caller.KEY_WITH_SCOPE, OWNER_JOBS),
    (Caller.ADMIN_KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_READ)),
    (Caller.ADMIN_KEY_WITH_SCOPE, EVERY_JOB),
    (Caller.ADMIN, EVERY_JOB),
)
NODES = cases(  # node(id:) of the owner's resume, batch and failed job
    (Caller.CANDIDATE, HIDDEN),
    (Caller.OTHER, HIDDEN),
    (Caller.OWNER, SHOWN),
    (Caller.GRANTED, SHOWN),
    (Caller.KEY_WITHOUT_SCOPE, HIDDEN),
    (Caller.KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN, SHOWN),
)

RESUME_QUERY_MATRIX = {
    "resume": RESUME,
    "resumes": RESUMES,
    "importBatch": IMPORT_BATCH,
    "processingJobs": PROCESSING_JOBS,
}


def _files(body: dict[str, Any]) -> tuple[int, list[str]]:
    page = body["data"]["resumes"]
    return page["totalCount"], sorted(e["node"]["fileName"] for e in page["edges"])


@pytest.mark.parametrize(("caller", "expected"), RESUME)
async def test_resume_is_null_unless_the_caller_may_read_it(client, caller, expected):
    world = await build_resume_world()
    resume_id = gid("Resume", world.resumes[FAILED_CV].id)
    body, before = await call(
        client,
        world,
        caller,
        RESUME_QUERY,
        {"id": resume_id},
        scope=Scope.RESUMES_READ,
    )
    if await assert_refused(body, "resume", expected, world, before):
        return
    resume = {
        "id": resume_id,
        "fileName": FAILED_CV,
        "status": "FAILED",
        "stage": "FAILED",
        "error": {"code": "EXTRACTION_FAILED", "message": FAILED_MESSAGE},
    }
    assert body == {"data": {"resume": resume}}


async def test_candidate_user_reads_the_resume_they_uploaded(client):
    world = await build_resume_world()
    own_id = gid("Resume", world.resumes[OWN_CV].id)
    body = await gql(client, RESUME_QUERY, {"id": own_id}, as_user=world.candidate_user)
    resume = {
        "id": own_id,
        "fileName": OWN_CV,
        "status": "QUEUED",
        "stage": "QUEUED",
        "error": None,
    }
    assert body == {"data": {"resume": resume}}


@pytest.mark.parametrize(("caller", "expected"), RESUMES)
async def test_resumes_lists_the_resumes_of_visible_pools(client, caller, expected):
    world = await build_resume_world()
    body, before = await call(
        client, world, caller, RESUMES_QUERY, scope=Scope.RESUMES_READ
    )
    if await assert_refused(body, "resumes", expected, world, before):
        return
    assert _files(body) == (len(expected), expected)
    if caller in (Caller.CANDIDATE, Caller.OTHER):
        assert_no_leak(body, world)


@pytest.mark.parametrize(
    ("caller", "expected"),
    cases(
        (Caller.CANDIDATE, []),
        (Caller.OTHER, []),
        (Caller.OWNER, [BATCH_CV]),
        (Caller.GRANTED, [BATCH_CV]),
        (Caller.ADMIN, [BATCH_CV]),
    ),
)
async def test_resumes_of_a_batch_are_empty_when_the_batch_is_hidden(
    client, caller, expected
):
    world = await build_resume_world()
    variables = {"filter": {"batchId": gid("ImportBatch", world.batch.id)}}
    body, _ = await call(client, world, caller, RESUMES_QUERY, variables)
    assert _files(body) == (len(expected), expected)
    if not expected:
        assert_no_leak({"data": body["data"]}, world)


@pytest.mark.parametrize(("caller", "expected"), IMPORT_BATCH)
async def test_import_batch_is_null_unless_the_caller_may_read_it(
    client, caller, expected
):
    world = await build_resume_world()
    batch_id = gid("ImportBatch", world.batch.id)
    body, before = await call(
        client,
        world,
        caller,
        IMPORT_BATCH_QUERY,
        {"id": batch_id},
        scope=Scope.RESUMES_READ,
    )
    if await assert_refused(body, "importBatch", expected, world, before):
        return
    item = {
        "fileName": BATCH_CV,
        "error": None,
        "resume": {"fileName": BATCH_CV, "status": "PARSED"},
    }
    batch = {
        "id": batch_id,
        "status": "done",
        "total": 1,
        "processed": 1,
        "failed": 0,
        "items": [item],
    }
    assert body == {"data": {"importBatch": batch}}


@pytest.mark.parametrize(("caller", "expected"), PROCESSING_JOBS)
async def test_processing_jobs_lists_the_jobs_of_visible_resumes(
    client, caller, expected
):
    world = await build_resume_world()
    body, before = await call(
        client, world, caller, PROCESSING_JOBS_QUERY, scope=Scope.RESUMES_READ
    )
    if await assert_refused(body, "processingJobs", expected, world, before):
        return
    page = body["data"]["processingJobs"]
    jobs = sorted(
        (world.file_of_job(e["node"]["id"]), e["node"]["stage"]) for e in page["edges"]
    )
    assert (page["totalCount"], jobs) == (len(expected), expected)
    if caller in (Caller.CANDIDATE, Caller.OTHER):
        assert_no_leak(body, world)


@pytest.mark.parametrize(("caller", "expected"), NODES)
async def test_node_shows_resume_objects_only_to_who_may_read_them(
    client, caller, expected
):
    world = await build_resume_world()
    ids = {
        "resume": gid("Resume", world.resumes[FAILED_CV].id),
        "batch": gid("ImportBatch", world.batch.id),
        "job": gid("ProcessingJob", world.jobs[FAILED_CV].id),
    }
    body, _ = await call(
        client, world, caller, NODES_QUERY, ids, scope=Scope.RESUMES_READ
    )
    if expected is HIDDEN:
        assert body == {"data": {"resume": None, "batch": None, "job": None}}
        assert_no_leak(body, world)
        return
    assert body == {"data": {name: {"id": value} for name, value in ids.items()}}
