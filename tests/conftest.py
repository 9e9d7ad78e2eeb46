"""Shared fixtures: real PostgreSQL (pgvector) and Redis, migrated once per run,
emptied before each test; settings, an ASGI client and a burst worker."""

import logging
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from arq import create_pool
from arq.connections import ArqRedis, RedisSettings
from arq.worker import Worker
from tortoise import Tortoise, connections

from api.app import create_app
from domain.config import Settings
from domain.db import database, migrate_db
from domain.embedded import start_postgres, start_redis
from domain.jobs import HIGH_QUEUE
from domain.matching.deployment_centers import forget_centers
from workers.context import worker_resources
from workers.settings import worker_options

TEST_JWT_SECRET = "test-secret-that-is-long-enough-0123456789"


@pytest.fixture(scope="session")
def service_urls() -> Iterator[tuple[str, str]]:
    """TEST_DATABASE_URL / TEST_REDIS_URL, or embedded servers for this run.

    Their data lives outside pytest's temp root, which pytest makes private
    (0700) at the start of every session: PostgreSQL runs as another user.
    """
    started = []
    database_url = os.environ.get("TEST_DATABASE_URL")
    redis_url = os.environ.get("TEST_REDIS_URL")
    root = Path(tempfile.mkdtemp(prefix="hotgigs-test-"))
    if not database_url:
        started.append(
            start_postgres(root / "pg", database="hotgigs_test", keep_data=False)
        )
        database_url = started[-1].url
    if not redis_url:
        started.append(start_redis(root / "redis", persistent=False))
        redis_url = started[-1].url
    yield database_url, redis_url
    for server in reversed(started):
        server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def settings(
    service_urls: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    database_url, redis_url = service_urls
    return Settings(
        _env_file=None,
        environment="test",
        database_url=database_url,
        redis_url=redis_url,
        jwt_secret=TEST_JWT_SECRET,
        data_dir=tmp_path_factory.mktemp("data"),
        worker_processes=1,
        # Webhook tests deliver to a receiver on loopback, retried at once.
        webhook_allowed_networks=["127.0.0.0/8"],
        webhook_backoff_seconds=0.0,
        webhook_max_attempts=3,
    )


@pytest.fixture(scope="session")
async def migrated(settings: Settings) -> AsyncIterator[None]:
    """The schema, migrated once; the ORM stays connected for the whole run."""
    assert settings.database_url
    await migrate_db(settings.database_url)
    async with database(settings.database_url):
        yield


def _tables() -> list[str]:
    return [
        model._meta.db_table for app in Tortoise.apps.values() for model in app.values()
    ]


@pytest.fixture
async def db(migrated: None) -> None:
    """An empty database for this test (every table truncated)."""
    tables = ", ".join(f'"{t}"' for t in _tables())
    await connections.get("default").execute_script(f"TRUNCATE {tables} CASCADE")
    forget_centers()  # the cached means of the last test's vectors


@pytest.fixture
async def queue(settings: Settings) -> AsyncIterator[ArqRedis]:
    """The job queue on a flushed Redis."""
    assert settings.redis_url
    pool = await create_pool(RedisSettings.from_dsn(settings.redis_url))
    await pool.flushdb()
    yield pool
    await pool.aclose()


@pytest.fixture(scope="session")
async def app(settings: Settings, migrated: None) -> AsyncIterator[Any]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(
    app: Any, db: None, queue: ArqRedis
) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


@pytest.fixture
async def worker_factory(
    settings: Settings, db: None, queue: ArqRedis
) -> AsyncIterator[Callable[[str], Worker]]:
    """Real arq burst workers: each runs what is queued on its queue, then stops."""
    async with worker_resources(settings) as shared:
        workers: list[Worker] = []

        def make(queue_name: str) -> Worker:
            # Tests call cron functions directly: a cron firing in a burst
            # would add a job a test did not queue.
            options = {
                **worker_options(settings, queue_name),
                "poll_delay": 0,
                "cron_jobs": [],
            }
            worker = Worker(
                **options, ctx=dict(shared), burst=True, handle_signals=False
            )
            workers.append(worker)
            return worker

        yield make
        for worker in workers:
            await worker.close()


@pytest.fixture
async def burst_worker(worker_factory: Callable[[str], Worker]) -> Worker:
    """A real arq burst worker on the high queue (made inside the event loop, which
    arq's Worker binds to when it is created)."""
    return worker_factory(HIGH_QUEUE)


class QueryCounter(logging.Handler):
    """Counts the SQL statements Tortoise sends."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(
            ("Created connection pool", "Closed connection pool")
        ):
            self.statements.append(message)


@pytest.fixture
def count_queries() -> Iterator[QueryCounter]:
    logger = logging.getLogger("tortoise.db_client")
    counter = QueryCounter()
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    yield counter
    logger.removeHandler(counter)
    logger.setLevel(previous)


@pytest.fixture
def samples_dir() -> Path:
    return Path(__file__).parent / "samples"
