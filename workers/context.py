"""Resources a worker process shares between its jobs, and the context each job sees."""

import logging
import multiprocessing
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, TypedDict

from arq.connections import ArqRedis

from domain.config import Settings
from domain.db import close_db, init_db
from domain.intake.storage import FileStore
from domain.llm.client import LlmClient
from domain.llm.embeddings import configure_process as configure_embeddings
from domain.llm.options import LlmOptions

logger = logging.getLogger(__name__)


class JobContext(TypedDict):
    """What arq passes to every job: ours (settings, executor) plus arq's own keys."""

    settings: Settings
    executor: ProcessPoolExecutor
    store: FileStore
    llm: LlmClient | None
    redis: ArqRedis
    job_id: str
    job_try: int


@asynccontextmanager
async def worker_resources(settings: Settings) -> AsyncIterator[dict[str, Any]]:
    """The database connection and the process pool for CPU-bound work
    (PDF, OCR, NLP), so that it never blocks the event loop or heartbeats."""
    if not settings.database_url:
        raise RuntimeError("Set DATABASE_URL, or start with `hotgigs dev`.")
    await init_db(settings.database_url, max_connections=settings.db_pool_size)
    llm_options = LlmOptions.from_settings(settings)
    # forkserver: children do not inherit the event loop or open sockets.
    executor = ProcessPoolExecutor(
        max_workers=settings.process_count,
        mp_context=multiprocessing.get_context("forkserver"),
        # with no key the children import nothing of the LLM side
        initializer=partial(configure_embeddings, llm_options) if llm_options else None,
    )
    llm = LlmClient(llm_options) if llm_options else None
    logger.info(
        "worker resources ready processes=%s llm=%s", settings.process_count, bool(llm)
    )
    try:
        yield {
            "settings": settings,
            "executor": executor,
            "store": FileStore(settings.storage_dir),
            "llm": llm,
        }
    finally:
        if llm is not None:
            await llm.close()
        executor.shutdown(wait=True, cancel_futures=True)
        await close_db()
