"""Database wiring: the Tortoise configuration, start-up, shutdown and migrations."""

import logging
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


async def init_db(database_url: str, *, max_connections: int = 10) -> None:
    """Connect the ORM; the schema must already be migrated (see `migrate_db`)."""
    await Tortoise.init(
        config=tortoise_config(database_url, max_connections=max_connections),
        _enable_global_fallback=True,
    )


async def close_db() -> None:
    await Tortoise.close_connections()


async def migrate_db(database_url: str) -> None:
    """Apply every migration in `migrations/` that the database has not seen yet."""
    await migrate(config=tortoise_config(database_url, max_connections=2))
    await Tortoise.close_connections()
    logger.info("database migrated")
