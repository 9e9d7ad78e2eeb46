"""Operations: partner webhooks and their deliveries (with the dead letters), and
daily usage counters."""

import functools
from json import dumps, loads
from uuid import uuid4

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint

from domain.models.usage import UsageKind
from domain.models.webhooks import DeliveryStatus, WebhookEvent


class Migration(migrations.Migration):
    dependencies = [("models", "0008_privacy")]

    initial = False

    operations = [
        ops.CreateModel(
            name="Webhook",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "owner",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="owner_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("url", fields.CharField(max_length=2000)),
                (
                    "events",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("secret_encrypted", fields.BinaryField()),
                ("active", fields.BooleanField(default=True)),
            ],
            options={
                "table": "webhooks",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A URL that receives the owner's events, signed with a shared secret",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="WebhookDelivery",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "webhook",
                    fields.ForeignKeyField(
                        "models.Webhook",
                        source_field="webhook_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="deliveries",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "event",
                    fields.CharEnumField(
                        description="RESUME_PARSED: resume_parsed\nRESUME_FAILED: resume_failed\nBATCH_COMPLETED: batch_completed\nMATCH_CREATED: match_created",
                        enum_type=WebhookEvent,
                        max_length=30,
                    ),
                ),
                (
                    "payload",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "status",
                    fields.CharEnumField(
                        default=DeliveryStatus.PENDING,
                        description="PENDING: pending\nRETRYING: retrying\nDELIVERED: delivered\nDEAD: dead",
                        enum_type=DeliveryStatus,
                        max_length=20,
                    ),
                ),
                ("attempts", fields.SmallIntField(default=0)),
                ("response_status", fields.IntField(null=True)),
                ("last_error", fields.TextField(null=True, unique=False)),
                (
                    "next_attempt_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "delivered_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "webhook_deliveries",
                "app": "models",
                "constraints": [
                    CheckConstraint(
                        check="event IN ('resume_parsed', 'resume_failed', 'batch_completed', 'match_created')",
                        name="webhook_deliveries_event_check",
                    ),
                    CheckConstraint(
                        check="status IN ('pending', 'retrying', 'delivered', 'dead')",
                        name="webhook_deliveries_status_check",
                    ),
                ],
                "indexes": [
                    Index(fields=["webhook_id", "created_at"]),
                    Index(fields=["status", "updated_at"]),
                ],
                "pk_attr": "id",
            },
            bases=["TimestampedModel"],
        ),
        ops.AddConstraint(
            model_name="WebhookDelivery",
            constraint=CheckConstraint(
                check="event IN ('resume_parsed', 'resume_failed', 'batch_completed', 'match_created')",
                name="webhook_deliveries_event_check",
            ),
        ),
        ops.AddConstraint(
            model_name="WebhookDelivery",
            constraint=CheckConstraint(
                check="status IN ('pending', 'retrying', 'delivered', 'dead')",
                name="webhook_deliveries_status_check",
            ),
        ),
        ops.CreateModel(
            name="UsageCounter",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="user_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("day", fields.DateField()),
                (
                    "kind",
                    fields.CharEnumField(
                        description="MATCHES_VIEWED: matches_viewed",
                        enum_type=UsageKind,
                        max_length=30,
                    ),
                ),
                ("count", fields.BigIntField(default=0)),
            ],
            options={
                "table": "usage_counters",
                "app": "models",
                "unique_together": (("user", "day", "kind"),),
                "constraints": [
                    CheckConstraint(
                        check="kind IN ('matches_viewed')",
                        name="usage_counters_kind_check",
                    )
                ],
                "pk_attr": "id",
            },
            bases=["Model"],
        ),
        ops.AddConstraint(
            model_name="UsageCounter",
            constraint=CheckConstraint(
                check="kind IN ('matches_viewed')", name="usage_counters_kind_check"
            ),
        ),
    ]
