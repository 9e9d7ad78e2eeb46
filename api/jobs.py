"""Jobs in the API: postings, the analysis of their description, and its edits."""

from dataclasses import fields as dataclass_fields
from datetime import datetime
from functools import partial
from typing import Any, Self
from uuid import UUID

import strawberry
from strawberry import relay

from api.context import Info
from api.errors import UserError, user_errors
from api.job_analysis import (
    EducationLevel,
    JobAnalysis,
    MatchWeights,
    MatchWeightsInput,
    RemotePolicy,
    Seniority,
)
from api.llm import GeneratedRequirements
from api.matches import Match, job_matches
from api.pagination import Connection, decode_id, load_nodes
from api.permissions import HasScope, IsAuthenticated, IsRecruiter, allow
from api.users import User
from domain.access import Scope
from domain.candidates.fields import UNSET as DOMAIN_UNSET
from domain.errors import DomainError
from domain.matching import model, posting_rules, postings
from domain.matching.scoring import validate_weights
from domain.models import Job as JobModel
from domain.models import JobStatus as DomainJobStatus
from domain.pagination import DEFAULT_PAGE_SIZE, paginate

JobStatus = strawberry.enum(DomainJobStatus, name="JobStatus")


def _seniority(value: str | None) -> model.Seniority | None:
    known = {s.value for s in model.Seniority}
    return model.Seniority(value) if value in known else None


@strawberry.type
class Job(relay.Node):
    id: relay.NodeID[str]
    title: str
    description: str
    location: str | None
    remote: RemotePolicy  # type: ignore[valid-type]  # strawberry.enum returns the enum
    employment_type: str | None
    seniority: Seniority | None  # type: ignore[valid-type]  # strawberry.enum returns the enum
    salary_min: int | None
    salary_max: int | None
    salary_currency: str | None = strawberry.field(description="ISO 4217, e.g. EUR.")
    status: JobStatus  # type: ignore[valid-type]  # strawberry.enum returns the enum
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    matched_at: datetime | None
    owner_id: strawberry.Private[UUID]
    stored_analysis: strawberry.Private[dict[str, Any]]
    stored_weights: strawberry.Private[dict[str, float]]

    @strawberry.field(description="Null when you may not see the owner.")
    async def owner(self, info: Info) -> User | None:
        row = await info.context.loaders.user.load(self.owner_id)
        return User.from_model(row) if row else None

    @strawberry.field(
        description="Candidates matching this job, best first (your pools only)."
        " Refreshed after every change; matchesRefresh asks for one now."
    )
    async def matches(
        self,
        info: Info,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
        min_score: float = 0.0,
    ) -> Connection[Match]:
        return await job_matches(
            info, UUID(self.id), first=first, after=after, min_score=min_score
        )

    @strawberry.field(description="Edit it with jobAnalysisUpdate.")
    def analysis(self) -> JobAnalysis:
        return JobAnalysis.from_domain(model.load_analysis(self.stored_analysis))

    @strawberry.field(
        description="Required vs preferred as a language model sorts them (null"
        " without one configured)."
    )
    async def generated_requirements(self, info: Info) -> GeneratedRequirements | None:
        row = await info.context.loaders.job_refinement.load(UUID(self.id))
        if row is None:
            return None
        return GeneratedRequirements.from_model(
            row, title=self.title, description=self.description
        )

    @strawberry.field
    def weights(self) -> MatchWeights:
        return MatchWeights.from_domain(validate_weights(self.stored_weights))

    @classmethod
    def from_model(cls, row: JobModel) -> Self:
        return cls(
            id=str(row.id),
            title=row.title,
            description=row.description,
            location=row.location,
            remote=row.remote,
            employment_type=row.employment_type,
            seniority=_seniority(row.seniority),
            salary_min=row.salary_min,
            salary_max=row.salary_max,
            salary_currency=row.salary_currency,
            status=row.status,
            created_at=row.created_at,
            updated_at=row.updated_at,
            closed_at=row.closed_at,
            matched_at=row.matched_at,
            owner_id=row.owner_id,
            stored_analysis=row.analysis,
            stored_weights=row.weights,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # async variant of relay's API
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        fetch = partial(postings.jobs_by_id, info.context.viewer)
        return await load_nodes(node_ids, fetch, cls.from_model)


@strawberry.input
class JobFilter:
    status: JobStatus | None = None  # type: ignore[valid-type]  # strawberry.enum returns the enum
    search: str | None = strawberry.field(
        default=None, description="Part of the title."
    )

    def to_domain(self) -> posting_rules.JobFilter:
        return posting_rules.JobFilter(status=self.status, search=self.search)


@strawberry.input(
    description="Remote, location and seniority left out are read from the description."
)
class JobCreateInput:
    title: str
    description: str = ""
    location: str | None = None
    remote: RemotePolicy | None = None  # type: ignore[valid-type]  # strawberry.enum returns the enum
    employment_type: str | None = None
    seniority: Seniority | None = None  # type: ignore[valid-type]  # strawberry.enum returns the enum
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str | None = None
    weights: MatchWeightsInput | None = None

    def to_domain(self) -> posting_rules.JobInput:
        given = {
            f.name: getattr(self, f.name)
            for f in dataclass_fields(posting_rules.JobInput)
        }
        given["weights"] = self.weights.to_domain() if self.weights else None
        return posting_rules.JobInput(**given)


@strawberry.input(
    description="Fields left out stay as they are; null clears one (weights: the"
    " defaults). A new title or description is analysed again, keeping your"
    " analysis edits."
)
class JobUpdateInput:
    id: relay.GlobalID
    title: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    location: str | None = strawberry.UNSET
    remote: RemotePolicy | None = strawberry.UNSET  # type: ignore[valid-type]  # strawberry.enum returns the enum
    employment_type: str | None = strawberry.UNSET
    seniority: Seniority | None = strawberry.UNSET  # type: ignore[valid-type]  # strawberry.enum returns the enum
    salary_min: int | None = strawberry.UNSET
    salary_max: int | None = strawberry.UNSET
    salary_currency: str | None = strawberry.UNSET
    weights: MatchWeightsInput | None = strawberry.UNSET

    def to_domain(self) -> posting_rules.JobPatch:
        given: dict[str, Any] = {}
        for patch_field in dataclass_fields(posting_rules.JobPatch):
            value = getattr(self, patch_field.name)
            if value is not strawberry.UNSET:
                given[patch_field.name] = value
        if isinstance(given.get("weights"), MatchWeightsInput):
            given["weights"] = given["weights"].to_domain()
        return posting_rules.JobPatch(**given)


@strawberry.input
class JobCloseInput:
    id: relay.GlobalID


@strawberry.input(
    description="Drops apply first, then additions; a skill added to one list"
    " leaves the other. Your edits stay when the description is analysed again."
)
class JobAnalysisUpdateInput:
    id: relay.GlobalID
    add_required: list[str] = strawberry.field(default_factory=list)
    add_preferred: list[str] = strawberry.field(default_factory=list)
    drop: list[str] = strawberry.field(default_factory=list)
    min_years_experience: float | None = strawberry.field(
        default=strawberry.UNSET, description="Null: no minimum."
    )
    education_level: EducationLevel | None = strawberry.field(  # type: ignore[valid-type]  # strawberry.enum returns the enum
        default=strawberry.UNSET, description="Null: no degree asked."
    )

    def edits(self) -> dict[str, Any]:
        def given(value: Any) -> Any:
            return DOMAIN_UNSET if value is strawberry.UNSET else value

        return {
            "add_required": self.add_required,
            "add_preferred": self.add_preferred,
            "drop": self.drop,
            "min_years_experience": given(self.min_years_experience),
            "education_level": given(self.education_level),
        }


@strawberry.type
class JobPayload:
    job: Job | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class JobCreatePayload(JobPayload):
    pass


@strawberry.type
class JobUpdatePayload(JobPayload):
    pass


@strawberry.type
class JobClosePayload(JobPayload):
    pass


@strawberry.type
class JobAnalysisUpdatePayload(JobPayload):
    pass


READ = allow(IsAuthenticated(), HasScope(Scope.JOBS_READ))
WRITE = allow(IsRecruiter(), HasScope(Scope.JOBS_WRITE))


@strawberry.type
class JobQuery:
    @strawberry.field(
        extensions=READ,
        description="Your postings (admins: all; candidates: the open ones),"
        " newest first.",
    )
    async def jobs(
        self,
        info: Info,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
        filter: JobFilter | None = None,
    ) -> Connection[Job]:
        query = postings.list_jobs(
            info.context.viewer, (filter or JobFilter()).to_domain()
        )
        page = await paginate(
            query, first=first, after=after, ordering=postings.ORDERING
        )
        return Connection.from_page(page, Job.from_model)

    @strawberry.field(extensions=READ, description="Null when you may not see it.")
    async def job(self, info: Info, id: relay.GlobalID) -> Job | None:
        try:
            row = await postings.get_job(info.context.viewer, decode_id(id, "Job"))
        except DomainError:
            return None
        return Job.from_model(row)


@strawberry.type
class JobMutation:
    @strawberry.mutation(extensions=WRITE)
    async def job_create(self, info: Info, input: JobCreateInput) -> JobCreatePayload:
        context = info.context
        try:
            row = await postings.create_job(
                context.viewer, input.to_domain(), queue=context.queue
            )
        except DomainError as exc:
            return JobCreatePayload(user_errors=user_errors(exc))
        return JobCreatePayload(job=Job.from_model(row))

    @strawberry.mutation(extensions=WRITE)
    async def job_update(self, info: Info, input: JobUpdateInput) -> JobUpdatePayload:
        context = info.context
        try:
            row = await postings.update_job(
                context.viewer,
                decode_id(input.id, "Job"),
                input.to_domain(),
                queue=context.queue,
            )
        except DomainError as exc:
            return JobUpdatePayload(user_errors=user_errors(exc))
        return JobUpdatePayload(job=Job.from_model(row))

    @strawberry.mutation(
        extensions=WRITE, description="Closed jobs take no new matches."
    )
    async def job_close(self, info: Info, input: JobCloseInput) -> JobClosePayload:
        try:
            row = await postings.close_job(
                info.context.viewer, decode_id(input.id, "Job")
            )
        except DomainError as exc:
            return JobClosePayload(user_errors=user_errors(exc))
        return JobClosePayload(job=Job.from_model(row))

    @strawberry.mutation(extensions=WRITE)
    async def job_analysis_update(
        self, info: Info, input: JobAnalysisUpdateInput
    ) -> JobAnalysisUpdatePayload:
        context = info.context
        try:
            row = await postings.edit_job_analysis(
                context.viewer,
                decode_id(input.id, "Job"),
                **input.edits(),
                queue=context.queue,
            )
        except DomainError as exc:
            return JobAnalysisUpdatePayload(user_errors=user_errors(exc))
        return JobAnalysisUpdatePayload(job=Job.from_model(row))
