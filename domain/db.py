"""Database wiring: the Tortoise configuration, start-up, shutdown and migrations."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from tortoise import Tortoise
from tortoise.migrations.api.migrate import migrate

logger = logging.getLogger(__name__)

APP_LABEL = "models"


def tortoise_config(database_url: str, *, max_connections: int = 10) -> dict[str, Any]:
    """Tortoise's config for `database_url` (postgres://, asyncpg:// or postgresql://)."""
    url = database_url.replace("postgresql://", "postgres://", 1)
    separator = "&" if "?" in url else "?"
    if "maxsize=" not in url:
        url = f"{url}{separator}minsize=1&maxsize={max_connections}"
    return {
        "connections": {"default": url},
        "apps": {
            APP_LABEL: {
                "models": ["domain.models"],
                "default_connection": "default",
                "migrations": "migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


_users = 0


async def init_db(database_url: str, *, max_connections: int = 10) -> None:
    """Connect the ORM (once per process: nested calls share the connection pool).

    The schema must already be migrated (see `migrate_db`).
    """
    global _users  # one ORM state per process, as Tortoise has
    _users += 1
    if _users == 1:
        await Tortoise.init(
            config=tortoise_config(database_url, max_connections=max_connections),
            _enable_global_fallback=True,
        )


async def close_db() -> None:
    """Release one `init_db`; the last release closes the connections."""
    global _users
    _users = max(_users - 1, 0)
    if _users == 0:
        await Tortoise.close_connections()


@asynccontextmanager
async def database(
    database_url: str, *, max_connections: int = 10
) -> AsyncIterator[None]:
    """`init_db` ... `close_db` as a context."""
    await init_db(database_url, max_connections=max_connections)
    try:
        yield
    finally:
        await close_db()


async def migrate_db(database_url: str) -> None:
    """Apply every migration in `migrations/` that the database has not seen yet."""
    if _users:
        raise RuntimeError("migrate before init_db: migrations re-initialise the ORM")
    await migrate(config=tortoise_config(database_url, max_connections=2))
    await Tortoise.close_connections()
    logger.info("database migrated")
