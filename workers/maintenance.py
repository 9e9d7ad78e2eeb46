"""Maintenance jobs: the system check, and the reconciler of stuck processing."""

import asyncio
import os
from datetime import timedelta
from typing import Any

from domain.health import database_ok
from domain.resumes.service import requeue_stuck_jobs
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
