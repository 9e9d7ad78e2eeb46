"""Candidates in the API: lists, one profile, create, update and delete."""

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, Self
from uuid import UUID

import strawberry
from strawberry import relay

from api.blind import BlindProfile
from api.candidate_inputs import (
    CandidateCreateInput,
    CandidateDeleteInput,
    CandidateFilter,
    CandidateUpdateInput,
)
from api.context import Info
from api.errors import UserError, user_errors
from api.pagination import Connection, decode_id, load_nodes
from api.permissions import HasScope, IsAdmin, IsAuthenticated, IsRecruiter, allow
from api.pools import Pool
from domain.access import Scope
from domain.candidates import service
from domain.candidates.preferences import stored
from domain.errors import DomainError
from domain.models import Candidate as CandidateModel
from domain.models import CandidateDuplicate as CandidateDuplicateModel
from domain.models import CandidateSource as CandidateSourceModel
from domain.models import SourceKind as DomainSourceKind
from domain.pagination import DEFAULT_PAGE_SIZE
from domain.privacy.audit_log import read_candidate
from domain.privacy.blind import blind_profile

if TYPE_CHECKING:
    from api.candidate_merges import CandidateMerge
    from api.candidate_preferences import CandidatePreferences
    from api.matches import Match

SourceKind = strawberry.enum(DomainSourceKind, name="SourceKind")
CandidateOrder = strawberry.enum(service.CandidateOrder, name="CandidateOrder")


@strawberry.type
class CandidateSource:
    kind: SourceKind  # type: ignore[valid-type]  # strawberry.enum returns the enum
    external_id: str | None
    url: str | None
    created_at: datetime

    @classmethod
    def from_model(cls, row: CandidateSourceModel) -> Self:
        return cls(
            kind=row.kind,
            external_id=row.external_id,
            url=row.url,
            created_at=row.created_at,
        )


@strawberry.type
class Candidate(relay.Node):
    id: relay.NodeID[str]
    name: str
    email: str | None
    phone: str | None = strawberry.field(description="E.164, e.g. +442079460958.")
    location: str | None
    headline: str | None
    summary: str | None
    skills: list[str]
    years_experience: float | None
    created_at: datetime
    updated_at: datetime
    erased_at: datetime | None = strawberry.field(
        description="When the person's data was erased (candidateErase): the"
        " profile is an anonymous placeholder since."
    )
    pool_id: strawberry.Private[UUID]
    row: strawberry.Private[CandidateModel]

    @strawberry.field(
        description="The profile for blind screening: nothing that identifies"
        " the person."
    )
    def blind(self) -> BlindProfile:
        return BlindProfile.from_domain(blind_profile(self.row))

    stored_preferences: strawberry.Private[dict[str, Any]]

    @strawberry.field(description="What the candidate wants from a job.")
    def preferences(
        self,
    ) -> Annotated[
        "CandidatePreferences", strawberry.lazy("api.candidate_preferences")
    ]:
        from api.candidate_preferences import (
            CandidatePreferences,
        )  # api.candidate_preferences imports this module

        return CandidatePreferences.from_domain(stored(self.stored_preferences))

    @strawberry.field
    async def pool(self, info: Info) -> Pool | None:
        row = await info.context.loaders.pool.load(self.pool_id)
        return Pool.from_model(row) if row else None

    @strawberry.field(
        description="How this candidate reached the product, oldest first."
    )
    async def sources(self, info: Info) -> list[CandidateSource]:
        rows = await info.context.loaders.candidate_sources.load(UUID(self.id))
        return [CandidateSource.from_model(row) for row in rows]

    @strawberry.field(
        description="Profiles in the same pool that may be this person (similar"
        " name and a shared employer): merge them with candidateMerge or dismiss"
        " them with candidateDuplicateDismiss.",
    )
    async def possible_duplicates(self, info: Info) -> list["PossibleDuplicate"]:
        flags = await info.context.loaders.candidate_duplicates.load(UUID(self.id))
        return [PossibleDuplicate.from_flag(flag, other) for flag, other in flags]

    @strawberry.field(
        description="Merges into this profile that can still be undone, newest"
        " first (empty unless you may change this candidate).",
    )
    async def merges(
        self, info: Info
    ) -> list[Annotated["CandidateMerge", strawberry.lazy("api.candidate_merges")]]:
        from api.candidate_merges import (
            CandidateMerge,
        )  # api.candidate_merges imports this module

        rows = await info.context.loaders.candidate_merges.load(UUID(self.id))
        return [CandidateMerge.from_model(row) for row in rows]

    @strawberry.field(
        description="Jobs this candidate matches, best first: your own jobs (all"
        " for an admin)."
    )
    async def matches(
        self,
        info: Info,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
        min_score: float = 0.0,
    ) -> Connection[Annotated["Match", strawberry.lazy("api.matches")]]:
        from api.matches import candidate_matches  # api.matches imports this module

        return await candidate_matches(
            info, UUID(self.id), first=first, after=after, min_score=min_score
        )

    @classmethod
    def from_model(cls, row: CandidateModel) -> Self:
        return cls(
            id=str(row.id),
            name=row.name,
            email=row.email,
            phone=row.phone,
            location=row.location,
            headline=row.headline,
            summary=row.summary,
            skills=list(row.skills),
            years_experience=row.years_experience,
            created_at=row.created_at,
            updated_at=row.updated_at,
            erased_at=row.erased_at,
            pool_id=row.pool_id,
            row=row,
            stored_preferences=row.preferences,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # async variant of relay's API
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        fetch = partial(service.candidates_by_id, info.context.viewer)
        return await load_nodes(node_ids, fetch, cls.from_model)


@strawberry.type
class PossibleDuplicate:
    reason: str
    similarity: float = strawberry.field(description="Name similarity, 0 to 1.")
    flagged_at: datetime
    other_id: strawberry.Private[UUID]

    @strawberry.field(description="The other profile.")
    async def candidate(self, info: Info) -> Candidate | None:
        row = await info.context.loaders.candidate.load(self.other_id)
        return Candidate.from_model(row) if row else None

    @classmethod
    def from_flag(cls, flag: CandidateDuplicateModel, other_id: UUID) -> Self:
        return cls(
            reason=flag.reason,
            similarity=flag.similarity,
            flagged_at=flag.created_at,
            other_id=other_id,
        )


@strawberry.type
class CandidatePayload:
    candidate: Candidate | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CandidateCreatePayload(CandidatePayload):
    pass


@strawberry.type
class CandidateUpdatePayload(CandidatePayload):
    pass


@strawberry.type
class CandidateDeletePayload:
    deleted_id: relay.GlobalID | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


async def _page(
    info: Info,
    first: int,
    after: str | None,
    candidate_filter: CandidateFilter | None,
    order_by: service.CandidateOrder | None,
) -> Connection[Candidate]:
    domain_filter = (candidate_filter or CandidateFilter()).to_domain()
    page = await service.page_candidates(
        info.context.viewer, domain_filter, order_by, first=first, after=after
    )
    return Connection.from_page(page, Candidate.from_model)


READ = allow(IsAuthenticated(), HasScope(Scope.CANDIDATES_READ))
WRITE = allow(IsRecruiter(), HasScope(Scope.CANDIDATES_WRITE))


@strawberry.type
class CandidateQuery:
    @strawberry.field(
        extensions=allow(IsRecruiter(), HasScope(Scope.CANDIDATES_READ)),
        description="Candidates in the pools you own or were granted; orderBy"
        " defaults to RELEVANCE with a filter query, else CREATED_AT_DESC."
        " RELEVANCE ranks the newest 1,000 matches of the query (all of them"
        " when there are no more); see totalCountIsEstimate.",
    )
    async def candidates(
        self,
        info: Info,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
        filter: CandidateFilter | None = None,
        order_by: CandidateOrder | None = None,  # type: ignore[valid-type]  # strawberry.enum
    ) -> Connection[Candidate]:
        return await _page(info, first, after, filter, order_by)

    @strawberry.field(
        extensions=allow(IsAdmin(), HasScope(Scope.CANDIDATES_READ)),
        description="Every candidate (the master database); orderBy as in candidates.",
    )
    async def all_candidates(
        self,
        info: Info,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
        filter: CandidateFilter | None = None,
        order_by: CandidateOrder | None = None,  # type: ignore[valid-type]  # strawberry.enum
    ) -> Connection[Candidate]:
        return await _page(info, first, after, filter, order_by)

    @strawberry.field(
        extensions=READ,
        description="Null when you may not see it. The read is audited.",
    )
    async def candidate(self, info: Info, id: relay.GlobalID) -> Candidate | None:
        try:
            row = await read_candidate(info.context.viewer, decode_id(id, "Candidate"))
        except DomainError:
            return None
        return Candidate.from_model(row)


@strawberry.type
class CandidateMutation:
    @strawberry.mutation(extensions=WRITE)
    async def candidate_create(
        self, info: Info, input: CandidateCreateInput
    ) -> CandidateCreatePayload:
        try:
            row = await service.create_candidate(info.context.viewer, input.to_domain())
        except DomainError as exc:
            return CandidateCreatePayload(user_errors=user_errors(exc))
        return CandidateCreatePayload(candidate=Candidate.from_model(row))

    @strawberry.mutation(extensions=WRITE)
    async def candidate_update(
        self, info: Info, input: CandidateUpdateInput
    ) -> CandidateUpdatePayload:
        try:
            candidate_id = decode_id(input.id, "Candidate")
            row = await service.update_candidate(
                info.context.viewer, candidate_id, input.to_domain()
            )
        except DomainError as exc:
            return CandidateUpdatePayload(user_errors=user_errors(exc))
        return CandidateUpdatePayload(candidate=Candidate.from_model(row))

    @strawberry.mutation(extensions=WRITE)
    async def candidate_delete(
        self, info: Info, input: CandidateDeleteInput
    ) -> CandidateDeletePayload:
        try:
            deleted = await service.delete_candidate(
                info.context.viewer, decode_id(input.id, "Candidate")
            )
        except DomainError as exc:
            return CandidateDeletePayload(user_errors=user_errors(exc))
        return CandidateDeletePayload(
            deleted_id=relay.GlobalID("Candidate", str(deleted))
        )
