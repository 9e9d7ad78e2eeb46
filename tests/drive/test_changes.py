"""Changes a later run follows: files trashed, deleted or moved out of the watched
tree (noted, their candidates kept), folders moved into it (their files imported)
and out of it (ignored from then on)."""

from domain.models import Candidate, DriveFile, DriveSync, Resume
from tests.drive.support import make_drive_world, run_once
from tests.drive.test_sync import MARY, counts, names_in_pool, resume
from tests.fakes.drive import FakeDrive
from tests.samples.resumes import ADA, ALAN, GRACE


async def removed(sync_id, file_id: str) -> bool:
    row = await DriveFile.get(sync_id=sync_id, file_id=file_id)
    return row.removed_at is not None


async def test_a_trashed_file_is_noted_and_its_candidate_kept_until_restored(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    ada = fake_drive.add_file("ada.txt", resume(ADA), world.root)
    await run_once(queue, drive_worker, world.sync)
    fake_drive.trash(ada)

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (0, 0, 0, 0, None)
    assert await removed(world.sync.id, ada)
    assert await names_in_pool(world.pool.id) == ["Ada Lovelace"]
    assert await Resume.filter(pool_id=world.pool.id).count() == 1

    fake_drive.trash(ada, trashed=False)
    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (1, 0, 1, 0, None)  # unchanged: not imported again
    assert not await removed(world.sync.id, ada)
    assert await Resume.filter(pool_id=world.pool.id).count() == 1


async def test_a_deleted_file_is_noted_and_its_candidate_kept(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    ada = fake_drive.add_file("ada.txt", resume(ADA), world.root)
    grace = fake_drive.add_file("grace.txt", resume(GRACE), world.root)
    await run_once(queue, drive_worker, world.sync)
    fake_drive.delete(ada)

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (0, 0, 0, 0, None)
    assert (await removed(world.sync.id, ada), await removed(world.sync.id, grace)) == (
        True,
        False,
    )
    assert await names_in_pool(world.pool.id) == ["Ada Lovelace", "Grace Hopper"]


async def test_a_folder_moved_into_the_tree_brings_its_files(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    fake_drive.add_file("ada.txt", resume(ADA), world.root)
    elsewhere = fake_drive.add_folder("Old CVs")
    inner = fake_drive.add_folder("2019", parent=elsewhere)
    fake_drive.add_file("grace.txt", resume(GRACE), elsewhere)
    fake_drive.add_file("alan.txt", resume(ALAN), inner)
    fake_drive.add_file("mary.txt", resume(MARY), inner)
    await run_once(queue, drive_worker, world.sync)
    assert await names_in_pool(world.pool.id) == ["Ada Lovelace"]
    fake_drive.move(elsewhere, world.root)

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (3, 3, 0, 0, None)
    assert await names_in_pool(world.pool.id) == [
        "Ada Lovelace",
        "Alan Turing",
        "Grace Hopper",
        "Mary Somerville",
    ]
    sync = await DriveSync.get(id=world.sync.id)
    assert sorted(sync.tree_folder_ids) == sorted([world.root, elsewhere, inner])
    run = await run_once(queue, drive_worker, world.sync)
    assert counts(run) == (0, 0, 0, 0, None)


async def test_a_file_moved_out_is_noted_and_ignored_afterwards(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    ada = fake_drive.add_file("ada.txt", resume(ADA), world.root)
    await run_once(queue, drive_worker, world.sync)
    private = fake_drive.add_folder("Private")
    fake_drive.move(ada, private)

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (0, 0, 0, 0, None)
    assert await removed(world.sync.id, ada)
    fake_drive.update_file(ada, resume(ADA + "\nAlso: Rust\n"))
    run = await run_once(queue, drive_worker, world.sync)
    assert counts(run) == (0, 0, 0, 0, None)
    assert await Resume.filter(pool_id=world.pool.id).count() == 1
    assert await Candidate.filter(pool_id=world.pool.id).count() == 1


async def test_a_folder_moved_out_takes_its_subfolders_out_of_the_tree(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    sub = fake_drive.add_folder("2026", parent=world.root)
    deeper = fake_drive.add_folder("March", parent=sub)
    kept = fake_drive.add_folder("Kept", parent=world.root)
    await run_once(queue, drive_worker, world.sync)
    fake_drive.move(sub, "root")
    fake_drive.add_file("alan.txt", resume(ALAN), deeper)  # no longer watched
    fake_drive.add_file("grace.txt", resume(GRACE), kept)

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (1, 1, 0, 0, None)
    assert await names_in_pool(world.pool.id) == ["Grace Hopper"]
    sync = await DriveSync.get(id=world.sync.id)
    assert sorted(sync.tree_folder_ids) == sorted([world.root, kept])
