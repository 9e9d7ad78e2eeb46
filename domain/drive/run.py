"""One run of a Drive sync: the folder tree on the first run, `changes.list` from
the saved page token afterwards, under a Redis lock so that two runs of one sync
never overlap. The page token is saved only after the files it covers are queued.
"""

import asyncio
import logging
from collections import deque
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from uuid import UUID

from redis.exceptions import LockError
from tortoise.transactions import in_transaction

from domain.access import Viewer, own_drive_connections, visible_drive_syncs
from domain.drive.calls import DriveNotFound, DriveTransient, call_drive
from domain.drive.changes import Tree, sort_files, sort_folders
from domain.drive.client import ChangePage, DriveClient, DriveItem
from domain.drive.connections import build_credentials
from domain.drive.imports import ImportContext, RunCounts, import_items, mark_removed
from domain.errors import DomainError, ErrorCode
from domain.models import DriveRun, DriveSync
from domain.notifications import notify_drive_sync_paused

logger = logging.getLogger(__name__)

LOCK_PREFIX = "hotgigs:lock:drive_sync:"
INTERNAL_MESSAGE = "An unexpected error stopped this run; it has been logged."
INTERRUPTED_MESSAGE = (
    "This run stopped before it finished (its worker was restarted or killed, or"
    " the run reached the job time limit); the next run went on from the last"
    " saved point, so nothing was lost or imported twice."
)


def lock_key(sync_id: UUID) -> str:
    return f"{LOCK_PREFIX}{sync_id}"


async def run_drive_sync(
    sync_id: UUID, ctx: ImportContext, *, lock_seconds: int
) -> DriveRun | None:
    """Run the sync once; None when it is gone, paused, or another run holds its
    lock. A DriveTransient propagates after the run has recorded it."""
    lock = ctx.queue.lock(lock_key(sync_id), timeout=lock_seconds, blocking=False)
    if not await lock.acquire():
        logger.info("drive sync already running sync_id=%s", sync_id)
        return None
    try:
        return await _run_locked(sync_id, ctx)
    finally:
        try:
            await lock.release()
        except LockError:
            logger.warning("drive sync lock expired during the run sync_id=%s", sync_id)


async def _run_locked(sync_id: UUID, ctx: ImportContext) -> DriveRun | None:
    sync = await visible_drive_syncs(Viewer.system()).get_or_none(id=sync_id)
    if sync is None or sync.paused:
        return None
    sync.last_run_at = datetime.now(UTC)
    await sync.save(update_fields=["last_run_at", "updated_at"])
    await _close_interrupted_runs(sync)
    run = await DriveRun.create(sync=sync)
    counts = RunCounts(run_id=run.id)
    try:
        await _run_with_client(sync, ctx, counts)
    except DomainError as exc:
        await _finish(sync, run, counts, exc.code, exc.message)
    except DriveTransient as exc:
        await _finish(sync, run, counts, exc.code, exc.message)
        raise
    except Exception:
        logger.exception("drive sync run failed sync_id=%s", sync.id)
        await _finish(sync, run, counts, ErrorCode.INTERNAL, INTERNAL_MESSAGE)
        raise
    else:
        await _finish(sync, run, counts)
    return run


async def _close_interrupted_runs(sync: DriveSync) -> None:
    """Finish the runs a dead worker left open: under the lock, none is going on."""
    closed = await DriveRun.filter(sync_id=sync.id, finished_at__isnull=True).update(
        finished_at=datetime.now(UTC),
        error_code=ErrorCode.PROCESSING_INTERRUPTED.value,
        error=INTERRUPTED_MESSAGE,
    )
    if closed:
        logger.warning("drive sync run interrupted sync_id=%s", sync.id)


async def _run_with_client(
    sync: DriveSync, ctx: ImportContext, counts: RunCounts
) -> None:
    client = await _client(sync, ctx)
    try:
        if sync.page_token is None:
            await _list_tree(sync, client, ctx, counts)
        else:
            await _follow_changes(sync, client, ctx, counts)
    finally:
        await asyncio.to_thread(client.close)


async def _client(sync: DriveSync, ctx: ImportContext) -> DriveClient:
    query = own_drive_connections(Viewer.system()).filter(owner_id=sync.owner_id)
    connection = await query.first()
    if connection is None or connection.revoked_at is not None:
        raise DomainError(
            "The owner of this sync has no Google Drive connection: connect Google"
            " Drive again (driveConnectStart), then unpause the sync.",
            code=ErrorCode.DRIVE_AUTH_REVOKED,
        )
    credentials = build_credentials(connection, ctx.options)
    # Building the client parses the bundled discovery document: off the loop.
    return await asyncio.to_thread(DriveClient, credentials, ctx.options)


async def _finish(
    sync: DriveSync,
    run: DriveRun,
    counts: RunCounts,
    code: ErrorCode | None = None,
    message: str | None = None,
) -> None:
    run.update_from_dict(
        {
            **counts.totals(),
            "finished_at": datetime.now(UTC),
            "error_code": code.value if code else None,
            "error": message,
        }
    )
    sync.update_from_dict({"last_error": message})
    async with in_transaction():
        await run.save()
        if code is ErrorCode.DRIVE_AUTH_REVOKED and message is not None:
            await _pause_for_consent(sync, message)
        await sync.save(update_fields=["last_error", "paused", "updated_at"])
    logger.info(
        "drive sync run finished sync_id=%s found=%s imported=%s skipped=%s"
        " failed=%s error_code=%s",
        sync.id,
        counts.found,
        counts.imported,
        counts.skipped,
        counts.failed,
        code,
    )


async def _pause_for_consent(sync: DriveSync, message: str) -> None:
    """Pause the sync, mark the connection revoked and tell the owner once: a
    paused sync does not run again until the owner unpauses it."""
    sync.paused = True
    await (
        own_drive_connections(Viewer.system())
        .filter(owner_id=sync.owner_id)
        .update(revoked_at=datetime.now(UTC))
    )
    await notify_drive_sync_paused(sync, message)


async def _root_folder(
    sync: DriveSync, client: DriveClient, ctx: ImportContext
) -> DriveItem:
    try:
        folder = await call_drive(partial(client.get, sync.folder_id), ctx.options)
    except DriveNotFound as exc:
        raise DomainError(
            f"Google Drive folder {sync.folder_id} was not found, or the connected"
            " account cannot see it: check the folder link and share the folder"
            " with that account.",
            code=ErrorCode.DRIVE_FOLDER_NOT_FOUND,
        ) from exc
    if not folder.is_folder:
        raise DomainError(
            f"{folder.name} is a file, not a folder: sync a folder instead.",
            code=ErrorCode.DRIVE_FOLDER_NOT_FOUND,
        )
    return folder


async def _list_tree(
    sync: DriveSync, client: DriveClient, ctx: ImportContext, counts: RunCounts
) -> None:
    """The first run: every file of the folder (and subfolders, if asked)."""
    # Taken before listing, so that changes made during the listing are seen.
    start_token = await call_drive(client.start_page_token, ctx.options)
    folder = await _root_folder(sync, client, ctx)
    tree = [folder.id]
    await _walk(sync, client, [folder.id], tree, ctx, counts)
    sync.folder_name, sync.tree_folder_ids = folder.name[:500], tree
    sync.page_token = start_token
    await sync.save(
        update_fields=["folder_name", "tree_folder_ids", "page_token", "updated_at"]
    )


async def _walk(
    sync: DriveSync,
    client: DriveClient,
    start: list[str],
    tree: list[str],
    ctx: ImportContext,
    counts: RunCounts,
) -> None:
    """Import the files in the `start` folders (and below them, if the sync
    includes subfolders) page by page; the subfolders met join `tree`."""
    pending = deque(start)
    while pending:
        parent, page_token = pending.popleft(), None
        while True:
            work = partial(client.list_children, parent, page_token)
            items, page_token = await call_drive(work, ctx.options)
            for sub in (i for i in items if i.is_folder and sync.include_subfolders):
                tree.extend([] if sub.id in tree else [sub.id])
                pending.append(sub.id)
            files = [i for i in items if not i.is_folder]
            await import_items(sync, client, files, ctx, counts)
            if not page_token:
                break


async def _folder_tree(
    sync: DriveSync, client: DriveClient, ctx: ImportContext
) -> list[str]:
    """The watched folder and every folder below it, as Drive has them now."""
    tree, pending = [sync.folder_id], deque([sync.folder_id])
    while pending:
        parent, page_token = pending.popleft(), None
        while True:
            work = partial(client.list_children, parent, page_token, folders_only=True)
            items, page_token = await call_drive(work, ctx.options)
            for sub in (i for i in items if i.id not in tree):
                tree.append(sub.id)
                pending.append(sub.id)
            if not page_token:
                break
    return tree


async def _follow_changes(
    sync: DriveSync, client: DriveClient, ctx: ImportContext, counts: RunCounts
) -> None:
    token: str | None = sync.page_token
    while token:
        page = await call_drive(partial(client.list_changes, token), ctx.options)
        await _apply_changes(sync, client, page, ctx, counts)
        sync.page_token = page.next_token or page.new_start_token or token
        await sync.save(update_fields=["page_token", "tree_folder_ids", "updated_at"])
        token = page.next_token


async def _apply_changes(
    sync: DriveSync,
    client: DriveClient,
    page: ChangePage,
    ctx: ImportContext,
    counts: RunCounts,
) -> None:
    """Folders first (one that joined the tree is listed, one that left it makes
    the tree listed again), then the changed files against the tree they give."""
    old = Tree(sync.folder_id, sync.include_subfolders, frozenset(sync.tree_folder_ids))
    folders = sort_folders(old, page)
    tree = [*sync.tree_folder_ids, *(f.id for f in folders.joined)]
    if folders.left:
        tree = await _folder_tree(sync, client, ctx)
        logger.info("drive sync tree listed again sync_id=%s", sync.id)
    await _walk(sync, client, [f.id for f in folders.joined], tree, ctx, counts)
    sync.tree_folder_ids = tree
    files, gone = sort_files(replace(old, folder_ids=frozenset(tree)), page)
    await import_items(sync, client, files, ctx, counts)
    await mark_removed(sync, gone)
