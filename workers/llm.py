"""LLM jobs: re-embedding in the background after the embeddings provider changed."""

import asyncio

from domain.llm.embeddings import current_model, request_reembedding
from workers.context import JobContext


async def reembed_outdated(ctx: JobContext) -> int:
    """Every ten minutes: queue refreshes for vectors of another model than the
    pool's provider (a no-op once everything is re-embedded)."""
    loop = asyncio.get_running_loop()
    model = await loop.run_in_executor(ctx["executor"], current_model)
    return await request_reembedding(ctx["redis"], model)
