"""Notifications: what finished while the user was away (a batch), or what stopped
and needs them (a Drive sync paused)."""

import logging
from datetime import UTC, datetime
from uuid import UUID

from tortoise.queryset import QuerySet

from domain.access import Viewer, visible_batches, visible_notifications
from domain.models import DriveSync, ImportBatch, Notification, NotificationKind

logger = logging.getLogger(__name__)


def batch_message(batch: ImportBatch) -> str:
    parsed = f"{batch.succeeded} of {batch.total} resumes parsed"
    if batch.failed:
        return f"Import finished: {parsed}, {batch.failed} failed (see the items)."
    return f"Import finished: {parsed}."


async def notify_batch_finished(batch_id: UUID) -> Notification | None:
    """Tell the person who started the batch (else the pool owner) that it is
    done; call it in the transaction that settled the last item. A batch that
    finishes again after a retry updates the same notice and makes it unread."""
    batch = (
        await visible_batches(Viewer.system())
        .filter(id=batch_id)
        .select_related("pool")
        .get()
    )
    user_id = batch.created_by_id or batch.pool.owner_id
    notice, _ = await Notification.update_or_create(
        user_id=user_id,
        kind=NotificationKind.BATCH_FINISHED,
        subject_id=batch.id,
        defaults={
            "message": batch_message(batch),
            "details": {
                "total": batch.total,
                "succeeded": batch.succeeded,
                "failed": batch.failed,
            },
            "read_at": None,
        },
    )
    logger.info("notification batch_id=%s user_id=%s", batch.id, user_id)
    return notice


async def notify_drive_sync_paused(sync: DriveSync, reason: str) -> Notification:
    """Tell the sync's owner that it is paused and why; call it in the transaction
    that pauses the sync. A later pause of the same sync (after the owner unpaused
    it) updates that notice and makes it unread again."""
    folder = sync.folder_name or sync.folder_id
    notice, _ = await Notification.update_or_create(
        user_id=sync.owner_id,
        kind=NotificationKind.DRIVE_SYNC_PAUSED,
        subject_id=sync.id,
        defaults={
            "message": f"Drive sync of {folder} paused: {reason}",
            "details": {"folder_id": sync.folder_id, "reason": reason},
            "read_at": None,
        },
    )
    logger.info("notification drive_sync_id=%s user_id=%s", sync.id, sync.owner_id)
    return notice


def list_notifications(viewer: Viewer, *, unread_only: bool) -> QuerySet[Notification]:
    query = visible_notifications(viewer)
    return query.filter(read_at__isnull=True) if unread_only else query


async def mark_notifications_read(
    viewer: Viewer, notification_ids: list[UUID] | None
) -> int:
    """Mark the given notices (all unread ones when None) read; returns how many
    changed. Ids the viewer may not see are ignored."""
    query = visible_notifications(viewer).filter(read_at__isnull=True)
    if notification_ids is not None:
        query = query.filter(id__in=notification_ids)
    return await query.update(read_at=datetime.now(UTC))


async def unread_count(viewer: Viewer) -> int:
    return await visible_notifications(viewer).filter(read_at__isnull=True).count()


async def notifications_by_id(
    viewer: Viewer, notification_ids: list[UUID]
) -> dict[UUID, Notification]:
    rows = await visible_notifications(viewer).filter(id__in=notification_ids)
    return {row.id: row for row in rows}
