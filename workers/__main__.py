"""`python -m workers --queue high|bulk|matching|all`: one process serving one
queue or all of them."""

import argparse
import asyncio
import logging
import signal

from arq.worker import Worker

from domain.config import Settings, get_settings
from domain.jobs import QUEUES
from domain.ops.logs import configure_logging
from workers.context import worker_resources
from workers.settings import worker_options

logger = logging.getLogger("workers")


async def run_workers(
    settings: Settings, queue_names: list[str], *, burst: bool
) -> None:
    """Serve `queue_names` until SIGINT/SIGTERM (or until empty with `burst`)."""
    async with worker_resources(settings) as shared:
        workers = [
            Worker(
                **worker_options(settings, name),
                ctx=dict(shared),
                handle_signals=False,
                burst=burst,
            )
            for name in queue_names
        ]
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        runs = [asyncio.create_task(worker.async_run()) for worker in workers]
        stopper = asyncio.create_task(stop.wait())
        await asyncio.wait([*runs, stopper], return_when=asyncio.FIRST_COMPLETED)
        if stop.is_set() or not burst:
            logger.info("stopping workers queues=%s", queue_names)
        else:
            await asyncio.gather(*runs, return_exceptions=True)
        stopper.cancel()
        for worker in workers:
            await worker.close()


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
