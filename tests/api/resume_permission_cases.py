"""The permission world with resumes in it, and the upload and side-effect checks.

On top of `build_world`: the owner uploaded a resume into the secret pool whose
processing failed, and a bulk batch of one resume that was parsed; the candidate
user uploaded one resume into their personal pool (still queued); the other
recruiter has a parsed resume in their own default pool. Rows are made with the
ORM, as a worker would leave them, so that no test needs a worker.
"""

import gc
import hashlib
import json
import tempfile
import uuid
from dataclasses import dataclass, fields
from typing import Any

import httpx
from arq.connections import ArqRedis

from domain.config import Settings
from domain.intake.storage import FileStore
from domain.jobs import BULK_QUEUE, HIGH_QUEUE, PARSE_RESUME
from domain.models import (
    BatchSource,
    BatchStatus,
    ImportBatch,
    ImportBatchItem,
    JobStage,
    Pool,
    ProcessingJob,
    Resume,
    ResumeStatus,
    SourceKind,
    User,
)
from tests.api.permission_cases import (
    Caller,
    World,
    build_world,
    credentials,
    gid,
    snapshot,
)
from tests.conftest import TEST_JWT_SECRET
from tests.factories import token_for
from tests.graphql import body_of
from tests.samples.resumes import ADA

FAILED_CV = "zed-target-cv.pdf"  # the owner's upload whose processing failed
BATCH_CV = "secret-batch.zip/zed.txt"  # the one resume of the owner's batch
OWN_CV = "cara-cv.txt"  # the candidate user's own upload, still queued
OTTO_CV = "otto-cv.txt"  # the other recruiter's upload, parsed
FAILED_MESSAGE = f"{FAILED_CV} has no readable text: upload a text PDF."
QUEUES = (HIGH_QUEUE, BULK_QUEUE)
NOTHING_QUEUED = {HIGH_QUEUE: 0, BULK_QUEUE: 0}


@dataclass(frozen=True)
class ResumeWorld(World):
    resumes: dict[str, Resume]  # by file name
    jobs: dict[str, ProcessingJob]  # by their resume's file name
    batch: ImportBatch

    def file_of_job(self, job_gid: str) -> str:
        return {gid("ProcessingJob", j.id): name for name, j in self.jobs.items()}[
            job_gid
        ]

    def secrets(self) -> list[str]:
        owners = [self.resumes[FAILED_CV], self.resumes[BATCH_CV]]
        return [
            *super().secrets(),
            FAILED_CV,
            BATCH_CV,
            FAILED_MESSAGE,
            gid("ImportBatch", self.batch.id),
            str(self.batch.id),
            *(gid("Resume", r.id) for r in owners),
            *(str(r.id) for r in owners),
            *(gid("ProcessingJob", self.jobs[r.filename].id) for r in owners),
        ]


async def _resume(
    pool: Pool,
    uploader: User,
    name: str,
    stage: JobStage,
    *,
    batch: ImportBatch | None = None,
) -> tuple[Resume, ProcessingJob]:
    status = {
        JobStage.FAILED: ResumeStatus.FAILED,
        JobStage.DONE: ResumeStatus.PARSED,
    }.get(stage, ResumeStatus.QUEUED)
    sha = hashlib.sha256(name.encode()).hexdigest()
    resume = await Resume.create(
        pool=pool,
        uploaded_by=uploader,
        batch=batch,
        source=SourceKind.BULK if batch else SourceKind.UPLOAD,
        filename=name,
        file_kind="txt",
        content_type="text/plain",
        size_bytes=100,
        sha256=sha,
        storage_key=sha,
        status=status,
    )
    failed = stage is JobStage.FAILED
    job = await ProcessingJob.create(
        resume=resume,
        kind=PARSE_RESUME,
        stage=stage,
        progress=0 if stage is JobStage.QUEUED else 100,
        attempts=0 if stage is JobStage.QUEUED else 1,
        error_code="EXTRACTION_FAILED" if failed else None,
        error_message=FAILED_MESSAGE if failed else None,
    )
    return resume, job


async def build_resume_world() -> ResumeWorld:
    world = await build_world()
    batch = await ImportBatch.create(
        pool=world.pool,
        created_by=world.owner,
        source=BatchSource.BULK,
        status=BatchStatus.DONE,
        total=1,
        succeeded=1,
    )
    personal = await Pool.get(owner_id=world.candidate_user.id)
    others = await Pool.get(owner_id=world.other.id, is_default=True)
    rows = [
        await _resume(world.pool, world.owner, FAILED_CV, JobStage.FAILED),
        await _resume(world.pool, world.owner, BATCH_CV, JobStage.DONE, batch=batch),
        await _resume(personal, world.candidate_user, OWN_CV, JobStage.QUEUED),
        await _resume(others, world.other, OTTO_CV, JobStage.DONE),
    ]
    await ImportBatchItem.create(
        batch=batch, position=0, file_name=BATCH_CV, resume=rows[1][0]
    )
    base = {f.name: getattr(world, f.name) for f in fields(World)}
    return ResumeWorld(
        **base,
        resumes={resume.filename: resume for resume, _ in rows},
        jobs={resume.filename: job for resume, job in rows},
        batch=batch,
    )


def unique_resume(text: str = ADA) -> bytes:
    """A text resume no earlier test (or run) has stored: the file store is
    content-addressed and shared, so a fresh file proves what this test stored."""
    return f"{text}\nReference {uuid.uuid4().hex}\n".encode()


async def upload(
    client: httpx.AsyncClient,
    query: str,
    files: list[tuple[str, bytes]],
    *,
    many: bool,
    pool_id: str | None,
    as_user: User | None = None,
    api_key: str | None = None,
) -> dict[str, Any]:
    """A GraphQL multipart request uploading `files` (name, bytes)."""
    slots: dict[str, Any] = {"files": [None] * len(files)} if many else {"file": None}
    paths = (
        {str(i): [f"variables.input.files.{i}"] for i in range(len(files))}
        if many
        else {"0": ["variables.input.file"]}
    )
    variables = {"input": {**slots, "poolId": pool_id}}
    headers = {}
    if as_user is not None:
        headers["Authorization"] = f"Bearer {token_for(as_user, TEST_JWT_SECRET)}"
    if api_key is not None:
        headers["X-Api-Key"] = api_key
    response = await client.post(
        "/graphql",
        data={
            "operations": json.dumps({"query": query, "variables": variables}),
            "map": json.dumps(paths),
        },
        files={str(i): (name, data) for i, (name, data) in enumerate(files)},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    return body_of(response)


async def call_upload(
    client: httpx.AsyncClient,
    world: World,
    caller: Caller,
    query: str,
    files: list[tuple[str, bytes]],
    *,
    many: bool,
    pool_id: str | None,
    scope: Any,
) -> tuple[dict[str, Any], dict[str, Any], set[int]]:
    """Like `call`, for an upload: the response, the rows from before it and
    the uploads open before it (for `assert_uploads_closed`)."""
    auth = await credentials(world, caller, scope)
    before = await snapshot()
    earlier = open_uploads()
    body = await upload(client, query, files, many=many, pool_id=pool_id, **auth)
    return body, before, earlier


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def queued(queue: ArqRedis) -> dict[str, int]:
    """How many jobs wait on each queue."""
    return {name: await queue.zcard(name) for name in QUEUES}


async def event_streams(queue: ArqRedis) -> list[str]:
    keys = await queue.keys("hotgigs:events:*")
    return sorted(k.decode() if isinstance(k, bytes) else k for k in keys)


async def assert_nothing_stored_or_queued(
    settings: Settings, queue: ArqRedis, uploads: list[bytes], earlier: set[int]
) -> None:
    store = FileStore(settings.storage_dir)
    stored = [store.exists(sha256(data)) for data in uploads]
    assert stored == [False] * len(uploads), f"files stored: {stored}"
    jobs = await queued(queue)
    assert jobs == NOTHING_QUEUED, f"jobs queued: {jobs}"
    streams = await event_streams(queue)
    assert streams == [], f"progress published: {streams}"
    assert_uploads_closed(earlier)


def open_uploads() -> set[int]:
    """The spooled uploads (starlette's temporary files) still open, by id."""
    return {id(f) for f in _spooled_files() if not f.closed}


def _spooled_files() -> list[tempfile.SpooledTemporaryFile[bytes]]:
    return [o for o in gc.get_objects() if isinstance(o, tempfile.SpooledTemporaryFile)]


def assert_uploads_closed(earlier: set[int]) -> None:
    """The request closed its uploaded files, whether or not a resolver ran.

    An upload left open is otherwise found only when the garbage collector frees
    it, as a ResourceWarning that `filterwarnings=error` pins on a later test; so
    the ones found here are closed before failing."""
    unclosed = [f for f in _spooled_files() if not f.closed and id(f) not in earlier]
    for file in unclosed:
        file.close()
    assert unclosed == [], f"{len(unclosed)} uploaded file(s) left open: {unclosed}"
