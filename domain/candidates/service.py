"""Candidate reads and writes, always inside the viewer's scope and audited."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from arq.connections import ArqRedis
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.access import (
    Viewer,
    editable_candidates,
    editable_with_merged,
    preference_editable_candidates,
    visible_candidates,
)
from domain.audit import record_audit
from domain.candidates import search, search_page
from domain.candidates.fields import CandidateInput, CandidatePatch, clean_fields
from domain.candidates.preferences import CandidatePreferences
from domain.errors import Conflict, ErrorCode, Forbidden, NotFound
from domain.jobs import MATCHING_QUEUE, REFRESH_CANDIDATE_MATCHES, enqueue
from domain.models import Candidate, CandidateSource, SourceKind
from domain.pagination import Ordering, Page, SortKind, paginate
from domain.parsing.model import EducationLevel
from domain.pools import pool_for_new_candidates


class CandidateOrder(StrEnum):
    CREATED_AT_DESC = "created_at_desc"
    CREATED_AT_ASC = "created_at_asc"
    UPDATED_AT_DESC = "updated_at_desc"
    NAME_ASC = "name_asc"
    NAME_DESC = "name_desc"
    RELEVANCE = "relevance"  # full-text rank; newest first without a query


ORDERINGS = {
    CandidateOrder.CREATED_AT_DESC: Ordering("created_at", True, SortKind.TIME),
    CandidateOrder.CREATED_AT_ASC: Ordering("created_at", False, SortKind.TIME),
    CandidateOrder.UPDATED_AT_DESC: Ordering("updated_at", True, SortKind.TIME),
    CandidateOrder.NAME_ASC: Ordering("name", False, SortKind.TEXT),
    CandidateOrder.NAME_DESC: Ordering("name", True, SortKind.TEXT),
    CandidateOrder.RELEVANCE: Ordering(search.RANK_FIELD, True, SortKind.NUMBER),
}


@dataclass(frozen=True)
class CandidateFilter:
    pool_id: UUID | None = None
    search: str | None = None
    skills: tuple[str, ...] = ()
    query: str | None = None
    min_years_experience: float | None = None
    location: str | None = None
    education_level: EducationLevel | None = None
    updated_since: datetime | None = None


def ordering_for(
    order: CandidateOrder | None, candidate_filter: CandidateFilter
) -> Ordering:
    """`order`, or by default relevance for a full-text query and newest first
    otherwise (relevance without a query is newest first too)."""
    has_query = search.clean_query(candidate_filter.query) is not None
    if order is None:
        order = CandidateOrder.RELEVANCE if has_query else None
    if order is None or (order is CandidateOrder.RELEVANCE and not has_query):
        return ORDERINGS[CandidateOrder.CREATED_AT_DESC]
    return ORDERINGS[order]


def list_candidates(
    viewer: Viewer, candidate_filter: CandidateFilter
) -> QuerySet[Candidate]:
    """The viewer's candidates narrowed by `candidate_filter` (skills: all of
    them; `query`: full text, see `domain.candidates.search`; every match is
    ranked: `page_candidates` bounds that work)."""
    query = _narrowed(viewer, candidate_filter)
    text = search.clean_query(candidate_filter.query)
    if text is not None:
        query = search.full_text(query, text)
    return query


async def page_candidates(
    viewer: Viewer,
    candidate_filter: CandidateFilter,
    order: CandidateOrder | None,
    *,
    first: int,
    after: str | None,
) -> Page[Candidate]:
    """One page of `list_candidates`; with a full-text query, bounded work at
    any scope size (`domain.candidates.search_page`)."""
    ordering = ordering_for(order, candidate_filter)
    query = _narrowed(viewer, candidate_filter)
    text = search.clean_query(candidate_filter.query)
    if text is None:
        return await paginate(query, first=first, after=after, ordering=ordering)
    return await search_page.full_text_page(
        viewer, query, text, first=first, after=after, ordering=ordering
    )


def _narrowed(viewer: Viewer, candidate_filter: CandidateFilter) -> QuerySet[Candidate]:
    """The viewer's candidates narrowed by every filter but `query`."""
    query = visible_candidates(viewer)
    conditions = search.profile_filters(
        min_years_experience=candidate_filter.min_years_experience,
        location=candidate_filter.location,
        education_level=candidate_filter.education_level,
        updated_since=candidate_filter.updated_since,
    )
    if conditions:
        query = query.filter(*conditions)
    if candidate_filter.pool_id is not None:
        query = query.filter(pool_id=candidate_filter.pool_id)
    if candidate_filter.search and candidate_filter.search.strip():
        term = candidate_filter.search.strip()
        query = query.filter(
            Q(name__icontains=term)
            | Q(email__icontains=term)
            | Q(headline__icontains=term)
        )
    if candidate_filter.skills:
        query = query.filter(skills__contains=list(candidate_filter.skills))
    return query


async def get_candidate(viewer: Viewer, candidate_id: UUID) -> Candidate:
    candidate = await visible_candidates(viewer).get_or_none(id=candidate_id)
    if candidate is None:
        raise NotFound("No such candidate.", field="id")
    return candidate


async def candidates_by_id(
    viewer: Viewer, ids: Iterable[UUID]
) -> dict[UUID, Candidate]:
    rows = await visible_candidates(viewer).filter(id__in=list(ids))
    return {row.id: row for row in rows}


async def sources_by_candidate(
    viewer: Viewer, candidate_ids: Iterable[UUID]
) -> dict[UUID, list[CandidateSource]]:
    """Sources of the visible candidates among `candidate_ids`, oldest first."""
    visible = visible_candidates(viewer).filter(id__in=list(candidate_ids)).values("id")
    grouped: dict[UUID, list[CandidateSource]] = defaultdict(list)
    rows = await CandidateSource.filter(candidate_id__in=Subquery(visible)).order_by(
        "created_at"
    )
    for source in rows:
        grouped[source.candidate_id].append(source)
    return grouped


def _duplicate(email: str | None) -> Conflict:
    return Conflict(
        f"A candidate with e-mail {email} is already in this pool.",
        code=ErrorCode.DUPLICATE_CANDIDATE,
        field="email",
    )


async def create_candidate(viewer: Viewer, data: CandidateInput) -> Candidate:
    """A candidate in `data.pool_id` (default: the viewer's default pool)."""
    if not viewer.is_recruiter:
        raise Forbidden("Only recruiters and admins add candidates.")
    pool = await pool_for_new_candidates(viewer, data.pool_id)
    values = clean_fields({k: v for k, v in asdict(data).items() if k != "pool_id"})
    try:
        async with in_transaction():
            candidate = await Candidate.create(pool=pool, **values)
            await CandidateSource.create(candidate=candidate, kind=_source_kind(viewer))
            await record_audit(
                viewer,
                "candidate.create",
                entity_type="candidate",
                entity_id=candidate.id,
            )
    except IntegrityError as exc:
        raise _duplicate(values.get("email")) from exc
    return candidate


def _source_kind(viewer: Viewer) -> SourceKind:
    return SourceKind.API if viewer.api_key_id else SourceKind.MANUAL


async def _get_editable(viewer: Viewer, candidate_id: UUID) -> Candidate:
    candidate = await editable_candidates(viewer).get_or_none(id=candidate_id)
    if candidate is not None:
        return candidate
    if await visible_candidates(viewer).filter(id=candidate_id).exists():
        raise Forbidden("You may view this candidate but not change it.", field="id")
    raise NotFound("No such candidate.", field="id")


async def update_candidate(
    viewer: Viewer, candidate_id: UUID, patch: CandidatePatch
) -> Candidate:
    candidate = await _get_editable(viewer, candidate_id)
    values = clean_fields(patch.changes())
    if not values:
        return candidate
    try:
        async with in_transaction():
            candidate.update_from_dict(values)
            # Parsing a resume again must not undo what a person corrected.
            candidate.manual_fields = sorted({*candidate.manual_fields, *values})
            await candidate.save(update_fields=[*values, "manual_fields", "updated_at"])
            await record_audit(
                viewer,
                "candidate.update",
                entity_type="candidate",
                entity_id=candidate.id,
                details={"fields": sorted(values)},
            )
    except IntegrityError as exc:
        raise _duplicate(values.get("email")) from exc
    return candidate


async def delete_candidate(viewer: Viewer, candidate_id: UUID) -> UUID:
    candidate = await _get_editable(viewer, candidate_id)
    async with in_transaction():
        # Profiles merged into this one go with it: they must not reappear.
        await editable_with_merged(viewer).filter(merged_into_id=candidate.id).delete()
        await candidate.delete()
        await record_audit(
            viewer, "candidate.delete", entity_type="candidate", entity_id=candidate_id
        )
    return candidate_id


async def set_preferences(
    viewer: Viewer, candidate_id: UUID, wanted: CandidatePreferences, *, queue: ArqRedis
) -> Candidate:
    """Replace the candidate's preferences (they filter candidate -> jobs
    matching, so the candidate's matches are refreshed after the commit)."""
    candidate = await preference_editable_candidates(viewer).get_or_none(
        id=candidate_id
    )
    if candidate is None:
        raise NotFound(
            "No such candidate, or you may not change it.", field="candidateId"
        )
    async with in_transaction():
        candidate.preferences = wanted.model_dump(mode="json")
        # A resume read later must not undo what a person chose.
        candidate.manual_fields = sorted({*candidate.manual_fields, "preferences"})
        await candidate.save(
            update_fields=["preferences", "manual_fields", "updated_at"]
        )
        await record_audit(
            viewer,
            "candidate.preferences",
            entity_type="candidate",
            entity_id=candidate.id,
        )
    revision = int(candidate.updated_at.timestamp() * 1_000_000)
    await enqueue(
        queue,
        REFRESH_CANDIDATE_MATCHES,
        candidate.id,
        queue_name=MATCHING_QUEUE,
        revision=revision,
    )
    return candidate
