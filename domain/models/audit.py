"""The audit log: who read or changed what, when and through which key."""

from typing import Any

from tortoise import fields
from tortoise.models import Model


class AuditEntry(Model):
    id = fields.BigIntField(primary_key=True)
    actor_id = fields.UUIDField(null=True)
    api_key_id = fields.UUIDField(null=True)
    action = fields.CharField(max_length=60)
    entity_type = fields.CharField(max_length=40)
    entity_id = fields.UUIDField(null=True)
    details: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    request_id = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "audit_log"
        indexes = (("entity_type", "entity_id"), ("actor_id", "created_at"))
