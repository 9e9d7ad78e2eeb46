"""Background jobs: queue names, job ids, and enqueueing after the commit."""

import logging
from typing import Any

from arq.connections import ArqRedis

logger = logging.getLogger(__name__)

HIGH_QUEUE = "hotgigs:queue:high"
BULK_QUEUE = "hotgigs:queue:bulk"
# Match refreshes: never in the way of parsing, whatever their number.
MATCHING_QUEUE = "hotgigs:queue:matching"
# Webhook deliveries: a slow partner never holds up parsing or matching.
WEBHOOK_QUEUE = "hotgigs:queue:webhooks"
QUEUES = {
    "high": HIGH_QUEUE,
    "bulk": BULK_QUEUE,
    "matching": MATCHING_QUEUE,
    "webhooks": WEBHOOK_QUEUE,
}

SYSTEM_CHECK = "system_check"
PARSE_RESUME = "parse_resume"
REPARSE_POOL = "reparse_pool"
SYNC_DRIVE_FOLDER = "sync_drive_folder"
REFRESH_JOB_MATCHES = "refresh_job_matches"
REFRESH_CANDIDATE_MATCHES = "refresh_candidate_matches"
DELIVER_WEBHOOK = "deliver_webhook"


def job_id(function: str, entity_id: object, revision: object = None) -> str:
    """The id that makes enqueueing the same work twice a no-op."""
    base = f"{function}:{entity_id}"
    return base if revision is None else f"{base}:{revision}"


async def enqueue(
    queue: ArqRedis,
    function: str,
    entity_id: object,
    *,
    queue_name: str,
    revision: object = None,
    **kwargs: Any,
) -> bool:
    """Enqueue `function(entity_id)`; False when that job is already pending or done.

    Work that must run again after a change (a match refresh) passes a `revision`
    (e.g. the row's update time): the same revision is done once, a new one again.
    Call this only after the transaction that created the work has committed, so
    that a worker never picks up an id it cannot read yet.
    """
    job = await queue.enqueue_job(
        function,
        str(entity_id),
        _job_id=job_id(function, entity_id, revision),
        _queue_name=queue_name,
        **kwargs,
    )
    if job is None:
        logger.info(
            "job already queued or done function=%s entity_id=%s", function, entity_id
        )
    return job is not None
