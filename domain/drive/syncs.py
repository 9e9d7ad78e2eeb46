"""Drive syncs in the viewer's scope: create, change, delete, read, run now, and
which ones are due by their schedule."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from arq.connections import ArqRedis
from arq.constants import result_key_prefix
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.access import (
    Viewer,
    drive_pools,
    editable_drive_syncs,
    visible_drive_syncs,
)
from domain.audit import record_audit
from domain.drive.connections import find_connection
from domain.errors import Conflict, DomainError, ErrorCode, NotFound
from domain.jobs import BULK_QUEUE, SYNC_DRIVE_FOLDER, enqueue, job_id
from domain.models import DriveRun, DriveSync, SyncSchedule

INTERVALS = {
    SyncSchedule.HOURLY: timedelta(hours=1),
    SyncSchedule.DAILY: timedelta(days=1),
    SyncSchedule.WEEKLY: timedelta(weeks=1),
}
RUNS_SHOWN = 20


@dataclass(frozen=True)
class DriveSyncInput:
    folder_id: str
    pool_id: UUID
    schedule: SyncSchedule = SyncSchedule.DAILY
    include_subfolders: bool = True


@dataclass(frozen=True)
class DriveSyncChanges:
    """What to change; None leaves a value as it is."""

    schedule: SyncSchedule | None = None
    include_subfolders: bool | None = None
    paused: bool | None = None


def list_drive_syncs(viewer: Viewer) -> QuerySet[DriveSync]:
    return visible_drive_syncs(viewer)


async def get_drive_sync(viewer: Viewer, sync_id: UUID) -> DriveSync:
    sync = await visible_drive_syncs(viewer).get_or_none(id=sync_id)
    if sync is None:
        raise NotFound("No such Drive sync.", field="id")
    return sync


async def drive_syncs_by_id(
    viewer: Viewer, ids: Iterable[UUID]
) -> dict[UUID, DriveSync]:
    rows = await visible_drive_syncs(viewer).filter(id__in=list(ids))
    return {row.id: row for row in rows}


async def runs_of(sync: DriveSync, limit: int = RUNS_SHOWN) -> list[DriveRun]:
    """The latest runs of a sync the caller has already found in scope."""
    return await DriveRun.filter(sync_id=sync.id).order_by("-started_at").limit(limit)


def _folder_id(value: str) -> str:
    folder = value.strip()
    if not 1 <= len(folder) <= 200 or "'" in folder or "/" in folder:
        raise DomainError(
            "Give the id of a Google Drive folder (the part after /folders/ in its"
            " link).",
            field="folderId",
        )
    return folder


async def create_drive_sync(viewer: Viewer, data: DriveSyncInput) -> DriveSync:
    """Watch a folder of the viewer's connected Drive, importing into a pool."""
    folder_id = _folder_id(data.folder_id)
    pool = await drive_pools(viewer).get_or_none(id=data.pool_id)
    if pool is None:
        raise NotFound("No such pool.", field="poolId")
    if await find_connection(viewer) is None:
        raise DomainError(
            "Connect Google Drive first (driveConnectStart), then add the folder.",
            code=ErrorCode.DRIVE_NOT_CONNECTED,
        )
    try:
        async with in_transaction():
            sync = await DriveSync.create(
                owner_id=viewer.user_id,
                pool=pool,
                folder_id=folder_id,
                schedule=data.schedule,
                include_subfolders=data.include_subfolders,
            )
            await _audit(viewer, "drive_sync.create", sync)
    except IntegrityError as exc:
        raise Conflict(
            "This folder already syncs into this pool.", field="folderId"
        ) from exc
    return sync


async def _editable(viewer: Viewer, sync_id: UUID) -> DriveSync:
    sync = await editable_drive_syncs(viewer).get_or_none(id=sync_id)
    if sync is None:
        raise NotFound("No such Drive sync.", field="id")
    return sync


async def update_drive_sync(
    viewer: Viewer, sync_id: UUID, changes: DriveSyncChanges
) -> DriveSync:
    """Change the schedule or pause; a new subfolder choice lists the tree again."""
    sync = await _editable(viewer, sync_id)
    if changes.schedule is not None:
        sync.schedule = changes.schedule
    if changes.paused is not None:
        sync.paused = changes.paused
        if not changes.paused:
            sync.update_from_dict({"last_error": None})
    if changes.include_subfolders not in (None, sync.include_subfolders):
        sync.include_subfolders = bool(changes.include_subfolders)
        sync.page_token = None  # the next run lists the (new) tree from scratch
    async with in_transaction():
        await sync.save()
        await _audit(viewer, "drive_sync.update", sync)
    return sync


async def delete_drive_sync(viewer: Viewer, sync_id: UUID) -> UUID:
    """Stop watching the folder; resumes already imported stay."""
    sync = await _editable(viewer, sync_id)
    async with in_transaction():
        await sync.delete()
        await _audit(viewer, "drive_sync.delete", sync)
    return sync_id


async def request_run(viewer: Viewer, sync_id: UUID, *, queue: ArqRedis) -> DriveSync:
    """Queue a run now; a run already queued or running is left to finish."""
    sync = await _editable(viewer, sync_id)
    if sync.paused:
        raise DomainError(
            "This sync is paused"
            + (f" ({sync.last_error})" if sync.last_error else "")
            + ": unpause it with driveSyncUpdate first.",
            code=ErrorCode.DRIVE_SYNC_PAUSED,
            field="id",
        )
    await queue_run(queue, sync.id)
    return sync


async def queue_run(queue: ArqRedis, sync_id: UUID) -> bool:
    # A finished arq job keeps its id while its result is kept: drop the result.
    await queue.delete(result_key_prefix + job_id(SYNC_DRIVE_FOLDER, sync_id))
    return await enqueue(queue, SYNC_DRIVE_FOLDER, sync_id, queue_name=BULK_QUEUE)


async def queue_due_syncs(queue: ArqRedis, *, now: datetime) -> int:
    """Queue every unpaused sync whose schedule says it is due; returns how many."""
    due = 0
    for schedule, interval in INTERVALS.items():
        syncs = visible_drive_syncs(Viewer.system()).filter(
            Q(last_run_at__isnull=True) | Q(last_run_at__lte=now - interval),
            schedule=schedule,
            paused=False,
        )
        for sync_id in await syncs.values_list("id", flat=True):
            due += int(await queue_run(queue, sync_id))  # type: ignore[arg-type]  # values_list of a UUID column
    return due


async def _audit(viewer: Viewer, action: str, sync: DriveSync) -> None:
    await record_audit(
        viewer,
        action,
        entity_type="drive_sync",
        entity_id=sync.id,
        details={"folder_id": sync.folder_id, "schedule": sync.schedule.value},
    )
