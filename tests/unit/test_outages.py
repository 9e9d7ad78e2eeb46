"""Which failures count as PostgreSQL or Redis being out of reach (retried)."""

import asyncpg
import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from domain.errors import DomainError, ErrorCode
from domain.outages import is_outage


def _raised_during(outer: Exception, inner: Exception) -> Exception:
    try:
        try:
            raise inner
        except Exception:
            raise outer  # noqa: B904  # the implicit context is the point
    except Exception as exc:
        return exc


@pytest.mark.parametrize(
    "exc",
    [
        RedisConnectionError("Connection closed by server."),
        asyncpg.exceptions.AdminShutdownError("terminating connection"),
        asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed"),
        ConnectionRefusedError(111, "Connection refused"),
        FileNotFoundError(2, "No such file or directory"),  # a socket's connect()
    ],
)
def test_lost_connections_are_outages(exc):
    assert is_outage(exc)


def test_an_error_raised_while_handling_an_outage_is_one():
    rollback = asyncpg.exceptions.InterfaceError("the underlying connection is closed")
    wrapped = _raised_during(RuntimeError("rollback failed"), rollback)
    assert is_outage(wrapped)


@pytest.mark.parametrize(
    "exc",
    [
        ValueError("bad value"),
        DomainError("No text was found.", code=ErrorCode.NO_TEXT_FOUND),
        asyncpg.exceptions.UniqueViolationError("duplicate key"),
        FileNotFoundError(2, "No such file or directory", "/data/files/ab/cd/ab"),
    ],
)
def test_other_failures_are_not_outages(exc):
    assert not is_outage(exc)
