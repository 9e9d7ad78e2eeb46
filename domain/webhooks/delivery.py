"""One delivery attempt: a signed POST, then delivered, retried later with
exponential backoff, or dead after the last attempt."""

import hashlib
import hmac
import json
import logging
from datetime import UTC, datetime, timedelta
from uuid import UUID

import httpx
from arq.connections import ArqRedis
from cryptography.fernet import InvalidToken

from domain.access import Viewer, visible_deliveries
from domain.errors import DomainError
from domain.jobs import DELIVER_WEBHOOK, WEBHOOK_QUEUE, enqueue
from domain.models import DeliveryStatus, Webhook, WebhookDelivery
from domain.webhooks.service import WebhookOptions
from domain.webhooks.targets import check_target

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-HotGigs-Signature"
DELIVERY_HEADER = "X-HotGigs-Delivery"
EVENT_HEADER = "X-HotGigs-Event"
ERROR_KEPT = 500  # characters of a failure kept on the delivery


def sign(secret: str, body: bytes) -> str:
    """`sha256=<hex HMAC-SHA256 of the raw body>`, as receivers check it."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def body_of(delivery: WebhookDelivery) -> bytes:
    envelope = {
        "id": str(delivery.id),
        "event": delivery.event.name,
        "created_at": delivery.created_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(envelope, separators=(",", ":")).encode()


async def _post(
    webhook: Webhook, delivery: WebhookDelivery, options: WebhookOptions
) -> tuple[int | None, str | None]:
    """(HTTP status, None) on an answer, (status or None, error) otherwise."""
    try:
        await check_target(webhook.url, list(options.allowed_networks))
    except DomainError as exc:
        return None, exc.message
    body = body_of(delivery)
    try:
        secret = options.decrypt(webhook.secret_encrypted)
    except InvalidToken:
        return None, (
            "The webhook's secret cannot be read (the encryption key changed):"
            " set a new one with webhookUpdate."
        )
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: sign(secret, body),
        DELIVERY_HEADER: str(delivery.id),
        EVENT_HEADER: delivery.event.name,
    }
    try:
        # No redirects: a 3xx to a private address would bypass the target check.
        async with httpx.AsyncClient(
            timeout=options.timeout_seconds, follow_redirects=False
        ) as http:
            response = await http.post(webhook.url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:ERROR_KEPT]
    if response.is_success:
        return response.status_code, None
    return response.status_code, f"HTTP {response.status_code}"


async def deliver(
    delivery_id: UUID, *, options: WebhookOptions, queue: ArqRedis
) -> DeliveryStatus:
    """Try once; schedule the next try (a new job) or give up after the last."""
    delivery = await visible_deliveries(Viewer.system()).get_or_none(id=delivery_id)
    if delivery is None or delivery.status in (
        DeliveryStatus.DELIVERED,
        DeliveryStatus.DEAD,
    ):
        return delivery.status if delivery else DeliveryStatus.DEAD
    webhook = await delivery.webhook
    status, error = await _post(webhook, delivery, options)
    delivery.attempts += 1
    delivery.update_from_dict({"response_status": status, "last_error": error})
    now = datetime.now(UTC)
    if error is None:
        delivery.status, delivery.delivered_at = DeliveryStatus.DELIVERED, now
        delivery.next_attempt_at = None
    elif delivery.attempts >= options.max_attempts:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.DEAD, None
        logger.warning(
            "webhook delivery dead delivery_id=%s attempts=%d error=%s",
            delivery.id,
            delivery.attempts,
            error,
        )
    else:
        delay = timedelta(
            seconds=options.backoff_seconds * 2 ** (delivery.attempts - 1)
        )
        delivery.status, delivery.next_attempt_at = DeliveryStatus.RETRYING, now + delay
    await delivery.save()
    if delivery.status is DeliveryStatus.RETRYING:
        await enqueue(
            queue,
            DELIVER_WEBHOOK,
            delivery.id,
            queue_name=WEBHOOK_QUEUE,
            revision=delivery.attempts,
            _defer_by=delay,
        )
    return delivery.status
