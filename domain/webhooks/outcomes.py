"""The product events partners can subscribe to, and the data each carries.

Ids in the data are the opaque ids of the GraphQL API (base64 of "Type:uuid"),
so a receiver can fetch the object with `node(id:)`.
"""

from __future__ import annotations  # BatchCounts for typing only: intake uses us

import base64
from typing import TYPE_CHECKING
from uuid import UUID

from arq.connections import ArqRedis

from domain.access import Viewer, visible_jobs
from domain.models import (
    JobStage,
    ProcessingJob,
    Resume,
    WebhookEvent,
)
from domain.webhooks.emit import emit, pool_owner

if TYPE_CHECKING:
    from domain.resumes.intake import BatchCounts


def graphql_id(type_name: str, row_id: UUID | None) -> str | None:
    if row_id is None:
        return None
    return base64.b64encode(f"{type_name}:{row_id}".encode()).decode()


async def emit_resume_outcome(
    queue: ArqRedis, resume: Resume, job: ProcessingJob, *, batch: BatchCounts | None
) -> None:
    """RESUME_PARSED or RESUME_FAILED, and BATCH_COMPLETED when this resume was
    the batch's last; after the commit."""
    owner_id = await pool_owner(resume.pool_id)
    failed = job.stage is JobStage.FAILED
    await emit(
        queue,
        WebhookEvent.RESUME_FAILED if failed else WebhookEvent.RESUME_PARSED,
        owner_id,
        {
            "resume_id": graphql_id("Resume", resume.id),
            "pool_id": graphql_id("Pool", resume.pool_id),
            "batch_id": graphql_id("ImportBatch", resume.batch_id),
            "candidate_id": graphql_id("Candidate", resume.candidate_id),
            "error_code": job.error_code,
            "error_message": job.error_message,
        },
    )
    if batch is not None and batch.done and resume.batch_id is not None:
        await emit_batch_completed(
            queue, owner_id, resume.batch_id, resume.pool_id, batch
        )


async def emit_batch_completed(
    queue: ArqRedis, owner_id: UUID, batch_id: UUID, pool_id: UUID, batch: BatchCounts
) -> None:
    """BATCH_COMPLETED with the batch's final counts; after the commit."""
    await emit(
        queue,
        WebhookEvent.BATCH_COMPLETED,
        owner_id,
        {
            "batch_id": graphql_id("ImportBatch", batch_id),
            "pool_id": graphql_id("Pool", pool_id),
            "total": batch.total,
            "succeeded": batch.succeeded,
            "failed": batch.failed,
        },
    )


async def emit_matches_created(
    queue: ArqRedis, created: tuple[tuple[UUID, UUID, UUID, float], ...]
) -> None:
    """MATCH_CREATED for each new (match id, job id, candidate id, score), to
    the owner of the match's job; after the commit."""
    job_ids = {job_id for _, job_id, _, _ in created}
    owners = dict(
        await visible_jobs(Viewer.system())
        .filter(id__in=job_ids)
        .values_list("id", "owner_id")
    )
    for owner_id in set(owners.values()):
        await _emit_matches(
            queue, owner_id, [c for c in created if owners.get(c[1]) == owner_id]
        )


async def _emit_matches(
    queue: ArqRedis, owner_id: UUID, created: list[tuple[UUID, UUID, UUID, float]]
) -> None:
    await emit(
        queue,
        WebhookEvent.MATCH_CREATED,
        owner_id,
        *(
            {
                "match_id": graphql_id("Match", match_id),
                "job_id": graphql_id("Job", job_id),
                "candidate_id": graphql_id("Candidate", candidate_id),
                "score": score,
            }
            for match_id, job_id, candidate_id, score in created
        ),
    )
