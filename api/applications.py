"""Applications in the API: a candidate user applies to an open job."""

from datetime import datetime
from typing import Self
from uuid import UUID

import strawberry
from strawberry import relay

from api.context import Info
from api.errors import UserError, user_errors
from api.jobs import Job
from api.pagination import decode_id
from api.permissions import HasScope, IsCandidate, allow
from domain.access import Scope
from domain.applications import Applied, apply_to_job
from domain.errors import DomainError


@strawberry.type
class Application:
    id: relay.GlobalID
    created_at: datetime
    job_id: strawberry.Private[UUID]

    @strawberry.field(description="The job applied to (null once you may not see it).")
    async def job(self, info: Info) -> Job | None:
        row = await info.context.loaders.job.load(self.job_id)
        return Job.from_model(row) if row else None

    @classmethod
    def from_domain(cls, applied: Applied) -> Self:
        row = applied.application
        return cls(
            id=relay.GlobalID("Application", str(row.id)),
            created_at=row.created_at,
            job_id=row.job_id,
        )


@strawberry.input
class JobApplyInput:
    job_id: relay.GlobalID
    resume_id: relay.GlobalID = strawberry.field(
        description="One of your own resumes, parsed."
    )


@strawberry.type
class JobApplyPayload:
    application: Application | None = None
    already_applied: bool = strawberry.field(
        default=False,
        description="True when you had applied before: nothing changed.",
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ApplicationMutation:
    @strawberry.mutation(
        extensions=allow(
            IsCandidate(), HasScope(Scope.JOBS_READ), HasScope(Scope.RESUMES_WRITE)
        ),
        description="Apply to an open job with one of your parsed resumes: your"
        " profile joins the recruiter's pool and is matched to the job. Applying"
        " again changes nothing.",
    )
    async def job_apply(self, info: Info, input: JobApplyInput) -> JobApplyPayload:
        context = info.context
        try:
            applied = await apply_to_job(
                context.viewer,
                job_id=decode_id(input.job_id, "Job", field="jobId"),
                resume_id=decode_id(input.resume_id, "Resume", field="resumeId"),
                queue=context.queue,
            )
        except DomainError as exc:
            return JobApplyPayload(user_errors=user_errors(exc))
        return JobApplyPayload(
            application=Application.from_domain(applied),
            already_applied=applied.already_applied,
        )
