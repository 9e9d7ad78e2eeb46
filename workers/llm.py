"""LLM jobs: re-embedding after the embeddings provider changed, and generated
match reasons."""

import asyncio

from domain.llm.embeddings import current_model, request_reembedding
from domain.llm.explanations import explain_new_matches
from domain.llm.requirements import refine_new_jobs
from domain.parsing.taxonomy import load_taxonomy
from workers.context import JobContext


async def reembed_outdated(ctx: JobContext) -> int:
    """Every ten minutes: queue refreshes for vectors of another model than the
    pool's provider (a no-op once everything is re-embedded)."""
    loop = asyncio.get_running_loop()
    model = await loop.run_in_executor(ctx["executor"], current_model)
    return await request_reembedding(ctx["redis"], model)


async def explain_matches(ctx: JobContext) -> int:
    """Every ten minutes, with a model configured: generated reasons for the best
    matches that have none (or a stale one)."""
    llm = ctx.get("llm")
    return 0 if llm is None else await explain_new_matches(llm)


async def refine_job_requirements(ctx: JobContext) -> int:
    """Every ten minutes, with a model configured: required vs preferred as the
    model sorts them, for open jobs whose text has no refinement yet."""
    llm = ctx.get("llm")
    return 0 if llm is None else await refine_new_jobs(llm, load_taxonomy())
