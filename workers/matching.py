"""Matching jobs: refresh one job's or one candidate's matches, and the cron that
refreshes whatever changed since it was last matched."""

import asyncio
import time
from collections.abc import Callable
from typing import Any
from uuid import UUID

from domain.jobs import MATCHING_QUEUE, REFRESH_JOB_MATCHES, enqueue
from domain.matching.service import (
    refresh_candidate_matches as refresh_candidate,
)
from domain.matching.service import refresh_job_matches as refresh_job
from domain.matching.stale import request_stale_refreshes
from domain.ops.queues import record_run
from domain.resumes.service import record_matching_time
from domain.webhooks.outcomes import emit_matches_created
from workers.context import JobContext

# Of WORKER_JOB_TIMEOUT_SECONDS, what a job's refresh may spend embedding the
# candidates that lack a vector (after a switch of model); scoring needs the rest.
EMBED_SHARE = 0.5


def _run_cpu(ctx: JobContext) -> Callable[[Callable[[], Any]], Any]:
    async def run(work: Callable[[], Any]) -> Any:
        return await asyncio.get_running_loop().run_in_executor(ctx["executor"], work)

    return run


async def refresh_job_matches(ctx: JobContext, job_id: str) -> int:
    """Refresh one job. When its embedding budget ran out before every candidate
    in scope had a vector of the current model, the same refresh is queued again:
    each run embeds a further share, and the last one scores them all."""
    budget = ctx["settings"].worker_job_timeout_seconds * EMBED_SHARE
    result = await refresh_job(
        UUID(job_id), run_cpu=_run_cpu(ctx), embed_budget_seconds=budget
    )
    await emit_matches_created(ctx["redis"], result.created)
    if result.embedding_left:
        await enqueue(
            ctx["redis"],
            REFRESH_JOB_MATCHES,
            job_id,
            queue_name=MATCHING_QUEUE,
            revision=f"embedding:{time.time_ns()}",
        )
    return result.scored


async def refresh_candidate_matches(
    ctx: JobContext, candidate_id: str, resume_id: str | None = None
) -> int:
    """`resume_id`: the parse this refresh follows, whose stats get its time."""
    started = time.perf_counter()
    result = await refresh_candidate(UUID(candidate_id), run_cpu=_run_cpu(ctx))
    await emit_matches_created(ctx["redis"], result.created)
    if resume_id is not None:
        await record_matching_time(UUID(resume_id), time.perf_counter() - started)
    return result.scored


async def refresh_stale_matches(ctx: JobContext) -> int:
    """Every 6 hours: queue a refresh for open jobs and candidates never matched,
    changed since their last matching, or last matched over a week ago
    (`domain.matching.stale`)."""
    queued = await request_stale_refreshes(ctx["redis"])
    await record_run(ctx["redis"], "refresh_stale_matches", {"queued": queued})
    return queued
