"""A worker SIGKILLed in the middle of a batch loses nothing: another worker
finishes the batch, and every resume is parsed exactly once."""

import asyncio
import os
import signal
import subprocess
import sys

import pytest

from domain.intake.limits import IntakeLimits
from domain.intake.storage import FileStore
from domain.models import Candidate, CandidateSource, ImportBatch, Resume, ResumeStatus
from domain.resumes.files import IncomingFile
from domain.resumes.intake import IntakeContext, upload_batch
from tests.factories import make_user, viewer_of
from tests.samples.resumes import ADA, text_resume

RESUMES = 40
pytestmark = pytest.mark.slow


def _start_worker(settings, *extra: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "STORAGE_DIR": str(settings.storage_dir),
        # Short, so the killed worker's jobs are taken again soon (arq waits the
        # timeout + 10 s), but long enough for a first parse that loads spaCy in
        # a fresh pool process on a busy machine (3 s was not).
        "WORKER_JOB_TIMEOUT_SECONDS": "12",
        "WORKER_PROCESSES": "1",
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(  # noqa: S603  # our own interpreter and module
        [sys.executable, "-m", "workers", "--queue", "bulk", *extra],
        env=env,
        start_new_session=True,  # its own process group: the pool dies with it
    )


async def _parsed() -> int:
    return await Resume.filter(status=ResumeStatus.PARSED).count()


async def test_sigkill_mid_batch_still_parses_every_resume_exactly_once(
    settings, db, queue, tmp_path
):
    recruiter = await make_user()
    files = []
    for n in range(RESUMES):
        path = tmp_path / f"cv{n}.txt"
        text = (
            ADA.replace("ada.lovelace@", f"ada{n}@")
            .replace("Ada Lovelace", f"Ada {n}")
            .replace("7946 0958", f"7946 {n:04d}")
        )
        path.write_bytes(text_resume(text))
        files.append(IncomingFile(name=path.name, path=path, size=path.stat().st_size))
    intake = IntakeContext(
        store=FileStore(settings.storage_dir), limits=IntakeLimits(), queue=queue
    )
    await upload_batch(viewer_of(recruiter), files, pool_id=None, intake=intake)

    doomed = _start_worker(settings)
    async with asyncio.timeout(60):
        while await _parsed() < 5:  # noqa: ASYNC110  # polling another process's work
            await asyncio.sleep(0.05)
    os.killpg(doomed.pid, signal.SIGKILL)
    doomed.wait(timeout=10)
    assert await _parsed() < RESUMES, "the worker finished before it could be killed"

    rescuer = _start_worker(settings, "--burst")
    assert await asyncio.to_thread(rescuer.wait, 180) == 0

    assert await _parsed() == RESUMES
    assert await Candidate.all().count() == RESUMES
    assert await CandidateSource.all().count() == RESUMES
    batch = await ImportBatch.get()
    assert (batch.status, batch.total, batch.succeeded, batch.failed) == (
        "done",
        RESUMES,
        RESUMES,
        0,
    )
