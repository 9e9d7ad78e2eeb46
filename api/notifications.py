"""Notifications: what finished while you were away, newest first."""

from datetime import datetime
from functools import partial
from typing import Self
from uuid import UUID

import strawberry
from strawberry import relay

from api.context import Info
from api.drive import DriveSync
from api.errors import UserError, user_errors
from api.pagination import Connection, decode_id, load_nodes
from api.permissions import IsAuthenticated, allow
from api.resumes.types import ImportBatch
from domain import notifications
from domain.errors import DomainError
from domain.models import Notification as NotificationModel
from domain.models import NotificationKind as DomainNotificationKind
from domain.pagination import DEFAULT_PAGE_SIZE, Ordering, SortKind, paginate

NotificationKind = strawberry.enum(DomainNotificationKind, name="NotificationKind")
NEWEST_FIRST = Ordering("updated_at", True, SortKind.TIME)
SIGNED_IN = allow(IsAuthenticated())


@strawberry.type
class Notification(relay.Node):
    id: relay.NodeID[str]
    kind: NotificationKind  # type: ignore[valid-type]  # strawberry.enum returns the enum
    message: str
    read_at: datetime | None
    created_at: datetime
    updated_at: datetime
    subject_id: strawberry.Private[UUID]

    @strawberry.field(description="The batch a BATCH_FINISHED notice is about.")
    async def batch(self, info: Info) -> ImportBatch | None:
        if self.kind is not DomainNotificationKind.BATCH_FINISHED:
            return None
        row = await info.context.loaders.batch.load(self.subject_id)
        return ImportBatch.from_model(row) if row else None

    @strawberry.field(description="The Drive sync a DRIVE_SYNC_PAUSED notice is about.")
    async def drive_sync(self, info: Info) -> DriveSync | None:
        if self.kind is not DomainNotificationKind.DRIVE_SYNC_PAUSED:
            return None
        row = await info.context.loaders.drive_sync.load(self.subject_id)
        return DriveSync.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: NotificationModel) -> Self:
        return cls(
            id=str(row.id),
            kind=row.kind,
            message=row.message,
            read_at=row.read_at,
            created_at=row.created_at,
            updated_at=row.updated_at,
            subject_id=row.subject_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # async variant of relay's API
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        fetch = partial(notifications.notifications_by_id, info.context.viewer)
        return await load_nodes(node_ids, fetch, cls.from_model)


@strawberry.input
class NotificationsMarkReadInput:
    ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Leave out to mark every notification read."
    )


@strawberry.type
class NotificationsMarkReadPayload:
    marked_count: int = 0
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class NotificationQuery:
    @strawberry.field(extensions=SIGNED_IN, description="Yours, newest first.")
    async def notifications(
        self,
        info: Info,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
        unread_only: bool = False,
    ) -> Connection[Notification]:
        query = notifications.list_notifications(
            info.context.viewer, unread_only=unread_only
        )
        page = await paginate(query, first=first, after=after, ordering=NEWEST_FIRST)
        return Connection.from_page(page, Notification.from_model)


@strawberry.type
class NotificationMutation:
    @strawberry.mutation(extensions=SIGNED_IN)
    async def notifications_mark_read(
        self, info: Info, input: NotificationsMarkReadInput
    ) -> NotificationsMarkReadPayload:
        try:
            ids = (
                [decode_id(i, "Notification", field="ids") for i in input.ids]
                if input.ids is not None
                else None
            )
            count = await notifications.mark_notifications_read(
                info.context.viewer, ids
            )
        except DomainError as exc:
            return NotificationsMarkReadPayload(user_errors=user_errors(exc))
        return NotificationsMarkReadPayload(marked_count=count)
