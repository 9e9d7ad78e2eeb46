"""Benchmark: a first run over a 500-file folder tree on the fake Drive server
(listing, streamed downloads, content-addressed storage, resume rows, queueing;
parsing is the bulk pipeline's and is measured elsewhere). Run with -m bench."""

import time
import uuid

import pytest

from domain.drive.imports import ImportContext
from domain.drive.options import DriveOptions
from domain.drive.run import run_drive_sync
from domain.intake.limits import IntakeLimits
from domain.intake.storage import FileStore
from domain.jobs import BULK_QUEUE
from tests.drive.support import make_drive_world
from tests.fakes.drive import FakeDrive
from tests.samples.resumes import ADA

FILES = 500


@pytest.mark.bench
async def test_first_run_over_a_500_file_folder(
    fake_drive: FakeDrive, drive_settings, queue, db
):
    settings = drive_settings.model_copy(update={"drive_page_size": 100})
    options = DriveOptions.from_settings(settings)
    world = await make_drive_world(fake_drive, options)
    folders = [fake_drive.add_folder(f"Batch {n}", world.root) for n in range(5)]
    for n in range(FILES):
        text = ADA.replace("ada.lovelace", f"ada{n}") + f"\n{uuid.uuid4().hex}\n"
        fake_drive.add_file(f"cv{n}.txt", text.encode(), folders[n % 5])
    ctx = ImportContext(
        options=options,
        store=FileStore(settings.storage_dir),
        limits=IntakeLimits.from_settings(settings),
        queue=queue,
    )

    started = time.perf_counter()
    run = await run_drive_sync(world.sync.id, ctx, lock_seconds=600)
    seconds = time.perf_counter() - started

    assert run is not None
    assert (run.found, run.imported, run.error_code) == (FILES, FILES, None)
    assert await queue.zcard(BULK_QUEUE) == FILES
    print(  # noqa: T201  # the benchmark's figure
        f"\ndrive first run: {FILES} files in {seconds:.2f} s"
        f" = {FILES / seconds:.0f} files/s"
    )
