"""A job's analysis in the API: what its description asks for, each finding
with a confidence, and the matching weights of the posting."""

from dataclasses import fields as dataclass_fields
from typing import Any, Self

import strawberry

from domain.matching import model
from domain.matching.scoring import Weights
from domain.models import RemotePolicy as DomainRemotePolicy
from domain.parsing.model import EducationLevel as DomainEducationLevel

RemotePolicy = strawberry.enum(DomainRemotePolicy, name="RemotePolicy")
Seniority = strawberry.enum(model.Seniority, name="Seniority")
EducationLevel = strawberry.enum(DomainEducationLevel, name="EducationLevel")


@strawberry.type(description="A skill the posting asks for, under its taxonomy name.")
class SkillRequirement:
    name: str
    canonical_id: str | None = strawberry.field(
        description="Taxonomy id; null for a skill the taxonomy does not know."
    )
    years: float | None
    confidence: float
    evidence: str | None = strawberry.field(
        description="The sentence it was read in; null when a recruiter set it."
    )

    @classmethod
    def from_domain(cls, skill: model.SkillRequirement) -> Self:
        return cls(
            name=skill.name,
            canonical_id=skill.canonical_id,
            years=skill.years,
            confidence=skill.confidence,
            evidence=skill.evidence,
        )


@strawberry.type
class YearsFinding:
    value: float
    confidence: float
    evidence: str | None


@strawberry.type
class EducationFinding:
    value: EducationLevel  # type: ignore[valid-type]  # strawberry.enum returns the enum
    confidence: float
    evidence: str | None


@strawberry.type
class RemoteFinding:
    value: RemotePolicy  # type: ignore[valid-type]  # strawberry.enum returns the enum
    confidence: float
    evidence: str | None


@strawberry.type
class LocationFinding:
    value: str
    confidence: float
    evidence: str | None


@strawberry.type
class SeniorityFinding:
    value: Seniority  # type: ignore[valid-type]  # strawberry.enum returns the enum
    confidence: float
    evidence: str | None


@strawberry.type(description="The O*NET occupation the title belongs to.")
class OccupationFinding:
    code: str = strawberry.field(description="O*NET-SOC code, e.g. 15-1252.00.")
    title: str
    matched_title: str
    confidence: float


def _finding(kind: Any, found: model.Finding[Any] | None, value: Any = None) -> Any:
    if found is None:
        return None
    return kind(
        value=found.value if value is None else value,
        confidence=found.confidence,
        evidence=found.evidence,
    )


@strawberry.type(description="What the description asks for, each with a confidence.")
class JobAnalysis:
    required_skills: list[SkillRequirement]
    preferred_skills: list[SkillRequirement]
    min_years_experience: YearsFinding | None
    education: EducationFinding | None
    remote: RemoteFinding | None
    location: LocationFinding | None
    seniority: SeniorityFinding | None
    occupation: OccupationFinding | None

    @classmethod
    def from_domain(cls, found: model.JobAnalysis) -> Self:
        remote = found.remote
        occupation = found.occupation
        return cls(
            required_skills=[
                SkillRequirement.from_domain(s) for s in found.required_skills
            ],
            preferred_skills=[
                SkillRequirement.from_domain(s) for s in found.preferred_skills
            ],
            min_years_experience=_finding(YearsFinding, found.min_years_experience),
            education=_finding(EducationFinding, found.education),
            remote=_finding(
                RemoteFinding, remote, remote and DomainRemotePolicy(remote.value)
            ),
            location=_finding(LocationFinding, found.location),
            seniority=_finding(SeniorityFinding, found.seniority),
            occupation=None
            if occupation is None
            else OccupationFinding(
                code=occupation.code,
                title=occupation.title,
                matched_title=occupation.matched_title,
                confidence=occupation.confidence,
            ),
        )


@strawberry.type(description="Effective factor weights (they sum to 1).")
class MatchWeights:
    skills: float
    experience: float
    education: float
    location: float

    @classmethod
    def from_domain(cls, weights: Weights) -> Self:
        return cls(
            skills=weights.skills,
            experience=weights.experience,
            education=weights.education,
            location=weights.location,
        )


@strawberry.input(description="Weights to change; the others keep their defaults.")
class MatchWeightsInput:
    skills: float | None = None
    experience: float | None = None
    education: float | None = None
    location: float | None = None

    def to_domain(self) -> dict[str, float]:
        given = {f.name: getattr(self, f.name) for f in dataclass_fields(self)}
        return {name: value for name, value in given.items() if value is not None}
