"""Resources a worker process shares between its jobs, and the context each job sees."""

import logging
import multiprocessing
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, ParamSpec, TypedDict, TypeVar

from arq.connections import ArqRedis

from domain.config import Settings
from domain.db import close_db, init_db
from domain.intake.storage import FileStore
from domain.llm.client import LlmClient
from domain.llm.embeddings import configure_process as configure_embeddings
from domain.llm.options import LlmOptions
from domain.matching.e5_provider import configure_local_model

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


class RenewingProcessPool(Executor):
    """A process pool that starts afresh when one of its processes died (the OOM
    killer, a crash in a C library such as an OCR engine's): a
    ProcessPoolExecutor stays broken after that and fails every later call,
    which failed every later resume of the worker. Calls running when it broke
    still fail with BrokenProcessPool (the pipeline retries them)."""

    def __init__(
        self, max_workers: int, initializer: Callable[[], object] | None = None
    ) -> None:
        self._max_workers = max_workers
        self._initializer = initializer
        self._lock = threading.Lock()
        self._pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        # forkserver: children do not inherit the event loop or open sockets.
        return ProcessPoolExecutor(
            max_workers=self._max_workers,
            mp_context=multiprocessing.get_context("forkserver"),
            initializer=self._initializer,
        )

    def submit(
        self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
    ) -> Future[T]:
        with self._lock:
            try:
                return self._pool.submit(fn, *args, **kwargs)
            except BrokenProcessPool:
                logger.warning("a pool process died; starting a new process pool")
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new()
                return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


class JobContext(TypedDict):
    """What arq passes to every job: ours (settings, executor) plus arq's own keys."""

    settings: Settings
    executor: Executor
    store: FileStore
    llm: LlmClient | None
    redis: ArqRedis
    job_id: str
    job_try: int


def _configure_process(llm_options: LlmOptions | None, local_model: str) -> None:
    """A pool process's embeddings: EMBEDDING_MODEL's local model, and OpenAI's
    model instead when one is set."""
    configure_local_model(local_model)
    if llm_options is not None:
        configure_embeddings(llm_options)


@asynccontextmanager
async def worker_resources(settings: Settings) -> AsyncIterator[dict[str, Any]]:
    """The database connection and the process pool for CPU-bound work
    (PDF, OCR, NLP), so that it never blocks the event loop or heartbeats."""
    if not settings.database_url:
        raise RuntimeError("Set DATABASE_URL, or start with `hotgigs dev`.")
    await init_db(settings.database_url, max_connections=settings.db_pool_size)
    llm_options = LlmOptions.from_settings(settings)
    configure_local_model(settings.embedding_model)  # fails early if not installed
    local = settings.embedding_model != "static"
    executor = RenewingProcessPool(
        settings.process_count,
        # with no key the children import nothing of the LLM side
        initializer=partial(_configure_process, llm_options, settings.embedding_model)
        if llm_options or local
        else None,
    )
    llm = LlmClient(llm_options) if llm_options else None
    logger.info(
        "worker resources ready processes=%s llm=%s", settings.process_count, bool(llm)
    )
    try:
        yield {
            "settings": settings,
            "executor": executor,
            "store": FileStore(
                settings.storage_dir, encryption_key=settings.storage_key
            ),
            "llm": llm,
        }
    finally:
        if llm is not None:
            await llm.close()
        executor.shutdown(wait=True, cancel_futures=True)
        await close_db()
