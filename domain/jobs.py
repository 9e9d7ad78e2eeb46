"""Background jobs: queue names, job ids, and enqueueing after the commit."""

import logging
from typing import Any

from arq.connections import ArqRedis

logger = logging.getLogger(__name__)

HIGH_QUEUE = "hotgigs:queue:high"
BULK_QUEUE = "hotgigs:queue:bulk"
QUEUES = {"high": HIGH_QUEUE, "bulk": BULK_QUEUE}

SYSTEM_CHECK = "system_check"
PARSE_RESUME = "parse_resume"
REPARSE_POOL = "reparse_pool"
SYNC_DRIVE_FOLDER = "sync_drive_folder"


def job_id(function: str, entity_id: object) -> str:
    """The id that makes enqueueing the same work twice a no-op."""
    return f"{function}:{entity_id}"


async def enqueue(
    queue: ArqRedis, function: str, entity_id: object, *, queue_name: str, **kwargs: Any
) -> bool:
    """Enqueue `function(entity_id)`; False when that job is already pending or done.

    Call this only after the transaction that created the work has committed, so
    that a worker never picks up an id it cannot read yet.
    """
    job = await queue.enqueue_job(
        function,
        str(entity_id),
        _job_id=job_id(function, entity_id),
        _queue_name=queue_name,
        **kwargs,
    )
    if job is None:
        logger.info(
            "job already queued or done function=%s entity_id=%s", function, entity_id
        )
    return job is not None
