"""What the scorer may see: `CandidateProfile` (built from a `ParsedResume`, without
name, e-mail, phone, links, photo, age, gender or nationality: the type has no place
for them) and `JobRequirements` (a job's analysis plus its own remote and location
fields)."""

from collections.abc import Iterable
from dataclasses import dataclass

from domain.matching.model import (
    EDUCATION_RANK,
    JobAnalysis,
    SkillRequirement,
    WorkMode,
)
from domain.parsing.model import EducationLevel, ParsedResume


@dataclass(frozen=True)
class CandidateSkill:
    canonical_id: str | None
    name: str
    years: float | None = None


@dataclass(frozen=True)
class CandidateProfile:
    """The scoreable part of a candidate. `education` is the highest ranked level
    found; `remote_preference` comes from the candidate's stated preferences."""

    skills: tuple[CandidateSkill, ...] = ()
    experience_months: int = 0
    education: EducationLevel | None = None
    location: str | None = None
    remote_preference: WorkMode | None = None
    titles: tuple[str, ...] = ()

    @property
    def years_experience(self) -> float:
        return self.experience_months / 12

    @classmethod
    def from_parsed(
        cls, parsed: ParsedResume, *, remote_preference: WorkMode | None = None
    ) -> "CandidateProfile":
        return cls(
            skills=tuple(
                CandidateSkill(s.canonical_id, s.name, s.years) for s in parsed.skills
            ),
            experience_months=parsed.total_experience_months,
            education=highest_education(e.level for e in parsed.education),
            location=None if parsed.location is None else parsed.location.value,
            remote_preference=remote_preference,
            titles=tuple(
                e.title.value for e in parsed.experience if e.title is not None
            ),
        )


def highest_education(levels: Iterable[EducationLevel]) -> EducationLevel | None:
    """The highest ranked level; OTHER only when nothing ranked was found."""
    found = list(levels)
    ranked = [level for level in found if level in EDUCATION_RANK]
    if ranked:
        return max(ranked, key=lambda level: EDUCATION_RANK[level])
    return EducationLevel.OTHER if found else None


@dataclass(frozen=True)
class JobRequirements:
    """What a job asks for. Empty skills and None elsewhere mean "not stated": such
    a factor is not assessed and its weight goes to the assessed ones."""

    required_skills: tuple[SkillRequirement, ...] = ()
    preferred_skills: tuple[SkillRequirement, ...] = ()
    min_years: float | None = None
    education: EducationLevel | None = None
    remote: WorkMode | None = None
    location: str | None = None

    @classmethod
    def from_analysis(
        cls,
        analysis: JobAnalysis,
        *,
        remote: WorkMode | None = None,
        location: str | None = None,
    ) -> "JobRequirements":
        """`remote` and `location` are the job's own fields; they win over what
        the analysis read from the description."""
        years = analysis.min_years_experience
        education = analysis.education
        return cls(
            required_skills=analysis.required_skills,
            preferred_skills=analysis.preferred_skills,
            min_years=None if years is None else years.value,
            education=None if education is None else education.value,
            remote=remote
            if remote is not None
            else (None if analysis.remote is None else analysis.remote.value),
            location=location
            if location
            else (None if analysis.location is None else analysis.location.value),
        )
