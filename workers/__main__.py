"""`python -m workers --queue high|bulk|matching|all`: one process serving one
queue or all of them."""

import argparse
import asyncio
import logging
import signal
from contextlib import suppress
from typing import Any

from arq.worker import Worker
from redis.exceptions import RedisError

from domain.config import Settings, get_settings
from domain.jobs import QUEUES
from domain.ops.logs import configure_logging
from domain.outages import is_outage
from workers.context import worker_resources
from workers.settings import worker_options

logger = logging.getLogger("workers")

RECONNECT_DELAYS_SECONDS = (0.5, 1.0, 2.0, 5.0)


async def run_workers(
    settings: Settings, queue_names: list[str], *, burst: bool
) -> None:
    """Serve `queue_names` until SIGINT/SIGTERM (or until empty with `burst`).

    When Redis goes away (a restart, a failover) the arq workers stop with a
    connection error; they are started again once Redis answers, rather than the
    process exiting with status 0 and leaving the queue unserved. The jobs they
    were running stay queued and run again when their in-progress lease ends.
    """
    async with worker_resources(settings) as shared:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        outages = 0
        while not await _serve(settings, queue_names, shared, burst=burst, stop=stop):
            delay = RECONNECT_DELAYS_SECONDS[
                min(outages, len(RECONNECT_DELAYS_SECONDS) - 1)
            ]
            outages += 1
            logger.warning(
                "lost the connection to redis; restarting workers in %.1f s", delay
            )
            with suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
            if stop.is_set():
                break


async def _serve(
    settings: Settings,
    queue_names: list[str],
    shared: dict[str, Any],
    *,
    burst: bool,
    stop: asyncio.Event,
) -> bool:
    """Run one set of arq workers; False when they stopped because Redis went
    away (and should be started again)."""
    workers = [
        Worker(
            **worker_options(settings, name),
            ctx=dict(shared),
            handle_signals=False,
            burst=burst,
        )
        for name in queue_names
    ]
    runs = [asyncio.create_task(worker.async_run()) for worker in workers]
    stopper = asyncio.create_task(stop.wait())
    await asyncio.wait([*runs, stopper], return_when=asyncio.FIRST_COMPLETED)
    if burst and not stop.is_set() and not any(_failure(run) for run in runs):
        await asyncio.gather(*runs, return_exceptions=True)
    logger.info("stopping workers queues=%s", queue_names)
    stopper.cancel()
    failures = [exc for run in runs if (exc := _failure(run)) is not None]
    lost = bool(failures) and all(is_outage(exc) for exc in failures)
    for worker in workers:
        await (_abandon(worker) if lost else worker.close())
    if stop.is_set() or not failures:
        return True
    if lost:
        return False
    raise failures[0]


def _failure(run: "asyncio.Task[None]") -> BaseException | None:
    if not run.done() or run.cancelled():
        return None
    return run.exception()


async def _abandon(worker: Worker) -> None:
    """Stop a worker whose Redis is gone, sending nothing to Redis. Its running jobs
    end by themselves (an outage is a TransientError; each job has its timeout)
    and stay queued to run again; cancelling them halfway through a query was
    seen to leave a database connection checked out."""
    await asyncio.gather(*worker.tasks.values(), return_exceptions=True)
    if worker.pool is not None:
        with suppress(RedisError, OSError):
            await worker.pool.aclose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="hotgigs worker", description="Run background workers (arq)."
    )
    parser.add_argument(
        "--queue",
        choices=[*QUEUES, "all"],
        default="all",
        help="high: single uploads; bulk: batches and Drive imports;"
        " matching: match refreshes; all: every queue",
    )
    parser.add_argument(
        "--burst", action="store_true", help="exit when the queue is empty"
    )
    args = parser.parse_args(argv)
    settings = get_settings()
    configure_logging(settings.log_level, style=settings.log_format)
    names = list(QUEUES.values()) if args.queue == "all" else [QUEUES[args.queue]]
    asyncio.run(run_workers(settings, names, burst=args.burst))


if __name__ == "__main__":
    main()
