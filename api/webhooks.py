"""Partner webhooks: register URLs for events, and read what was delivered."""

from datetime import datetime
from typing import Self, cast
from uuid import UUID

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api.context import Info
from api.errors import UserError, user_errors
from api.pagination import Connection, decode_id
from api.permissions import HasScope, IsRecruiter, allow
from domain.access import Scope
from domain.errors import DomainError
from domain.models import DeliveryStatus, WebhookEvent
from domain.models import Webhook as WebhookModel
from domain.models import WebhookDelivery as DeliveryModel
from domain.pagination import DEFAULT_PAGE_SIZE, Ordering, SortKind, paginate
from domain.webhooks import service
from domain.webhooks.service import WebhookOptions

WebhookEventType = strawberry.enum(WebhookEvent, name="WebhookEvent")
DeliveryStatusType = strawberry.enum(DeliveryStatus, name="WebhookDeliveryStatus")
READERS = allow(IsRecruiter(), HasScope(Scope.WEBHOOKS_READ))
WRITERS = allow(IsRecruiter(), HasScope(Scope.WEBHOOKS_WRITE))
NEWEST_FIRST = Ordering("created_at", True, SortKind.TIME)


@strawberry.type
class Webhook:
    id: strawberry.ID
    url: str
    events: list[WebhookEventType]  # type: ignore[valid-type]  # strawberry.enum returns the enum
    active: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, row: WebhookModel) -> Self:
        return cls(
            id=strawberry.ID(relay.to_base64("Webhook", str(row.id))),
            url=row.url,
            events=[WebhookEvent(e) for e in row.events],
            active=row.active,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


@strawberry.type(description="One event sent to one webhook; DEAD is the dead letter.")
class WebhookDelivery:
    id: strawberry.ID = strawberry.field(
        description="Also sent as the X-HotGigs-Delivery header (de-duplication)."
    )
    event: WebhookEventType  # type: ignore[valid-type]  # strawberry.enum returns the enum
    status: DeliveryStatusType  # type: ignore[valid-type]  # strawberry.enum returns the enum
    attempts: int
    response_status: int | None
    last_error: str | None
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime
    payload: JSON

    @classmethod
    def from_model(cls, row: DeliveryModel) -> Self:
        return cls(
            id=strawberry.ID(str(row.id)),
            event=row.event,
            status=row.status,
            attempts=row.attempts,
            response_status=row.response_status,
            last_error=row.last_error,
            next_attempt_at=row.next_attempt_at,
            delivered_at=row.delivered_at,
            created_at=row.created_at,
            payload=cast(JSON, row.payload),
        )


@strawberry.input
class WebhookCreateInput:
    url: str
    events: list[WebhookEventType]  # type: ignore[valid-type]  # strawberry.enum returns the enum
    secret: str = strawberry.field(
        description="At least 16 characters; signs every delivery (HMAC-SHA256)."
    )


@strawberry.input
class WebhookUpdateInput:
    webhook_id: strawberry.ID
    url: str | None = None
    events: list[WebhookEventType] | None = None  # type: ignore[valid-type]  # strawberry.enum returns the enum
    secret: str | None = None
    active: bool | None = None


@strawberry.input
class WebhookDeleteInput:
    webhook_id: strawberry.ID


@strawberry.type
class WebhookPayload:
    webhook: Webhook | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class WebhookDeletePayload:
    deleted_id: strawberry.ID | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _webhook_id(value: str) -> UUID:
    return decode_id(value, "Webhook", field="webhookId")


@strawberry.type
class WebhookQuery:
    @strawberry.field(extensions=READERS, description="Yours (all for an admin).")
    async def webhooks(self, info: Info) -> list[Webhook]:
        rows = await service.list_webhooks(info.context.viewer)
        return [Webhook.from_model(row) for row in rows]

    @strawberry.field(extensions=READERS, description="Newest first.")
    async def webhook_deliveries(
        self,
        info: Info,
        webhook_id: strawberry.ID,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[WebhookDelivery]:
        query = await service.list_deliveries(
            info.context.viewer, _webhook_id(webhook_id)
        )
        page = await paginate(query, first=first, after=after, ordering=NEWEST_FIRST)
        return Connection.from_page(page, WebhookDelivery.from_model)


@strawberry.type
class WebhookMutation:
    @strawberry.mutation(extensions=WRITERS)
    async def webhook_create(
        self, info: Info, input: WebhookCreateInput
    ) -> WebhookPayload:
        try:
            row = await service.create_webhook(
                info.context.viewer,
                url=input.url,
                events=list(input.events),
                secret=input.secret,
                options=WebhookOptions.of(info.context.settings),
            )
        except DomainError as exc:
            return WebhookPayload(user_errors=user_errors(exc))
        return WebhookPayload(webhook=Webhook.from_model(row))

    @strawberry.mutation(extensions=WRITERS)
    async def webhook_update(
        self, info: Info, input: WebhookUpdateInput
    ) -> WebhookPayload:
        try:
            row = await service.update_webhook(
                info.context.viewer,
                _webhook_id(input.webhook_id),
                url=input.url,
                events=list(input.events) if input.events is not None else None,
                secret=input.secret,
                active=input.active,
                options=WebhookOptions.of(info.context.settings),
            )
        except DomainError as exc:
            return WebhookPayload(user_errors=user_errors(exc))
        return WebhookPayload(webhook=Webhook.from_model(row))

    @strawberry.mutation(extensions=WRITERS)
    async def webhook_delete(
        self, info: Info, input: WebhookDeleteInput
    ) -> WebhookDeletePayload:
        try:
            await service.delete_webhook(
                info.context.viewer, _webhook_id(input.webhook_id)
            )
        except DomainError as exc:
            return WebhookDeletePayload(user_errors=user_errors(exc))
        return WebhookDeletePayload(deleted_id=input.webhook_id)
