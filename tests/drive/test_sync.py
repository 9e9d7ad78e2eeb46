"""Drive folder sync against the fake Drive server, with the real Google client
and a real burst worker: listings, changes, dedupe, exports, skips and errors."""

import uuid
from datetime import UTC, datetime, timedelta

from domain.drive.imports import ImportContext
from domain.drive.run import lock_key, run_drive_sync
from domain.drive.syncs import DriveSyncChanges, queue_due_syncs, update_drive_sync
from domain.intake.limits import IntakeLimits
from domain.intake.storage import FileStore
from domain.models import (
    Candidate,
    CandidateSource,
    DriveFile,
    DriveRun,
    DriveSync,
    ImportBatch,
    Notification,
    NotificationKind,
    Resume,
    ResumeStatus,
    SourceKind,
    SyncSchedule,
)
from domain.notifications import mark_notifications_read
from tests.drive.support import connect, make_drive_world, run_once
from tests.factories import viewer_of
from tests.fakes.drive import FakeDrive
from tests.samples.resumes import ADA, ALAN, GRACE, docx_resume

MARY = """Mary Somerville
Edinburgh, UK
mary.somerville@example.com

Skills
Astronomy, Mathematics
"""


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
    sources = await CandidateSource.filter(kind=SourceKind.DRIVE).values_list(
        "external_id", "url"
    )
    assert len(sources) == 3
    assert (ada, f"https://drive.google.com/file/d/{ada}/view") in sources
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


async def test_a_changed_file_is_imported_again_as_a_new_version(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    ada = fake_drive.add_file("ada.txt", resume(ADA), world.root)
    await run_once(queue, drive_worker, world.sync)
    fake_drive.update_file(ada, resume(ADA + "\nAlso: Rust\n"))
    fake_drive.touch(ada)  # a second change to the same file, same content

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (1, 1, 0, 0, None)  # listed once, at its last change
    candidates = await Candidate.filter(pool_id=world.pool.id)
    assert [c.name for c in candidates] == ["Ada Lovelace"]
    versions = await Resume.filter(candidate_id=candidates[0].id).count()
    assert versions == 2


async def test_copies_are_skipped_by_md5_and_by_sha256(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    data = resume(GRACE)
    fake_drive.add_file("grace.txt", data, world.root)
    fake_drive.add_file("grace (copy).txt", data, world.root)

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (2, 1, 1, 0, None)
    reasons = await DriveFile.filter(sync_id=world.sync.id).order_by("name")
    assert [(f.name, f.skipped_reason) for f in reasons] == [
        ("grace (copy).txt", "same content as a resume already in this pool"),
        ("grace.txt", None),
    ]
    assert await Resume.filter(pool_id=world.pool.id, status="parsed").count() == 1


async def test_a_copy_seen_in_a_later_run_is_skipped_by_md5_without_download(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    data = resume(GRACE)
    fake_drive.add_file("grace.txt", data, world.root)
    await run_once(queue, drive_worker, world.sync)
    downloads = fake_drive.calls("/files/file")
    fake_drive.add_file("grace (copy).txt", data, world.root)

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (1, 0, 1, 0, None)
    copy = await DriveFile.get(sync_id=world.sync.id, name="grace (copy).txt")
    assert copy.skipped_reason == "same file as grace.txt, imported already"
    assert fake_drive.calls("/files/file") == downloads


async def test_google_docs_are_exported_to_docx(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    fake_drive.add_google_doc("Grace CV", docx_resume(GRACE), world.root)

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (1, 1, 0, 0, None)
    row = await Resume.get(pool_id=world.pool.id)
    assert (row.filename, row.file_kind, row.status) == (
        "Grace CV.docx",
        "docx",
        ResumeStatus.PARSED,
    )
    assert await names_in_pool(world.pool.id) == ["Grace Hopper"]


async def test_oversized_unsupported_and_unexportable_files_are_skipped_with_reasons(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    fake_drive.state.export_limit = 100
    fake_drive.add_file(
        "huge.pdf",
        b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024),
        world.root,
        "application/pdf",
    )
    fake_drive.add_file("clip.mp4", b"\x00" * 10, world.root, "video/mp4")
    fake_drive.add_google_doc("Big doc", docx_resume(GRACE), world.root)

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (3, 0, 3, 0, None)
    files = await DriveFile.filter(sync_id=world.sync.id).order_by("name")
    assert [(f.name, f.skipped_reason) for f in files] == [
        ("Big doc", "too large for Google Drive to export (its limit is 10 MB)"),
        (
            "clip.mp4",
            "unsupported type video/mp4: only PDF, Word, RTF, text, image files"
            " and Google Docs are imported",
        ),
        ("huge.pdf", "2 MB is over the 1 MB limit for Drive downloads"),
    ]
    assert fake_drive.calls("/files/file") == 0  # nothing downloaded


async def test_revoked_consent_pauses_the_sync(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    fake_drive.add_file("ada.txt", resume(ADA), world.root)
    fake_drive.revoke_all()

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (0, 0, 0, 0, "DRIVE_AUTH_REVOKED")
    assert run.error == (
        "Google Drive access was revoked or has expired: connect Google Drive again"
        " (driveConnectStart), then unpause the sync with driveSyncUpdate."
    )
    sync = await DriveSync.get(id=world.sync.id)
    assert (sync.paused, sync.last_error) == (True, run.error)
    assert await DriveRun.filter(sync_id=sync.id).count() == 1
    await run_once(queue, drive_worker, world.sync)  # paused: no new run
    assert await DriveRun.filter(sync_id=sync.id).count() == 1
    notices = await Notification.filter(user_id=world.owner.id)
    assert [(n.kind, n.subject_id, n.message, n.read_at) for n in notices] == [
        (
            NotificationKind.DRIVE_SYNC_PAUSED,
            sync.id,
            f"Drive sync of {world.root} paused: {run.error}",
            None,
        )
    ]


async def test_a_second_pause_renews_the_one_notice_of_the_sync(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    owner = viewer_of(world.owner)
    await run_once(queue, drive_worker, world.sync)  # an empty folder: no batch
    fake_drive.revoke_all()
    await run_once(queue, drive_worker, world.sync)
    assert await mark_notifications_read(owner, None) == 1
    await connect(world.owner, fake_drive, drive_options)
    await update_drive_sync(owner, world.sync.id, DriveSyncChanges(paused=False))
    fake_drive.revoke_all()

    run = await run_once(queue, drive_worker, world.sync)

    assert run.error_code == "DRIVE_AUTH_REVOKED"
    notices = await Notification.filter(user_id=world.owner.id)
    assert [(n.kind, n.subject_id, n.read_at) for n in notices] == [
        (NotificationKind.DRIVE_SYNC_PAUSED, world.sync.id, None)
    ]
    assert notices[0].message == f"Drive sync of Resumes paused: {run.error}"


async def test_an_expired_access_token_is_refreshed(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    fake_drive.add_file("ada.txt", resume(ADA), world.root)
    fake_drive.fail(401, "authError", path="/files")

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (1, 1, 0, 0, None)
    assert fake_drive.state.token_grants.count("refresh_token") == 2


async def test_rate_limits_are_retried_with_backoff(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    fake_drive.add_file("ada.txt", resume(ADA), world.root)
    fake_drive.fail(429, "rateLimitExceeded", path="/files", retry_after=0)
    fake_drive.fail(403, "userRateLimitExceeded", path="/files", times=2)

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (1, 1, 0, 0, None)
    assert await names_in_pool(world.pool.id) == ["Ada Lovelace"]


async def test_a_drive_outage_is_recorded_and_the_job_retried_later(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    fake_drive.fail(503, "backendError", path="/changes", times=10)

    run = await run_once(queue, drive_worker, world.sync, retry_jobs=False)

    assert counts(run) == (0, 0, 0, 0, "DRIVE_UNAVAILABLE")
    assert run.error == (
        "Google Drive is unavailable (503); the sync will retry later."
    )


async def test_a_missing_folder_is_reported(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    del fake_drive.state.files[world.root]

    run = await run_once(queue, drive_worker, world.sync)

    assert run.error_code == "DRIVE_FOLDER_NOT_FOUND"
    assert run.error == (
        f"Google Drive folder {world.root} was not found, or the connected account"
        " cannot see it: check the folder link and share the folder with that"
        " account."
    )


async def test_a_run_that_failed_midway_is_finished_by_the_next_without_duplicates(
    fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(fake_drive, drive_options)
    texts = [ADA, GRACE, ALAN, MARY]
    for n, text in enumerate(texts):
        fake_drive.add_file(f"cv{n}.txt", resume(text), world.root)
    # The listing's second page fails past every retry: the run stops after the
    # first page (2 files) was recorded and queued.
    fake_drive.fail(500, path="/drive/v3/files", exact=True, after=1, times=4)

    failed = await run_once(queue, drive_worker, world.sync, retry_jobs=False)

    assert counts(failed) == (2, 2, 0, 0, "DRIVE_UNAVAILABLE")
    assert (await DriveSync.get(id=world.sync.id)).page_token is None

    run = await run_once(queue, drive_worker, world.sync)

    assert counts(run) == (4, 2, 2, 0, None)
    assert await Resume.filter(pool_id=world.pool.id).count() == 4
    assert await names_in_pool(world.pool.id) == [
        "Ada Lovelace",
        "Alan Turing",
        "Grace Hopper",
        "Mary Somerville",
    ]


async def test_two_runs_of_one_sync_never_overlap(
    fake_drive: FakeDrive, drive_options, drive_settings, queue, db
):
    world = await make_drive_world(fake_drive, drive_options)
    fake_drive.add_file("ada.txt", resume(ADA), world.root)
    ctx = ImportContext(
        options=drive_options,
        store=FileStore(drive_settings.storage_dir),
        limits=IntakeLimits.from_settings(drive_settings),
        queue=queue,
    )
    lock = queue.lock(lock_key(world.sync.id), timeout=60)
    assert await lock.acquire()  # a run in progress elsewhere

    assert await run_drive_sync(world.sync.id, ctx, lock_seconds=60) is None
    assert await DriveRun.filter(sync_id=world.sync.id).count() == 0

    await lock.release()
    run = await run_drive_sync(world.sync.id, ctx, lock_seconds=60)
    assert run is not None
    assert counts(run) == (1, 1, 0, 0, None)


async def test_the_cron_queues_only_due_unpaused_scheduled_syncs(
    fake_drive: FakeDrive, drive_options, queue, db
):
    world = await make_drive_world(
        fake_drive, drive_options, schedule=SyncSchedule.HOURLY
    )
    now = datetime.now(UTC)
    assert await queue_due_syncs(queue, now=now) == 1  # never run yet
    await DriveSync.filter(id=world.sync.id).update(
        last_run_at=now - timedelta(minutes=30)
    )
    await queue.flushdb()
    assert await queue_due_syncs(queue, now=now) == 0
    await DriveSync.filter(id=world.sync.id).update(
        last_run_at=now - timedelta(hours=2)
    )
    assert await queue_due_syncs(queue, now=now) == 1
    await DriveSync.filter(id=world.sync.id).update(schedule=SyncSchedule.MANUAL)
    await queue.flushdb()
    assert await queue_due_syncs(queue, now=now) == 0
