"""Subscriptions spend the same request budget as queries and mutations, and
their cost is checked: over either, the subscription answers one error and
starts nothing (graphql-transport-ws against uvicorn on a loopback port)."""

import json
from collections.abc import AsyncIterator

import pytest

from tests.api.permission_cases import gid
from tests.api.test_subscriptions_ws import (
    BATCH_PROGRESS,
    _bearer,
    _until_done,
    serving,
    signed_in,
)
from tests.factories import make_pool, make_user


@pytest.fixture(scope="module")
async def tight_server(settings, migrated) -> AsyncIterator[str]:
    """The app with budgets of 2 operations a minute, on a free loopback port."""
    async with serving(settings.model_copy(update={"rate_limit_per_user": 2})) as at:
        yield at


async def test_a_third_subscription_within_the_minute_is_throttled(tight_server, db):
    recruiter = await make_user()
    pool = await make_pool(recruiter, name="Any")
    # Not a batch of this recruiter's: the answer is NOT_FOUND, which still spends.
    unknown = gid("ImportBatch", pool.id)
    async with signed_in(tight_server, _bearer(recruiter)) as ws:
        answers = []
        for number in range(1, 4):
            payload = {"query": BATCH_PROGRESS, "variables": {"id": unknown}}
            await ws.send(
                json.dumps({"id": str(number), "type": "subscribe", "payload": payload})
            )
            answers.append((await _until_done(ws))[0])
    codes = [[e["extensions"]["code"] for e in _errors(answer)] for answer in answers]
    # the first two ran (and found no such batch); the third never started
    assert codes == [["NOT_FOUND"], ["NOT_FOUND"], ["THROTTLED"]]
    [throttled] = _errors(answers[2])
    assert 1 <= throttled["extensions"]["retryAfter"] <= 60


def _errors(message: dict) -> list[dict]:
    """A subscription's error answer: an `error` message, or `next` with errors."""
    if message["type"] == "error":
        return list(message["payload"])
    return list(message["payload"].get("errors") or [])
