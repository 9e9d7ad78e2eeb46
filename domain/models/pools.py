"""Pools: the folders candidates live in, and who may see each one."""

from enum import StrEnum
from uuid import UUID

from tortoise import fields
from tortoise.migrations.constraints import UniqueConstraint
from tortoise.models import Model

from domain.models.base import TimestampedModel, enum_check
from domain.models.users import User


class PoolKind(StrEnum):
    RECRUITER = "recruiter"
    PERSONAL = "personal"


class Pool(TimestampedModel):
    """A recruiter's pool, or the personal pool holding a candidate's own profile."""

    name = fields.CharField(max_length=200)
    kind = fields.CharEnumField(PoolKind, max_length=20, default=PoolKind.RECRUITER)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="pools", on_delete=fields.RESTRICT
    )
    owner_id: UUID
    is_default = fields.BooleanField(default=False)
    # Candidates untouched for this many months are erased (None: kept).
    retention_months = fields.SmallIntField(null=True)

    class Meta:
        table = "pools"
        unique_together = (("owner", "name"),)
        constraints = (
            enum_check("pools", "kind", PoolKind),
            UniqueConstraint(
                fields=("owner_id",),
                name="pools_one_default_per_owner",
                condition="is_default",
            ),
        )


class PoolGrant(Model):
    """Shares a pool with another recruiter, who may then read and edit it."""

    id = fields.UUIDField(primary_key=True)
    pool: fields.ForeignKeyRelation[Pool] = fields.ForeignKeyField(
        "models.Pool", related_name="grants", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="pool_grants", on_delete=fields.CASCADE
    )
    pool_id: UUID
    user_id: UUID
    granted_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "pool_grants"
        unique_together = (("pool", "user"),)
