"""`score_match`: a job's requirements and a candidate profile in, a score in [0, 1]
out, with one `Factor` per criterion whose contributions add up to the score.

- score = sum of factor.weight * factor.value over skills, experience, education and
  location (defaults 0.50 / 0.25 / 0.15 / 0.10, per-job overrides through
  `validate_weights`). Each value is in [0, 1].
- A factor the job states nothing about (no skills, no minimum years, no degree, no
  location or remote policy) is not assessed: its weight is 0 and the assessed ones
  share its weight in proportion. A job that states nothing scores 0.
- Skills: share of required skills found (and of preferred ones, counted for
  `PREFERRED_SHARE` when both kinds are listed); a semantic similarity in [0, 1], when
  given, takes `semantic_share` of the skills value.
- Experience: years found / years required, at most 1. Education: 1 at or above the
  level asked, 0.5 one level below, else 0. Location: 1 for a remote job or the same
  city, 0.5 for the same region or an unknown candidate location, else 0.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from domain.errors import DomainError, ErrorCode, InvalidInput
from domain.matching.model import EDUCATION_RANK, SkillRequirement, WorkMode
from domain.matching.profile import CandidateProfile, JobRequirements
from domain.parsing.model import EducationLevel

# 2: centred similarity (`centering`), semantic share 0.7; 3: the similarity also
# compares the job with the candidate's titles alone (`title_similarity`).
SCORE_VERSION = 3
PREFERRED_SHARE = 0.2
# The share of the skills factor taken by how close the texts read (centred
# cosine); the rest is the listed skills found. A skill list is a thin, noisy
# signal (coverage alone: category bench MRR 0.20, the vectors alone 0.56): with
# centring, 0.5 / 0.7 / 0.8 gave MRR 0.54 / 0.55 / 0.55, P@10 0.44 / 0.52 / 0.53,
# and beyond 0.8 the clamped similarity ties at the top of a list.
DEFAULT_SEMANTIC_SHARE = 0.7


class FactorName(StrEnum):
    SKILLS = "skills"
    EXPERIENCE = "experience"
    EDUCATION = "education"
    LOCATION = "location"


DEFAULT_WEIGHTS: Mapping[FactorName, float] = {
    FactorName.SKILLS: 0.50,
    FactorName.EXPERIENCE: 0.25,
    FactorName.EDUCATION: 0.15,
    FactorName.LOCATION: 0.10,
}


@dataclass(frozen=True)
class Weights:
    """Normalised factor weights (they sum to 1)."""

    skills: float = 0.50
    experience: float = 0.25
    education: float = 0.15
    location: float = 0.10

    def of(self, name: FactorName) -> float:
        value: float = getattr(self, name.value)
        return value


class LocationFit(StrEnum):
    REMOTE_JOB = "remote_job"
    SAME_CITY = "same_city"
    SAME_REGION = "same_region"
    DIFFERENT = "different"
    UNKNOWN = "unknown"  # the candidate's location is not known
    WANTS_REMOTE = "wants_remote"  # onsite job, candidate asks for remote only
    NOT_STATED = "not_stated"  # the job states neither location nor remote


@dataclass(frozen=True)
class SkillsEvidence:
    matched_required: tuple[str, ...] = ()
    missing_required: tuple[str, ...] = ()
    matched_preferred: tuple[str, ...] = ()
    missing_preferred: tuple[str, ...] = ()
    similarity: float | None = None


@dataclass(frozen=True)
class ExperienceEvidence:
    years_found: float
    years_required: float | None


@dataclass(frozen=True)
class EducationEvidence:
    found: EducationLevel | None
    required: EducationLevel | None


@dataclass(frozen=True)
class LocationEvidence:
    fit: LocationFit
    job_remote: WorkMode | None
    job_location: str | None
    candidate_location: str | None


Evidence = SkillsEvidence | ExperienceEvidence | EducationEvidence | LocationEvidence


@dataclass(frozen=True)
class Factor:
    """`weight` is the effective weight (0 when not assessed); `base_weight` the
    job's normalised weight before sharing out the unassessed ones."""

    name: FactorName
    assessed: bool
    base_weight: float
    weight: float
    value: float
    contribution: float
    evidence: Evidence


@dataclass(frozen=True)
class MatchScore:
    score: float
    factors: tuple[Factor, ...]
    version: int = SCORE_VERSION

    def factor(self, name: FactorName) -> Factor:
        return next(f for f in self.factors if f.name is name)


def validate_weights(overrides: Mapping[str, Any] | None) -> Weights:
    """Per-job weights: the given factors replace the defaults, then all are scaled
    to sum to 1. Raises InvalidInput (INVALID_WEIGHTS, one problem per bad entry)."""
    merged: dict[FactorName, float] = dict(DEFAULT_WEIGHTS)
    problems: list[DomainError] = []
    for key, raw in (overrides or {}).items():
        problem = _weight_problem(key, raw)
        if problem is not None:
            problems.append(problem)
        else:
            merged[FactorName(key)] = float(raw)
    if not problems and sum(merged.values()) <= 0:
        problems.append(
            _weight_error("weights", "At least one matching weight must be above 0.")
        )
    if problems:
        raise InvalidInput(problems)
    total = sum(merged.values())
    return Weights(**{name.value: value / total for name, value in merged.items()})


def _weight_problem(key: str, raw: Any) -> DomainError | None:
    names = ", ".join(name.value for name in FactorName)
    if key not in FactorName.__members__.values():
        return _weight_error(
            f"weights.{key}", f"Unknown matching factor {key!r}; use one of {names}."
        )
    number_like = isinstance(raw, int | float) and not isinstance(raw, bool)
    if not number_like or not math.isfinite(raw):
        return _weight_error(
            f"weights.{key}", f"The {key} weight must be a number, got {raw!r}."
        )
    if raw < 0:
        return _weight_error(
            f"weights.{key}", f"The {key} weight must be 0 or more, got {raw!r}."
        )
    return None


def _weight_error(field: str, message: str) -> DomainError:
    return DomainError(message, code=ErrorCode.INVALID_WEIGHTS, field=field)


def score_match(
    job: JobRequirements,
    candidate: CandidateProfile,
    *,
    weights: Weights | None = None,
    similarity: float | None = None,
    semantic_share: float = DEFAULT_SEMANTIC_SHARE,
) -> MatchScore:
    """`similarity` is the semantic similarity already mapped to [0, 1]
    (`embeddings.similarity_from_cosine`); it only enters a job that lists skills."""
    weights = weights or Weights()
    parts = (
        _skills(job, candidate, similarity, semantic_share),
        _experience(job, candidate),
        _education(job, candidate),
        _location(job, candidate),
    )
    names = tuple(FactorName)
    assessed_total = sum(
        weights.of(name)
        for name, (assessed, _, _) in zip(names, parts, strict=True)
        if assessed
    )
    factors: list[Factor] = []
    for name, (assessed, value, evidence) in zip(names, parts, strict=True):
        share = weights.of(name) / assessed_total if assessed and assessed_total else 0
        factors.append(
            Factor(
                name, assessed, weights.of(name), share, value, share * value, evidence
            )
        )
    score = sum(f.contribution for f in factors)
    return MatchScore(score=min(1.0, score), factors=tuple(factors))


_Part = tuple[bool, float, Evidence]


def _has(candidate: CandidateProfile, skill: SkillRequirement) -> bool:
    if skill.canonical_id is not None:
        return any(s.canonical_id == skill.canonical_id for s in candidate.skills)
    wanted = skill.name.casefold()
    return any(s.name.casefold() == wanted for s in candidate.skills)


def _split(
    skills: tuple[SkillRequirement, ...], candidate: CandidateProfile
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    matched = tuple(s.name for s in skills if _has(candidate, s))
    missing = tuple(s.name for s in skills if not _has(candidate, s))
    return matched, missing


def _skills(
    job: JobRequirements,
    candidate: CandidateProfile,
    similarity: float | None,
    semantic_share: float,
) -> _Part:
    matched_req, missing_req = _split(job.required_skills, candidate)
    matched_pref, missing_pref = _split(job.preferred_skills, candidate)
    evidence = SkillsEvidence(matched_req, missing_req, matched_pref, missing_pref)
    if not job.required_skills and not job.preferred_skills:
        return False, 0.0, evidence
    coverages = [
        (len(matched) / len(skills), share)
        for matched, skills, share in (
            (matched_req, job.required_skills, 1 - PREFERRED_SHARE),
            (matched_pref, job.preferred_skills, PREFERRED_SHARE),
        )
        if skills
    ]
    total_share = sum(share for _, share in coverages)
    value = sum(coverage * share for coverage, share in coverages) / total_share
    if similarity is not None:
        clamped = min(1.0, max(0.0, similarity))
        value = (1 - semantic_share) * value + semantic_share * clamped
        evidence = SkillsEvidence(
            matched_req, missing_req, matched_pref, missing_pref, clamped
        )
    return True, value, evidence


def _experience(job: JobRequirements, candidate: CandidateProfile) -> _Part:
    found = round(candidate.years_experience, 1)
    evidence = ExperienceEvidence(found, job.min_years)
    if job.min_years is None:
        return False, 0.0, evidence
    if job.min_years <= 0:
        return True, 1.0, evidence
    return True, min(1.0, candidate.years_experience / job.min_years), evidence


def _education(job: JobRequirements, candidate: CandidateProfile) -> _Part:
    evidence = EducationEvidence(candidate.education, job.education)
    required = job.education
    if required is None or required not in EDUCATION_RANK:
        return False, 0.0, evidence
    found = candidate.education
    if found is None or found not in EDUCATION_RANK:
        return True, 0.0, evidence
    gap = EDUCATION_RANK[required] - EDUCATION_RANK[found]
    return True, 1.0 if gap <= 0 else 0.5 if gap == 1 else 0.0, evidence


_LOCATION_VALUE = {
    LocationFit.REMOTE_JOB: 1.0,
    LocationFit.SAME_CITY: 1.0,
    LocationFit.SAME_REGION: 0.5,
    LocationFit.UNKNOWN: 0.5,
    LocationFit.DIFFERENT: 0.0,
    LocationFit.WANTS_REMOTE: 0.0,
}


def _location(job: JobRequirements, candidate: CandidateProfile) -> _Part:
    fit = location_fit(job, candidate)
    evidence = LocationEvidence(fit, job.remote, job.location, candidate.location)
    if fit is LocationFit.NOT_STATED:
        return False, 0.0, evidence
    return True, _LOCATION_VALUE[fit], evidence


def location_fit(job: JobRequirements, candidate: CandidateProfile) -> LocationFit:
    if job.remote is WorkMode.REMOTE:
        return LocationFit.REMOTE_JOB
    if candidate.remote_preference is WorkMode.REMOTE and job.remote is not None:
        return LocationFit.WANTS_REMOTE
    if not job.location:
        return LocationFit.NOT_STATED
    if not candidate.location:
        return LocationFit.UNKNOWN
    job_parts = _place_parts(job.location)
    candidate_parts = _place_parts(candidate.location)
    if job_parts[0] == candidate_parts[0]:
        return LocationFit.SAME_CITY
    if set(job_parts[1:]) & set(candidate_parts[1:]):
        return LocationFit.SAME_REGION
    return LocationFit.DIFFERENT


def _place_parts(place: str) -> list[str]:
    """ "Berlin, Germany" -> ["berlin", "germany"]: the city first, then regions."""
    parts = [" ".join(part.casefold().split()) for part in place.split(",")]
    return [part for part in parts if part] or [""]
