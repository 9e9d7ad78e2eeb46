"""Tier-2 possible duplicates and candidate merges a person can undo.

A merge keeps one profile, fills its empty fields from the other, moves the
other's sources and resumes to it and hides the other (`merged_into`). The merge
record keeps what changed so `undo_merge` puts everything back, except values a
person edited after the merge.
"""

import logging
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from domain.access import (
    Viewer,
    editable_candidates,
    editable_merges,
    editable_with_merged,
    visible_candidates,
    visible_duplicates,
    visible_resumes,
)
from domain.audit import record_audit
from domain.candidates.similarity import likely_same_person, person_key, surname_hint
from domain.errors import Conflict, ErrorCode, InvalidInput, NotFound
from domain.models import (
    Candidate,
    CandidateDuplicate,
    CandidateMerge,
    CandidateSource,
    DuplicateStatus,
)

logger = logging.getLogger(__name__)

# Fields a merge fills on the kept profile when it has no value of its own.
FILLED_FIELDS = ("email", "phone", "location", "headline", "summary")
MAX_FLAGS = 5


async def flag_possible_duplicates(candidate: Candidate) -> list[CandidateDuplicate]:
    """Flag older profiles in the pool that look like the same person (call in
    the transaction that created `candidate`)."""
    hint = surname_hint(candidate.name)
    if not hint:
        return []
    key = person_key(candidate.name, candidate.profile)
    if not key.employers:
        return []
    others = (
        visible_candidates(Viewer.system())
        .filter(pool_id=candidate.pool_id, name__icontains=hint)
        .exclude(id=candidate.id)
        .order_by("created_at")
        .limit(200)
    )
    flags = []
    for other in await others:
        similarity = likely_same_person(key, person_key(other.name, other.profile))
        if similarity is None:
            continue
        flag, _ = await CandidateDuplicate.get_or_create(
            candidate_id=candidate.id,
            duplicate_of_id=other.id,
            defaults={"reason": similarity.reason, "similarity": similarity.score},
        )
        flags.append(flag)
        if len(flags) == MAX_FLAGS:
            break
    if flags:
        logger.info(
            "possible duplicates candidate_id=%s count=%d", candidate.id, len(flags)
        )
    return flags


async def duplicates_by_candidate(
    viewer: Viewer, candidate_ids: list[UUID]
) -> dict[UUID, list[tuple[CandidateDuplicate, UUID]]]:
    """Open flags touching each candidate, with the id of the other profile."""
    flags = (
        await visible_duplicates(viewer)
        .filter(
            Q(candidate_id__in=candidate_ids) | Q(duplicate_of_id__in=candidate_ids)
        )
        .order_by("-similarity", "created_at")
    )
    found: dict[UUID, list[tuple[CandidateDuplicate, UUID]]] = {
        candidate_id: [] for candidate_id in candidate_ids
    }
    for flag in flags:
        if flag.candidate_id in found:
            found[flag.candidate_id].append((flag, flag.duplicate_of_id))
        if flag.duplicate_of_id in found:
            found[flag.duplicate_of_id].append((flag, flag.candidate_id))
    return found


async def _editable_pair(
    viewer: Viewer, kept_id: UUID, merged_id: UUID
) -> tuple[Candidate, Candidate]:
    if kept_id == merged_id:
        raise InvalidInput(
            [Conflict("Choose two different candidates to merge.", field="duplicateId")]
        )
    rows = {
        c.id: c
        for c in await editable_candidates(viewer).filter(id__in=[kept_id, merged_id])
    }
    for candidate_id, field in ((kept_id, "candidateId"), (merged_id, "duplicateId")):
        if candidate_id not in rows:
            raise NotFound("No such candidate, or you may not change it.", field=field)
    kept, merged = rows[kept_id], rows[merged_id]
    if kept.pool_id != merged.pool_id:
        raise Conflict(
            "Only candidates of the same pool can be merged; copy the profile"
            " into this pool first.",
            field="duplicateId",
        )
    return kept, merged


def _fill(kept: Candidate, merged: Candidate) -> dict[str, list[Any]]:
    """Fill `kept` from `merged`; returns {field: [before, after]}."""
    changes: dict[str, list[Any]] = {}
    for name in FILLED_FIELDS:
        mine, theirs = getattr(kept, name), getattr(merged, name)
        if mine in (None, "") and theirs not in (None, ""):
            changes[name] = [mine, theirs]
    skills = list(dict.fromkeys([*kept.skills, *merged.skills]))
    if skills != kept.skills:
        changes["skills"] = [kept.skills, skills]
    if kept.years_experience is None and merged.years_experience is not None:
        changes["years_experience"] = [None, merged.years_experience]
    return changes


async def merge_candidates(
    viewer: Viewer, *, kept_id: UUID, merged_id: UUID
) -> CandidateMerge:
    """Merge `merged_id` into `kept_id` (both in one pool the viewer may change)."""
    kept, merged = await _editable_pair(viewer, kept_id, merged_id)
    changes = _fill(kept, merged)
    async with in_transaction():
        merged_before: dict[str, Any] = {}
        if "email" in changes:  # e-mails are unique per pool: move, not copy
            merged_before["email"], merged.email = merged.email, None
        merged.merged_into_id = kept.id
        await merged.save(update_fields=["email", "merged_into_id", "updated_at"])
        kept.update_from_dict({name: after for name, (_, after) in changes.items()})
        await kept.save(update_fields=[*changes, "updated_at"])
        moved = await _move(merged.id, kept.id)
        merged_before["resume_ids"] = moved["resume_ids"]
        merge = await CandidateMerge.create(
            kept_id=kept.id,
            merged_id=merged.id,
            kept_before=changes,
            merged_before=merged_before,
            moved_source_ids=moved["source_ids"],
            merged_by_id=viewer.user_id,
        )
        await _resolve_flags(viewer, kept.id, merged.id, DuplicateStatus.MERGED)
        await record_audit(
            viewer,
            "candidate.merge",
            entity_type="candidate",
            entity_id=kept.id,
            details={"merged_id": str(merged.id), "merge_id": str(merge.id)},
        )
    return merge


async def _move(from_id: UUID, to_id: UUID) -> dict[str, list[str]]:
    sources = await CandidateSource.filter(candidate_id=from_id).values_list(
        "id", flat=True
    )
    await CandidateSource.filter(id__in=list(sources)).update(candidate_id=to_id)
    resumes = visible_resumes(Viewer.system()).filter(candidate_id=from_id)
    resume_ids = await resumes.values_list("id", flat=True)
    await (
        visible_resumes(Viewer.system())
        .filter(id__in=list(resume_ids))
        .update(candidate_id=to_id)
    )
    return {
        "source_ids": [str(i) for i in sources],
        "resume_ids": [str(i) for i in resume_ids],
    }


async def _resolve_flags(
    viewer: Viewer, a: UUID, b: UUID, status: DuplicateStatus
) -> None:
    pair = Q(candidate_id=a, duplicate_of_id=b) | Q(candidate_id=b, duplicate_of_id=a)
    await CandidateDuplicate.filter(pair).update(
        status=status,
        resolved_by_id=viewer.user_id,
        resolved_at=None if status is DuplicateStatus.OPEN else datetime.now(UTC),
    )


async def undo_merge(viewer: Viewer, merge_id: UUID) -> CandidateMerge:
    """Put both profiles back as they were before `merge_id`; values a person
    changed on the kept profile since the merge stay as they are now."""
    merge = await editable_merges(viewer).get_or_none(id=merge_id)
    if merge is None:
        raise NotFound(
            "No such merge, or you may not change it. If the kept candidate was"
            " merged again since, undo that merge first.",
            field="mergeId",
        )
    if merge.undone_at is not None:
        raise Conflict("This merge was already undone.", field="mergeId")
    kept = await editable_candidates(viewer).get(id=merge.kept_id)
    merged = await editable_with_merged(viewer).get(id=merge.merged_id)
    async with in_transaction():
        restored = _restore(kept, merge.kept_before)
        await kept.save(update_fields=[*restored, "updated_at"])
        merged.merged_into_id = None
        merged.email = merge.merged_before.get("email", merged.email)
        try:
            await merged.save(update_fields=["email", "merged_into_id", "updated_at"])
        except IntegrityError as exc:
            raise Conflict(
                f"Another candidate in this pool now has e-mail {merged.email};"
                " change it before undoing the merge.",
                code=ErrorCode.DUPLICATE_CANDIDATE,
                field="mergeId",
            ) from exc
        await _move_back(merge, kept.id, merged.id)
        await _resolve_flags(viewer, kept.id, merged.id, DuplicateStatus.OPEN)
        merge.undone_at, merge.undone_by_id = datetime.now(UTC), viewer.user_id
        await merge.save(update_fields=["undone_at", "undone_by_id"])
        await record_audit(
            viewer,
            "candidate.merge_undo",
            entity_type="candidate",
            entity_id=kept.id,
            details={"merged_id": str(merged.id), "merge_id": str(merge.id)},
        )
    return merge


def _restore(kept: Candidate, changes: dict[str, list[Any]]) -> list[str]:
    restored = []
    for name, (before, after) in changes.items():
        if getattr(kept, name) == after:  # not edited by hand since the merge
            setattr(kept, name, before)
            restored.append(name)
    return restored


async def _move_back(merge: CandidateMerge, kept_id: UUID, merged_id: UUID) -> None:
    await CandidateSource.filter(
        id__in=merge.moved_source_ids, candidate_id=kept_id
    ).update(candidate_id=merged_id)
    resume_ids = merge.merged_before.get("resume_ids", [])
    await (
        visible_resumes(Viewer.system())
        .filter(id__in=resume_ids, candidate_id=kept_id)
        .update(candidate_id=merged_id)
    )


async def dismiss_duplicate(
    viewer: Viewer, *, candidate_id: UUID, duplicate_id: UUID
) -> Candidate:
    """Mark two profiles as different people; they are not flagged again."""
    candidate, _ = await _editable_pair(viewer, candidate_id, duplicate_id)
    async with in_transaction():
        await _resolve_flags(
            viewer, candidate_id, duplicate_id, DuplicateStatus.DISMISSED
        )
        await record_audit(
            viewer,
            "candidate.duplicate_dismiss",
            entity_type="candidate",
            entity_id=candidate_id,
            details={"duplicate_id": str(duplicate_id)},
        )
    return candidate


async def merges_by_kept(
    viewer: Viewer, candidate_ids: list[UUID]
) -> dict[UUID, list[CandidateMerge]]:
    """Merges into each candidate that can still be undone, newest first."""
    rows = (
        await editable_merges(viewer)
        .filter(kept_id__in=candidate_ids, undone_at__isnull=True)
        .order_by("-created_at")
    )
    found: dict[UUID, list[CandidateMerge]] = {i: [] for i in candidate_ids}
    for row in rows:
        found[row.kept_id].append(row)
    return found


async def merges_by_id(
    viewer: Viewer, merge_ids: list[UUID]
) -> dict[UUID, CandidateMerge]:
    rows = await editable_merges(viewer).filter(id__in=merge_ids)
    return {row.id: row for row in rows}
