"""Erasure (GDPR art. 17): a person's data goes, an anonymous placeholder stays.

The candidate row is kept, emptied, so that lists, merges, matches' history and
the audit log still point at something; everything that identifies the person or
was derived from their data goes: profile fields, resume text and parsed data,
stored files, the embedding, matches, duplicate flags, merge snapshots, source
links and Drive file names.

Re-uploads: erased resumes lose their SHA-256, so a later upload of the same file
is not swallowed as a duplicate of the erased one; it is processed as a new
resume and creates a new profile. Uploading it again is a deliberate act of the
uploader (who then needs a lawful basis again). A Drive sync does not bring the
file back on its own: its Drive file row keeps the file id and checksum, so an
unchanged file stays skipped.
"""

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from domain.access import Viewer, erasable_candidates, visible_resumes
from domain.audit import record_audit
from domain.errors import NotFound
from domain.intake.storage import FileStore
from domain.models import (
    Candidate,
    CandidateDuplicate,
    CandidateMerge,
    CandidateSource,
    DriveFile,
    ImportBatchItem,
    Match,
    Resume,
)

logger = logging.getLogger(__name__)

ERASED_NAME = "Erased candidate"
ERASED_FILENAME = "erased"
MAX_MERGE_DEPTH = 10
_CLEARED_FIELDS: dict[str, Any] = {
    "name": ERASED_NAME,
    "email": None,
    "phone": None,
    "location": None,
    "headline": None,
    "summary": None,
    "skills": [],
    "years_experience": None,
    "profile": {},
    "embedding": None,
    "embedding_model": None,
    "title_embedding": None,
    "manual_fields": [],
    "user_id": None,
    "matched_at": None,
}


@dataclass(frozen=True)
class Erasure:
    """What one erasure removed; `already_erased` when it had been erased before."""

    candidate: Candidate  # the placeholder left behind
    candidate_ids: tuple[UUID, ...]  # the candidate and profiles merged into it
    resumes: int
    files_deleted: int
    matches: int
    already_erased: bool


async def erase_candidate(
    viewer: Viewer, candidate_id: UUID, *, store: FileStore
) -> Erasure:
    """Erase the person behind `candidate_id`: the profile, the one it was merged
    into and every profile merged into that.

    Idempotent: erasing an erased candidate removes nothing more and is not an
    error. NotFound unless the viewer owns the candidate's pool or is an admin."""
    candidate = await _root(viewer, candidate_id)
    async with in_transaction():
        ids = await _with_merged(viewer, candidate.id)
        keys, resumes = await _erase_resumes(ids)
        matches = await Match.filter(candidate_id__in=ids).delete()
        await _erase_links(ids)
        await _empty_profiles(ids)
        await record_audit(
            viewer,
            "candidate.erase",
            entity_type="candidate",
            entity_id=candidate.id,
            details={
                "candidate_ids": [str(i) for i in ids],
                "resumes": resumes,
                "matches": matches,
            },
        )
    already_erased = candidate.erased_at is not None
    await candidate.refresh_from_db()
    deleted = await _delete_unused_files(store, keys)
    logger.info(
        "candidate erased candidate_id=%s profiles=%d resumes=%d files=%d",
        candidate.id,
        len(ids),
        resumes,
        deleted,
    )
    return Erasure(
        candidate=candidate,
        candidate_ids=tuple(ids),
        resumes=resumes,
        files_deleted=deleted,
        matches=matches,
        already_erased=already_erased,
    )


async def _root(viewer: Viewer, candidate_id: UUID) -> Candidate:
    """The candidate, or the profile it was merged into (the same person, who
    holds the data the merge filled in)."""
    scope = erasable_candidates(viewer)
    candidate = await scope.get_or_none(id=candidate_id)
    for _ in range(MAX_MERGE_DEPTH):
        if candidate is None or candidate.merged_into_id is None:
            break
        candidate = await scope.get_or_none(id=candidate.merged_into_id)
    if candidate is None:
        raise NotFound(
            "No such candidate, or you may not erase it.", field="candidateId"
        )
    return candidate


async def _with_merged(viewer: Viewer, candidate_id: UUID) -> list[UUID]:
    """The candidate and every profile merged into it, however deep."""
    ids = [candidate_id]
    frontier = [candidate_id]
    for _ in range(MAX_MERGE_DEPTH):
        merged = await (
            erasable_candidates(viewer).filter(merged_into_id__in=frontier).values("id")
        )
        frontier = [row["id"] for row in merged if row["id"] not in ids]
        if not frontier:
            break
        ids.extend(frontier)
    return ids


async def _erase_resumes(ids: list[UUID]) -> tuple[set[str], int]:
    """Empty the resumes of `ids` (and same-file duplicates of them); returns
    their storage keys and how many still held data."""
    system = visible_resumes(Viewer.system())
    own = await system.filter(candidate_id__in=ids).values_list("id", flat=True)
    copies = await system.filter(duplicate_of_id__in=own).values_list("id", flat=True)
    resume_ids = list({*own, *copies})
    rows = await Resume.filter(id__in=resume_ids).exclude(storage_key="")
    keys = {row.storage_key for row in rows}
    await Resume.filter(id__in=resume_ids).update(
        filename=ERASED_FILENAME,
        text=None,
        parsed=None,
        sha256="",
        storage_key="",
    )
    await ImportBatchItem.filter(resume_id__in=resume_ids).update(
        file_name=ERASED_FILENAME
    )
    await DriveFile.filter(resume_id__in=resume_ids).update(
        name=ERASED_FILENAME, web_view_link=None
    )
    return keys, len(rows)


async def _erase_links(ids: list[UUID]) -> None:
    """Sources, duplicate flags and merge snapshots of the erased profiles."""
    await CandidateSource.filter(candidate_id__in=ids).update(
        external_id=None, url=None
    )
    await CandidateDuplicate.filter(candidate_id__in=ids).delete()
    await CandidateDuplicate.filter(duplicate_of_id__in=ids).delete()
    await CandidateMerge.filter(kept_id__in=ids).update(kept_before={})
    await CandidateMerge.filter(merged_id__in=ids).update(merged_before={})


async def _empty_profiles(ids: list[UUID]) -> None:
    now = datetime.now(UTC)
    for candidate in await Candidate.filter(id__in=ids):
        candidate.update_from_dict(_CLEARED_FIELDS)
        candidate.erased_at = candidate.erased_at or now
        await candidate.save(update_fields=[*_CLEARED_FIELDS, "erased_at"])


async def _delete_unused_files(store: FileStore, keys: set[str]) -> int:
    """Delete the stored files no remaining resume uses (the same bytes may be
    another pool's resume, held under another recruiter's lawful basis)."""
    if not keys:
        return 0
    used = set(
        await visible_resumes(Viewer.system())
        .filter(storage_key__in=list(keys))
        .values_list("storage_key", flat=True)
    )
    unused = sorted(keys - used)
    for key in unused:
        await asyncio.to_thread(store.delete, key)
    return len(unused)
