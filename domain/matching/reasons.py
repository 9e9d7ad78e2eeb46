"""Plain-language strengths and gaps of a match, written from the factors' evidence
by fixed templates (same evidence, same sentences), and the JSON stored beside them
in `Match.factors` / `Match.reasons`."""

import dataclasses
from dataclasses import dataclass
from typing import Any

from domain.matching.model import EDUCATION_RANK
from domain.matching.scoring import (
    EducationEvidence,
    ExperienceEvidence,
    Factor,
    LocationEvidence,
    LocationFit,
    MatchScore,
    SkillsEvidence,
)
from domain.parsing.model import EducationLevel

MAX_LISTED = 5
_DEGREE = {
    EducationLevel.HIGH_SCHOOL: "a high-school diploma",
    EducationLevel.ASSOCIATE: "an associate degree",
    EducationLevel.BACHELOR: "a bachelor's degree",
    EducationLevel.MASTER: "a master's degree",
    EducationLevel.DOCTORATE: "a doctorate",
    EducationLevel.OTHER: "a qualification of unknown level",
}


@dataclass(frozen=True)
class Reasons:
    strengths: tuple[str, ...]
    gaps: tuple[str, ...]

    def lines(self) -> list[str]:
        """Strengths first, then gaps (the shape of `Match.reasons`)."""
        return [*self.strengths, *self.gaps]


def explain(score: MatchScore) -> Reasons:
    strengths: list[str] = []
    gaps: list[str] = []
    for factor in score.factors:
        if not factor.assessed:
            continue
        good, bad = _sentences(factor)
        strengths.extend(good)
        gaps.extend(bad)
    return Reasons(tuple(strengths), tuple(gaps))


def _sentences(factor: Factor) -> tuple[list[str], list[str]]:
    evidence = factor.evidence
    if isinstance(evidence, SkillsEvidence):
        return _skills(evidence)
    if isinstance(evidence, ExperienceEvidence):
        return _experience(evidence)
    if isinstance(evidence, EducationEvidence):
        return _education(evidence)
    return _location(evidence)


def _listed(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:MAX_LISTED])
    more = len(names) - MAX_LISTED
    return f"{shown} and {more} more" if more > 0 else shown


def _skills(evidence: SkillsEvidence) -> tuple[list[str], list[str]]:
    good: list[str] = []
    bad: list[str] = []
    matched, missing = evidence.matched_required, evidence.missing_required
    total = len(matched) + len(missing)
    if matched:
        good.append(
            f"Has {len(matched)} of {total} required skills: {_listed(matched)}."
        )
    if missing:
        bad.append(f"Missing required skills: {_listed(missing)}.")
    if evidence.matched_preferred:
        good.append(f"Has preferred skills: {_listed(evidence.matched_preferred)}.")
    if evidence.missing_preferred and not evidence.matched_preferred:
        bad.append(
            f"None of the preferred skills: {_listed(evidence.missing_preferred)}."
        )
    if evidence.similarity is not None and evidence.similarity >= 0.5:
        good.append("The resume reads close to the job description.")
    return good, bad


def _years(value: float) -> str:
    text = f"{value:g}"
    return f"{text} year" if value == 1 else f"{text} years"


def _experience(evidence: ExperienceEvidence) -> tuple[list[str], list[str]]:
    required = evidence.years_required or 0.0
    found = evidence.years_found
    sentence = f"{_years(found)} of experience; the job asks for {_years(required)}."
    if found >= required:
        return [sentence.capitalize()], []
    return [], [sentence.capitalize()]


def _education(evidence: EducationEvidence) -> tuple[list[str], list[str]]:
    required = _DEGREE[evidence.required] if evidence.required else "a degree"
    if evidence.found is None:
        return [], [f"No degree found; the job asks for {required}."]
    found = _DEGREE[evidence.found]
    met = EDUCATION_RANK.get(evidence.found, 0) >= EDUCATION_RANK.get(
        evidence.required or EducationLevel.OTHER, 99
    )
    sentence = f"Holds {found}; the job asks for {required}."
    return ([sentence], []) if met else ([], [sentence])


def _location(evidence: LocationEvidence) -> tuple[list[str], list[str]]:
    where = evidence.job_location or "the job's location"
    mode = evidence.job_remote.value if evidence.job_remote else "onsite"
    lived = evidence.candidate_location
    templates = {
        LocationFit.REMOTE_JOB: ("Remote role: any location fits.", True),
        LocationFit.SAME_CITY: (f"Based in {lived}, where the job is.", True),
        LocationFit.SAME_REGION: (f"Based in {lived}, near {where} ({mode}).", True),
        LocationFit.DIFFERENT: (
            f"Based in {lived}; the job is in {where} ({mode}).",
            False,
        ),
        LocationFit.UNKNOWN: (
            f"Location unknown; the job is in {where} ({mode}).",
            False,
        ),
        LocationFit.WANTS_REMOTE: (f"Wants remote work; the job is {mode}.", False),
    }
    sentence, good = templates[evidence.fit]
    return ([sentence], []) if good else ([], [sentence])


def factors_json(score: MatchScore) -> dict[str, Any]:
    """The breakdown as stored in `Match.factors`: version, score and one entry per
    factor (name, assessed, base_weight, weight, value, contribution, evidence)."""
    return {
        "version": score.version,
        "score": score.score,
        "factors": [
            {**_fields(factor), "evidence": _fields(factor.evidence)}
            for factor in score.factors
        ],
    }


def _fields(instance: Any) -> dict[str, Any]:
    """A dataclass's fields, one level deep: what `dataclasses.asdict` gives for
    these flat records, without its deep copy (which took a quarter of a job
    refresh's time at 1,000 candidates)."""
    return {f.name: getattr(instance, f.name) for f in dataclasses.fields(instance)}
