"""Every job runs inside `instrumented`: its job id on every log line, and its
count and duration by function and outcome added to the shared job metrics."""

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable
from typing import Any, cast

from arq import Retry
from arq.typing import WorkerCoroutine

from domain.ops.job_metrics import record_job
from domain.ops.logs import JOB_ID


def instrumented(job: Callable[..., Awaitable[Any]]) -> WorkerCoroutine:
    """`job` wrapped; arq names it after `job` (wraps copies __qualname__)."""

    @functools.wraps(job)
    async def run(ctx: Any, *args: Any, **kwargs: Any) -> Any:
        token = JOB_ID.set(ctx.get("job_id"))
        started = time.perf_counter()
        outcome = "error"
        try:
            result = await job(ctx, *args, **kwargs)
            outcome = "ok"
            return result
        except Retry:
            outcome = "retry"
            raise
        except asyncio.CancelledError:  # arq's job timeout, or shutdown
            outcome = "cancelled"
            raise
        finally:
            seconds = time.perf_counter() - started
            await record_job(ctx["redis"], job.__name__, outcome, seconds)
            JOB_ID.reset(token)

    return cast(WorkerCoroutine, run)
