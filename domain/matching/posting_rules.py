"""What a job posting may hold and how a recruiter's analysis edits apply:
the field checks (every problem reported at once), the edit rules and the
analysis of a title and description with the edits replayed. Pure: no database.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from domain.candidates.fields import UNSET, Unset
from domain.errors import (
    DomainError,
    ErrorCode,
    InvalidInput,
    clean_each,
)
from domain.matching.analysis import analyze_job
from domain.matching.model import (
    Finding,
    JobAnalysis,
    Seniority,
    add_skill,
    drop_skill,
    load_analysis,
    skill_requirement,
)
from domain.matching.occupations import load_occupations
from domain.matching.scoring import validate_weights
from domain.models import JobStatus, RemotePolicy
from domain.parsing.model import EducationLevel
from domain.parsing.taxonomy import Taxonomy, load_taxonomy

MAX_YEARS = 50.0
MAX_EDIT_SKILLS = 50
_TEXT_LIMITS = {
    "title": 300,
    "description": 50_000,
    "location": 200,
    "employment_type": 40,
}
_CURRENCY = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class JobInput:
    """A new posting; `remote`, `location` and `seniority` left None are taken from
    the description when it states them (else onsite and none)."""

    title: str
    description: str = ""
    location: str | None = None
    remote: RemotePolicy | None = None
    employment_type: str | None = None
    seniority: Seniority | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str | None = None
    weights: Mapping[str, float] | None = None


@dataclass(frozen=True)
class JobPatch:
    """Only the fields that are not UNSET change; None clears an optional field
    (`weights`: back to the defaults)."""

    title: str | Unset = UNSET
    description: str | Unset = UNSET
    location: str | Unset | None = UNSET
    remote: RemotePolicy | Unset = UNSET
    employment_type: str | Unset | None = UNSET
    seniority: Seniority | Unset | None = UNSET
    salary_min: int | Unset | None = UNSET
    salary_max: int | Unset | None = UNSET
    salary_currency: str | Unset | None = UNSET
    weights: Mapping[str, float] | Unset | None = UNSET

    def changes(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) is not UNSET
        }


@dataclass(frozen=True)
class JobFilter:
    status: JobStatus | None = None
    search: str | None = None  # part of the title


@dataclass(frozen=True)
class AnalysisEdit:
    """A recruiter's change to an analysis: drops first, then additions, then the
    overrides that are not UNSET (None clears the requirement)."""

    add_required: tuple[str, ...] = ()
    add_preferred: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    min_years_experience: float | Unset | None = UNSET
    education_level: EducationLevel | Unset | None = UNSET

    def details(self) -> dict[str, Any]:
        return {
            k: list(v) if isinstance(v, tuple) else v for k, v in given_changes(self)
        }

    @classmethod
    def from_details(cls, details: Mapping[str, Any]) -> "AnalysisEdit":
        education = details.get("education_level", UNSET)
        return cls(
            add_required=tuple(details.get("add_required", ())),
            add_preferred=tuple(details.get("add_preferred", ())),
            drop=tuple(details.get("drop", ())),
            min_years_experience=details.get("min_years_experience", UNSET),
            education_level=education
            if education in (UNSET, None)
            else EducationLevel(education),
        )


def given_changes(edit: AnalysisEdit) -> list[tuple[str, Any]]:
    return [
        (f.name, getattr(edit, f.name))
        for f in fields(edit)
        if getattr(edit, f.name) not in (UNSET, ())
    ]


def _problem(field: str, message: str, code: ErrorCode | None = None) -> DomainError:
    """A problem with the input field `field` (named as in the API: camelCase)."""
    head, *rest = field.split("_")
    camel = head + "".join(word.title() for word in rest)
    return DomainError(message, code=code or ErrorCode.INVALID_INPUT, field=camel)


# --- validation ------------------------------------------------------------------


def _clean_text(name: str, value: str | None) -> str | None:
    if value is None:
        if name == "title":
            raise _problem("title", "A job needs a title.")
        return "" if name == "description" else None
    text = value.strip()
    if name == "title" and not text:
        raise _problem("title", "A job needs a title.")
    if len(text) > _TEXT_LIMITS[name]:
        raise _problem(
            name, f"`{name}` is longer than {_TEXT_LIMITS[name]} characters."
        )
    return text if text or name == "description" else None


def _clean_one(name: str, value: Any) -> Any:
    if name in _TEXT_LIMITS:
        return _clean_text(name, value)
    if name == "salary_currency" and value is not None:
        code = value.strip().upper()
        if not _CURRENCY.fullmatch(code):
            raise _problem(
                name,
                f"{value!r} is not a currency code: give its three ISO 4217"
                " letters, like USD or EUR.",
                ErrorCode.INVALID_CURRENCY,
            )
        return code
    if name in ("salary_min", "salary_max") and value is not None and value < 0:
        raise _problem(name, f"`{name}` must be 0 or more.", ErrorCode.INVALID_SALARY)
    if name == "weights":
        validate_weights(value)
        return dict(value or {})
    return value


def clean_job_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """Validated, normalised values; every problem is reported at once."""
    return clean_each(values, _clean_one)


def check_salary_range(low: int | None, high: int | None) -> None:
    if low is not None and high is not None and low > high:
        raise InvalidInput(
            [
                _problem(
                    "salaryMin",
                    f"The minimum salary ({low}) is above the maximum ({high}):"
                    " swap them or raise the maximum.",
                    ErrorCode.INVALID_SALARY,
                )
            ]
        )


def check_edit(edit: AnalysisEdit) -> None:
    problems: list[DomainError] = []
    named = (*edit.add_required, *edit.add_preferred, *edit.drop)
    if len(named) > MAX_EDIT_SKILLS or any(not n.strip() for n in named):
        problems.append(
            _problem(
                "skills",
                f"Name each skill to add or drop (at most {MAX_EDIT_SKILLS} at once).",
            )
        )
    years = edit.min_years_experience
    if isinstance(years, float | int) and not 0 <= years <= MAX_YEARS:
        problems.append(
            _problem(
                "minYearsExperience",
                f"Minimum years of experience must be between 0 and {MAX_YEARS:g}.",
            )
        )
    if problems:
        raise InvalidInput(problems)


# --- analysis (CPU: run in a thread) ---------------------------------------------


def apply_edit(
    analysis: JobAnalysis, edit: AnalysisEdit, taxonomy: Taxonomy
) -> JobAnalysis:
    for name in edit.drop:
        analysis = drop_skill(analysis, skill_requirement(name, taxonomy))
    for names, required in ((edit.add_required, True), (edit.add_preferred, False)):
        for name in names:
            skill = skill_requirement(name, taxonomy)
            analysis = add_skill(analysis, skill, required=required)
    update: dict[str, Any] = {}
    if not isinstance(edit.min_years_experience, Unset):
        years = edit.min_years_experience
        update["min_years_experience"] = _recruiters(years)
    if not isinstance(edit.education_level, Unset):
        update["education"] = _recruiters(edit.education_level)
    return analysis.model_copy(update=update) if update else analysis


def _recruiters(value: Any) -> Finding[Any] | None:
    return None if value is None else Finding(value=value, confidence=1.0)


def analyse(title: str, description: str, edits: Iterable[AnalysisEdit]) -> JobAnalysis:
    """The description's analysis with the recruiter's edits applied in order."""
    taxonomy = load_taxonomy()
    analysis = analyze_job(
        title=title,
        description=description,
        taxonomy=taxonomy,
        occupations=load_occupations(),
    )
    for edit in edits:
        analysis = apply_edit(analysis, edit, taxonomy)
    return analysis


def edited(analysis: dict[str, Any], edit: AnalysisEdit) -> JobAnalysis:
    return apply_edit(load_analysis(analysis), edit, load_taxonomy())
