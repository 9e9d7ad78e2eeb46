"""Drive folder sync against the fake Drive server, with the real Google client
and a real burst worker: listings, changes, dedupe, exports, skips and errors."""

import uuid

from domain.models import (
    Candidate,
    CandidateSource,
    DriveFile,
    DriveRun,
    DriveSync,
    ImportBatch,
    Resume,
    ResumeStatus,
    SourceKind,
)
from tests.drive.support import make_drive_world, run_once
from tests.fakes.drive import FakeDrive
from tests.samples.resumes import ADA, ALAN, GRACE


def resume(text: str) -> bytes:
    """A text resume no earlier run stored (the file store is shared)."""
    return f"{text}\nReference {uuid.uuid4().hex}\n".encode()


def counts(run: DriveRun) -> tuple[int, int, int, int, str | None]:
    return run.found, run.imported, run.skipped, run.failed, run.error_code


async def names_in_pool(pool_id) -> list[str]:
    return sorted(
        await Candidate.filter(pool_id=pool_id).values_list("name", flat=True)
    )


async def test_first_run_imports_the_folder_tree_with_subfolders(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    sub = fake_drive.add_folder("2026", parent=world.root)
    deeper = fake_drive.add_folder("March", parent=sub)
    ada = fake_drive.add_file("ada.txt", resume(ADA), world.root)
    fake_drive.add_file("grace.txt", resume(GRACE), sub)
    fake_drive.add_file("alan.txt", resume(ALAN), deeper)
    fake_drive.add_file("elsewhere.txt", resume(ADA), "root")

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (3, 3, 0, 0, None)
    assert await names_in_pool(world.pool.id) == [
        "Ada Lovelace",
        "Alan Turing",
        "Grace Hopper",
    ]
    sync = await DriveSync.get(id=world.sync.id)
    assert (sync.folder_name, sync.page_token, sync.last_error) == (
        "Resumes",
        "7",
        None,
    )
    assert sorted(sync.tree_folder_ids) == sorted([world.root, sub, deeper])
    sources = await CandidateSource.filter(kind=SourceKind.DRIVE).count()
    assert sources == 3
    resumes = await Resume.filter(pool_id=world.pool.id).values_list("source", "status")
    assert sorted(resumes) == [(SourceKind.DRIVE, ResumeStatus.PARSED)] * 3
    ada_file = await DriveFile.get(sync_id=sync.id, file_id=ada)
    assert ada_file.web_view_link == f"https://drive.google.com/file/d/{ada}/view"
    batches = await ImportBatch.filter(pool_id=world.pool.id).values_list(
        "source", "total", "succeeded"
    )
    assert sum(total for _, total, _ in batches) == 3


async def test_second_run_imports_only_the_new_file_inside_the_tree(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    fake_drive.add_file("ada.txt", resume(ADA), world.root)
    await run_once(queue, drive_worker, world.sync)
    outside = fake_drive.add_folder("Private")
    fake_drive.add_file("outside.txt", resume(ALAN), outside)
    sub = fake_drive.add_folder("New", parent=world.root)
    fake_drive.add_file("grace.txt", resume(GRACE), sub)

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (1, 1, 0, 0, None)
    assert await names_in_pool(world.pool.id) == ["Ada Lovelace", "Grace Hopper"]
    sync = await DriveSync.get(id=world.sync.id)
    assert sync.page_token == "6"  # 4 changes after the first run's token "2"
    assert sorted(sync.tree_folder_ids) == sorted([world.root, sub])
