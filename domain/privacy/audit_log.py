"""The audit log for admins: who read or changed which candidate, when, how."""

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from domain.access import Viewer, visible_audit_entries, visible_candidates
from domain.audit import record_audit
from domain.errors import DomainError, InvalidInput, NotFound
from domain.models import AuditEntry, Candidate
from domain.pagination import MAX_PAGE_SIZE


@dataclass(frozen=True)
class AuditFilter:
    candidate_id: UUID | None = None
    actor_id: UUID | None = None
    action: str | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    end_cursor: str | None
    has_next_page: bool


def _invalid(message: str, field: str) -> InvalidInput:
    return InvalidInput([DomainError(message, field=field)])


def _cursor(entry_id: int) -> str:
    return base64.urlsafe_b64encode(f"audit:{entry_id}".encode()).decode()


def _after_id(cursor: str) -> int:
    try:
        kind, _, raw = base64.urlsafe_b64decode(cursor).decode().partition(":")
        if kind != "audit":
            raise ValueError(kind)
        return int(raw)
    except (ValueError, binascii.Error) as exc:
        raise _invalid(
            "The cursor is not valid: start again without `after`.", "after"
        ) from exc


async def list_audit_entries(
    viewer: Viewer, audit_filter: AuditFilter, *, first: int, after: str | None
) -> AuditPage:
    """Entries newest first (keyset by id, which only grows); admins only."""
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise _invalid(f"`first` must be between 0 and {MAX_PAGE_SIZE}.", "first")
    query = visible_audit_entries(viewer)
    if audit_filter.candidate_id is not None:
        query = query.filter(
            entity_type="candidate", entity_id=audit_filter.candidate_id
        )
    if audit_filter.actor_id is not None:
        query = query.filter(actor_id=audit_filter.actor_id)
    if audit_filter.action:
        query = query.filter(action=audit_filter.action)
    if audit_filter.since is not None:
        query = query.filter(created_at__gte=audit_filter.since)
    if audit_filter.until is not None:
        query = query.filter(created_at__lt=audit_filter.until)
    if after:
        query = query.filter(Q(id__lt=_after_id(after)))
    rows = await query.order_by("-id").limit(first + 1)
    entries = rows[:first]
    return AuditPage(
        entries=entries,
        end_cursor=_cursor(entries[-1].id) if entries else None,
        has_next_page=len(rows) > first,
    )


async def read_candidate(viewer: Viewer, candidate_id: UUID) -> Candidate:
    """One candidate, its read recorded in the audit log (lists are not: a page
    of rows would write a page of entries; a single profile is the personal
    read worth knowing about)."""
    candidate = await visible_candidates(viewer).get_or_none(id=candidate_id)
    if candidate is None:
        raise NotFound("No such candidate.", field="id")
    async with in_transaction():
        await record_audit(
            viewer, "candidate.read", entity_type="candidate", entity_id=candidate.id
        )
    return candidate
