"""API keys for partner integrations: minted once, stored hashed, scoped, revocable."""

import secrets
from datetime import UTC, datetime
from uuid import UUID

from tortoise.queryset import QuerySet

from domain.access import Scope, Viewer
from domain.audit import record_audit
from domain.auth import API_KEY_PREFIX, hash_api_key
from domain.errors import DomainError, Forbidden, InvalidInput, NotFound
from domain.models import ApiKey


def _check(name: str, scopes: frozenset[Scope]) -> None:
    problems = []
    if not 1 <= len(name.strip()) <= 200:
        problems.append(
            DomainError("Name the key in 1 to 200 characters.", field="name")
        )
    if not scopes:
        problems.append(DomainError("Give the key at least one scope.", field="scopes"))
    if problems:
        raise InvalidInput(problems)


async def create_api_key(
    viewer: Viewer,
    *,
    name: str,
    scopes: frozenset[Scope],
    expires_at: datetime | None = None,
) -> tuple[ApiKey, str]:
    """A key that acts as the viewer within `scopes`. The plain key is returned
    this once and never stored; a key cannot mint other keys."""
    if viewer.user_id is None or viewer.api_key_id is not None:
        raise Forbidden("Sign in with your password to create API keys.")
    _check(name, scopes)
    prefix = secrets.token_hex(6)
    raw_key = f"{API_KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    key = await ApiKey.create(
        user_id=viewer.user_id,
        name=name.strip(),
        prefix=prefix,
        key_hash=hash_api_key(raw_key),
        scopes=sorted(scope.value for scope in scopes),
        expires_at=expires_at,
    )
    await record_audit(
        viewer, "api_key.create", entity_type="api_key", entity_id=key.id
    )
    return key, raw_key


def own_api_keys(viewer: Viewer) -> QuerySet[ApiKey]:
    """The viewer's keys; none for a caller signed in with a key, since keys
    neither see nor manage keys (a leaked key cannot revoke the others)."""
    if viewer.user_id is None or viewer.api_key_id is not None:
        return ApiKey.filter(id__isnull=True)
    return ApiKey.filter(user_id=viewer.user_id)


async def list_api_keys(viewer: Viewer) -> list[ApiKey]:
    return await own_api_keys(viewer).order_by("-created_at")


async def revoke_api_key(viewer: Viewer, *, key_id: UUID) -> ApiKey:
    """Revoke one of the viewer's keys; revoking twice keeps the first time."""
    if viewer.api_key_id is not None:
        raise Forbidden("Sign in with your password to revoke API keys.")
    key = await own_api_keys(viewer).get_or_none(id=key_id)
    if key is None:
        raise NotFound("No such API key.", field="id")
    if key.revoked_at is None:
        key.revoked_at = datetime.now(UTC)
        await key.save(update_fields=["revoked_at"])
        await record_audit(
            viewer, "api_key.revoke", entity_type="api_key", entity_id=key.id
        )
    return key
