"""Fault: a worker SIGKILLed in the middle of a 200-resume ZIP import, then a new
worker. The jobs it held come back once their in-progress lease expires."""

import pytest

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
pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]


async def test_sigkill_of_a_worker_mid_batch_parses_every_resume_once(
    settings, db, queue, tmp_path
):
    workers = Workers(
        worker_env(
            database_url=settings.database_url,
            redis_url=settings.redis_url,
            storage_dir=settings.storage_dir,
        ),
        tmp_path,
    )
    recruiter = await make_user()
    intake = IntakeContext(FileStore(settings.storage_dir), IntakeLimits(), queue)
    try:
        doomed = await workers.start()
        batch, subscriber = await upload_zip_under_way(
            recruiter, intake, tmp_path, settings.redis_url, RESUMES
        )
        await doomed.kill()
        parsed_when_killed = await count_status(batch.id, ResumeStatus.PARSED)
        assert parsed_when_killed < RESUMES, "finished before it could be killed"

        await workers.start()
        await wait_until(lambda: settled(batch.id), within=90, what="the batch")
        outcome = await assert_settled_once(batch.id, subscriber, total=RESUMES)
    finally:
        await workers.stop_all()
    assert (outcome.parsed, outcome.failed) == (RESUMES, {})
