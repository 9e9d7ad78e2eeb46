"""Fault: the storage directory's disk fills up in the middle of a bulk import. The
storage is a small tmpfs mounted for the test (root only; skipped otherwise).
The archive that no longer fits is refused as a whole with STORAGE_FULL, nothing
half-written is left, the batch already stored goes on, and the same archive
goes through once space is freed."""

import asyncio
import errno
import hashlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from domain.intake.limits import IntakeLimits
from domain.intake.storage import FileStore
from domain.resumes.intake import IntakeContext, upload_batch
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

RESUMES = 200
FIRST_BATCH = 20
DISK_BYTES = 2 * 2**20
ROOM_LEFT_BYTES = 40 * 1024  # about ten more stored files (one 4 KiB page each)
pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs, unmounted afterwards."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mount = shutil.which("mount")
    if mount is None:
        pytest.skip("no mount command to make a small file system")
    result = subprocess.run(  # noqa: S603  # fixed command, our own path
        [mount, "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(  # noqa: S603  # fixed command, our own path
            [shutil.which("umount") or "umount", "-l", str(mount_point)], check=False
        )


def _fill(disk: Path, *, leave: int) -> Path:
    """Write a file until the disk is full, then give `leave` bytes back."""
    filler = disk / "filler"
    with filler.open("wb") as out:
        assert _write_until_error(out) == errno.ENOSPC
    with filler.open("r+b") as out:
        out.truncate(max(filler.stat().st_size - leave, 0))
    return filler


def _write_until_error(out: BinaryIO) -> int | None:
    chunk = b"\0" * 65536
    try:
        while True:
            out.write(chunk)
            out.flush()
    except OSError as exc:
        return exc.errno


def _stored_files_are_whole(store: Path) -> int:
    """Every stored file holds exactly the bytes its name is the SHA-256 of."""
    files = list(store.glob("[0-9a-f][0-9a-f]/[0-9a-f][0-9a-f]/*"))
    for path in files:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name
    return len(files)


async def test_full_disk_refuses_the_archive_cleanly_and_the_rest_goes_on(
    settings, db, queue, small_disk, tmp_path
):
    store = small_disk / "files"
    workers = Workers(
        worker_env(
            database_url=settings.database_url,
            redis_url=settings.redis_url,
            storage_dir=store,
        ),
        tmp_path,
    )
    recruiter = await make_user()
    viewer = viewer_of(recruiter)
    intake = IntakeContext(FileStore(store), IntakeLimits(), queue)
    try:
        await workers.start()
        first = await upload_batch(
            viewer,
            [resume_zip(tmp_path, FIRST_BATCH, tag="a")],
            pool_id=None,
            intake=intake,
        )
        first_events = Subscriber(settings.redis_url, first.id)
        filler = await asyncio.to_thread(_fill, small_disk, leave=ROOM_LEFT_BYTES)

        refused = await upload_batch(
            viewer,
            [resume_zip(tmp_path, RESUMES, tag="b")],
            pool_id=None,
            intake=intake,
        )
        refused_events = Subscriber(settings.redis_url, refused.id)
        outcome = await assert_settled_once(refused.id, refused_events, total=1)
        assert (outcome.parsed, outcome.failed) == (0, {"STORAGE_FULL": 1})
        item = (await refused.items.all())[0]
        assert item.file_name == "batch-b.zip"
        assert item.error_message == (
            "The server's file storage is full: an administrator must free disk"
            " space or raise the disk quota, then the upload can be retried."
        )
        assert list((store / ".tmp").iterdir()) == []
        stored_when_full = _stored_files_are_whole(store)
        assert FIRST_BATCH < stored_when_full < FIRST_BATCH + RESUMES

        await wait_until(lambda: settled(first.id), within=60, what="the first batch")
        first_outcome = await assert_settled_once(
            first.id, first_events, total=FIRST_BATCH
        )
        assert (first_outcome.parsed, first_outcome.failed) == (FIRST_BATCH, {})

        filler.unlink()
        retried = await upload_batch(
            viewer,
            [resume_zip(tmp_path, RESUMES, tag="b")],
            pool_id=None,
            intake=intake,
        )
        retried_events = Subscriber(settings.redis_url, retried.id)
        await wait_until(lambda: settled(retried.id), within=90, what="the retry")
        retried_outcome = await assert_settled_once(
            retried.id, retried_events, total=RESUMES
        )
    finally:
        await workers.stop_all()
    assert (retried_outcome.parsed, retried_outcome.failed) == (RESUMES, {})
    assert _stored_files_are_whole(store) == FIRST_BATCH + RESUMES
