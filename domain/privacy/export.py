"""Access requests (GDPR art. 15 and 20): everything held about a person as JSON."""

from datetime import datetime
from enum import Enum
from typing import Any
from uuid import UUID

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.transactions import in_transaction

from domain.access import (
    Viewer,
    candidates_with_merged,
    visible_consents,
    visible_matches,
    visible_resumes,
)
from domain.audit import record_audit
from domain.errors import NotFound
from domain.models import (
    AuditEntry,
    Candidate,
    CandidateDuplicate,
    CandidateMerge,
    CandidateSource,
)

EXPORT_VERSION = 1
_CANDIDATE_FIELDS = (
    "id",
    "pool_id",
    "user_id",
    "name",
    "email",
    "phone",
    "location",
    "headline",
    "summary",
    "skills",
    "years_experience",
    "profile",
    "embedding_model",
    "manual_fields",
    "merged_into_id",
    "created_at",
    "updated_at",
    "matched_at",
    "erased_at",
)
_RESUME_FIELDS = (
    "id",
    "pool_id",
    "candidate_id",
    "uploaded_by_id",
    "batch_id",
    "duplicate_of_id",
    "filename",
    "source",
    "file_kind",
    "content_type",
    "size_bytes",
    "sha256",
    "status",
    "parser_version",
    "created_at",
    "updated_at",
    "parsed",
    "text",
)


def _plain(value: Any) -> Any:
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _row(row: Model, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: _plain(getattr(row, name)) for name in names}


def _all(row: Model, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    names = tuple(
        name
        for name in sorted(row._meta.fields_db_projection)
        if name not in skip and name != "id"
    )
    return {"id": _plain(row.pk), **_row(row, names)}


async def export_candidate(viewer: Viewer, candidate_id: UUID) -> dict[str, Any]:
    """The person's profile (and profiles merged into it), resumes with their
    text, parsed data and file metadata, sources, matches, merges, duplicate
    flags, consents and the audit entries about them. Matches are those the
    viewer may see (an admin: all). The export itself is audited."""
    scope = candidates_with_merged(viewer)
    candidate = await scope.get_or_none(id=candidate_id)
    if candidate is None:
        raise NotFound("No such candidate.", field="id")
    profiles = [candidate, *await scope.filter(merged_into_id=candidate.id)]
    ids = [row.id for row in profiles]
    async with in_transaction():
        data = await _gather(viewer, profiles, ids)
        await record_audit(
            viewer, "candidate.export", entity_type="candidate", entity_id=candidate.id
        )
    return data


async def _gather(
    viewer: Viewer, profiles: list[Candidate], ids: list[UUID]
) -> dict[str, Any]:
    resumes = await visible_resumes(Viewer.system()).filter(candidate_id__in=ids)
    matches = await visible_matches(viewer).filter(candidate_id__in=ids)
    merges = await CandidateMerge.filter(Q(kept_id__in=ids) | Q(merged_id__in=ids))
    flags = await CandidateDuplicate.filter(
        Q(candidate_id__in=ids) | Q(duplicate_of_id__in=ids)
    )
    sources = await CandidateSource.filter(candidate_id__in=ids)
    consents = await visible_consents(viewer).filter(candidate_id__in=ids)
    audit = await AuditEntry.filter(entity_type="candidate", entity_id__in=ids)
    return {
        "export_version": EXPORT_VERSION,
        "candidate_id": str(profiles[0].id),
        "profiles": [_row(row, _CANDIDATE_FIELDS) for row in profiles],
        "resumes": [_row(row, _RESUME_FIELDS) for row in _by_time(resumes)],
        "sources": [_all(row) for row in _by_time(sources)],
        "matches": [_all(row, skip=("similarity",)) for row in _by_time(matches)],
        "merges": [_all(row) for row in _by_time(merges)],
        "possible_duplicates": [_all(row) for row in _by_time(flags)],
        "consents": [_all(row) for row in sorted(consents, key=_recorded)],
        "audit": [_all(row) for row in sorted(audit, key=lambda row: row.id)],
    }


def _by_time(rows: list[Any]) -> list[Any]:
    return sorted(rows, key=lambda row: (row.created_at, str(row.pk)))


def _recorded(row: Any) -> tuple[datetime, str]:
    return (row.recorded_at, str(row.pk))
