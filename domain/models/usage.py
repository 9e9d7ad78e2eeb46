"""Daily usage counters per user, for what leaves no row of its own (match views)."""

from enum import StrEnum
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from domain.models.base import enum_check
from domain.models.users import User


class UsageKind(StrEnum):
    MATCHES_VIEWED = "matches_viewed"


class UsageCounter(Model):
    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    user_id: UUID
    day = fields.DateField()
    kind = fields.CharEnumField(UsageKind, max_length=30)
    count = fields.BigIntField(default=0)

    class Meta:
        table = "usage_counters"
        unique_together = (("user", "day", "kind"),)
        constraints = (enum_check("usage_counters", "kind", UsageKind),)
