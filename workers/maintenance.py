"""Maintenance jobs: the system check that proves a worker can do real work."""

import asyncio
import os
from typing import Any

from domain.health import database_ok
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
