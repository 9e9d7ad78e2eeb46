"""Reading resumes, batches and processing jobs in the viewer's scope; re-running
failed work; re-queueing work a lost worker left behind."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

from arq.connections import ArqRedis
from arq.constants import result_key_prefix
from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.access import (
    Viewer,
    editable_processing_jobs,
    editable_resumes,
    upload_pools,
    visible_batches,
    visible_processing_jobs,
    visible_resumes,
)
from domain.audit import record_audit
from domain.errors import DomainError, ErrorCode, NotFound
from domain.jobs import (
    BULK_QUEUE,
    HIGH_QUEUE,
    PARSE_RESUME,
    REPARSE_POOL,
    enqueue,
    job_id,
)
from domain.models import (
    ImportBatch,
    ImportBatchItem,
    JobStage,
    ProcessingJob,
    Resume,
    ResumeStatus,
)
from domain.notifications import notify_batch_finished
from domain.resumes.intake import (
    BatchCounts,
    publish_batch_progress,
    publish_resume_final,
    settle_batch,
)
from domain.webhooks.outcomes import emit_resume_outcome

logger = logging.getLogger(__name__)

OPEN_STAGES = [s for s in JobStage if s not in (JobStage.DONE, JobStage.FAILED)]
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class ResumeFilter:
    status: ResumeStatus | None = None
    batch_id: UUID | None = None


def list_resumes(viewer: Viewer, resume_filter: ResumeFilter) -> QuerySet[Resume]:
    query = visible_resumes(viewer)
    if resume_filter.status is not None:
        query = query.filter(status=resume_filter.status)
    if resume_filter.batch_id is not None:
        query = query.filter(batch_id=resume_filter.batch_id)
    return query


async def get_resume(viewer: Viewer, resume_id: UUID) -> Resume:
    resume = await visible_resumes(viewer).get_or_none(id=resume_id)
    if resume is None:
        raise NotFound("No such resume.", field="resumeId")
    return resume


async def get_batch(viewer: Viewer, batch_id: UUID) -> ImportBatch:
    batch = await visible_batches(viewer).get_or_none(id=batch_id)
    if batch is None:
        raise NotFound("No such import batch.", field="batchId")
    return batch


async def batch_items(batch: ImportBatch) -> list[ImportBatchItem]:
    """The items of a batch the caller has already found in scope, in upload order."""
    return await ImportBatchItem.filter(batch_id=batch.id).order_by("position")


async def jobs_by_resume(
    viewer: Viewer, resume_ids: Iterable[UUID]
) -> dict[UUID, ProcessingJob]:
    rows = await visible_processing_jobs(viewer).filter(
        resume_id__in=list(resume_ids), kind=PARSE_RESUME
    )
    return {row.resume_id: row for row in rows}


async def batches_by_id(viewer: Viewer, ids: Iterable[UUID]) -> dict[UUID, ImportBatch]:
    return {b.id: b for b in await visible_batches(viewer).filter(id__in=list(ids))}


async def processing_jobs_by_id(
    viewer: Viewer, ids: Iterable[UUID]
) -> dict[UUID, ProcessingJob]:
    rows = await visible_processing_jobs(viewer).filter(id__in=list(ids))
    return {row.id: row for row in rows}


async def resumes_by_id(viewer: Viewer, ids: Iterable[UUID]) -> dict[UUID, Resume]:
    return {r.id: r for r in await visible_resumes(viewer).filter(id__in=list(ids))}


def list_processing_jobs(
    viewer: Viewer, stage: JobStage | None
) -> QuerySet[ProcessingJob]:
    query = visible_processing_jobs(viewer)
    return query.filter(stage=stage) if stage is not None else query


def _queue_for(resume: Resume) -> str:
    return BULK_QUEUE if resume.batch_id else HIGH_QUEUE


async def retry_processing_job(
    viewer: Viewer, job_id_: UUID, *, queue: ArqRedis
) -> ProcessingJob:
    """Run a FAILED job again from the start."""
    job = await editable_processing_jobs(viewer).get_or_none(id=job_id_)
    resume = (
        await editable_resumes(viewer).get_or_none(id=job.resume_id) if job else None
    )
    if job is None or resume is None:
        raise NotFound("No such processing job.", field="id")
    if job.stage is not JobStage.FAILED:
        raise DomainError(
            f"Only failed jobs can be retried; this one is {job.stage.value}.",
            code=ErrorCode.NOT_RETRYABLE,
            field="id",
        )
    await _reopen(viewer, job, resume, queue=queue, action="processing_job.retry")
    return job


async def _reopen(
    viewer: Viewer, job: ProcessingJob, resume: Resume, *, queue: ArqRedis, action: str
) -> None:
    """Put a finished job back in the queue; its batch counts it as open again."""
    finished_ok = job.stage is JobStage.DONE
    async with in_transaction():
        job.update_from_dict(
            {
                "stage": JobStage.QUEUED,
                "progress": 0,
                "error_code": None,
                "error_message": None,
                "finished_at": None,
            }
        )
        await job.save()
        resume.status = ResumeStatus.QUEUED
        await resume.save(update_fields=["status", "updated_at"])
        if resume.batch_id:
            await settle_batch(
                resume.batch_id,
                succeeded=-1 if finished_ok else 0,
                failed=0 if finished_ok else -1,
            )
        await record_audit(viewer, action, entity_type="resume", entity_id=resume.id)
    await _requeue(queue, resume)


async def reparse_resume(viewer: Viewer, resume_id: UUID, *, queue: ArqRedis) -> Resume:
    """Parse a finished resume again; fields a recruiter edited stay as they are."""
    resume = await editable_resumes(viewer).get_or_none(id=resume_id)
    jobs = editable_processing_jobs(viewer).filter(resume_id=resume_id)
    job = await jobs.get_or_none(kind=PARSE_RESUME)
    if resume is None:
        raise NotFound("No such resume.", field="resumeId")
    if job is None:
        raise DomainError(
            "This resume is a duplicate: reparse the first upload of the file.",
            code=ErrorCode.NOT_RETRYABLE,
            field="resumeId",
        )
    if job.stage not in (JobStage.DONE, JobStage.FAILED):
        raise DomainError(
            "This resume is being processed already.",
            code=ErrorCode.NOT_RETRYABLE,
            field="resumeId",
        )
    await _reopen(viewer, job, resume, queue=queue, action="resume.reparse")
    return resume


def outdated_resumes(
    viewer: Viewer, pool_id: UUID, parser_version: str
) -> QuerySet[Resume]:
    """The pool's finished resumes parsed by another parser version."""
    return editable_resumes(viewer).filter(
        Q(parser_version__isnull=True) | ~Q(parser_version=parser_version),
        pool_id=pool_id,
        status__in=[ResumeStatus.PARSED, ResumeStatus.FAILED],
        duplicate_of_id=None,
    )


async def request_pool_reparse(
    viewer: Viewer, pool_id: UUID, *, parser_version: str, queue: ArqRedis
) -> int:
    """Check the viewer may re-run the pool's resumes, then queue the work in the
    background; returns how many resumes are outdated now."""
    if not await upload_pools(viewer).filter(id=pool_id).exists():
        raise NotFound("No such pool.", field="poolId")
    count = await outdated_resumes(viewer, pool_id, parser_version).count()
    if count:
        await enqueue(queue, REPARSE_POOL, pool_id, queue_name=BULK_QUEUE)
    return count


async def reparse_pool(
    viewer: Viewer, pool_id: UUID, *, parser_version: str, queue: ArqRedis
) -> int:
    """Queue every outdated resume of the pool; returns how many."""
    count = 0
    for resume in await outdated_resumes(viewer, pool_id, parser_version):
        jobs = editable_processing_jobs(viewer).filter(resume_id=resume.id)
        job = await jobs.get_or_none(kind=PARSE_RESUME)
        if job is not None and job.stage in (JobStage.DONE, JobStage.FAILED):
            await _reopen(viewer, job, resume, queue=queue, action="resume.reparse")
            count += 1
    return count


async def _requeue(queue: ArqRedis, resume: Resume) -> bool:
    # A finished arq job keeps its result (and so its id) for a while: drop it.
    await queue.delete(result_key_prefix + job_id(PARSE_RESUME, resume.id))
    return await enqueue(queue, PARSE_RESUME, resume.id, queue_name=_queue_for(resume))


async def requeue_stuck_jobs(queue: ArqRedis, *, older_than: timedelta) -> int:
    """Re-queue jobs left open longer than `older_than` (a worker was killed, or
    Redis lost its queue); after MAX_ATTEMPTS they fail with a reason. Returns
    how many were re-queued."""
    cutoff = datetime.now(UTC) - older_than
    stuck = await visible_processing_jobs(Viewer.system()).filter(
        stage__in=OPEN_STAGES, updated_at__lt=cutoff
    )
    resumes = await resumes_by_id(Viewer.system(), [job.resume_id for job in stuck])
    requeued = 0
    for job in stuck:
        resume = resumes[job.resume_id]
        if job.attempts >= MAX_ATTEMPTS:
            await _give_up(queue, job, resume)
        elif await _requeue(queue, resume):
            requeued += 1
        await job.save(update_fields=["updated_at"])
    if requeued:
        logger.info("re-queued stuck jobs count=%s", requeued)
    return requeued


async def _give_up(queue: ArqRedis, job: ProcessingJob, resume: Resume) -> None:
    """Fail a resume that kept being interrupted, with everything a failure in
    the pipeline does: the batch counted (and its owner notified when it is the
    last), the final progress events, and the partner webhooks."""
    counts: BatchCounts | None = None
    async with in_transaction():
        job.update_from_dict(
            {
                "stage": JobStage.FAILED,
                "error_code": ErrorCode.PROCESSING_INTERRUPTED.value,
                "error_message": (
                    f"Processing was interrupted {job.attempts} times; retry it"
                    " with processingJobRetry, or check the file."
                ),
                "finished_at": datetime.now(UTC),
            }
        )
        await job.save()
        resume.status = ResumeStatus.FAILED
        await resume.save(update_fields=["status", "updated_at"])
        if resume.batch_id:
            counts = await settle_batch(resume.batch_id, failed=1)
            if counts.done:
                await notify_batch_finished(resume.batch_id)
            await publish_batch_progress(
                queue,
                resume.batch_id,
                counts,
                resume_id=str(resume.id),
                stage=JobStage.FAILED,
                error_code=ErrorCode.PROCESSING_INTERRUPTED.value,
            )
    await publish_resume_final(queue, resume, job)
    await emit_resume_outcome(queue, resume, job, batch=counts)


async def record_matching_time(resume_id: UUID, seconds: float) -> None:
    """The match refresh that followed a parse, timed on the resume's processing
    job (`timings["matching"]`, for processingStats)."""
    job = (
        await visible_processing_jobs(Viewer.system())
        .filter(resume_id=resume_id, kind=PARSE_RESUME)
        .order_by("-created_at")
        .first()
    )
    if job is not None:
        job.timings = {**job.timings, "matching": round(seconds, 4)}
        await job.save(update_fields=["timings"])
