"""Progress subscriptions over `graphql-transport-ws` against the real app served by
uvicorn on a loopback port, with uploads through HTTP and a real burst worker."""

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import uvicorn
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from api.app import create_app
from api.pagination import decode_id
from api.permissions import SIGN_IN_MESSAGE
from domain.jobs import BULK_QUEUE
from domain.models import Resume
from tests.api.permission_cases import gid
from tests.conftest import TEST_JWT_SECRET
from tests.factories import make_user, token_for
from tests.samples.resumes import ADA, ALAN, GRACE, text_resume
from tests.workers.test_resume_pipeline import BULK, _upload

READ_TIMEOUT_SECONDS = 10
PROTOCOL = Subprotocol("graphql-transport-ws")
BATCH_PROGRESS = """
subscription($id: ID!, $after: String) {
  importBatchProgress(batchId: $id, after: $after) {
    eventId resumeId stage status final processed total failed errorCode
  }
}
"""


@asynccontextmanager
async def serving(settings) -> AsyncIterator[str]:
    """`create_app(settings)` served by uvicorn (lifespan included) on a free
    loopback port; yields its `host:port`."""
    config = uvicorn.Config(
        create_app(settings),
        host="127.0.0.1",
        port=0,
        ws="websockets-sansio",
        lifespan="on",
        log_config=None,
        log_level="warning",
    )
    uvicorn_server = uvicorn.Server(config)
    task = asyncio.create_task(uvicorn_server.serve())
    async with asyncio.timeout(READ_TIMEOUT_SECONDS):
        while not uvicorn_server.started:
            assert not task.done(), "uvicorn stopped while starting"
            await asyncio.sleep(0.01)
    port = uvicorn_server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"127.0.0.1:{port}"
    finally:
        uvicorn_server.should_exit = True
        await task


@pytest.fixture(scope="module")
async def server(settings, migrated) -> AsyncIterator[str]:
    async with serving(settings) as address:
        yield address


@asynccontextmanager
async def signed_in(
    server: str, payload: dict[str, Any] | None
) -> AsyncIterator[ClientConnection]:
    """A socket past `connection_init` (with `payload`) and its ack."""
    async with connect(f"ws://{server}/graphql", subprotocols=[PROTOCOL]) as ws:
        init: dict[str, Any] = {"type": "connection_init"}
        if payload is not None:
            init["payload"] = payload
        await ws.send(json.dumps(init))
        async with asyncio.timeout(READ_TIMEOUT_SECONDS):
            assert json.loads(await ws.recv()) == {"type": "connection_ack"}
        yield ws


async def _subscribe(ws: ClientConnection, batch_id: str, after: str | None) -> None:
    variables = {"id": batch_id, "after": after}
    message = {"query": BATCH_PROGRESS, "variables": variables}
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": message}))


async def _receive(ws: ClientConnection) -> dict[str, Any]:
    async with asyncio.timeout(READ_TIMEOUT_SECONDS):
        message: dict[str, Any] = json.loads(await ws.recv())
    return message


async def _until_done(ws: ClientConnection) -> list[dict[str, Any]]:
    """Messages of the operation up to and including `complete` or `error`."""
    messages = [await _receive(ws)]
    while messages[-1]["type"] not in ("complete", "error"):
        messages.append(await _receive(ws))
    return messages


def _bearer(user) -> dict[str, str]:
    return {"authorization": f"Bearer {token_for(user, TEST_JWT_SECRET)}"}


async def _upload_batch(server: str, recruiter) -> dict[str, Any]:
    """Three text resumes and a file that is refused at upload."""
    files = [
        ("ada.txt", text_resume(ADA)),
        ("grace.txt", text_resume(GRACE)),
        ("alan.txt", text_resume(ALAN)),
        ("tool.exe", b"MZ\x90\x00" + b"\x00" * 60),
    ]
    async with httpx.AsyncClient(base_url=f"http://{server}") as http:
        body = await _upload(http, recruiter, BULK, files, many=True)
    batch: dict[str, Any] = body["data"]["resumeBulkUpload"]["batch"]
    return batch


def _events(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The updates of `next` messages, checking the operation then completed."""
    assert [m["type"] for m in messages] == ["next"] * (len(messages) - 1) + [
        "complete"
    ], messages
    return [m["payload"]["data"]["importBatchProgress"] for m in messages[:-1]]


async def _resume_ids(batch_id: str) -> set[str]:
    rows = await Resume.filter(batch_id=decode_id(batch_id, "ImportBatch")).values_list(
        "id", flat=True
    )
    return {gid("Resume", row) for row in rows}


async def test_subscriber_follows_a_batch_live_to_its_final_event(
    server, worker_factory
):
    recruiter = await make_user()
    batch = await _upload_batch(server, recruiter)
    assert (batch["total"], batch["processed"], batch["failed"]) == (4, 1, 1)
    async with signed_in(server, _bearer(recruiter)) as ws:
        await _subscribe(ws, batch["id"], None)
        first = await _receive(ws)  # published by the upload itself
        worker = asyncio.create_task(worker_factory(BULK_QUEUE).run_check())
        messages = [first, *await _until_done(ws)]
        assert await worker == 3
    events = _events(messages)
    assert [
        (e["processed"], e["total"], e["failed"], e["final"], e["status"], e["stage"])
        for e in events
    ] == [
        (1, 4, 1, False, "running", "queued"),
        (2, 4, 1, False, "running", "done"),
        (3, 4, 1, False, "running", "done"),
        (4, 4, 1, True, "done", "done"),
    ]
    assert events[0]["resumeId"] is None
    assert {e["resumeId"] for e in events[1:]} == await _resume_ids(batch["id"])
    assert [e["errorCode"] for e in events] == [None] * 4
    ids = [tuple(map(int, e["eventId"].split("-"))) for e in events]
    assert ids == sorted(set(ids))


async def test_reconnecting_subscriber_gets_exactly_the_events_after_its_last(
    server, worker_factory
):
    recruiter = await make_user()
    batch = await _upload_batch(server, recruiter)
    worker = asyncio.create_task(worker_factory(BULK_QUEUE).run_check())
    async with signed_in(server, _bearer(recruiter)) as ws:
        await _subscribe(ws, batch["id"], None)
        seen = [await _receive(ws), await _receive(ws)]
    # The connection dropped after two events, perhaps while the worker ran.
    last = _events([*seen, {"type": "complete"}])[1]["eventId"]
    async with signed_in(server, _bearer(recruiter)) as ws:
        await _subscribe(ws, batch["id"], last)
        missed = _events(await _until_done(ws))
    assert await worker == 3
    async with signed_in(server, _bearer(recruiter)) as ws:
        await _subscribe(ws, batch["id"], None)
        everything = _events(await _until_done(ws))
    assert len(everything) == 4
    assert missed == everything[2:]
    assert [m["payload"]["data"]["importBatchProgress"] for m in seen] == (
        everything[:2]
    )


async def test_subscriber_without_a_token_is_told_to_sign_in(server, db, queue):
    recruiter = await make_user()
    batch = await _upload_batch(server, recruiter)
    async with signed_in(server, None) as ws:
        await _subscribe(ws, batch["id"], None)
        messages = await _until_done(ws)
        # The socket stays open: only the operation was refused.
        await ws.send(json.dumps({"type": "ping"}))
        assert await _receive(ws) == {"type": "pong"}
    assert len(messages) == 1
    [error] = messages[0].pop("payload")
    assert messages[0] == {"id": "1", "type": "error"}
    assert len(error["extensions"].pop("requestId")) == 32
    assert error == {
        "message": SIGN_IN_MESSAGE,
        "locations": [{"line": 3, "column": 3}],
        "path": ["importBatchProgress"],
        "extensions": {"code": "UNAUTHENTICATED"},
    }


async def test_other_recruiter_gets_not_found_and_no_events(server, db, queue):
    recruiter = await make_user()
    batch = await _upload_batch(server, recruiter)
    other = await make_user()
    async with signed_in(server, _bearer(other)) as ws:
        await _subscribe(ws, batch["id"], None)
        messages = await _until_done(ws)
    assert [m["type"] for m in messages] == ["next", "complete"]
    payload = messages[0]["payload"]
    assert len(payload["errors"][0]["extensions"].pop("requestId")) == 32
    assert payload.pop("extensions")["cost"]["requested"] > 0  # limits apply
    assert payload == {
        "data": None,
        "errors": [
            {"message": "No such import batch.", "extensions": {"code": "NOT_FOUND"}}
        ],
    }
