"""Request budgets per API key, per user and per anonymous client, kept in Redis.

A sliding window: a sorted set per caller holds the times of the operations of
the last window, checked and added to by one Lua script (atomic, so every API
instance shares the same budget). A refused operation is not recorded, so a
client that keeps retrying gets in again as soon as the window has room.
"""

import math
import uuid
from dataclasses import dataclass

from redis.asyncio import Redis

from domain.access import Viewer
from domain.errors import DomainError, ErrorCode

KEY_PREFIX = "hotgigs:rate"

# KEYS[1] the caller's set; ARGV: now, window (seconds), limit, a unique member.
# Returns {1, left} when recorded, {0, seconds until the oldest entry expires}.
_SPEND = """
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local used = redis.call('ZCARD', KEYS[1])
if used >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2]
  return {0, tostring(tonumber(oldest) + window - now)}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('EXPIRE', KEYS[1], math.ceil(window) + 1)
return {1, tostring(limit - used - 1)}
"""


@dataclass(frozen=True)
class RateLimits:
    """Operations allowed per window; 0 turns a limit off."""

    window_seconds: int
    per_api_key: int
    per_user: int
    per_anonymous_client: int


class Throttled(DomainError):
    """Too many requests in this window; `retry_after` is in whole seconds."""

    code = ErrorCode.THROTTLED

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def budget_of(
    viewer: Viewer, limits: RateLimits, *, client: str | None
) -> tuple[str, int, str]:
    """The caller's bucket, its limit, and who it is in words (for the message).

    An API key has a budget of its own, apart from its user's sign-ins, so that
    one partner integration cannot starve the user's frontend."""
    if viewer.api_key_id is not None:
        return f"key:{viewer.api_key_id}", limits.per_api_key, "this API key"
    if viewer.user_id is not None:
        return f"user:{viewer.user_id}", limits.per_user, "your account"
    return f"anon:{client or 'unknown'}", limits.per_anonymous_client, "your address"


async def spend(
    redis: Redis,
    viewer: Viewer,
    limits: RateLimits,
    *,
    client: str | None,
    now: float,
) -> int:
    """Count one operation against the caller's budget; the operations left.

    Raises Throttled (with the seconds until the window ends) once the budget
    of this window is spent. System viewers (workers) are never limited."""
    bucket, limit, who = budget_of(viewer, limits, client=client)
    if limit <= 0 or viewer.is_system:
        return -1
    recorded, value = await redis.eval(  # type: ignore[misc]  # redis-py types eval loosely
        _SPEND,
        1,
        f"{KEY_PREFIX}:{bucket}",
        repr(now),
        str(limits.window_seconds),
        str(limit),
        f"{now!r}:{uuid.uuid4().hex}",
    )
    if int(recorded):
        return int(float(value))
    retry_after = max(1, math.ceil(float(value)))
    raise Throttled(
        f"Too many requests from {who}: {limit} per {limits.window_seconds} s. "
        f"Retry after {retry_after} s.",
        retry_after=retry_after,
    )
