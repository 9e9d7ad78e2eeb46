"""Readiness: are PostgreSQL and Redis answering?"""

import asyncio
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError
from tortoise import connections
from tortoise.exceptions import BaseORMException

CHECK_TIMEOUT_SECONDS = 2.0


@dataclass(frozen=True)
class HealthReport:
    database: bool
    redis: bool

    @property
    def ok(self) -> bool:
        return self.database and self.redis

    def as_dict(self) -> dict[str, str]:
        return {
            "status": "ok" if self.ok else "unavailable",
            "database": "ok" if self.database else "unreachable",
            "redis": "ok" if self.redis else "unreachable",
        }


async def database_ok() -> bool:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            await connections.get("default").execute_query("SELECT 1")
    except (OSError, TimeoutError, BaseORMException):
        return False
    return True


async def _redis_ok(redis: Redis) -> bool:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            return bool(await redis.ping())
    except (OSError, TimeoutError, RedisError):
        return False


async def check_services(redis: Redis) -> HealthReport:
    database, redis_up = await asyncio.gather(database_ok(), _redis_ok(redis))
    return HealthReport(database=database, redis=redis_up)
