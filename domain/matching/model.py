"""`JobAnalysis`: the requirements read from a posting (stored in `Job.analysis`,
editable by recruiters), each value with its confidence and the text it came from.

Round trip: `JobAnalysis.model_validate(job.analysis)` and
`analysis.model_dump(mode="json")`; `load_analysis` does the former and turns a
malformed document into `InvalidInput(INVALID_JOB_ANALYSIS)`. Edits go through
`add_skill` / `drop_skill` (or `model_copy(update=...)` for the other fields), which
mark the value as the recruiter's (`confidence` 1.0, `evidence` None).
"""

from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic import Field as Constraint

from domain.errors import DomainError, ErrorCode, InvalidInput
from domain.parsing.model import EducationLevel
from domain.parsing.taxonomy import Taxonomy

T = TypeVar("T")

ANALYSIS_VERSION = 1
Confidence = Annotated[float, Constraint(ge=0.0, le=1.0)]

# Lowest to highest; OTHER (a certificate, a diploma of no known level) has no rank.
EDUCATION_RANK: dict[EducationLevel, int] = {
    EducationLevel.HIGH_SCHOOL: 1,
    EducationLevel.ASSOCIATE: 2,
    EducationLevel.BACHELOR: 3,
    EducationLevel.MASTER: 4,
    EducationLevel.DOCTORATE: 5,
}


class WorkMode(StrEnum):
    """Where the work happens; the values of `domain.models.jobs.RemotePolicy`."""

    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"


class Seniority(StrEnum):
    INTERN = "intern"
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"
    EXECUTIVE = "executive"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Finding(_Frozen, Generic[T]):
    """A value read from the posting; `evidence` is the sentence it was read in
    (None when a recruiter set it)."""

    value: T
    confidence: Confidence
    evidence: str | None = None


class SkillRequirement(_Frozen):
    """A skill under its taxonomy name; `canonical_id` is None for a skill the
    taxonomy does not know (then it matches resume skills by name)."""

    canonical_id: str | None
    name: str
    years: Annotated[float, Constraint(ge=0.0)] | None = None
    confidence: Confidence
    evidence: str | None = None


class OccupationFinding(_Frozen):
    code: str  # O*NET-SOC code
    title: str
    matched_title: str
    confidence: Confidence


class JobAnalysis(_Frozen):
    version: int = ANALYSIS_VERSION
    required_skills: tuple[SkillRequirement, ...] = ()
    preferred_skills: tuple[SkillRequirement, ...] = ()
    min_years_experience: Finding[float] | None = None
    education: Finding[EducationLevel] | None = None
    remote: Finding[WorkMode] | None = None
    location: Finding[str] | None = None
    seniority: Finding[Seniority] | None = None
    occupation: OccupationFinding | None = None


def load_analysis(data: dict[str, Any]) -> JobAnalysis:
    """A stored or edited analysis; an empty dict is an empty analysis."""
    try:
        return JobAnalysis.model_validate(data)
    except ValidationError as exc:
        problems: list[DomainError] = [
            DomainError(
                f"Job analysis field {'.'.join(map(str, e['loc'])) or '(root)'}: "
                f"{e['msg']}. Correct it or analyse the description again.",
                code=ErrorCode.INVALID_JOB_ANALYSIS,
                field="analysis." + ".".join(map(str, e["loc"])),
            )
            for e in exc.errors()
        ]
        raise InvalidInput(problems) from exc


def skill_requirement(name: str, taxonomy: Taxonomy) -> SkillRequirement:
    """A recruiter's skill, under its taxonomy entry when the taxonomy knows it."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput(
            [
                DomainError(
                    "A skill needs a name; type the skill to add.",
                    code=ErrorCode.INVALID_INPUT,
                    field="skill",
                )
            ]
        )
    entry = taxonomy.lookup(cleaned)
    if entry is None:
        return SkillRequirement(canonical_id=None, name=cleaned, confidence=1.0)
    return SkillRequirement(
        canonical_id=entry.canonical_id, name=entry.name, confidence=1.0
    )


def same_skill(a: SkillRequirement, b: SkillRequirement) -> bool:
    if a.canonical_id is not None or b.canonical_id is not None:
        return a.canonical_id == b.canonical_id
    return a.name.casefold() == b.name.casefold()


def add_skill(
    analysis: JobAnalysis, skill: SkillRequirement, *, required: bool
) -> JobAnalysis:
    """The analysis with `skill` in the required or preferred list (moved there if
    it was in the other one)."""
    kept_required = tuple(
        s for s in analysis.required_skills if not same_skill(s, skill)
    )
    kept_preferred = tuple(
        s for s in analysis.preferred_skills if not same_skill(s, skill)
    )
    if required:
        kept_required = (*kept_required, skill)
    else:
        kept_preferred = (*kept_preferred, skill)
    return analysis.model_copy(
        update={"required_skills": kept_required, "preferred_skills": kept_preferred}
    )


def drop_skill(analysis: JobAnalysis, skill: SkillRequirement) -> JobAnalysis:
    """The analysis without `skill` in either list (same canonical id, or same name
    when neither has one)."""
    return analysis.model_copy(
        update={
            "required_skills": tuple(
                s for s in analysis.required_skills if not same_skill(s, skill)
            ),
            "preferred_skills": tuple(
                s for s in analysis.preferred_skills if not same_skill(s, skill)
            ),
        }
    )
