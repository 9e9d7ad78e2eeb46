"""Authorization of the resume Mutation root fields, for every kind of caller.

A refused upload stores no file, records no row and queues no job; an allowed one
does all three, into the pool asked for (default: the caller's default pool).
"""

import pytest

from domain.access import Scope
from domain.intake.storage import FileStore
from domain.jobs import BULK_QUEUE, HIGH_QUEUE
from domain.models import (
    ImportBatch,
    JobStage,
    Pool,
    ProcessingJob,
    Resume,
    ResumeStatus,
    SourceKind,
)
from tests.api.permission_cases import (
    DONE,
    SIGN_IN,
    Caller,
    Rejected,
    assert_refused,
    call,
    cases,
    gid,
    lacks,
)
from tests.api.resume_permission_cases import (
    BATCH_CV,
    FAILED_CV,
    NOTHING_QUEUED,
    OTTO_CV,
    OWN_CV,
    assert_nothing_stored_or_queued,
    assert_uploads_closed,
    build_resume_world,
    call_upload,
    event_streams,
    queued,
    sha256,
    unique_resume,
)
from tests.samples.resumes import GRACE

ERRORS = "userErrors { field message code }"
RESUME_UPLOAD = f"""
mutation($input: ResumeUploadInput!) {{
  resumeUpload(input: $input) {{
    resume {{ fileName status source contentType sizeBytes }}
    {ERRORS}
  }}
}}
"""
RESUME_BULK_UPLOAD = f"""
mutation($input: ResumeBulkUploadInput!) {{
  resumeBulkUpload(input: $input) {{
    batch {{ status total processed failed items {{ fileName error {{ code }} }} }}
    {ERRORS}
  }}
}}
"""
PROCESSING_JOB_RETRY = f"""
mutation($input: ProcessingJobRetryInput!) {{
  processingJobRetry(input: $input) {{
    processingJob {{ id stage progress error {{ code }} }}
    {ERRORS}
  }}
}}
"""

RESUME_REPARSE = f"""
mutation($input: ResumeReparseInput!) {{
  resumeReparse(input: $input) {{
    resume {{ id status }} queuedCount
    {ERRORS}
  }}
}}
"""

NO_SUCH_RESUME = Rejected("NOT_FOUND", "No such resume.", ["input", "resumeId"])
NO_SUCH_POOL = Rejected("NOT_FOUND", "No such pool.", ["input", "poolId"])
NO_SUCH_JOB = Rejected("NOT_FOUND", "No such processing job.", ["input", "id"])


def not_retryable(stage: str) -> Rejected:
    return Rejected(
        "NOT_RETRYABLE",
        f"Only failed jobs can be retried; this one is {stage}.",
        ["input", "id"],
    )


UPLOAD_CASES = cases(  # into the secret pool
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NO_SUCH_POOL),  # their profile is there; uploads are not
    (Caller.OTHER, NO_SUCH_POOL),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, DONE),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN_KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_WRITE)),
    (Caller.ADMIN_KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN, DONE),
)
UPLOAD_DEFAULT_CASES = cases(  # no poolId: the caller's default pool
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, DONE),  # their personal pool
    (Caller.OTHER, DONE),
    (Caller.OWNER, DONE),
    (Caller.API_KEY, DONE),
    (Caller.ADMIN, NO_SUCH_POOL),  # admins own no pool: they must name one
)
RETRY_CASES = cases(  # the owner's failed job
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NO_SUCH_JOB),
    (Caller.OTHER, NO_SUCH_JOB),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, DONE),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.API_KEY, DONE),
    (Caller.ADMIN_KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_WRITE)),
    (Caller.ADMIN, DONE),
)
REPARSE_CASES = cases(  # the owner's parsed batch resume
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NO_SUCH_RESUME),
    (Caller.OTHER, NO_SUCH_RESUME),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, DONE),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN_KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_WRITE)),
    (Caller.ADMIN, DONE),
)
RETRY_OTHER_JOB_CASES = [  # (caller, job of which resume, expected)
    pytest.param(Caller.OWNER, BATCH_CV, not_retryable("done"), id="owner_done"),
    pytest.param(Caller.ADMIN, BATCH_CV, not_retryable("done"), id="admin_done"),
    pytest.param(Caller.CANDIDATE, OWN_CV, not_retryable("queued"), id="own_queued"),
    pytest.param(Caller.OWNER, OWN_CV, NO_SUCH_JOB, id="owner_candidates"),
    pytest.param(Caller.OWNER, OTTO_CV, NO_SUCH_JOB, id="owner_others"),
    pytest.param(Caller.GRANTED, OTTO_CV, NO_SUCH_JOB, id="granted_others"),
]

RESUME_MUTATION_MATRIX = {
    "resumeUpload": UPLOAD_CASES + UPLOAD_DEFAULT_CASES,
    "resumeBulkUpload": UPLOAD_CASES,
    "processingJobRetry": RETRY_CASES,
    "resumeReparse": REPARSE_CASES,
}


async def _assert_uploaded(settings, queue, resume, pool_id, actor, data, source):
    saved = (
        resume.pool_id,
        resume.uploaded_by_id,
        resume.status,
        resume.source,
        resume.sha256,
    )
    assert saved == (pool_id, actor.id, ResumeStatus.QUEUED, source, sha256(data))
    stages = await ProcessingJob.filter(resume_id=resume.id).values_list(
        "stage", flat=True
    )
    assert stages == [JobStage.QUEUED]
    assert FileStore(settings.storage_dir).exists(sha256(data)) is True


@pytest.mark.parametrize(("caller", "expected"), UPLOAD_CASES)
async def test_resume_upload_needs_upload_access_to_the_pool(
    client, settings, queue, caller, expected
):
    world = await build_resume_world()
    data = unique_resume()
    body, before, earlier = await call_upload(
        client,
        world,
        caller,
        RESUME_UPLOAD,
        [("fresh-cv.txt", data)],
        many=False,
        pool_id=gid("Pool", world.pool.id),
        scope=Scope.RESUMES_WRITE,
    )
    if await assert_refused(body, "resumeUpload", expected, world, before):
        await assert_nothing_stored_or_queued(settings, queue, [data], earlier)
        return
    resume = {
        "fileName": "fresh-cv.txt",
        "status": "QUEUED",
        "source": "upload",
        "contentType": "text/plain",
        "sizeBytes": len(data),
    }
    assert body == {"data": {"resumeUpload": {"resume": resume, "userErrors": []}}}
    saved = await Resume.get(filename="fresh-cv.txt")
    actor = world.actor(caller)
    await _assert_uploaded(
        settings, queue, saved, world.pool.id, actor, data, SourceKind.UPLOAD
    )
    assert await queued(queue) == {HIGH_QUEUE: 1, BULK_QUEUE: 0}
    assert_uploads_closed(earlier)
    assert await Resume.all().count() == len(before["resumes"]) + 1


@pytest.mark.parametrize(("caller", "expected"), UPLOAD_DEFAULT_CASES)
async def test_resume_upload_goes_to_the_callers_default_pool(
    client, settings, queue, caller, expected
):
    world = await build_resume_world()
    data = unique_resume()
    body, before, earlier = await call_upload(
        client,
        world,
        caller,
        RESUME_UPLOAD,
        [("fresh-cv.txt", data)],
        many=False,
        pool_id=None,
        scope=Scope.RESUMES_WRITE,
    )
    if await assert_refused(body, "resumeUpload", expected, world, before):
        await assert_nothing_stored_or_queued(settings, queue, [data], earlier)
        return
    payload = body["data"]["resumeUpload"]
    assert (payload["resume"]["fileName"], payload["userErrors"]) == (
        "fresh-cv.txt",
        [],
    )
    actor = world.actor(caller)
    default = await Pool.get(owner_id=actor.id, is_default=True)
    saved = await Resume.get(filename="fresh-cv.txt")
    await _assert_uploaded(
        settings, queue, saved, default.id, actor, data, SourceKind.UPLOAD
    )
    assert await queued(queue) == {HIGH_QUEUE: 1, BULK_QUEUE: 0}
    assert_uploads_closed(earlier)


@pytest.mark.parametrize(("caller", "expected"), UPLOAD_CASES)
async def test_resume_bulk_upload_needs_upload_access_to_the_pool(
    client, settings, queue, caller, expected
):
    world = await build_resume_world()
    files = [("ada.txt", unique_resume()), ("grace.txt", unique_resume(GRACE))]
    body, before, earlier = await call_upload(
        client,
        world,
        caller,
        RESUME_BULK_UPLOAD,
        files,
        many=True,
        pool_id=gid("Pool", world.pool.id),
        scope=Scope.RESUMES_WRITE,
    )
    if await assert_refused(body, "resumeBulkUpload", expected, world, before):
        uploads = [data for _, data in files]
        await assert_nothing_stored_or_queued(settings, queue, uploads, earlier)
        return
    items = [{"fileName": name, "error": None} for name, _ in files]
    batch = {"status": "running", "total": 2, "processed": 0, "failed": 0}
    payload = {"batch": {**batch, "items": items}, "userErrors": []}
    assert body == {"data": {"resumeBulkUpload": payload}}
    actor = world.actor(caller)
    saved = await ImportBatch.exclude(id=world.batch.id).get()
    assert (saved.pool_id, saved.total) == (world.pool.id, 2)
    for name, data in files:
        resume = await Resume.get(filename=name)
        assert resume.batch_id == saved.id
        await _assert_uploaded(
            settings, queue, resume, world.pool.id, actor, data, SourceKind.BULK
        )
    assert await queued(queue) == {HIGH_QUEUE: 0, BULK_QUEUE: 2}
    assert_uploads_closed(earlier)


@pytest.mark.parametrize(("caller", "expected"), RETRY_CASES)
async def test_processing_job_retry_needs_write_access_to_the_resume(
    client, queue, caller, expected
):
    world = await build_resume_world()
    job = world.jobs[FAILED_CV]
    job_id = gid("ProcessingJob", job.id)
    body, before = await call(
        client,
        world,
        caller,
        PROCESSING_JOB_RETRY,
        {"input": {"id": job_id}},
        scope=Scope.RESUMES_WRITE,
    )
    if await assert_refused(body, "processingJobRetry", expected, world, before):
        assert await queued(queue) == NOTHING_QUEUED
        assert await event_streams(queue) == []
        return
    retried = {"id": job_id, "stage": "QUEUED", "progress": 0, "error": None}
    assert body == {
        "data": {"processingJobRetry": {"processingJob": retried, "userErrors": []}}
    }
    saved = await ProcessingJob.get(id=job.id)
    assert (saved.stage, saved.error_code, saved.error_message) == (
        JobStage.QUEUED,
        None,
        None,
    )
    resume = await Resume.get(id=job.resume_id)
    assert resume.status is ResumeStatus.QUEUED
    assert await queued(queue) == {HIGH_QUEUE: 1, BULK_QUEUE: 0}


@pytest.mark.parametrize(("caller", "resume", "expected"), RETRY_OTHER_JOB_CASES)
async def test_processing_job_retry_refuses_unfailed_and_hidden_jobs(
    client, queue, caller, resume, expected
):
    world = await build_resume_world()
    job_id = gid("ProcessingJob", world.jobs[resume].id)
    body, before = await call(
        client, world, caller, PROCESSING_JOB_RETRY, {"input": {"id": job_id}}
    )
    assert await assert_refused(body, "processingJobRetry", expected, world, before)
    assert await queued(queue) == NOTHING_QUEUED


@pytest.mark.parametrize(("caller", "expected"), REPARSE_CASES)
async def test_resume_reparse_needs_write_access_to_the_resume(
    client, queue, caller, expected
):
    world = await build_resume_world()
    resume = world.resumes[BATCH_CV]
    resume_id = gid("Resume", resume.id)
    body, before = await call(
        client,
        world,
        caller,
        RESUME_REPARSE,
        {"input": {"resumeId": resume_id}},
        scope=Scope.RESUMES_WRITE,
    )
    if await assert_refused(body, "resumeReparse", expected, world, before):
        assert await queued(queue) == NOTHING_QUEUED
        return
    assert body == {
        "data": {
            "resumeReparse": {
                "resume": {"id": resume_id, "status": "QUEUED"},
                "queuedCount": 1,
                "userErrors": [],
            }
        }
    }
    assert (await Resume.get(id=resume.id)).status is ResumeStatus.QUEUED
    assert await queued(queue) == {HIGH_QUEUE: 0, BULK_QUEUE: 1}
