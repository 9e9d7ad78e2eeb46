"""Audit records: who read or changed which entity, when and through which key."""

import logging
from typing import Any
from uuid import UUID

from domain.access import Viewer
from domain.models import AuditEntry

logger = logging.getLogger(__name__)


async def record_audit(
    viewer: Viewer,
    action: str,
    *,
    entity_type: str,
    entity_id: UUID | None,
    details: dict[str, Any] | None = None,
) -> None:
    """Store one audit entry; call it inside the transaction of the change."""
    entry_details = dict(details or {})
    if viewer.is_system:
        entry_details["system"] = True
    await AuditEntry.create(
        actor_id=viewer.user_id,
        api_key_id=viewer.api_key_id,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        details=entry_details,
        request_id=viewer.request_id,
    )
    logger.info(
        "audit action=%s entity_type=%s entity_id=%s actor_id=%s request_id=%s",
        action,
        entity_type,
        entity_id,
        viewer.user_id,
        viewer.request_id,
    )
