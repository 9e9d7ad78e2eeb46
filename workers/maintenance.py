"""Maintenance jobs: the system check, the reconciler of stuck processing, the
storage sweep and the retention of pools."""

import asyncio
import os
from datetime import timedelta
from typing import Any

from domain.health import database_ok
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
    return await requeue_stuck_jobs(
        ctx["redis"], older_than=timedelta(seconds=2 * timeout)
    )


async def sweep_storage(ctx: JobContext) -> dict[str, int]:
    """Daily: stored files no resume refers to, and stale temp files."""
    sweep = await clean_storage(ctx["store"])
    return {
        "orphans_removed": sweep.orphans_removed,
        "temp_files_removed": sweep.temp_files_removed,
    }


async def apply_pool_retention(ctx: JobContext) -> dict[str, Any]:
    """Daily: erase candidates untouched for longer than their pool keeps them;
    the result (kept by arq) reports what was erased, pool by pool."""
    report = await apply_retention(ctx["store"])
    return {
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
