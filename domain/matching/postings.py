"""Job postings: create, update, close and read them in the viewer's scope, with the
analysis of their description and the recruiter's edits to it.

A recruiter's analysis edits are kept as `job.analysis.edit` audit entries (details:
the `AnalysisEdit`), oldest first; whenever the title or description changes, the
fresh analysis gets every one of them applied again in order, so an added or dropped
skill or an overridden minimum stays as the recruiter left it. Each write enqueues
`refresh_job_matches` for the job after its transaction commits.
"""

import asyncio
from collections.abc import Iterable
from dataclasses import asdict
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
    Forbidden,
    NotFound,
)
from domain.jobs import MATCHING_QUEUE, REFRESH_JOB_MATCHES, enqueue
from domain.matching.model import (
    JobAnalysis,
)
from domain.matching.posting_rules import (
    AnalysisEdit,
    JobFilter,
    JobInput,
    JobPatch,
    analyse,
    check_edit,
    check_salary_range,
    clean_job_fields,
    edited,
    given_changes,
)
from domain.models import Job, JobStatus, RemotePolicy
from domain.pagination import Ordering, SortKind
from domain.parsing.model import EducationLevel

EDIT_ACTION = "job.analysis.edit"
_ANALYSED = frozenset({"title", "description"})  # a change re-analyses
ORDERING = Ordering("created_at", True, SortKind.TIME)  # newest first


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
    check_salary_range(values["salary_min"], values["salary_max"])
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
    check_salary_range(
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
    check_edit(edit)
    if not given_changes(edit):
        return job
    analysis = await asyncio.to_thread(edited, job.analysis, edit)
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
