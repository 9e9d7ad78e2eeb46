"""Authorization of every Subscription root field, for every kind of caller.

The schema is run directly with the context the app builds for a request
carrying the caller's credentials. Each stream already ends in a final event,
so an allowed subscription yields the stream and ends; a denied one yields one
result with the error. Every read is bounded by a timeout.
"""

import asyncio
from contextlib import aclosing
from typing import Any

import pytest
from graphql import ExecutionResult
from starlette.requests import Request

from api.auth import authenticate
from api.context import Context
from api.loaders import make_loaders
from api.schema import build_schema
from domain.access import Scope
from domain.auth import TokenSettings
from domain.events import ProgressEvent, batch_stream, publish, resume_stream
from domain.intake.limits import IntakeLimits
from domain.intake.storage import FileStore
from domain.resumes.intake import IntakeContext
from tests.api.permission_cases import (
    SHOWN,
    SIGN_IN,
    Caller,
    Denied,
    assert_no_leak,
    cases,
    credentials,
    gid,
    lacks,
    snapshot,
)
from tests.api.resume_permission_cases import (
    BATCH_CV,
    FAILED_CV,
    FAILED_MESSAGE,
    OWN_CV,
    ResumeWorld,
    build_resume_world,
)
from tests.conftest import TEST_JWT_SECRET
from tests.factories import token_for

READ_TIMEOUT_SECONDS = 10
FIELDS = "eventId resumeId stage status final processed total failed errorCode"
RESUME_PROGRESS = f"""
subscription($id: ID!, $after: String) {{
  resumeProgress(resumeId: $id, after: $after) {{ {FIELDS} }}
}}
"""
BATCH_PROGRESS = f"""
subscription($id: ID!, $after: String) {{
  importBatchProgress(batchId: $id, after: $after) {{ {FIELDS} }}
}}
"""

NO_SUCH_RESUME = Denied("NOT_FOUND", "No such resume.")
NO_SUCH_BATCH = Denied("NOT_FOUND", "No such import batch.")

RESUME_PROGRESS_CASES = cases(  # the owner's failed resume
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NO_SUCH_RESUME),
    (Caller.OTHER, NO_SUCH_RESUME),
    (Caller.OWNER, SHOWN),
    (Caller.GRANTED, SHOWN),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_READ)),
    (Caller.KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN_KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_READ)),
    (Caller.ADMIN, SHOWN),
)
BATCH_PROGRESS_CASES = cases(  # the owner's batch
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NO_SUCH_BATCH),
    (Caller.OTHER, NO_SUCH_BATCH),
    (Caller.OWNER, SHOWN),
    (Caller.GRANTED, SHOWN),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_READ)),
    (Caller.KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN_KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN, SHOWN),
)

SUBSCRIPTION_MATRIX = {
    "resumeProgress": RESUME_PROGRESS_CASES,
    "importBatchProgress": BATCH_PROGRESS_CASES,
}


async def _context(settings, queue, headers: list[tuple[bytes, bytes]]) -> Context:
    """What `GraphQLApp.get_context` builds for a request with `headers`."""
    request = Request(
        {"type": "http", "method": "POST", "path": "/graphql", "headers": headers}
    )
    tokens = TokenSettings.of(settings)
    viewer = await authenticate(request, tokens, request_id="subscription-test")
    return Context(
        request=request,
        response=None,
        viewer=viewer,
        loaders=make_loaders(viewer),
        settings=settings,
        tokens=tokens,
        queue=queue,
        intake=IntakeContext(
            store=FileStore(settings.storage_dir),
            limits=IntakeLimits.from_settings(settings),
            queue=queue,
        ),
    )


def _body(result: ExecutionResult) -> dict[str, Any]:
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [error.formatted for error in result.errors]
    return body


async def subscribe(
    settings,
    queue,
    world: ResumeWorld,
    caller: Caller,
    query: str,
    variables: dict[str, Any],
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every result the subscription yields, as response bodies, and the rows
    from before it."""
    auth = await credentials(world, caller, Scope.RESUMES_READ)
    headers = []
    if "as_user" in auth:
        token = token_for(auth["as_user"], TEST_JWT_SECRET)
        headers.append((b"authorization", f"Bearer {token}".encode()))
    if "api_key" in auth:
        headers.append((b"x-api-key", auth["api_key"].encode()))
    context = await _context(settings, queue, headers)
    before = await snapshot()
    stream = await build_schema(settings).subscribe(
        query, variable_values=variables, context_value=context
    )
    if isinstance(stream, ExecutionResult):
        return [_body(stream)], before
    async with asyncio.timeout(READ_TIMEOUT_SECONDS), aclosing(stream) as results:
        return [_body(result) async for result in results], before


async def assert_denied(
    results: list[dict[str, Any]],
    field: str,
    expected: Denied,
    world: ResumeWorld,
    before: dict[str, Any],
) -> None:
    """One result with the error and no data. A permission error names the
    field; an error raised while opening the stream (an id the caller may not
    see) comes without a path, so a path is checked only when present."""
    assert [result.get("data") for result in results] == [None], results
    errors = results[0]["errors"]
    codes = [(e["extensions"]["code"], e["message"]) for e in errors]
    assert codes == [(expected.code, expected.message)], results
    assert [e.get("path", [field]) for e in errors] == [[field]], results
    assert_no_leak(results[0], world)
    assert await snapshot() == before


def _event(event_id: str, resume_id: str | None, **values: Any) -> dict[str, Any]:
    update = {
        "eventId": event_id,
        "resumeId": resume_id,
        "final": False,
        "processed": 0,
        "total": 0,
        "failed": 0,
        "errorCode": None,
    }
    return {**update, **values}


@pytest.mark.parametrize(("caller", "expected"), RESUME_PROGRESS_CASES)
async def test_resume_progress_streams_only_to_who_may_read_the_resume(
    db, settings, queue, caller, expected
):
    world = await build_resume_world()
    resume = world.resumes[FAILED_CV]
    stream = resume_stream(resume.id)
    queued = ProgressEvent(resume_id=str(resume.id), stage="queued", status="queued")
    failed = ProgressEvent(
        resume_id=str(resume.id),
        stage="failed",
        status="failed",
        final=True,
        error_code="EXTRACTION_FAILED",
        error_message=FAILED_MESSAGE,
    )
    ids = [await publish(queue, stream, queued), await publish(queue, stream, failed)]
    resume_id = gid("Resume", resume.id)
    results, before = await subscribe(
        settings, queue, world, caller, RESUME_PROGRESS, {"id": resume_id}
    )
    if isinstance(expected, Denied):
        await assert_denied(results, "resumeProgress", expected, world, before)
        return
    updates = [
        _event(ids[0], resume_id, stage="queued", status="queued"),
        _event(
            ids[1],
            resume_id,
            stage="failed",
            status="failed",
            final=True,
            errorCode="EXTRACTION_FAILED",
        ),
    ]
    assert results == [{"data": {"resumeProgress": update}} for update in updates]
    assert await snapshot() == before


async def test_candidate_user_follows_the_resume_they_uploaded(db, settings, queue):
    world = await build_resume_world()
    resume = world.resumes[OWN_CV]
    event = ProgressEvent(
        resume_id=str(resume.id), stage="done", status="parsed", final=True
    )
    event_id = await publish(queue, resume_stream(resume.id), event)
    resume_id = gid("Resume", resume.id)
    results, _ = await subscribe(
        settings, queue, world, Caller.CANDIDATE, RESUME_PROGRESS, {"id": resume_id}
    )
    update = _event(event_id, resume_id, stage="done", status="parsed", final=True)
    assert results == [{"data": {"resumeProgress": update}}]


@pytest.mark.parametrize(("caller", "expected"), BATCH_PROGRESS_CASES)
async def test_import_batch_progress_streams_only_to_who_may_read_the_batch(
    db, settings, queue, caller, expected
):
    world = await build_resume_world()
    batch_id = world.batch.id
    resume_id = str(world.resumes[BATCH_CV].id)
    done = ProgressEvent(
        resume_id=resume_id,
        stage="done",
        status="done",
        final=True,
        batch_id=str(batch_id),
        processed=1,
        total=1,
    )
    event_id = await publish(queue, batch_stream(batch_id), done)
    results, before = await subscribe(
        settings,
        queue,
        world,
        caller,
        BATCH_PROGRESS,
        {"id": gid("ImportBatch", batch_id)},
    )
    if isinstance(expected, Denied):
        await assert_denied(results, "importBatchProgress", expected, world, before)
        return
    update = _event(
        event_id,
        gid("Resume", resume_id),
        stage="done",
        status="done",
        final=True,
        processed=1,
        total=1,
    )
    assert results == [{"data": {"importBatchProgress": update}}]
    assert await snapshot() == before
