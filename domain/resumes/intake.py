"""Uploads become resumes: checked, stored, recorded and queued after the commit."""

import asyncio
import logging
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from arq.connections import ArqRedis
from tortoise import connections
from tortoise.transactions import in_transaction

from domain.access import Viewer, upload_pools, visible_resumes
from domain.audit import record_audit
from domain.errors import Forbidden, NotFound
from domain.events import ProgressEvent, batch_stream, publish, resume_stream
from domain.intake.checks import check_request, resume_too_large
from domain.intake.limits import IntakeLimits
from domain.intake.malware import ClamdScanner
from domain.intake.storage import FileStore
from domain.jobs import BULK_QUEUE, HIGH_QUEUE, PARSE_RESUME, enqueue
from domain.models import (
    BatchSource,
    ImportBatch,
    ImportBatchItem,
    JobStage,
    Pool,
    ProcessingJob,
    Resume,
    ResumeStatus,
    SourceKind,
)
from domain.notifications import notify_batch_finished
from domain.resumes.files import IncomingFile, IntakeOutcome, store_many, store_single
from domain.webhooks.outcomes import emit_batch_completed

logger = logging.getLogger(__name__)

SPOOL_CHUNK = 256 * 1024


@dataclass(frozen=True)
class IntakeContext:
    """What intake needs besides the viewer: where files go, limits, the queue."""

    store: FileStore
    limits: IntakeLimits
    queue: ArqRedis
    scanner: ClamdScanner | None = None  # None: no virus scanning


@dataclass(frozen=True)
class BatchCounts:
    total: int
    succeeded: int
    failed: int

    @property
    def done(self) -> bool:
        return self.succeeded + self.failed >= self.total


async def spool_upload(
    read: Callable[[int], Awaitable[bytes]], *, name: str, max_bytes: int
) -> IncomingFile:
    """Copy an upload stream to a temporary file, refusing it past `max_bytes`."""
    handle = tempfile.NamedTemporaryFile(prefix="hotgigs-upload-", delete=False)  # noqa: SIM115  # closed below, removed by the caller
    size = 0
    try:
        while chunk := await read(SPOOL_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise resume_too_large(name, max_bytes)
            await asyncio.to_thread(handle.write, chunk)
    except BaseException:
        handle.close()
        Path(handle.name).unlink(missing_ok=True)  # noqa: ASYNC240  # a local unlink
        raise
    handle.close()
    return IncomingFile(name=name or "upload", path=Path(handle.name), size=size)


async def _target_pool(viewer: Viewer, pool_id: UUID | None) -> Pool:
    if not viewer.is_authenticated:
        raise Forbidden("Sign in to upload resumes.")
    pools = upload_pools(viewer)
    if pool_id is None:
        pools = pools.filter(owner_id=viewer.user_id, is_default=True)
    else:
        pools = pools.filter(id=pool_id)
    pool = await pools.first()
    if pool is None:
        raise NotFound("No such pool.", field="poolId")
    return pool


async def record_resume(
    viewer: Viewer,
    pool: Pool,
    outcome: IntakeOutcome,
    *,
    source: SourceKind,
    batch: ImportBatch | None,
) -> tuple[Resume, bool]:
    """The resume row for a stored file; (resume, needs_parsing). The same bytes in
    the same pool make a DUPLICATE row pointing at the first resume. Call it in a
    transaction, and `queue_parsing` for the resumes that need it after the commit
    (uploads here, Drive imports in `domain.drive.imports`)."""
    if outcome.stored is None or outcome.kind is None:
        raise ValueError(f"{outcome.name} was refused: it has no stored file")
    sha = outcome.stored.sha256
    # Serialise uploads of the same bytes into the same pool.
    await connections.get("default").execute_query(
        "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [f"{pool.id}:{sha}"]
    )
    first = (
        await visible_resumes(Viewer.system())
        .filter(pool_id=pool.id, sha256=sha, duplicate_of_id=None)
        .first()
    )
    resume = await Resume.create(
        pool=pool,
        uploaded_by_id=viewer.user_id,
        batch=batch,
        source=source,
        filename=outcome.name[:500],
        file_kind=outcome.kind.value,
        content_type=outcome.content_type,
        size_bytes=outcome.stored.size,
        sha256=sha,
        storage_key=outcome.stored.key,
        status=ResumeStatus.DUPLICATE if first else ResumeStatus.QUEUED,
        duplicate_of_id=first.id if first else None,
        candidate_id=first.candidate_id if first else None,
    )
    if first is None:
        await ProcessingJob.create(resume=resume, kind=PARSE_RESUME)
    return resume, first is None


async def upload_resume(
    viewer: Viewer, file: IncomingFile, *, pool_id: UUID | None, intake: IntakeContext
) -> Resume:
    """One resume into `pool_id` (default: the viewer's default pool), parsed on
    the high-priority queue."""
    pool = await _target_pool(viewer, pool_id)
    outcome = await asyncio.to_thread(
        store_single, file, intake.store, intake.limits, intake.scanner
    )
    async with in_transaction():
        resume, queued = await record_resume(
            viewer, pool, outcome, source=SourceKind.UPLOAD, batch=None
        )
        await record_audit(
            viewer, "resume.upload", entity_type="resume", entity_id=resume.id
        )
    if queued:
        await queue_parsing(intake.queue, resume, HIGH_QUEUE)
    return resume


async def upload_batch(
    viewer: Viewer,
    files: list[IncomingFile],
    *,
    pool_id: UUID | None,
    intake: IntakeContext,
) -> ImportBatch:
    """Many files and ZIP archives; each file or entry becomes an item of the batch,
    parsed on the bulk queue. A bad file is reported on its item only."""
    pool = await _target_pool(viewer, pool_id)
    check_request(sum(f.size for f in files), intake.limits)
    outcomes = await asyncio.to_thread(
        store_many, files, intake.store, intake.limits, intake.scanner
    )
    async with in_transaction():
        batch = await ImportBatch.create(
            pool=pool,
            created_by_id=viewer.user_id,
            source=BatchSource.BULK,
            total=len(outcomes),
        )
        queued, counts = await _record_items(viewer, pool, batch, outcomes)
        if counts.done:  # every file refused, or already known: nothing to parse
            await notify_batch_finished(batch.id)
        await publish_batch_progress(intake.queue, batch.id, counts)
        await record_audit(
            viewer,
            "batch.upload",
            entity_type="import_batch",
            entity_id=batch.id,
            details={"items": len(outcomes)},
        )
    for resume in queued:
        await queue_parsing(intake.queue, resume, BULK_QUEUE)
    if counts.done:
        await emit_batch_completed(
            intake.queue, pool.owner_id, batch.id, pool.id, counts
        )
    await batch.refresh_from_db()  # the counts were settled in SQL
    return batch


async def _record_items(
    viewer: Viewer, pool: Pool, batch: ImportBatch, outcomes: list[IntakeOutcome]
) -> tuple[list[Resume], BatchCounts]:
    queued: list[Resume] = []
    settled = 0
    for position, outcome in enumerate(outcomes):
        resume = None
        if outcome.error is None:
            resume, needs_parsing = await record_resume(
                viewer, pool, outcome, source=SourceKind.BULK, batch=batch
            )
            queued.extend([resume] if needs_parsing else [])
            settled += 0 if needs_parsing else 1
        await ImportBatchItem.create(
            batch=batch,
            position=position,
            file_name=outcome.name[:500],
            resume=resume,
            error_code=outcome.error.code.value if outcome.error else None,
            error_message=outcome.error.message if outcome.error else None,
        )
    failed = sum(1 for o in outcomes if o.error is not None)
    counts = await settle_batch(batch.id, succeeded=settled, failed=failed)
    return queued, counts


async def settle_batch(
    batch_id: UUID, *, succeeded: int = 0, failed: int = 0
) -> BatchCounts:
    """Count finished items atomically (negative to re-open one for a retry); the
    batch is done when all are, and running again when a retry re-opens it."""
    rows = await connections.get("default").execute_query_dict(
        "UPDATE import_batches SET succeeded = succeeded + $2, failed = failed + $3,"
        " status = CASE WHEN succeeded + $2 + failed + $3 >= total THEN 'done'"
        " ELSE 'running' END,"
        " finished_at = CASE WHEN succeeded + $2 + failed + $3 >= total"
        " THEN COALESCE(finished_at, now()) END, updated_at = now()"
        " WHERE id = $1 RETURNING total, succeeded, failed",
        [str(batch_id), succeeded, failed],
    )
    row = rows[0]
    return BatchCounts(
        total=row["total"], succeeded=row["succeeded"], failed=row["failed"]
    )


async def queue_parsing(queue: ArqRedis, resume: Resume, queue_name: str) -> None:
    """Announce the resume as queued and enqueue its parse (a repeat is a no-op)."""
    await publish(
        queue,
        resume_stream(resume.id),
        ProgressEvent(
            resume_id=str(resume.id),
            stage=JobStage.QUEUED,
            status=resume.status,
            batch_id=str(resume.batch_id or ""),
        ),
    )
    await enqueue(queue, PARSE_RESUME, resume.id, queue_name=queue_name)


async def publish_resume_final(
    queue: ArqRedis, resume: Resume, job: ProcessingJob
) -> None:
    """The resume's last progress event (`final`), after its outcome is saved."""
    await publish(
        queue,
        resume_stream(resume.id),
        ProgressEvent(
            resume_id=str(resume.id),
            stage=job.stage,
            status=resume.status,
            final=True,
            batch_id=str(resume.batch_id or ""),
            error_code=job.error_code or "",
            error_message=job.error_message or "",
        ),
    )


async def publish_batch_progress(
    queue: ArqRedis,
    batch_id: UUID,
    counts: BatchCounts,
    *,
    resume_id: str = "",
    stage: str = JobStage.QUEUED,
    error_code: str = "",
    error_message: str = "",
) -> None:
    """Publish the counts `settle_batch` returned. Call it before the transaction
    commits: the batch row stays locked until then, so events keep their order."""
    await publish(
        queue,
        batch_stream(batch_id),
        ProgressEvent(
            resume_id=resume_id,
            stage=stage,
            status="done" if counts.done else "running",
            final=counts.done,
            batch_id=str(batch_id),
            processed=counts.succeeded + counts.failed,
            total=counts.total,
            failed=counts.failed,
            error_code=error_code,
            error_message=error_message,
        ),
    )
