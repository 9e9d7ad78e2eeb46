"""Consent records: appended per candidate and purpose, the latest one counts."""

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from tortoise.transactions import in_transaction

from domain.access import (
    Viewer,
    candidates_with_merged,
    editable_with_merged,
    visible_consents,
)
from domain.audit import record_audit
from domain.errors import DomainError, InvalidInput, NotFound
from domain.models import Consent, ConsentPurpose

MAX_SOURCE_LENGTH = 300


@dataclass(frozen=True)
class ConsentInput:
    candidate_id: UUID
    purpose: ConsentPurpose
    granted: bool
    source: str
    valid_until: datetime | None = None


def _check(data: ConsentInput, now: datetime) -> str:
    problems = []
    source = data.source.strip()
    if not source or len(source) > MAX_SOURCE_LENGTH:
        problems.append(
            DomainError(
                f"Say where the consent came from in 1 to {MAX_SOURCE_LENGTH}"
                " characters (e.g. 'signed application form 2024-05').",
                field="source",
            )
        )
    if data.valid_until is not None and data.valid_until.tzinfo is None:
        problems.append(
            DomainError("Give validUntil with a time zone.", field="validUntil")
        )
    elif data.valid_until is not None and data.valid_until <= now:
        problems.append(
            DomainError("validUntil must be in the future.", field="validUntil")
        )
    if problems:
        raise InvalidInput(problems)
    return source


async def record_consent(viewer: Viewer, data: ConsentInput) -> Consent:
    """Append a grant (`granted`) or a withdrawal for one purpose; recruiters who
    may change the candidate record it, as the controller's evidence."""
    candidate = await editable_with_merged(viewer).get_or_none(id=data.candidate_id)
    if candidate is None or candidate.erased_at is not None:
        raise NotFound(
            "No such candidate, or you may not change it.", field="candidateId"
        )
    source = _check(data, datetime.now(UTC))
    async with in_transaction():
        consent = await Consent.create(
            candidate_id=candidate.id,
            purpose=data.purpose,
            granted=data.granted,
            source=source,
            valid_until=data.valid_until,
            recorded_by_id=viewer.user_id,
        )
        await record_audit(
            viewer,
            "consent.grant" if data.granted else "consent.withdraw",
            entity_type="candidate",
            entity_id=candidate.id,
            details={"purpose": data.purpose.value, "consent_id": str(consent.id)},
        )
    return consent


async def list_consents(viewer: Viewer, candidate_id: UUID) -> list[Consent]:
    """The candidate's consent records, newest first; NotFound when the viewer
    may not see the candidate."""
    if not await candidates_with_merged(viewer).filter(id=candidate_id).exists():
        raise NotFound("No such candidate.", field="candidateId")
    return await (
        visible_consents(viewer)
        .filter(candidate_id=candidate_id)
        .order_by("-recorded_at", "-id")
    )


def is_in_force(consent: Consent, now: datetime) -> bool:
    """A grant counts until its validity ends; a withdrawal never grants."""
    return consent.granted and (
        consent.valid_until is None or consent.valid_until > now
    )
