"""Resume jobs: `parse_resume(resume_id)` runs the domain pipeline."""

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar
from uuid import UUID

from arq import Retry

from domain.access import Viewer
from domain.errors import TransientError
from domain.extraction.document import ExtractionOptions
from domain.parsing.parser import PARSER_VERSION
from domain.resumes.pipeline import PipelineContext, process_resume
from domain.resumes.service import reparse_pool as reparse_outdated
from workers.context import JobContext

T = TypeVar("T")
RETRY_BACKOFF_SECONDS = 10
TIME_SHARE = 0.9  # of WORKER_JOB_TIMEOUT_SECONDS, before arq cancels the job


def pipeline_context(ctx: JobContext) -> PipelineContext:
    executor = ctx["executor"]

    async def run_cpu(work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(executor, work)

    async def run_isolated(work: Callable[[], T]) -> T:
        solo = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("forkserver")
        )
        try:
            return await asyncio.get_running_loop().run_in_executor(solo, work)
        finally:
            solo.shutdown(wait=False)

    settings = ctx["settings"]
    return PipelineContext(
        store=ctx["store"],
        queue=ctx["redis"],
        run_cpu=run_cpu,
        run_isolated=run_isolated,
        extraction=ExtractionOptions(
            timeout_seconds=settings.extraction_timeout_seconds,
            tesseract_cmd=settings.tesseract_cmd,
        ),
        spacy_model=settings.spacy_model,
        llm=ctx.get("llm"),
    )


async def parse_resume(ctx: JobContext, resume_id: str) -> str:
    """Parse one resume. It gets most of the job's time: past that (a busy
    process pool, a slow server) it is retried, where arq's own timeout would
    fail the job for good and leave the resume open until the reconciler."""
    budget = ctx["settings"].worker_job_timeout_seconds * TIME_SHARE
    try:
        async with asyncio.timeout(budget) as deadline:
            status = await process_resume(UUID(resume_id), pipeline_context(ctx))
    except TimeoutError as exc:
        if not deadline.expired():
            raise
        raise Retry(defer=RETRY_BACKOFF_SECONDS * ctx["job_try"]) from exc
    except TransientError as exc:
        raise Retry(defer=RETRY_BACKOFF_SECONDS * ctx["job_try"]) from exc
    return status.value


async def reparse_pool(ctx: JobContext, pool_id: str) -> int:
    """Queue every resume of the pool that an older parser read."""
    return await reparse_outdated(
        Viewer.system(),
        UUID(pool_id),
        parser_version=PARSER_VERSION,
        queue=ctx["redis"],
    )
