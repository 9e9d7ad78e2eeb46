"""Progress events: a bounded, expiring Redis Stream per resume and per batch.

A subscriber passes the id of the last event it saw and receives exactly the ones
after it, so a reconnecting client misses nothing.
"""

import logging
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass, fields
from typing import Any
from uuid import UUID

from redis.asyncio import Redis

logger = logging.getLogger(__name__)

STREAM_MAX_LENGTH = 1000
STREAM_TTL_SECONDS = 7 * 24 * 3600
READ_BLOCK_MS = 5000


def resume_stream(resume_id: UUID | str) -> str:
    return f"hotgigs:events:resume:{resume_id}"


def batch_stream(batch_id: UUID | str) -> str:
    return f"hotgigs:events:batch:{batch_id}"


@dataclass(frozen=True)
class ProgressEvent:
    """One stage change; `final` marks the last event of its stream's subject."""

    resume_id: str
    stage: str
    status: str
    final: bool = False
    batch_id: str = ""
    processed: int = 0
    total: int = 0
    failed: int = 0
    error_code: str = ""
    error_message: str = ""
    id: str = ""  # the stream id, set when read


def _encode(event: ProgressEvent) -> dict[Any, Any]:
    values = asdict(event)
    values.pop("id")
    return {
        k: str(int(v)) if isinstance(v, bool | int) else str(v)
        for k, v in values.items()
    }


def _decode(event_id: bytes | str, raw: dict[bytes, bytes]) -> ProgressEvent:
    values: dict[str, object] = {k.decode(): v.decode() for k, v in raw.items()}
    for f in fields(ProgressEvent):
        if f.type in (int, "int") and f.name in values:
            values[f.name] = int(str(values[f.name]))
        if f.type in (bool, "bool") and f.name in values:
            values[f.name] = values[f.name] == "1"
    event_id = event_id.decode() if isinstance(event_id, bytes) else event_id
    return ProgressEvent(**values, id=event_id)  # type: ignore[arg-type]  # decoded above


async def publish(redis: Redis, stream: str, event: ProgressEvent) -> str:
    """Append `event` to `stream` (trimmed, expiring); returns its id."""
    async with redis.pipeline(transaction=True) as pipe:
        pipe.xadd(stream, _encode(event), maxlen=STREAM_MAX_LENGTH, approximate=True)
        pipe.expire(stream, STREAM_TTL_SECONDS)
        event_id, _ = await pipe.execute()
    return event_id.decode() if isinstance(event_id, bytes) else str(event_id)


async def read_events(
    redis: Redis, stream: str, *, after: str | None, block_ms: int = READ_BLOCK_MS
) -> AsyncIterator[ProgressEvent]:
    """Events after `after` (all when None), then new ones as they come, until a
    final event. Stops quietly when the stream has expired."""
    last = after or "0-0"
    while True:
        batches = await redis.xread({stream: last}, count=100, block=block_ms)
        for _, entries in batches:
            for event_id, raw in entries:
                event = _decode(event_id, raw)
                last = event.id
                yield event
                if event.final:
                    return
        if not batches and not await redis.exists(stream):
            return
