"""The inputs of the candidate fields: the list filter and the create, update
and delete inputs, each turned into its domain value by `to_domain`."""

from dataclasses import fields as dataclass_fields
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from api.pagination import decode_id
from domain.candidates import service
from domain.candidates.fields import CandidateInput, CandidatePatch

if TYPE_CHECKING:
    from domain.parsing.model import EducationLevel  # strawberry: api.job_analysis

EducationLevelInput = Annotated["EducationLevel", strawberry.lazy("api.job_analysis")]


@strawberry.input
class CandidateFilter:
    pool_id: relay.GlobalID | None = None
    search: str | None = strawberry.field(
        default=None, description="Part of the name, e-mail or headline."
    )
    skills: list[str] | None = strawberry.field(
        default=None, description="Candidates who have every one of these skills."
    )
    query: str | None = strawberry.field(
        default=None,
        description="Full text over the resume and profile, web-search syntax:"
        ' words must all appear (any form: "engineers" finds "engineer"),'
        ' "a phrase" in order, `or` for either side, -word to exclude. Ordered'
        " by relevance unless orderBy says otherwise.",
    )
    min_years_experience: float | None = None
    location: str | None = strawberry.field(
        default=None, description="Part of the candidate's location."
    )
    education_level: EducationLevelInput | None = strawberry.field(
        default=None, description="This level or a higher one on the resume."
    )
    updated_since: datetime | None = None

    def to_domain(self) -> service.CandidateFilter:
        pool_id = (
            decode_id(self.pool_id, "Pool", field="poolId") if self.pool_id else None
        )
        return service.CandidateFilter(
            pool_id=pool_id,
            search=self.search,
            skills=tuple(self.skills or ()),
            query=self.query,
            min_years_experience=self.min_years_experience,
            location=self.location,
            education_level=self.education_level,
            updated_since=self.updated_since,
        )


@strawberry.input
class CandidateCreateInput:
    name: str
    pool_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Default: your default pool."
    )
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    headline: str | None = None
    summary: str | None = None
    skills: list[str] | None = None

    def to_domain(self) -> CandidateInput:
        pool_id = (
            decode_id(self.pool_id, "Pool", field="poolId") if self.pool_id else None
        )
        return CandidateInput(
            name=self.name,
            pool_id=pool_id,
            email=self.email,
            phone=self.phone,
            location=self.location,
            headline=self.headline,
            summary=self.summary,
            skills=list(self.skills or []),
        )


@strawberry.input(description="Fields left out stay as they are; null clears one.")
class CandidateUpdateInput:
    id: relay.GlobalID
    name: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    location: str | None = strawberry.UNSET
    headline: str | None = strawberry.UNSET
    summary: str | None = strawberry.UNSET
    skills: list[str] | None = strawberry.UNSET

    def to_domain(self) -> CandidatePatch:
        given: dict[str, Any] = {}
        for patch_field in dataclass_fields(CandidatePatch):
            value = getattr(self, patch_field.name)
            if value is not strawberry.UNSET:
                given[patch_field.name] = value
        if given.get("name", "") is None:
            given["name"] = ""  # a name cannot be cleared: validation says so
        if "skills" in given and given["skills"] is None:
            given["skills"] = []
        return CandidatePatch(**given)


@strawberry.input
class CandidateDeleteInput:
    id: relay.GlobalID
