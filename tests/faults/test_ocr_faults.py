"""Fault: the OCR step is slow past its limit, or fails, in the middle of a ZIP
import of 200 text resumes (a ZIP) and a few scans. The fault is injected through the
TESSERACT_CMD setting the extraction path honours: a wrapper around the real
Tesseract that sleeps, exits with an error, or kills the pool process that ran
it (as the OOM killer would)."""

import shutil
from pathlib import Path

import pytest

from domain.intake.limits import IntakeLimits
from domain.intake.storage import FileStore
from domain.models import ProcessingJob, Resume, ResumeStatus
from domain.resumes.files import IncomingFile
from domain.resumes.intake import IntakeContext, upload_batch
from domain.resumes.pipeline import CRASH_MESSAGE
from tests.factories import make_user, viewer_of
from tests.faults.harness import (
    Subscriber,
    Workers,
    assert_settled_once,
    resume_zip,
    settled,
    wait_until,
    worker_env,
)
from tests.samples.formats import scanned_pdf

RESUMES = 200
SCANS = 4
EXTRACTION_TIMEOUT_SECONDS = 2
pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

# `--version` goes to the real program: pytesseract checks it before each run.
WRAPPERS = {
    "slow": 'sleep 30\nexec {real} "$@"\n',
    "failing": "echo 'simulated fault: cannot allocate memory' >&2\nexit 1\n",
    # As the OOM killer would: the pool process that ran Tesseract dies.
    "crashing": "kill -9 $PPID\nexit 1\n",
}
MESSAGES = {
    "slow": "Reading this scan took too long and was stopped; upload a text-based"
    " file or a smaller scan.",
    "failing": "Tesseract could not read this scan (simulated fault: cannot"
    " allocate memory); scan the resume again and upload the new file.",
    "crashing": CRASH_MESSAGE,
}
# Runs of each scan: a crash is retried once, alone (a resume next to it may
# have been the culprit); a reasoned failure is not retried.
ATTEMPTS = {"slow": 1, "failing": 1, "crashing": 2}


def _wrapper(directory: Path, mode: str, real: str) -> Path:
    path = directory / f"tesseract-{mode}"
    body = WRAPPERS[mode].format(real=real)
    path.write_text(
        f'#!/bin/sh\nif [ "$1" = "--version" ]; then exec {real} "$@"; fi\n{body}'
    )
    path.chmod(0o755)
    return path


def _scan(directory: Path, n: int) -> IncomingFile:
    """An image-only PDF (next to the ZIP: a page of white compresses past the
    archive ratio limit)."""
    path = directory / f"scan-{n}.pdf"
    path.write_bytes(scanned_pdf(lines=[f"Scanned Person {n}", "Skills", "SQL"]))
    return IncomingFile(name=path.name, path=path, size=path.stat().st_size)


@pytest.mark.parametrize("mode", ["slow", "failing", "crashing"])
async def test_slow_or_failing_ocr_fails_only_the_scans_with_a_reason(
    settings, db, queue, tmp_path, mode
):
    real = shutil.which("tesseract")
    if real is None:
        pytest.skip("tesseract is not installed: apt-get install tesseract-ocr")
    scans = [_scan(tmp_path, n) for n in range(SCANS)]
    workers = Workers(
        worker_env(
            database_url=settings.database_url,
            redis_url=settings.redis_url,
            storage_dir=settings.storage_dir,
            TESSERACT_CMD=str(_wrapper(tmp_path, mode, real)),
            EXTRACTION_TIMEOUT_SECONDS=str(EXTRACTION_TIMEOUT_SECONDS),
        ),
        tmp_path,
    )
    recruiter = await make_user()
    intake = IntakeContext(FileStore(settings.storage_dir), IntakeLimits(), queue)
    try:
        await workers.start()
        batch = await upload_batch(
            viewer_of(recruiter),
            [resume_zip(tmp_path, RESUMES), *scans],
            pool_id=None,
            intake=intake,
        )
        subscriber = Subscriber(settings.redis_url, batch.id)
        await wait_until(lambda: settled(batch.id), within=120, what="the batch")
        outcome = await assert_settled_once(batch.id, subscriber, total=RESUMES + SCANS)
    finally:
        await workers.stop_all()
    assert (outcome.parsed, outcome.failed) == (RESUMES, {"EXTRACTION_FAILED": SCANS})
    failed = await Resume.filter(batch_id=batch.id, status=ResumeStatus.FAILED)
    assert sorted(r.filename for r in failed) == [f"scan-{n}.pdf" for n in range(SCANS)]
    jobs = await ProcessingJob.filter(resume_id__in=[r.id for r in failed])
    assert {j.error_message for j in jobs} == {MESSAGES[mode]}
    # More only when a busy machine made a run outlast its share of the job's time.
    assert all(j.attempts >= ATTEMPTS[mode] for j in jobs)
