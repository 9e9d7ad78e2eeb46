"""Registering webhooks: create, change, delete, and the record of deliveries."""

from dataclasses import dataclass
from uuid import UUID

from cryptography.fernet import Fernet
from tortoise.queryset import QuerySet

from domain.access import (
    Viewer,
    editable_webhooks,
    visible_deliveries,
    visible_webhooks,
)
from domain.config import Settings
from domain.errors import DomainError, InvalidInput, NotFound
from domain.models import Webhook, WebhookDelivery, WebhookEvent
from domain.webhooks.targets import IpNetwork, check_target, parse_networks

SECRET_MIN_LENGTH = 16
NOT_FOUND = "No such webhook, or you may not change it."


@dataclass(frozen=True)
class WebhookOptions:
    encryption_key: str
    allowed_networks: tuple[IpNetwork, ...]
    timeout_seconds: float
    max_attempts: int
    backoff_seconds: float

    @classmethod
    def of(cls, settings: Settings) -> "WebhookOptions":
        return cls(
            encryption_key=settings.drive_encryption_key.get_secret_value(),
            allowed_networks=tuple(parse_networks(settings.webhook_allowed_networks)),
            timeout_seconds=settings.webhook_timeout_seconds,
            max_attempts=settings.webhook_max_attempts,
            backoff_seconds=settings.webhook_backoff_seconds,
        )

    def encrypt(self, secret: str) -> bytes:
        return Fernet(self.encryption_key.encode()).encrypt(secret.encode())

    def decrypt(self, token: bytes) -> str:
        return Fernet(self.encryption_key.encode()).decrypt(bytes(token)).decode()


def _check_fields(events: list[WebhookEvent] | None, secret: str | None) -> None:
    problems = []
    if events is not None and not events:
        problems.append(DomainError("Choose at least one event.", field="events"))
    if secret is not None and len(secret) < SECRET_MIN_LENGTH:
        problems.append(
            DomainError(
                f"The secret must have at least {SECRET_MIN_LENGTH} characters.",
                field="secret",
            )
        )
    if problems:
        raise InvalidInput(problems)


async def create_webhook(
    viewer: Viewer,
    *,
    url: str,
    events: list[WebhookEvent],
    secret: str,
    options: WebhookOptions,
) -> Webhook:
    if not viewer.is_recruiter or viewer.user_id is None:
        raise DomainError("Only recruiters can register webhooks.", field="url")
    _check_fields(events, secret)
    await check_target(url, list(options.allowed_networks))
    return await Webhook.create(
        owner_id=viewer.user_id,
        url=url,
        events=sorted({e.value for e in events}),
        secret_encrypted=options.encrypt(secret),
    )


async def _editable(viewer: Viewer, webhook_id: UUID) -> Webhook:
    webhook = await editable_webhooks(viewer).get_or_none(id=webhook_id)
    if webhook is None:
        raise NotFound(NOT_FOUND, field="webhookId")
    return webhook


async def update_webhook(
    viewer: Viewer,
    webhook_id: UUID,
    *,
    url: str | None,
    events: list[WebhookEvent] | None,
    secret: str | None,
    active: bool | None,
    options: WebhookOptions,
) -> Webhook:
    """Change what is given; the rest stays as it was."""
    webhook = await _editable(viewer, webhook_id)
    _check_fields(events, secret)
    if url is not None:
        await check_target(url, list(options.allowed_networks))
        webhook.url = url
    if events is not None:
        webhook.events = sorted({e.value for e in events})
    if secret is not None:
        webhook.secret_encrypted = options.encrypt(secret)
    if active is not None:
        webhook.active = active
    await webhook.save()
    return webhook


async def delete_webhook(viewer: Viewer, webhook_id: UUID) -> UUID:
    """Delete the webhook with its record of deliveries."""
    webhook = await _editable(viewer, webhook_id)
    await webhook.delete()
    return webhook_id


async def find_webhook(viewer: Viewer, webhook_id: UUID) -> Webhook | None:
    return await visible_webhooks(viewer).get_or_none(id=webhook_id)


async def list_webhooks(viewer: Viewer) -> list[Webhook]:
    return await visible_webhooks(viewer).order_by("created_at")


async def list_deliveries(
    viewer: Viewer, webhook_id: UUID
) -> QuerySet[WebhookDelivery]:
    """The webhook's deliveries (NOT_FOUND when the viewer may not see it)."""
    if await find_webhook(viewer, webhook_id) is None:
        raise NotFound("No such webhook, or you may not see it.", field="webhookId")
    return visible_deliveries(viewer).filter(webhook_id=webhook_id)
