"""Partner webhooks: where to send which events, and each delivery's fate."""

from enum import StrEnum
from typing import Any
from uuid import UUID

from tortoise import fields

from domain.models.base import TimestampedModel, enum_check
from domain.models.users import User


class WebhookEvent(StrEnum):
    RESUME_PARSED = "resume_parsed"
    RESUME_FAILED = "resume_failed"
    BATCH_COMPLETED = "batch_completed"
    MATCH_CREATED = "match_created"


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # queued, not tried yet
    RETRYING = "retrying"  # failed, another attempt is scheduled
    DELIVERED = "delivered"  # the receiver answered 2xx
    DEAD = "dead"  # every attempt failed: the dead letter, kept for inspection


class Webhook(TimestampedModel):
    """A URL that receives the owner's events, signed with a shared secret
    (stored encrypted: the signature needs the secret itself, not a hash)."""

    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    owner_id: UUID
    url = fields.CharField(max_length=2000)
    events: fields.Field[list[str]] = fields.JSONField(default=list)
    secret_encrypted = fields.BinaryField()
    active = fields.BooleanField(default=True)

    class Meta:
        table = "webhooks"


class WebhookDelivery(TimestampedModel):
    webhook: fields.ForeignKeyRelation[Webhook] = fields.ForeignKeyField(
        "models.Webhook", related_name="deliveries", on_delete=fields.CASCADE
    )
    webhook_id: UUID
    event = fields.CharEnumField(WebhookEvent, max_length=30)
    payload: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    status = fields.CharEnumField(
        DeliveryStatus, max_length=20, default=DeliveryStatus.PENDING
    )
    attempts = fields.SmallIntField(default=0)
    response_status = fields.IntField(null=True)
    last_error = fields.TextField(null=True)
    next_attempt_at = fields.DatetimeField(null=True)
    delivered_at = fields.DatetimeField(null=True)

    class Meta:
        table = "webhook_deliveries"
        indexes = (("webhook_id", "created_at"), ("status", "updated_at"))
        constraints = (
            enum_check("webhook_deliveries", "event", WebhookEvent),
            enum_check("webhook_deliveries", "status", DeliveryStatus),
        )
