"""Webhook jobs: `deliver_webhook(delivery_id)` makes one signed attempt."""

from uuid import UUID

from domain.webhooks.delivery import deliver
from domain.webhooks.service import WebhookOptions
from workers.context import JobContext


async def deliver_webhook(ctx: JobContext, delivery_id: str) -> str:
    status = await deliver(
        UUID(delivery_id),
        options=WebhookOptions.of(ctx["settings"]),
        queue=ctx["redis"],
    )
    return status.value
