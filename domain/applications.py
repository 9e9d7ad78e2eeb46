"""Applications: a candidate user sends one of their parsed resumes to an open
job; the profile lands in the job owner's default pool with source
`application`, and a match refresh scores it against the job (kept with
feedback APPLIED, so later refreshes never drop it)."""

import logging
from dataclasses import dataclass
from uuid import UUID

from arq.connections import ArqRedis
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from domain.access import (
    Viewer,
    visible_applications,
    visible_candidates,
    visible_jobs,
    visible_resumes,
    visible_users,
)
from domain.audit import record_audit
from domain.candidates.upsert import upsert_from_resume
from domain.errors import Conflict, ErrorCode, Forbidden, NotFound
from domain.jobs import MATCHING_QUEUE, REFRESH_CANDIDATE_MATCHES, enqueue
from domain.models import (
    Application,
    Candidate,
    Job,
    JobStatus,
    Resume,
    ResumeStatus,
    Role,
    SourceKind,
)
from domain.parsing.model import ParsedResume
from domain.pools import default_pool

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Applied:
    application: Application
    already_applied: bool


async def _open_job(viewer: Viewer, job_id: UUID) -> Job:
    job = await visible_jobs(viewer).get_or_none(id=job_id)
    if job is not None and job.status is JobStatus.OPEN:
        return job
    closed = visible_jobs(Viewer.system()).filter(id=job_id, status=JobStatus.CLOSED)
    if await closed.exists():
        raise Conflict(
            "This job is closed and takes no more applications.",
            code=ErrorCode.JOB_CLOSED,
            field="jobId",
        )
    raise NotFound("No such job.", field="jobId")


async def _own_parsed_resume(viewer: Viewer, resume_id: UUID) -> Resume:
    resume = await visible_resumes(viewer).get_or_none(id=resume_id)
    if resume is None:
        raise NotFound("No such resume among the ones you uploaded.", field="resumeId")
    if resume.status is not ResumeStatus.PARSED or not resume.parsed:
        raise Conflict(
            "This resume is not parsed yet: apply once its status is PARSED.",
            code=ErrorCode.RESUME_NOT_PARSED,
            field="resumeId",
        )
    return resume


async def _carry_preferences(viewer: Viewer, candidate: Candidate) -> None:
    """The preferences the applicant set on their own profile go with them (unless
    the recruiter set the copy's by hand)."""
    if "preferences" in candidate.manual_fields:
        return
    own = await visible_candidates(viewer).order_by("-updated_at")
    chosen = next((c.preferences for c in own if c.preferences), None)
    if chosen:
        candidate.preferences = chosen
        await candidate.save(update_fields=["preferences", "updated_at"])


async def apply_to_job(
    viewer: Viewer, *, job_id: UUID, resume_id: UUID, queue: ArqRedis
) -> Applied:
    """Apply once per job: a repeat returns the first application unchanged."""
    if viewer.role is not Role.CANDIDATE or viewer.user_id is None:
        raise Forbidden("Only candidate accounts apply to jobs.")
    job = await _open_job(viewer, job_id)
    earlier = await visible_applications(viewer).get_or_none(job_id=job.id)
    if earlier is not None:
        return Applied(earlier, already_applied=True)
    resume = await _own_parsed_resume(viewer, resume_id)
    owner = await visible_users(Viewer.system()).get(id=job.owner_id)
    pool = await default_pool(Viewer(user_id=owner.id, role=owner.role))
    parsed = ParsedResume.model_validate(resume.parsed)
    try:
        async with in_transaction():
            candidate = await upsert_from_resume(
                resume, parsed, pool_id=pool.id, source=SourceKind.APPLICATION
            )
            await _carry_preferences(viewer, candidate)
            application = await Application.create(
                job_id=job.id,
                applicant_id=viewer.user_id,
                candidate_id=candidate.id,
                resume_id=resume.id,
            )
            await record_audit(
                viewer,
                "job.apply",
                entity_type="job",
                entity_id=job.id,
                details={"candidate_id": str(candidate.id)},
            )
    except IntegrityError:  # a concurrent apply of the same person won
        found = await visible_applications(viewer).get_or_none(job_id=job.id)
        if found is None:
            raise
        return Applied(found, already_applied=True)
    await enqueue(
        queue,
        REFRESH_CANDIDATE_MATCHES,
        candidate.id,
        queue_name=MATCHING_QUEUE,
        revision=f"application-{application.id}",
    )
    logger.info("applied job_id=%s candidate_id=%s", job.id, candidate.id)
    return Applied(application, already_applied=False)


async def applied_job_ids(candidate_id: UUID) -> set[UUID]:
    """Jobs that `candidate_id` (a profile in an owner's pool) was sent to."""
    rows = await visible_applications(Viewer.system()).filter(candidate_id=candidate_id)
    return {row.job_id for row in rows}
