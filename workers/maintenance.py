"""Maintenance jobs: the system check, the reconciler of stuck processing, the
daily cleanup and the retention of pools; each records its last run for
processingStats."""

import asyncio
import os
from datetime import timedelta
from typing import Any

from domain.health import database_ok
from domain.ops.cleanup import clean_up as clean_up_records
from domain.ops.queues import record_run
from domain.privacy.retention import apply_retention
from domain.resumes.service import requeue_stuck_jobs
from domain.resumes.storage_cleanup import clean_storage
from workers.context import JobContext


async def system_check(ctx: JobContext) -> dict[str, Any]:
    """Round-trips through the process pool and the database."""
    loop = asyncio.get_running_loop()
    pool_pid = await loop.run_in_executor(ctx["executor"], os.getpid)
    return {
        "worker_pid": os.getpid(),
        "pool_pid": pool_pid,
        "database": await database_ok(),
    }


async def reconcile_processing(ctx: JobContext) -> int:
    """Re-queue resumes whose job has not moved for longer than a job may run."""
    timeout = ctx["settings"].worker_job_timeout_seconds
    requeued = await requeue_stuck_jobs(
        ctx["redis"], older_than=timedelta(seconds=2 * timeout)
    )
    await record_run(ctx["redis"], "reconcile_processing", {"requeued": requeued})
    return requeued


async def clean_up(ctx: JobContext) -> dict[str, int]:
    """Daily: stored files no resume refers to, stale temp files, finished job
    details and webhook deliveries past retention, finished progress streams."""
    settings = ctx["settings"]
    sweep = await clean_storage(ctx["store"])
    records = await clean_up_records(
        ctx["redis"],
        keep_job_details=timedelta(days=settings.retention_job_details_days),
        keep_finished_streams=timedelta(
            hours=settings.retention_finished_streams_hours
        ),
    )
    report = {
        "orphans_removed": sweep.orphans_removed,
        "temp_files_removed": sweep.temp_files_removed,
        "job_details_removed": records.job_details_removed,
        "deliveries_removed": records.deliveries_removed,
        "streams_removed": records.streams_removed,
    }
    await record_run(ctx["redis"], "clean_up", report)
    return report


async def apply_pool_retention(ctx: JobContext) -> dict[str, Any]:
    """Daily: erase candidates untouched for longer than their pool keeps them;
    the result (kept by arq) reports what was erased, pool by pool."""
    report = await apply_retention(ctx["store"])
    result = {
        "erased": report.erased,
        "pools": [
            {
                "pool_id": str(pool.pool_id),
                "months": pool.months,
                "cutoff": pool.cutoff.isoformat(),
                "erased_ids": [str(i) for i in pool.erased_ids],
            }
            for pool in report.pools
        ],
    }
    await record_run(ctx["redis"], "apply_pool_retention", {"erased": report.erased})
    return result
