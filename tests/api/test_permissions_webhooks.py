"""Authorization of the webhook fields, for every kind of caller."""

import pytest

from domain.access import Scope
from domain.models import Webhook, WebhookDelivery, WebhookEvent
from domain.webhooks.service import WebhookOptions, create_webhook
from tests.api.permission_cases import (
    DONE,
    NOT_RECRUITER,
    SHOWN,
    SIGN_IN,
    Caller,
    Denied,
    Rejected,
    World,
    assert_refused,
    build_world,
    call,
    cases,
    lacks,
)
from tests.factories import viewer_of

ERRORS = "userErrors { field message code }"
OWNER_URL = "http://127.0.0.1:9/olga"
LIST = "{ webhooks { url events } }"
DELIVERIES = """query($id: ID!) {
  webhookDeliveries(webhookId: $id) { totalCount edges { node { event status } } }
}"""
CREATE = f"""mutation($input: WebhookCreateInput!) {{
  webhookCreate(input: $input) {{ webhook {{ url events }} {ERRORS} }}
}}"""
UPDATE = f"""mutation($input: WebhookUpdateInput!) {{
  webhookUpdate(input: $input) {{ webhook {{ url active }} {ERRORS} }}
}}"""
DELETE = f"""mutation($input: WebhookDeleteInput!) {{
  webhookDelete(input: $input) {{ deletedId {ERRORS} }}
}}"""


def _cases(read: bool, refused: object, other: object = None) -> list:
    scope = Scope.WEBHOOKS_READ if read else Scope.WEBHOOKS_WRITE
    return cases(
        (Caller.ANONYMOUS, SIGN_IN),
        (Caller.CANDIDATE, NOT_RECRUITER),
        (Caller.OTHER, other or refused),
        (Caller.GRANTED, other or refused),
        (Caller.OWNER, SHOWN if read else DONE),
        (Caller.KEY_WITHOUT_SCOPE, lacks(scope)),
        (Caller.KEY_WITH_SCOPE, SHOWN if read else DONE),
        (Caller.ADMIN, SHOWN if read else DONE),
    )


CHANGE_REFUSED = Rejected(
    "NOT_FOUND", "No such webhook, or you may not change it.", ["input", "webhookId"]
)
LIST_CASES = _cases(True, SHOWN)
DELIVERIES_CASES = _cases(
    True, Denied("NOT_FOUND", "No such webhook, or you may not see it.")
)
CREATE_CASES = _cases(False, DONE)
UPDATE_CASES = _cases(False, CHANGE_REFUSED)
DELETE_CASES = _cases(False, CHANGE_REFUSED)
WEBHOOK_QUERY_MATRIX = {
    "webhooks": LIST_CASES,
    "webhookDeliveries": DELIVERIES_CASES,
}
WEBHOOK_MUTATION_MATRIX = {
    "webhookCreate": CREATE_CASES,
    "webhookUpdate": UPDATE_CASES,
    "webhookDelete": DELETE_CASES,
}


async def _owners_webhook(world: World, settings) -> Webhook:
    webhook = await create_webhook(
        viewer_of(world.owner),
        url=OWNER_URL,
        events=[WebhookEvent.RESUME_PARSED],
        secret="x" * 20,
        options=WebhookOptions.of(settings),
    )
    await WebhookDelivery.create(
        webhook=webhook, event=WebhookEvent.RESUME_PARSED, payload={}
    )
    return webhook


def _gid(webhook: Webhook) -> str:
    from strawberry import relay

    return relay.to_base64("Webhook", str(webhook.id))


async def _rows() -> list:
    return await Webhook.all().order_by("id").values_list("id", "url", "active")


async def _refused(body, field, expected, world, before, rows) -> bool:
    if await assert_refused(body, field, expected, world, before):
        assert await _rows() == rows
        return True
    return False


@pytest.mark.parametrize(("caller", "expected"), LIST_CASES)
async def test_webhooks_list_the_callers_own(client, settings, caller, expected):
    world = await build_world()
    await _owners_webhook(world, settings)
    body, before = await call(client, world, caller, LIST, scope=Scope.WEBHOOKS_READ)
    if await assert_refused(body, "webhooks", expected, world, before):
        return
    sees = caller in (Caller.OWNER, Caller.KEY_WITH_SCOPE, Caller.ADMIN)
    mine = [{"url": OWNER_URL, "events": ["RESUME_PARSED"]}]
    assert body == {"data": {"webhooks": mine if sees else []}}


@pytest.mark.parametrize(("caller", "expected"), DELIVERIES_CASES)
async def test_webhook_deliveries_are_the_owners(client, settings, caller, expected):
    world = await build_world()
    webhook = await _owners_webhook(world, settings)
    body, before = await call(
        client,
        world,
        caller,
        DELIVERIES,
        {"id": _gid(webhook)},
        scope=Scope.WEBHOOKS_READ,
    )
    if await assert_refused(body, "webhookDeliveries", expected, world, before):
        return
    node = {"event": "RESUME_PARSED", "status": "PENDING"}
    connection = {"totalCount": 1, "edges": [{"node": node}]}
    assert body == {"data": {"webhookDeliveries": connection}}


@pytest.mark.parametrize(("caller", "expected"), CREATE_CASES)
async def test_webhook_create_is_for_recruiters(client, caller, expected):
    world = await build_world()
    rows = await _rows()
    variables = {
        "input": {
            "url": "http://127.0.0.1:9/new",
            "events": ["MATCH_CREATED"],
            "secret": "y" * 20,
        }
    }
    body, before = await call(
        client, world, caller, CREATE, variables, scope=Scope.WEBHOOKS_WRITE
    )
    if await _refused(body, "webhookCreate", expected, world, before, rows):
        return
    webhook = {"url": "http://127.0.0.1:9/new", "events": ["MATCH_CREATED"]}
    assert body == {"data": {"webhookCreate": {"webhook": webhook, "userErrors": []}}}
    assert (await Webhook.get()).owner_id == world.actor(caller).id


@pytest.mark.parametrize(("caller", "expected"), UPDATE_CASES)
async def test_webhook_update_is_for_its_owner(client, settings, caller, expected):
    world = await build_world()
    webhook = await _owners_webhook(world, settings)
    rows = await _rows()
    variables = {"input": {"webhookId": _gid(webhook), "active": False}}
    body, before = await call(
        client, world, caller, UPDATE, variables, scope=Scope.WEBHOOKS_WRITE
    )
    if await _refused(body, "webhookUpdate", expected, world, before, rows):
        return
    changed = {"url": OWNER_URL, "active": False}
    assert body == {"data": {"webhookUpdate": {"webhook": changed, "userErrors": []}}}


@pytest.mark.parametrize(("caller", "expected"), DELETE_CASES)
async def test_webhook_delete_is_for_its_owner(client, settings, caller, expected):
    world = await build_world()
    webhook = await _owners_webhook(world, settings)
    rows = await _rows()
    variables = {"input": {"webhookId": _gid(webhook)}}
    body, before = await call(
        client, world, caller, DELETE, variables, scope=Scope.WEBHOOKS_WRITE
    )
    if await _refused(body, "webhookDelete", expected, world, before, rows):
        return
    deleted = {"deletedId": _gid(webhook), "userErrors": []}
    assert body == {"data": {"webhookDelete": deleted}}
    assert await Webhook.all().count() == 0
    assert await WebhookDelivery.all().count() == 0
