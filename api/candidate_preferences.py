"""Candidate preferences in the API: the type on Candidate and the mutation that
sets them (the candidate user on their own profile, or the owning recruiter)."""

from typing import Self

import strawberry
from strawberry import relay

from api.candidates import Candidate
from api.context import Info
from api.errors import UserError, user_errors
from api.job_analysis import RemotePolicy
from api.pagination import decode_id
from api.permissions import HasScope, IsAuthenticated, allow
from domain.access import Scope
from domain.candidates import service
from domain.candidates.preferences import CandidatePreferences as Preferences
from domain.candidates.preferences import parse_preferences
from domain.errors import DomainError


@strawberry.type(
    description="What the candidate wants. Candidate -> jobs matching leaves out"
    " jobs that conflict with a stated preference (work mode, job type, a salary"
    " wholly below salaryMin in the same currency, an on-site or hybrid job in none"
    " of the locations); desired roles are not filtered on."
)
class CandidatePreferences:
    desired_roles: list[str]
    locations: list[str]
    work_modes: list[RemotePolicy]  # type: ignore[valid-type]  # strawberry.enum returns the enum
    salary_min: int | None
    salary_max: int | None
    salary_currency: str | None
    job_types: list[str]

    @classmethod
    def from_domain(cls, wanted: Preferences) -> Self:
        return cls(
            desired_roles=list(wanted.desired_roles),
            locations=list(wanted.locations),
            work_modes=list(wanted.work_modes),
            salary_min=wanted.salary_min,
            salary_max=wanted.salary_max,
            salary_currency=wanted.salary_currency,
            job_types=list(wanted.job_types),
        )


@strawberry.input(description="Replaces every preference; leave a list empty for any.")
class CandidatePreferencesUpdateInput:
    candidate_id: relay.GlobalID
    desired_roles: list[str] = strawberry.field(default_factory=list)
    locations: list[str] = strawberry.field(default_factory=list)
    work_modes: list[RemotePolicy] = strawberry.field(  # type: ignore[valid-type]  # strawberry.enum returns the enum
        default_factory=list, description="Accepted work modes; empty: any."
    )
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str | None = None
    job_types: list[str] = strawberry.field(
        default_factory=list, description="e.g. full-time, part-time, contract."
    )

    def to_domain(self) -> Preferences:
        return parse_preferences(
            {
                "desired_roles": self.desired_roles,
                "locations": self.locations,
                "work_modes": self.work_modes,
                "salary_min": self.salary_min,
                "salary_max": self.salary_max,
                "salary_currency": self.salary_currency,
                "job_types": self.job_types,
            }
        )


@strawberry.type
class CandidatePreferencesUpdatePayload:
    candidate: Candidate | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CandidatePreferencesMutation:
    @strawberry.mutation(
        extensions=allow(IsAuthenticated(), HasScope(Scope.CANDIDATES_WRITE)),
        description="Set a candidate's preferences: your own profile as a candidate,"
        " or a candidate you may change as a recruiter.",
    )
    async def candidate_preferences_update(
        self, info: Info, input: CandidatePreferencesUpdateInput
    ) -> CandidatePreferencesUpdatePayload:
        context = info.context
        try:
            row = await service.set_preferences(
                context.viewer,
                decode_id(input.candidate_id, "Candidate", field="candidateId"),
                input.to_domain(),
                queue=context.queue,
            )
        except DomainError as exc:
            return CandidatePreferencesUpdatePayload(user_errors=user_errors(exc))
        return CandidatePreferencesUpdatePayload(candidate=Candidate.from_model(row))
