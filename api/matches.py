"""Matches in the API: scores with their breakdown and reasons, both ways, feedback
and on-demand refresh."""

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, Self, cast
from uuid import UUID

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api.candidates import Candidate
from api.context import Info
from api.errors import UserError, user_errors
from api.llm import GeneratedReasons
from api.pagination import Connection, decode_id, load_nodes
from api.permissions import HasScope, IsRecruiter, allow
from domain.access import Scope
from domain.errors import DomainError
from domain.matching import service
from domain.models import Match as MatchModel
from domain.models import MatchFeedback as DomainMatchFeedback
from domain.models import UsageKind
from domain.ops.usage import count_usage
from domain.pagination import Ordering, SortKind, paginate

if TYPE_CHECKING:
    from api.jobs import Job

MatchFeedback = strawberry.enum(DomainMatchFeedback, name="MatchFeedback")
BEST_FIRST = Ordering("score", True, SortKind.NUMBER)
WRITE = allow(IsRecruiter(), HasScope(Scope.JOBS_WRITE))
LazyJob = Annotated["Job", strawberry.lazy("api.jobs")]


@strawberry.type(description="One factor of a score: contribution = weight * value.")
class MatchFactor:
    name: str
    assessed: bool = strawberry.field(
        description="False when the job states nothing for it: its weight is 0 and"
        " the job's weight for it went to the assessed factors."
    )
    weight: float
    value: float
    contribution: float
    evidence: JSON


@strawberry.type
class MatchReasons:
    strengths: list[str]
    gaps: list[str]


@strawberry.type
class MatchScoreRecord:
    score: float
    score_version: str
    computed_at: datetime


@strawberry.type(description="A job and a candidate; score = sum of contributions.")
class Match(relay.Node):
    id: relay.NodeID[str]
    score: float
    factors: list[MatchFactor]
    reasons: MatchReasons
    feedback: MatchFeedback | None  # type: ignore[valid-type]  # strawberry.enum
    score_version: str
    computed_at: datetime | None
    history: list[MatchScoreRecord] = strawberry.field(
        description="Earlier scores, oldest first."
    )
    job_id: strawberry.Private[UUID]
    candidate_id: strawberry.Private[UUID]

    @strawberry.field(
        description="Reasons a language model wrote (null without one configured)."
    )
    async def generated_reasons(self, info: Info) -> GeneratedReasons | None:
        row = await info.context.loaders.match_explanation.load(UUID(self.id))
        return GeneratedReasons.from_model(row, self.computed_at) if row else None

    @strawberry.field
    async def candidate(self, info: Info) -> Candidate | None:
        row = await info.context.loaders.candidate.load(self.candidate_id)
        return Candidate.from_model(row) if row else None

    @strawberry.field
    async def job(self, info: Info) -> LazyJob | None:
        from api.jobs import Job  # api.jobs imports this module

        row = await info.context.loaders.job.load(self.job_id)
        return Job.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: MatchModel) -> Self:
        factors: list[dict[str, Any]] = row.factors.get("factors", [])
        return cls(
            id=str(row.id),
            score=row.score,
            factors=[
                MatchFactor(
                    name=f["name"],
                    assessed=f["assessed"],
                    weight=f["weight"],
                    value=f["value"],
                    contribution=f["contribution"],
                    evidence=cast(JSON, f["evidence"]),
                )
                for f in factors
            ],
            reasons=MatchReasons(
                strengths=list(row.reasons.get("strengths", [])),
                gaps=list(row.reasons.get("gaps", [])),
            ),
            feedback=row.feedback,
            score_version=row.score_version,
            computed_at=row.computed_at,
            history=[
                MatchScoreRecord(
                    score=h["score"],
                    score_version=h["score_version"],
                    computed_at=datetime.fromisoformat(h["computed_at"]),
                )
                for h in row.history
            ],
            job_id=row.job_id,
            candidate_id=row.candidate_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # async variant of relay's API
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        fetch = partial(service.matches_by_id, info.context.viewer)
        return await load_nodes(node_ids, fetch, cls.from_model)


async def job_matches(
    info: Info, job_id: UUID, *, first: int, after: str | None, min_score: float
) -> Connection[Match]:
    query = service.list_job_matches(info.context.viewer, job_id, min_score=min_score)
    page = await paginate(query, first=first, after=after, ordering=BEST_FIRST)
    await count_usage(info.context.viewer, UsageKind.MATCHES_VIEWED, len(page.items))
    return Connection.from_page(page, Match.from_model)


async def candidate_matches(
    info: Info, candidate_id: UUID, *, first: int, after: str | None, min_score: float
) -> Connection[Match]:
    query = service.list_candidate_matches(
        info.context.viewer, candidate_id, min_score=min_score
    )
    page = await paginate(query, first=first, after=after, ordering=BEST_FIRST)
    await count_usage(info.context.viewer, UsageKind.MATCHES_VIEWED, len(page.items))
    return Connection.from_page(page, Match.from_model)


@strawberry.input(description="Give exactly one of jobId and candidateId.")
class MatchesRefreshInput:
    job_id: relay.GlobalID | None = None
    candidate_id: relay.GlobalID | None = None


@strawberry.type
class MatchesRefreshPayload:
    queued: bool | None = strawberry.field(
        default=None, description="False when a refresh was already queued."
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class MatchFeedbackInput:
    match_id: relay.GlobalID
    feedback: MatchFeedback | None  # type: ignore[valid-type]  # strawberry.enum


@strawberry.type
class MatchFeedbackPayload:
    match: Match | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _optional_id(
    value: relay.GlobalID | None, type_name: str, field: str
) -> UUID | None:
    return None if value is None else decode_id(value, type_name, field=field)


@strawberry.type
class MatchMutation:
    @strawberry.mutation(extensions=WRITE)
    async def matches_refresh(
        self, info: Info, input: MatchesRefreshInput
    ) -> MatchesRefreshPayload:
        try:
            queued = await service.request_refresh(
                info.context.viewer,
                info.context.queue,
                job_id=_optional_id(input.job_id, "Job", "jobId"),
                candidate_id=_optional_id(
                    input.candidate_id, "Candidate", "candidateId"
                ),
            )
        except DomainError as exc:
            return MatchesRefreshPayload(user_errors=user_errors(exc))
        return MatchesRefreshPayload(queued=queued)

    @strawberry.mutation(extensions=WRITE)
    async def match_feedback(
        self, info: Info, input: MatchFeedbackInput
    ) -> MatchFeedbackPayload:
        try:
            match_id = decode_id(input.match_id, "Match", field="matchId")
            row = await service.set_match_feedback(
                info.context.viewer, match_id, input.feedback
            )
        except DomainError as exc:
            return MatchFeedbackPayload(user_errors=user_errors(exc))
        return MatchFeedbackPayload(match=Match.from_model(row))
