"""Maintenance jobs: the system check, the reconciler of stuck processing and
the storage sweep."""

import asyncio
import os
from datetime import timedelta
from typing import Any

from domain.health import database_ok
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
