"""Merging duplicate candidates, undoing a merge, dismissing a duplicate flag."""

from datetime import datetime
from functools import partial
from typing import Self
from uuid import UUID

import strawberry
from strawberry import relay

from api.candidates import WRITE, Candidate
from api.context import Info
from api.errors import UserError, user_errors
from api.pagination import decode_id, load_nodes
from domain.candidates import merges
from domain.errors import DomainError
from domain.models import CandidateMerge as CandidateMergeModel


@strawberry.type
class CandidateMerge(relay.Node):
    """One merge: `merged` was folded into `kept`; undo with candidateMergeUndo."""

    id: relay.NodeID[str]
    created_at: datetime
    undone_at: datetime | None
    filled_fields: list[str] = strawberry.field(
        description="Fields of the kept profile filled from the merged one."
    )
    kept_id: strawberry.Private[UUID]
    merged_id: strawberry.Private[UUID]

    @strawberry.field
    async def kept(self, info: Info) -> Candidate | None:
        row = await info.context.loaders.candidate.load(self.kept_id)
        return Candidate.from_model(row) if row else None

    @strawberry.field(description="Null while merged: the profile is hidden.")
    async def merged(self, info: Info) -> Candidate | None:
        row = await info.context.loaders.candidate.load(self.merged_id)
        return Candidate.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: CandidateMergeModel) -> Self:
        return cls(
            id=str(row.id),
            created_at=row.created_at,
            undone_at=row.undone_at,
            filled_fields=sorted(row.kept_before),
            kept_id=row.kept_id,
            merged_id=row.merged_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # async variant of relay's API
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        fetch = partial(merges.merges_by_id, info.context.viewer)
        return await load_nodes(node_ids, fetch, cls.from_model)


@strawberry.input
class CandidateMergeInput:
    candidate_id: relay.GlobalID = strawberry.field(description="The profile kept.")
    duplicate_id: relay.GlobalID = strawberry.field(
        description="The profile folded into it and hidden."
    )


@strawberry.input
class CandidateMergeUndoInput:
    merge_id: relay.GlobalID


@strawberry.input
class CandidateDuplicateDismissInput:
    candidate_id: relay.GlobalID
    duplicate_id: relay.GlobalID = strawberry.field(
        description="The profile that is a different person."
    )


@strawberry.type
class CandidateMergePayload:
    merge: CandidateMerge | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CandidateMergeUndoPayload(CandidateMergePayload):
    pass


@strawberry.type
class CandidateDuplicateDismissPayload:
    candidate: Candidate | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _pair(
    candidate_id: relay.GlobalID, duplicate_id: relay.GlobalID
) -> dict[str, UUID]:
    return {
        "candidate": decode_id(candidate_id, "Candidate", field="candidateId"),
        "duplicate": decode_id(duplicate_id, "Candidate", field="duplicateId"),
    }


@strawberry.type
class CandidateMergeMutation:
    @strawberry.mutation(extensions=WRITE)
    async def candidate_merge(
        self, info: Info, input: CandidateMergeInput
    ) -> CandidateMergePayload:
        try:
            ids = _pair(input.candidate_id, input.duplicate_id)
            row = await merges.merge_candidates(
                info.context.viewer,
                kept_id=ids["candidate"],
                merged_id=ids["duplicate"],
            )
        except DomainError as exc:
            return CandidateMergePayload(user_errors=user_errors(exc))
        return CandidateMergePayload(merge=CandidateMerge.from_model(row))

    @strawberry.mutation(extensions=WRITE)
    async def candidate_merge_undo(
        self, info: Info, input: CandidateMergeUndoInput
    ) -> CandidateMergeUndoPayload:
        try:
            merge_id = decode_id(input.merge_id, "CandidateMerge", field="mergeId")
            row = await merges.undo_merge(info.context.viewer, merge_id)
        except DomainError as exc:
            return CandidateMergeUndoPayload(user_errors=user_errors(exc))
        return CandidateMergeUndoPayload(merge=CandidateMerge.from_model(row))

    @strawberry.mutation(extensions=WRITE)
    async def candidate_duplicate_dismiss(
        self, info: Info, input: CandidateDuplicateDismissInput
    ) -> CandidateDuplicateDismissPayload:
        try:
            ids = _pair(input.candidate_id, input.duplicate_id)
            row = await merges.dismiss_duplicate(
                info.context.viewer,
                candidate_id=ids["candidate"],
                duplicate_id=ids["duplicate"],
            )
        except DomainError as exc:
            return CandidateDuplicateDismissPayload(user_errors=user_errors(exc))
        return CandidateDuplicateDismissPayload(candidate=Candidate.from_model(row))
