"""Job postings: create, update, close and read them in the viewer's scope, with the
analysis of their description and the recruiter's edits to it.

A recruiter's analysis edits are kept as `job.analysis.edit` audit entries (details:
the `AnalysisEdit`), oldest first; whenever the title or description changes, the
fresh analysis gets every one of them applied again in order, so an added or dropped
skill or an overridden minimum stays as the recruiter left it. Each write enqueues
`refresh_job_matches` for the job after its transaction commits.
"""

import asyncio
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from arq.connections import ArqRedis
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.access import (
    Scope,
    Viewer,
    editable_jobs,
    visible_audit_entries,
    visible_jobs,
)
from domain.audit import record_audit
from domain.candidates.fields import UNSET, Unset
from domain.errors import (
    DomainError,
    ErrorCode,
    Forbidden,
    InvalidInput,
    NotFound,
    clean_each,
)
from domain.jobs import MATCHING_QUEUE, REFRESH_JOB_MATCHES, enqueue
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
from domain.models import Job, JobStatus, RemotePolicy
from domain.pagination import Ordering, SortKind
from domain.parsing.model import EducationLevel
from domain.parsing.taxonomy import Taxonomy, load_taxonomy

EDIT_ACTION = "job.analysis.edit"
ORDERING = Ordering("created_at", True, SortKind.TIME)  # newest first
MAX_YEARS = 50.0
MAX_EDIT_SKILLS = 50
_TEXT_LIMITS = {
    "title": 300,
    "description": 50_000,
    "location": 200,
    "employment_type": 40,
}
_CURRENCY = re.compile(r"[A-Z]{3}")
_ANALYSED = frozenset({"title", "description"})


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
        return {k: list(v) if isinstance(v, tuple) else v for k, v in _given(self)}

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


def _given(edit: AnalysisEdit) -> list[tuple[str, Any]]:
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


def _check_salary_range(low: int | None, high: int | None) -> None:
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


def _check_edit(edit: AnalysisEdit) -> None:
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


def _edited(analysis: dict[str, Any], edit: AnalysisEdit) -> JobAnalysis:
    return apply_edit(load_analysis(analysis), edit, load_taxonomy())


async def _edit_history(job_id: UUID) -> list[AnalysisEdit]:
    entries = (
        await visible_audit_entries(Viewer.system())
        .filter(entity_type="job", entity_id=job_id, action=EDIT_ACTION)
        .order_by("id")
    )
    return [AnalysisEdit.from_details(entry.details) for entry in entries]


# --- reads -----------------------------------------------------------------------


def list_jobs(viewer: Viewer, job_filter: JobFilter) -> QuerySet[Job]:
    query = visible_jobs(viewer)
    if job_filter.status is not None:
        query = query.filter(status=job_filter.status)
    if job_filter.search and job_filter.search.strip():
        query = query.filter(title__icontains=job_filter.search.strip())
    return query


async def get_job(viewer: Viewer, job_id: UUID) -> Job:
    job = await visible_jobs(viewer).get_or_none(id=job_id)
    if job is None:
        raise NotFound("No such job.", field="id")
    return job


async def jobs_by_id(viewer: Viewer, ids: Iterable[UUID]) -> dict[UUID, Job]:
    rows = await visible_jobs(viewer).filter(id__in=list(ids))
    return {row.id: row for row in rows}


async def _get_editable(viewer: Viewer, job_id: UUID) -> Job:
    job = await editable_jobs(viewer).get_or_none(id=job_id)
    if job is None:
        raise NotFound("No such job, or you may not change it.", field="id")
    return job


# --- writes ----------------------------------------------------------------------


async def _refresh_matches(queue: ArqRedis, job: Job) -> None:
    """After the commit: match the job again (once per version of the row)."""
    revision = int(job.updated_at.timestamp() * 1_000_000)
    await enqueue(
        queue, REFRESH_JOB_MATCHES, job.id, queue_name=MATCHING_QUEUE, revision=revision
    )


def _defaults_from(analysis: JobAnalysis, values: dict[str, Any]) -> dict[str, Any]:
    """Remote policy, location and seniority the description states, where the
    recruiter gave none."""
    found = {
        "remote": RemotePolicy(analysis.remote.value) if analysis.remote else None,
        "location": analysis.location.value if analysis.location else None,
        "seniority": analysis.seniority.value if analysis.seniority else None,
    }
    merged = {k: v if v is not None else found.get(k) for k, v in values.items()}
    merged["remote"] = merged["remote"] or RemotePolicy.ONSITE
    return merged


async def create_job(viewer: Viewer, data: JobInput, *, queue: ArqRedis) -> Job:
    """A job owned by the viewer, analysed; matching starts after the commit."""
    if not viewer.is_recruiter or not viewer.has_scope(Scope.JOBS_WRITE):
        raise Forbidden("Only recruiters and admins post jobs.")
    values = clean_job_fields(asdict(data))
    _check_salary_range(values["salary_min"], values["salary_max"])
    analysis = await asyncio.to_thread(
        analyse, values["title"], values["description"], ()
    )
    values = _defaults_from(analysis, values)
    async with in_transaction():
        job = await Job.create(
            owner_id=viewer.user_id, analysis=analysis.model_dump(mode="json"), **values
        )
        await record_audit(viewer, "job.create", entity_type="job", entity_id=job.id)
    await _refresh_matches(queue, job)
    return job


async def update_job(
    viewer: Viewer, job_id: UUID, patch: JobPatch, *, queue: ArqRedis
) -> Job:
    """Changes to a job the viewer may edit; a new title or description is analysed
    again, keeping the recruiter's analysis edits."""
    job = await _get_editable(viewer, job_id)
    values = clean_job_fields(patch.changes())
    if "remote" in values and values["remote"] is None:
        values["remote"] = RemotePolicy.ONSITE
    _check_salary_range(
        values.get("salary_min", job.salary_min),
        values.get("salary_max", job.salary_max),
    )
    if not values:
        return job
    if _ANALYSED & values.keys():
        title = values.get("title", job.title)
        description = values.get("description", job.description)
        history = await _edit_history(job.id)
        analysis = await asyncio.to_thread(analyse, title, description, history)
        values["analysis"] = analysis.model_dump(mode="json")
    async with in_transaction():
        job.update_from_dict(values)
        await job.save(update_fields=[*values, "updated_at"])
        await record_audit(
            viewer,
            "job.update",
            entity_type="job",
            entity_id=job.id,
            details={"fields": sorted(values)},
        )
    await _refresh_matches(queue, job)
    return job


async def close_job(viewer: Viewer, job_id: UUID) -> Job:
    """Close a job: it takes no more matches or applications. Closing a closed job
    changes nothing."""
    job = await _get_editable(viewer, job_id)
    if job.status is JobStatus.CLOSED:
        return job
    async with in_transaction():
        job.status = JobStatus.CLOSED
        job.closed_at = datetime.now(UTC)
        await job.save(update_fields=["status", "closed_at", "updated_at"])
        await record_audit(viewer, "job.close", entity_type="job", entity_id=job.id)
    return job


async def edit_job_analysis(
    viewer: Viewer,
    job_id: UUID,
    *,
    add_required: Iterable[str] = (),
    add_preferred: Iterable[str] = (),
    drop: Iterable[str] = (),
    min_years_experience: float | Unset | None = UNSET,
    education_level: EducationLevel | Unset | None = UNSET,
    queue: ArqRedis,
) -> Job:
    """The recruiter's change to a job's analysis, kept across re-analyses."""
    job = await _get_editable(viewer, job_id)
    edit = AnalysisEdit(
        add_required=tuple(add_required),
        add_preferred=tuple(add_preferred),
        drop=tuple(drop),
        min_years_experience=min_years_experience,
        education_level=education_level,
    )
    _check_edit(edit)
    if not _given(edit):
        return job
    analysis = await asyncio.to_thread(_edited, job.analysis, edit)
    async with in_transaction():
        job.analysis = analysis.model_dump(mode="json")
        await job.save(update_fields=["analysis", "updated_at"])
        await record_audit(
            viewer,
            EDIT_ACTION,
            entity_type="job",
            entity_id=job.id,
            details=edit.details(),
        )
    await _refresh_matches(queue, job)
    return job
