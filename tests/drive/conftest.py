"""Drive test fixtures: the fake Drive server, settings pointing at it, and burst
workers on the bulk queue (where Drive runs and their parsing happen)."""

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
from arq.connections import ArqRedis
from arq.worker import Worker

from domain.config import Settings
from domain.drive.options import DriveOptions
from domain.jobs import BULK_QUEUE
from tests.drive.support import CLIENT_ID, CLIENT_SECRET_STR, TEST_KEY_STR
from tests.fakes.drive import FakeDrive, running_fake_drive
from workers.context import worker_resources
from workers.settings import worker_options


@pytest.fixture
def fake_drive() -> Iterator[FakeDrive]:
    with running_fake_drive() as drive:
        yield drive


@pytest.fixture
def drive_settings(settings: Settings, fake_drive: FakeDrive) -> Settings:
    return settings.model_copy(
        update={
            "drive_client_id": CLIENT_ID,
            "drive_client_secret": CLIENT_SECRET_STR,
            "drive_auth_uri": fake_drive.url + "/auth",
            "drive_token_uri": fake_drive.token_uri,
            "drive_api_endpoint": fake_drive.api_endpoint,
            "drive_encryption_key": TEST_KEY_STR,
            "drive_backoff_seconds": 0.01,
            "drive_max_retries": 3,
            "drive_timeout_seconds": 10.0,
            "drive_page_size": 2,
            "drive_max_download_mb": 1,
        }
    )


@pytest.fixture
def drive_options(drive_settings: Settings) -> DriveOptions:
    return DriveOptions.from_settings(drive_settings)


@pytest.fixture
async def drive_worker(
    drive_settings: Settings, db: None, queue: ArqRedis
) -> AsyncIterator[Callable[..., Worker]]:
    """Makes real burst workers on the bulk queue (Drive runs and parsing)."""
    async with worker_resources(drive_settings) as shared:
        workers: list[Worker] = []

        def make(retry_jobs: bool = True) -> Worker:
            options = {**worker_options(drive_settings, BULK_QUEUE), "poll_delay": 0}
            worker = Worker(
                **options,
                retry_jobs=retry_jobs,
                ctx=dict(shared),
                burst=True,
                handle_signals=False,
            )
            workers.append(worker)
            return worker

        yield make
        for worker in workers:
            await worker.close()


@pytest.fixture
def drive_client(
    client: httpx.AsyncClient,
    app: Any,
    drive_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> httpx.AsyncClient:
    """The API client, its app configured for the fake Drive (as if started
    with DRIVE_* settings pointing at it)."""
    graphql = next(
        r.endpoint for r in app.routes if getattr(r, "path", "") == "/graphql"
    )
    monkeypatch.setattr(graphql, "settings", drive_settings)
    return client
