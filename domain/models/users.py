"""Users and API keys: who can sign in, with which role and scopes."""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from domain.models.base import TimestampedModel, enum_check


class Role(StrEnum):
    ADMIN = "admin"
    RECRUITER = "recruiter"
    CANDIDATE = "candidate"


class User(TimestampedModel):
    email = fields.CharField(max_length=320, unique=True)
    name = fields.CharField(max_length=200, default="")
    role = fields.CharEnumField(Role, max_length=20)
    password_hash = fields.CharField(max_length=200, null=True)
    is_active = fields.BooleanField(default=True)

    class Meta:
        table = "users"
        constraints = (enum_check("users", "role", Role),)


class ApiKey(Model):
    """A partner's key: only its SHA-256 is stored; `prefix` identifies it in lists."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="api_keys", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    prefix = fields.CharField(max_length=16, unique=True)
    key_hash = fields.CharField(max_length=64, unique=True)
    scopes: fields.Field[list[str]] = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_keys"
