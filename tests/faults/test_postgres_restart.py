"""Fault: PostgreSQL restarts (a fast shutdown that ends every session) in the
middle of a 200-resume ZIP import. The test owns that server and talks to it
through its own ORM context, apart from the session's database."""

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from tortoise.context import TortoiseContext

from domain.db import tortoise_config
from domain.embedded import EmbeddedServer, start_postgres
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
DATABASE = "hotgigs_faults"
pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]


async def _migrate(url: str) -> None:
    """`hotgigs migrate`, as a release step runs it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *("-c", "from api.cli import main; main()", "migrate"),
        env={**os.environ, "DATABASE_URL": url},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode == 0, output.decode()


@asynccontextmanager
async def _own_database(data_dir: Path) -> AsyncIterator[EmbeddedServer]:
    server = await asyncio.to_thread(start_postgres, data_dir, database=DATABASE)
    try:
        await _migrate(server.url)
        async with TortoiseContext() as orm:
            await orm.init(config=tortoise_config(server.url, max_connections=4))
            yield server
    finally:
        await asyncio.to_thread(server.stop)


async def test_postgres_restart_mid_batch_parses_every_resume_once(
    settings, queue, tmp_path
):
    storage = tmp_path / "files"
    async with _own_database(tmp_path / "pg") as server:
        workers = Workers(
            worker_env(
                database_url=server.url,
                redis_url=settings.redis_url,
                storage_dir=storage,
            ),
            tmp_path,
        )
        recruiter = await make_user()
        intake = IntakeContext(FileStore(storage), IntakeLimits(), queue)
        try:
            await workers.start(wait=False)
            await workers.start()
            batch, subscriber = await upload_zip_under_way(
                recruiter, intake, tmp_path, settings.redis_url, RESUMES
            )
            await asyncio.to_thread(server.stop)
            await asyncio.sleep(DOWN_SECONDS)
            restarted = await asyncio.to_thread(
                start_postgres, tmp_path / "pg", database=DATABASE
            )
            assert restarted.url == server.url
            server = restarted
            parsed_at_restart = await count_status(batch.id, ResumeStatus.PARSED)
            assert parsed_at_restart < RESUMES, "finished before the restart"
            # The workers' own pools must reconnect: nothing restarts them.

            await wait_until(lambda: settled(batch.id), within=120, what="the batch")
            outcome = await assert_settled_once(batch.id, subscriber, total=RESUMES)
            for worker in workers.started:
                assert worker.alive(), worker.output()
        finally:
            await workers.stop_all()
    assert (outcome.parsed, outcome.failed) == (RESUMES, {})
