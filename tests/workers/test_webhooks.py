"""Partner webhooks with real workers and a local receiver: signed deliveries of
resume, batch and match events, retries, the dead letter and SSRF refusals."""

import hashlib
import hmac
import json
from datetime import UTC, datetime

import pytest
from cryptography.fernet import Fernet

from domain.jobs import BULK_QUEUE, HIGH_QUEUE, MATCHING_QUEUE, WEBHOOK_QUEUE
from domain.models import DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent
from domain.webhooks.delivery import deliver
from domain.webhooks.emit import emit
from domain.webhooks.service import WebhookOptions, create_webhook
from tests.factories import make_user, viewer_of
from tests.fakes.receiver import running_receiver
from tests.graphql import gql
from tests.samples.resumes import ADA, text_resume
from tests.workers.test_matching_refresh import CREATE as JOB_CREATE
from tests.workers.test_matching_refresh import POSTING
from tests.workers.test_resume_pipeline import BULK, SINGLE, _upload, _zip

SECRET = "a-shared-secret-of-some-length"
ERRORS = "userErrors { field message code }"
CREATE = f"""mutation($input: WebhookCreateInput!) {{
  webhookCreate(input: $input) {{ webhook {{ id url events active }} {ERRORS} }}
}}"""
UPDATE = f"""mutation($input: WebhookUpdateInput!) {{
  webhookUpdate(input: $input) {{ webhook {{ id url events active }} {ERRORS} }}
}}"""
DELIVERIES = """query($id: ID!) { webhookDeliveries(webhookId: $id) {
  totalCount
  edges { node { id event status attempts responseStatus lastError payload } }
} }"""


async def _create_webhook(client, user, url: str, events: list[str]) -> str:
    variables = {"input": {"url": url, "events": events, "secret": SECRET}}
    body = await gql(client, CREATE, variables, as_user=user)
    assert body["data"]["webhookCreate"]["userErrors"] == [], body
    return body["data"]["webhookCreate"]["webhook"]["id"]


def _verified(received) -> dict:
    """The JSON body of a request whose signature and delivery id check out."""
    expected = hmac.new(SECRET.encode(), received.body, hashlib.sha256).hexdigest()
    assert received.headers["x-hotgigs-signature"] == f"sha256={expected}"
    body = json.loads(received.body)
    assert received.headers["x-hotgigs-delivery"] == body["id"]
    assert received.headers["x-hotgigs-event"] == body["event"]
    return body


async def test_resume_and_batch_events_reach_the_receiver_signed(
    client, worker_factory
):
    owner = await make_user()
    with running_receiver() as receiver:
        webhook_id = await _create_webhook(
            client,
            owner,
            receiver.url,
            ["RESUME_PARSED", "RESUME_FAILED", "BATCH_COMPLETED"],
        )
        archive = _zip({"ada.txt": text_resume(), "blank.txt": b"  \n\n  "})
        await _upload(client, owner, BULK, [("cvs.zip", archive)], many=True)
        assert await worker_factory(BULK_QUEUE).run_check() == 2
        assert await worker_factory(WEBHOOK_QUEUE).run_check() == 3

    stored = await Webhook.get()
    assert SECRET.encode() not in bytes(stored.secret_encrypted)  # encrypted at rest
    bodies = [_verified(r) for r in receiver.received]
    assert sorted(b["event"] for b in bodies) == [
        "BATCH_COMPLETED",
        "RESUME_FAILED",
        "RESUME_PARSED",
    ]
    by_event = {b["event"]: b["data"] for b in bodies}
    assert by_event["RESUME_FAILED"]["error_code"] == "NO_TEXT_FOUND"
    assert by_event["RESUME_PARSED"]["candidate_id"] is not None
    batch = by_event["BATCH_COMPLETED"]
    assert (batch["total"], batch["succeeded"], batch["failed"]) == (2, 1, 1)
    assert {r.path for r in receiver.received} == {"/hooks/hotgigs"}

    listed = await gql(client, DELIVERIES, {"id": webhook_id}, as_user=owner)
    nodes = [e["node"] for e in listed["data"]["webhookDeliveries"]["edges"]]
    assert sorted((n["event"], n["status"], n["attempts"]) for n in nodes) == [
        ("BATCH_COMPLETED", "DELIVERED", 1),
        ("RESUME_FAILED", "DELIVERED", 1),
        ("RESUME_PARSED", "DELIVERED", 1),
    ]
    assert sorted(n["id"] for n in nodes) == sorted(b["id"] for b in bodies)


async def test_failed_deliveries_retry_then_become_dead_letters(client, worker_factory):
    owner = await make_user()
    with running_receiver() as receiver:
        webhook_id = await _create_webhook(
            client, owner, receiver.url, ["RESUME_PARSED"]
        )
        # Test settings: 3 attempts, no backoff. Every attempt fails.
        receiver.answers = [500, 502, 503]
        await _upload(client, owner, SINGLE, [("ada.txt", text_resume())], many=False)
        assert await worker_factory(HIGH_QUEUE).run_check() == 1
        assert await worker_factory(WEBHOOK_QUEUE).run_check() == 3
        # The next one fails once, then gets through.
        receiver.answers = [503]
        other = text_resume(ADA.replace("Ada Lovelace", "Ada Byron"))
        await _upload(client, owner, SINGLE, [("byron.txt", other)], many=False)
        assert await worker_factory(HIGH_QUEUE).run_check() == 1
        assert await worker_factory(WEBHOOK_QUEUE).run_check() == 2

    assert len(receiver.received) == 5
    # Every retry carries the same delivery id, so the receiver can de-duplicate.
    ids = [r.headers["x-hotgigs-delivery"] for r in receiver.received]
    assert len(set(ids)) == 2
    listed = await gql(client, DELIVERIES, {"id": webhook_id}, as_user=owner)
    nodes = [e["node"] for e in listed["data"]["webhookDeliveries"]["edges"]]
    assert [
        (n["status"], n["attempts"], n["responseStatus"], n["lastError"]) for n in nodes
    ] == [("DELIVERED", 2, 200, None), ("DEAD", 3, 503, "HTTP 503")]


async def test_retries_back_off_exponentially(db, queue, settings):
    owner = await make_user()
    options = WebhookOptions.of(settings)
    options = WebhookOptions(**{**options.__dict__, "backoff_seconds": 10.0})
    with running_receiver() as receiver:
        receiver.answers = [500, 500]
        webhook = await create_webhook(
            viewer_of(owner),
            url=receiver.url,
            events=[WebhookEvent.RESUME_PARSED],
            secret=SECRET,
            options=options,
        )
        assert await emit(queue, WebhookEvent.RESUME_PARSED, owner.id, {"n": 1}) == 1
        delivery = await WebhookDelivery.get(webhook_id=webhook.id)
        delays = []
        for _ in range(2):
            before = datetime.now(UTC)
            status = await deliver(delivery.id, options=options, queue=queue)
            assert status is DeliveryStatus.RETRYING
            await delivery.refresh_from_db()
            delays.append((delivery.next_attempt_at - before).total_seconds())
    assert [round(d) for d in delays] == [10, 20]
    scores = await queue.zrange(WEBHOOK_QUEUE, 0, -1, withscores=True)
    assert [key.decode() for key, _ in scores] == [
        f"deliver_webhook:{delivery.id}",
        f"deliver_webhook:{delivery.id}:1",
        f"deliver_webhook:{delivery.id}:2",
    ]
    last_due = scores[-1][1] / 1000 - datetime.now(UTC).timestamp()
    assert 18 < last_due <= 20


async def test_match_created_reaches_the_jobs_owner(client, worker_factory):
    owner = await make_user()
    with running_receiver() as receiver:
        await _create_webhook(client, owner, receiver.url, ["MATCH_CREATED"])
        await _upload(client, owner, SINGLE, [("ada.txt", text_resume())], many=False)
        assert await worker_factory(HIGH_QUEUE).run_check() == 1
        assert await worker_factory(MATCHING_QUEUE).run_check() == 1
        variables = {"input": {"title": "Backend Engineer", "description": POSTING}}
        created = await gql(client, JOB_CREATE, variables, as_user=owner)
        job_id = created["data"]["jobCreate"]["job"]["id"]
        assert await worker_factory(MATCHING_QUEUE).run_check() == 1
        assert await worker_factory(WEBHOOK_QUEUE).run_check() == 1
    [body] = [_verified(r) for r in receiver.received]
    assert body["event"] == "MATCH_CREATED"
    assert body["data"]["job_id"] == job_id
    assert 0 < body["data"]["score"] <= 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://10.1.2.3/hook",
            "10.1.2.3 resolves to 10.1.2.3, a private, loopback or reserved"
            " address: webhooks must reach a public server.",
        ),
        (
            "http://169.254.169.254/latest/meta-data",
            "169.254.169.254 resolves to 169.254.169.254, a private, loopback or"
            " reserved address: webhooks must reach a public server.",
        ),
        (
            "http://[::1]:8080/hook",
            "::1 resolves to ::1, a private, loopback or reserved"
            " address: webhooks must reach a public server.",
        ),
        (
            "http://[::ffff:192.168.0.1]/hook",
            "::ffff:192.168.0.1 resolves to ::ffff:c0a8:1, a private, loopback or"
            " reserved address: webhooks must reach a public server.",
        ),
        ("ftp://example.com/x", "A webhook URL must start with https:// (or http://)."),
        (
            "http://user:pw@8.8.8.8/x",
            "Put no credentials in the URL: deliveries are signed.",
        ),
    ],
)
async def test_private_and_odd_urls_are_refused(client, url, message):
    owner = await make_user()
    variables = {"input": {"url": url, "events": ["RESUME_PARSED"], "secret": SECRET}}
    body = await gql(client, CREATE, variables, as_user=owner)
    assert body["data"]["webhookCreate"] == {
        "webhook": None,
        "userErrors": [
            {
                "field": ["input", "url"],
                "message": message,
                "code": "WEBHOOK_URL_REFUSED",
            }
        ],
    }


async def test_an_update_to_a_private_url_is_refused_and_changes_nothing(client):
    owner = await make_user()
    webhook_id = await _create_webhook(
        client, owner, "http://127.0.0.1:9/hook", ["RESUME_PARSED"]
    )
    variables = {"input": {"webhookId": webhook_id, "url": "http://192.168.1.10/x"}}
    body = await gql(client, UPDATE, variables, as_user=owner)
    assert [e["code"] for e in body["data"]["webhookUpdate"]["userErrors"]] == [
        "WEBHOOK_URL_REFUSED"
    ]
    variables = {"input": {"webhookId": webhook_id, "secret": "short"}}
    body = await gql(client, UPDATE, variables, as_user=owner)
    assert body["data"]["webhookUpdate"]["userErrors"] == [
        {
            "field": ["input", "secret"],
            "message": "The secret must have at least 16 characters.",
            "code": "INVALID_INPUT",
        }
    ]
    listed = await gql(client, "{ webhooks { url active } }", as_user=owner)
    assert listed == {
        "data": {"webhooks": [{"url": "http://127.0.0.1:9/hook", "active": True}]}
    }


async def test_an_unreadable_secret_fails_the_delivery_with_a_reason(
    db, queue, settings
):
    owner = await make_user()
    options = WebhookOptions.of(settings)
    webhook = await create_webhook(
        viewer_of(owner),
        url="http://127.0.0.1:9/hook",
        events=[WebhookEvent.BATCH_COMPLETED],
        secret=SECRET,
        options=options,
    )
    await emit(queue, WebhookEvent.BATCH_COMPLETED, owner.id, {"n": 1})
    rotated = WebhookOptions(
        **{**options.__dict__, "encryption_key": Fernet.generate_key().decode()},
    )
    rotated = WebhookOptions(**{**rotated.__dict__, "max_attempts": 1})
    delivery = await WebhookDelivery.get(webhook_id=webhook.id)
    assert await deliver(delivery.id, options=rotated, queue=queue) is (
        DeliveryStatus.DEAD
    )
    await delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_status, delivery.last_error) == (
        1,
        None,
        "The webhook's secret cannot be read (the encryption key changed):"
        " set a new one with webhookUpdate.",
    )
