"""Notifications: something finished, or stopped, that a user should know about."""

from enum import StrEnum
from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from domain.models.base import enum_check
from domain.models.users import User


class NotificationKind(StrEnum):
    BATCH_FINISHED = "batch_finished"
    DRIVE_SYNC_PAUSED = "drive_sync_paused"


class Notification(Model):
    """One notice per (user, kind, subject): a re-finished batch updates its notice
    and makes it unread again rather than adding another."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    user_id: UUID
    kind = fields.CharEnumField(NotificationKind, max_length=40)
    subject_id = fields.UUIDField()
    message = fields.TextField()
    details: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    read_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "notifications"
        unique_together = (("user", "kind", "subject_id"),)
        indexes = (("user_id", "updated_at"),)
        constraints = (enum_check("notifications", "kind", NotificationKind),)
