"""Which exceptions mean that PostgreSQL or Redis is briefly out of reach (restart,
failover, dropped connection) rather than that the work itself is wrong."""

import asyncpg  # type: ignore[import-untyped]  # ships no type information
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from tortoise.exceptions import DBConnectionError

# ConnectionError also covers a refused or reset socket; OperatorIntervention is
# "terminating connection due to administrator command" and "the database
# system is starting up / shutting down". asyncpg's InterfaceError and
# InternalClientError are what a connection the server closed under a running
# query or transaction raises next ("the underlying connection is closed",
# "cannot switch to state 12"), seen in a restart test; a bug of ours raising
# them is retried up to WORKER_MAX_TRIES before it fails.
OUTAGES: tuple[type[BaseException], ...] = (
    RedisConnectionError,
    RedisTimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.InterfaceError,
    asyncpg.exceptions.InternalClientError,
    DBConnectionError,
    ConnectionError,
)


def is_outage(exc: BaseException) -> bool:
    """True when `exc`, or an exception it was raised from, is an outage."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OUTAGES) or _socket_gone(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _socket_gone(exc: BaseException) -> bool:
    """A unix socket that is not there (the server is down): connect() raises
    FileNotFoundError without a file name, unlike opening a file."""
    return isinstance(exc, FileNotFoundError) and exc.filename is None
