"""The processing of one resume: extract, parse, upsert the candidate, with every
stage recorded on its processing job and published as a progress event."""

import logging
import time
from collections.abc import Awaitable, Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar
from uuid import UUID

from arq.connections import ArqRedis
from tortoise.transactions import in_transaction

from domain.access import Viewer, visible_processing_jobs, visible_resumes
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
from domain.llm.client import LlmClient
from domain.llm.enrichment import Enrichment, enrich_resume, save_enrichment
from domain.models import JobStage, PoolKind, ProcessingJob, Resume, ResumeStatus
from domain.notifications import notify_batch_finished
from domain.outages import is_outage
from domain.parsing.model import ParsedResume
from domain.parsing.parser import PARSER_VERSION, SPACY_MODEL, parse_document
from domain.resumes.intake import (
    BatchCounts,
    publish_batch_progress,
    publish_resume_final,
    settle_batch,
)
from domain.webhooks.outcomes import emit_resume_outcome

logger = logging.getLogger(__name__)

T = TypeVar("T")
RunCpu = Callable[[Callable[[], T]], Awaitable[T]]
INTERNAL_MESSAGE = (
    "An unexpected error stopped the processing of this resume; it has been logged."
    " Retry it with processingJobRetry."
)
FINISHED = (ResumeStatus.PARSED, ResumeStatus.FAILED, ResumeStatus.DUPLICATE)
CRASH_MESSAGE = (
    "Reading this file made the reading process crash or run out of memory, also"
    " when read on its own; upload a smaller or text-based version of the resume."
)
CRASH_NOTE = "The reading process died; this resume will be read again on its own."


@dataclass(frozen=True)
class PipelineContext:
    """`run_cpu` runs a picklable callable in the process pool."""

    store: FileStore
    queue: ArqRedis
    run_cpu: Callable[[Callable[[], Any]], Awaitable[Any]]
    # Runs a callable in a process of its own (a resume that was reading when a
    # pool process died must not take others down with it again).
    run_isolated: Callable[[Callable[[], Any]], Awaitable[Any]] | None = None
    extraction: ExtractionOptions = field(default_factory=ExtractionOptions)
    spacy_model: str = SPACY_MODEL
    llm: LlmClient | None = None  # None: no OPENAI_API_KEY, local only


async def process_resume(resume_id: UUID, ctx: PipelineContext) -> ResumeStatus:
    """Process one resume to PARSED or FAILED (with a reason); idempotent: a
    finished resume is left as it is. TransientError propagates (retry later),
    also when PostgreSQL or Redis is out of reach: a server restart must not
    fail the resume for good."""
    try:
        return await _process(resume_id, ctx)
    except TransientError:
        raise
    except Exception as exc:
        if not is_outage(exc):
            raise
        raise TransientError(f"a server is out of reach: {exc!r}") from exc


async def _process(resume_id: UUID, ctx: PipelineContext) -> ResumeStatus:
    resume = await visible_resumes(Viewer.system()).get_or_none(id=resume_id)
    if resume is None or resume.status in FINISHED:
        return resume.status if resume else ResumeStatus.FAILED
    job = await visible_processing_jobs(Viewer.system()).get(
        resume_id=resume.id, kind=PARSE_RESUME
    )
    try:
        await _run(resume, job, ctx)
    except DomainError as exc:
        await _fail(resume, job, ctx, exc.code, exc.message)
    except BrokenProcessPool as exc:
        # The process reading this resume, or another one sharing its pool, died
        # (the OOM killer, a crash in a C library): read it again on its own, and
        # if it takes down a process of its own, it is the culprit.
        if _crashed_before(job) or ctx.run_isolated is None:
            await _fail(resume, job, ctx, ErrorCode.EXTRACTION_FAILED, CRASH_MESSAGE)
        else:
            await _note_crash(job)
            raise TransientError("the reading process died") from exc
    except TransientError:
        raise
    except Exception as exc:
        if is_outage(exc):
            raise
        logger.exception("resume processing failed resume_id=%s", resume.id)
        await _fail(resume, job, ctx, ErrorCode.INTERNAL, INTERNAL_MESSAGE)
    return resume.status


async def _run(resume: Resume, job: ProcessingJob, ctx: PipelineContext) -> None:
    job.attempts += 1
    job.started_at = job.started_at or datetime.now(UTC)
    resume.status = ResumeStatus.PROCESSING
    await resume.save(update_fields=["status", "updated_at"])
    run_cpu = ctx.run_cpu
    if _crashed_before(job) and ctx.run_isolated is not None:
        run_cpu = ctx.run_isolated
    await _stage(resume, job, ctx, JobStage.EXTRACTING, progress=10)
    document: ExtractedDocument = await _timed(
        job,
        "extracting",
        run_cpu(
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
            run_cpu(partial(parse_to_json, document, ctx.spacy_model)),
        )
    )
    enrichment = None
    if ctx.llm is not None:
        await _stage(resume, job, ctx, JobStage.ENRICHING, progress=70)
        owner_id = (await resume.pool).owner_id
        enrichment = await _timed(
            job,
            "enriching",
            enrich_resume(ctx.llm, text=document.text, parsed=parsed, user_id=owner_id),
        )
        parsed = enrichment.parsed
    counts = await _save(resume, job, ctx, document, parsed, enrichment)
    await publish_resume_final(ctx.queue, resume, job)
    await emit_resume_outcome(ctx.queue, resume, job, batch=counts)
    await enqueue(
        ctx.queue,
        REFRESH_CANDIDATE_MATCHES,
        resume.candidate_id,
        queue_name=MATCHING_QUEUE,
        revision=resume.id,
        resume_id=str(resume.id),  # the refresh records its time on this job
    )


def _crashed_before(job: ProcessingJob) -> bool:
    return job.error_message == CRASH_NOTE


async def _note_crash(job: ProcessingJob) -> None:
    """Shown on the job while it waits for its retry; a success clears it."""
    job.update_from_dict(
        {
            "error_code": ErrorCode.PROCESSING_INTERRUPTED.value,
            "error_message": CRASH_NOTE,
        }
    )
    await job.save(update_fields=["error_code", "error_message", "updated_at"])


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
    try:
        return await work
    finally:
        # Also when the stage fails: the failed job is saved with its timings.
        job.timings[stage] = round(time.perf_counter() - started, 4)


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
    enrichment: Enrichment | None = None,
) -> BatchCounts | None:
    started = time.perf_counter()
    pool = await resume.pool
    profile_of = pool.owner_id if pool.kind is PoolKind.PERSONAL else None
    async with in_transaction():
        resume.text = document.text  # the candidate's full-text search reads it
        candidate = await upsert_from_resume(resume, parsed, profile_of=profile_of)
        resume.candidate_id = candidate.id
        resume.parsed = parsed.model_dump(mode="json")
        resume.parser_version = PARSER_VERSION
        resume.status = ResumeStatus.PARSED
        await resume.save()
        if enrichment is not None:
            await save_enrichment(resume.id, enrichment)
        # Later uploads of the same bytes point at the same candidate.
        await (
            visible_resumes(Viewer.system())
            .filter(duplicate_of_id=resume.id)
            .update(candidate_id=candidate.id)
        )
        job.stage, job.progress = JobStage.DONE, 100
        job.update_from_dict({"error_code": None, "error_message": None})
        job.finished_at = datetime.now(UTC)
        # The candidate upsert and the save, for the processing statistics.
        job.timings["saving"] = round(time.perf_counter() - started, 4)
        await job.save()
        return await _settle(resume, job, ctx)


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
        counts = await _settle(resume, job, ctx)
    logger.info("resume failed resume_id=%s code=%s", resume.id, code)
    await publish_resume_final(ctx.queue, resume, job)
    await emit_resume_outcome(ctx.queue, resume, job, batch=counts)


async def _settle(
    resume: Resume, job: ProcessingJob, ctx: PipelineContext
) -> BatchCounts | None:
    """Count the resume on its batch and publish the batch's progress, inside the
    transaction (see `publish_batch_progress`); the batch's counts after it."""
    if not resume.batch_id:
        return None
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
    return counts
