"""Fan-out of product events to the webhooks that asked for them.

An event belongs to one user: the owner of the pool a resume or batch is in, or
of the job a match is for. Each subscribed, active webhook of theirs gets a
delivery row (its record and dead letter) and a `deliver_webhook` job. Call
these only after the transaction that made the event has committed.
"""

import logging
from typing import Any
from uuid import UUID

from arq.connections import ArqRedis

from domain.access import Viewer, visible_pools, visible_webhooks
from domain.jobs import DELIVER_WEBHOOK, WEBHOOK_QUEUE, enqueue
from domain.models import WebhookDelivery, WebhookEvent

logger = logging.getLogger(__name__)


async def emit(
    queue: ArqRedis, event: WebhookEvent, owner_id: UUID, *data: dict[str, Any]
) -> int:
    """Queue a delivery of each of `data` to every subscribed webhook of
    `owner_id`; the number of deliveries."""
    webhooks = await visible_webhooks(Viewer.system()).filter(
        owner_id=owner_id, active=True
    )
    targets = [w for w in webhooks if event.value in w.events]
    if not targets or not data:
        return 0
    deliveries = [
        WebhookDelivery(webhook_id=webhook.id, event=event, payload=payload)
        for webhook in targets
        for payload in data
    ]
    await WebhookDelivery.bulk_create(deliveries)
    for delivery in deliveries:
        await enqueue(queue, DELIVER_WEBHOOK, delivery.id, queue_name=WEBHOOK_QUEUE)
    logger.info("webhook event queued event=%s deliveries=%d", event, len(deliveries))
    return len(deliveries)


async def pool_owner(pool_id: UUID) -> UUID:
    pool = await visible_pools(Viewer.system()).get(id=pool_id)
    return pool.owner_id
