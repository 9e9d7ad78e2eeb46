"""A worker process SIGKILLed in the middle of a Drive run: the page token had
advanced only past files already recorded and queued, and the run arq starts again
imports every other file, each exactly once."""

import asyncio
import os
import signal
import subprocess
import sys

import pytest
from arq.constants import job_key_prefix, result_key_prefix

from domain.config import Settings
from domain.drive.run import INTERRUPTED_MESSAGE
from domain.drive.syncs import queue_run
from domain.errors import ErrorCode
from domain.jobs import PARSE_RESUME, job_id
from domain.models import (
    Candidate,
    CandidateSource,
    DriveFile,
    DriveRun,
    DriveSync,
    ImportBatchItem,
    Resume,
    ResumeStatus,
    SourceKind,
)
from tests.drive.support import make_drive_world, run_once
from tests.fakes.drive import FakeDrive
from tests.samples.resumes import ADA

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
FILES = 10
PAGE = 2  # changes per page (drive_settings)


def _env(settings: Settings, job_timeout: int) -> dict[str, str]:
    """The worker's environment: the test's servers and the fake Drive."""
    assert settings.database_url
    assert settings.redis_url
    return {
        **os.environ,
        "ENVIRONMENT": settings.environment,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "JWT_SECRET": settings.jwt_secret.get_secret_value(),
        "DATA_DIR": str(settings.data_dir.resolve()),
        "STORAGE_DIR": str(settings.storage_dir.resolve()),
        "WORKER_JOB_TIMEOUT_SECONDS": str(job_timeout),
        "WORKER_PROCESSES": "1",
        "LOG_LEVEL": "WARNING",
        "DRIVE_CLIENT_ID": settings.drive_client_id,
        "DRIVE_CLIENT_SECRET": settings.drive_client_secret.get_secret_value(),
        "DRIVE_TOKEN_URI": settings.drive_token_uri,
        "DRIVE_API_ENDPOINT": settings.drive_api_endpoint or "",
        "DRIVE_ENCRYPTION_KEY": settings.drive_encryption_key.get_secret_value(),
        "DRIVE_PAGE_SIZE": str(settings.drive_page_size),
        "DRIVE_BACKOFF_SECONDS": str(settings.drive_backoff_seconds),
    }


def _start_worker(
    settings: Settings, job_timeout: int, *extra: str
) -> subprocess.Popen[bytes]:
    """A worker on the bulk queue. The killed one's job timeout decides when arq
    runs its jobs again (timeout + 10 s); the rescuer's must fit a cold pool's
    first parses."""
    return subprocess.Popen(  # noqa: S603  # our own interpreter and module
        [sys.executable, "-m", "workers", "--queue", "bulk", *extra],
        env=_env(settings, job_timeout),
        start_new_session=True,  # its own process group: the pool dies with it
    )


def _person(n: int) -> bytes:
    return (
        ADA.replace("ada.lovelace@", f"ada{n}@")
        .replace("Ada Lovelace", f"Ada Number{n}")
        .replace("7946 0958", f"7946 {n:04d}")
        .encode()
    )


async def _queued_or_done(queue, resume_id) -> bool:
    key = job_id(PARSE_RESUME, resume_id)
    return bool(await queue.exists(job_key_prefix + key, result_key_prefix + key))


async def test_a_worker_killed_mid_run_loses_nothing_and_imports_each_file_once(
    fake_drive: FakeDrive, drive_settings, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    await run_once(queue, drive_worker, world.sync)  # an empty folder: the token
    start = int((await DriveSync.get(id=world.sync.id)).page_token or "")
    files = [
        fake_drive.add_file(f"cv{n}.txt", _person(n), world.root) for n in range(FILES)
    ]
    # Two pages (4 files) go through, the 5th file downloads, the 6th hangs.
    fake_drive.hold("/files/file", after=2 * PAGE + 1)
    await queue_run(queue, world.sync.id)

    doomed = _start_worker(drive_settings, 10)
    try:
        assert await asyncio.to_thread(fake_drive.state.held.wait, 60)
    finally:
        os.killpg(doomed.pid, signal.SIGKILL)
        doomed.wait(timeout=10)

    sync = await DriveSync.get(id=world.sync.id)
    assert sync.page_token == str(start + 2 * PAGE)
    recorded = await DriveFile.filter(sync_id=sync.id).order_by("name")
    assert [f.file_id for f in recorded] == files[: 2 * PAGE]
    for row in recorded:
        assert row.resume_id is not None
        assert await _queued_or_done(queue, row.resume_id), row.name

    fake_drive.release()
    rescuer = _start_worker(drive_settings, 120, "--burst")
    assert await asyncio.to_thread(rescuer.wait, 180) == 0

    sync = await DriveSync.get(id=world.sync.id)
    assert sync.page_token == str(start + FILES)
    rows = await DriveFile.filter(sync_id=sync.id)
    assert sorted(f.file_id for f in rows) == sorted(files)
    assert len({f.resume_id for f in rows}) == FILES
    assert await Resume.filter(pool_id=world.pool.id).count() == FILES
    assert (
        await Resume.filter(pool_id=world.pool.id, status=ResumeStatus.PARSED).count()
        == FILES
    )
    assert await Candidate.filter(pool_id=world.pool.id).count() == FILES
    assert await CandidateSource.filter(kind=SourceKind.DRIVE).count() == FILES
    assert await ImportBatchItem.all().count() == FILES
    runs = await DriveRun.filter(sync_id=sync.id).order_by("started_at")
    assert [
        (r.found, r.imported, r.skipped, r.failed, r.error_code, r.error)
        for r in runs[1:]
    ] == [
        # What the killed run had committed: two pages.
        (
            2 * PAGE,
            2 * PAGE,
            0,
            0,
            ErrorCode.PROCESSING_INTERRUPTED,
            INTERRUPTED_MESSAGE,
        ),
        (FILES - 2 * PAGE, FILES - 2 * PAGE, 0, 0, None, None),
    ]
