"""Resume jobs: `parse_resume(resume_id)` runs the domain pipeline."""

import asyncio
from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from arq import Retry

from domain.access import Viewer
from domain.errors import TransientError
from domain.parsing.parser import PARSER_VERSION
from domain.resumes.pipeline import PipelineContext, process_resume
from domain.resumes.service import reparse_pool as reparse_outdated
from workers.context import JobContext

T = TypeVar("T")
RETRY_BACKOFF_SECONDS = 10


def pipeline_context(ctx: JobContext) -> PipelineContext:
    executor = ctx["executor"]

    async def run_cpu(work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(executor, work)

    return PipelineContext(
        store=ctx["store"],
        queue=ctx["redis"],
        run_cpu=run_cpu,
        spacy_model=ctx["settings"].spacy_model,
        llm=ctx.get("llm"),
    )


async def parse_resume(ctx: JobContext, resume_id: str) -> str:
    try:
        status = await process_resume(UUID(resume_id), pipeline_context(ctx))
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
