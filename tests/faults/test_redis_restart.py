"""Fault: the Redis server restarts in the middle of a 200-resume ZIP import. The
test owns that server (append-only file on, as the embedded one runs)."""

import asyncio

import pytest
from arq import create_pool
from arq.connections import RedisSettings

from domain.embedded import start_redis
from domain.intake.limits import IntakeLimits
from domain.intake.storage import FileStore
from domain.models import ResumeStatus
from domain.resumes.intake import IntakeContext
from tests.factories import make_user
from tests.faults.harness import (
    Workers,
    assert_settled_once,
    count_status,
    settled,
    upload_zip_under_way,
    wait_until,
    worker_env,
)

RESUMES = 200
DOWN_SECONDS = 2
pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]


async def test_redis_restart_mid_batch_parses_every_resume_once(settings, db, tmp_path):
    server = start_redis(tmp_path / "redis", persistent=True)
    queue = await create_pool(RedisSettings.from_dsn(server.url))
    workers = Workers(
        worker_env(
            database_url=settings.database_url,
            redis_url=server.url,
            storage_dir=settings.storage_dir,
        ),
        tmp_path,
    )
    recruiter = await make_user()
    intake = IntakeContext(FileStore(settings.storage_dir), IntakeLimits(), queue)
    try:
        first = await workers.start(wait=False)
        second = await workers.start()
        batch, subscriber = await upload_zip_under_way(
            recruiter, intake, tmp_path, server.url, RESUMES
        )
        server.stop()
        parsed_at_restart = await count_status(batch.id, ResumeStatus.PARSED)
        await asyncio.sleep(DOWN_SECONDS)
        server = start_redis(tmp_path / "redis", persistent=True)
        assert parsed_at_restart < RESUMES, "finished before the restart"

        await wait_until(lambda: settled(batch.id), within=90, what="the batch")
        outcome = await assert_settled_once(batch.id, subscriber, total=RESUMES)
        assert subscriber.reconnects >= 1
        assert first.alive(), first.output()
        assert second.alive(), second.output()
    finally:
        await workers.stop_all()
        await queue.aclose()
        server.stop()
    assert (outcome.parsed, outcome.failed) == (RESUMES, {})
