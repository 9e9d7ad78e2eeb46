"""Shared model pieces: timestamps, id kinds and CHECK constraints over enums."""

from enum import StrEnum

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model


class TimestampedModel(Model):
    """A row with a UUID primary key and creation/update times."""

    id = fields.UUIDField(primary_key=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True


def enum_check(table: str, column: str, enum: type[StrEnum]) -> CheckConstraint:
    """A CHECK that keeps `column` within the values of `enum`."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    return CheckConstraint(
        check=f"{column} IN ({values})", name=f"{table}_{column}_check"
    )
