"""The processing of one resume: extract, parse, upsert the candidate, with every
stage recorded on its processing job and published as a progress event."""

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar
from uuid import UUID

from arq.connections import ArqRedis
from tortoise.transactions import in_transaction

from domain.access import Viewer, visible_resumes
from domain.candidates.upsert import upsert_from_resume
from domain.errors import DomainError, ErrorCode, TransientError
from domain.events import ProgressEvent, publish, resume_stream
from domain.extraction.document import (
    ExtractedDocument,
    ExtractionOptions,
    extract_document,
)
from domain.intake.storage import FileStore
from domain.jobs import (
    MATCHING_QUEUE,
    PARSE_RESUME,
    REFRESH_CANDIDATE_MATCHES,
    enqueue,
)
from domain.models import JobStage, PoolKind, ProcessingJob, Resume, ResumeStatus
from domain.notifications import notify_batch_finished
from domain.parsing.model import ParsedResume
from domain.parsing.parser import PARSER_VERSION, SPACY_MODEL, parse_document
from domain.resumes.intake import publish_batch_progress, settle_batch

logger = logging.getLogger(__name__)

T = TypeVar("T")
RunCpu = Callable[[Callable[[], T]], Awaitable[T]]
INTERNAL_MESSAGE = (
    "An unexpected error stopped the processing of this resume; it has been logged."
    " Retry it with processingJobRetry."
)
FINISHED = (ResumeStatus.PARSED, ResumeStatus.FAILED, ResumeStatus.DUPLICATE)


@dataclass(frozen=True)
class PipelineContext:
    """`run_cpu` runs a picklable callable in the process pool."""

    store: FileStore
    queue: ArqRedis
    run_cpu: Callable[[Callable[[], Any]], Awaitable[Any]]
    extraction: ExtractionOptions = field(default_factory=ExtractionOptions)
    spacy_model: str = SPACY_MODEL


async def process_resume(resume_id: UUID, ctx: PipelineContext) -> ResumeStatus:
    """Process one resume to PARSED or FAILED (with a reason); idempotent: a
    finished resume is left as it is. TransientError propagates (retry later)."""
    resume = await visible_resumes(Viewer.system()).get_or_none(id=resume_id)
    if resume is None or resume.status in FINISHED:
        return resume.status if resume else ResumeStatus.FAILED
    job = await ProcessingJob.get(resume_id=resume.id, kind=PARSE_RESUME)
    try:
        await _run(resume, job, ctx)
    except DomainError as exc:
        await _fail(resume, job, ctx, exc.code, exc.message)
    except TransientError:
        raise
    except Exception:
        logger.exception("resume processing failed resume_id=%s", resume.id)
        await _fail(resume, job, ctx, ErrorCode.INTERNAL, INTERNAL_MESSAGE)
    return resume.status


async def _run(resume: Resume, job: ProcessingJob, ctx: PipelineContext) -> None:
    job.attempts += 1
    job.started_at = job.started_at or datetime.now(UTC)
    resume.status = ResumeStatus.PROCESSING
    await resume.save(update_fields=["status", "updated_at"])
    await _stage(resume, job, ctx, JobStage.EXTRACTING, progress=10)
    document: ExtractedDocument = await _timed(
        job,
        "extracting",
        ctx.run_cpu(
            partial(
                extract_stored,
                ctx.store,
                resume.storage_key,
                resume.file_kind,
                ctx.extraction,
            )
        ),
    )
    if document.ocr_pages:
        job.timings["ocr_pages"] = float(len(document.ocr_pages))
    await _stage(resume, job, ctx, JobStage.PARSING, progress=50)
    parsed = ParsedResume.model_validate(
        await _timed(
            job,
            "parsing",
            ctx.run_cpu(partial(parse_to_json, document, ctx.spacy_model)),
        )
    )
    await _save(resume, job, ctx, document, parsed)
    await _finish_events(resume, job, ctx)
    await enqueue(
        ctx.queue,
        REFRESH_CANDIDATE_MATCHES,
        resume.candidate_id,
        queue_name=MATCHING_QUEUE,
        revision=resume.id,
    )


def extract_stored(
    store: FileStore, key: str, kind: str, options: ExtractionOptions
) -> ExtractedDocument:
    """`extract_document` of a stored file, for the process pool: an encrypted
    file is decrypted there, to a temp copy removed as soon as the text is out."""
    with store.plain_path(key) as path:
        return extract_document(path, kind, options=options)


def parse_to_json(
    document: ExtractedDocument, spacy_model: str = SPACY_MODEL
) -> dict[str, Any]:
    """`parse_document` for the process pool: pydantic's generic models do not
    pickle, so the result crosses back as JSON-ready data."""
    return parse_document(document, spacy_model=spacy_model).model_dump(mode="json")


async def _timed(job: ProcessingJob, stage: str, work: Awaitable[T]) -> T:
    started = time.perf_counter()
    result = await work
    job.timings[stage] = round(time.perf_counter() - started, 4)
    return result


async def _stage(
    resume: Resume,
    job: ProcessingJob,
    ctx: PipelineContext,
    stage: JobStage,
    *,
    progress: int,
) -> None:
    job.stage, job.progress = stage, progress
    await job.save()
    await publish(
        ctx.queue,
        resume_stream(resume.id),
        ProgressEvent(
            resume_id=str(resume.id),
            stage=stage,
            status=resume.status,
            batch_id=str(resume.batch_id or ""),
        ),
    )


async def _save(
    resume: Resume,
    job: ProcessingJob,
    ctx: PipelineContext,
    document: ExtractedDocument,
    parsed: ParsedResume,
) -> None:
    pool = await resume.pool
    profile_of = pool.owner_id if pool.kind is PoolKind.PERSONAL else None
    async with in_transaction():
        candidate = await upsert_from_resume(resume, parsed, profile_of=profile_of)
        resume.candidate_id = candidate.id
        resume.text = document.text
        resume.parsed = parsed.model_dump(mode="json")
        resume.parser_version = PARSER_VERSION
        resume.status = ResumeStatus.PARSED
        await resume.save()
        # Later uploads of the same bytes point at the same candidate.
        await (
            visible_resumes(Viewer.system())
            .filter(duplicate_of_id=resume.id)
            .update(candidate_id=candidate.id)
        )
        job.stage, job.progress = JobStage.DONE, 100
        job.update_from_dict({"error_code": None, "error_message": None})
        job.finished_at = datetime.now(UTC)
        await job.save()
        await _settle(resume, job, ctx)


async def _fail(
    resume: Resume,
    job: ProcessingJob,
    ctx: PipelineContext,
    code: ErrorCode,
    message: str,
) -> None:
    async with in_transaction():
        resume.status = ResumeStatus.FAILED
        await resume.save(update_fields=["status", "updated_at"])
        job.stage, job.error_code, job.error_message = (
            JobStage.FAILED,
            code.value,
            message,
        )
        job.finished_at = datetime.now(UTC)
        await job.save()
        await _settle(resume, job, ctx)
    logger.info("resume failed resume_id=%s code=%s", resume.id, code)
    await _finish_events(resume, job, ctx)


async def _settle(resume: Resume, job: ProcessingJob, ctx: PipelineContext) -> None:
    """Count the resume on its batch and publish the batch's progress, inside the
    transaction (see `publish_batch_progress`)."""
    if not resume.batch_id:
        return
    failed = job.stage is JobStage.FAILED
    counts = await settle_batch(
        resume.batch_id, succeeded=0 if failed else 1, failed=1 if failed else 0
    )
    if counts.done:
        await notify_batch_finished(resume.batch_id)
    await publish_batch_progress(
        ctx.queue,
        resume.batch_id,
        counts,
        resume_id=str(resume.id),
        stage=job.stage,
        error_code=job.error_code or "",
        error_message=job.error_message or "",
    )


async def _finish_events(
    resume: Resume, job: ProcessingJob, ctx: PipelineContext
) -> None:
    await publish(
        ctx.queue,
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
