"""`hotgigs dev`: the whole product on one machine, on embedded servers by default."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from types import FrameType

import httpx

from domain.auth import TokenSettings, issue_token
from domain.config import Settings
from domain.db import close_db, init_db, migrate_db
from domain.demo import DEMO_PASSWORD, seed_demo
from domain.embedded import running_services

STARTUP_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class DemoTokens:
    admin_email: str
    admin_token: str
    recruiter_email: str
    recruiter_token: str


async def prepare_database(database_url: str, tokens: TokenSettings) -> DemoTokens:
    """Migrate, create the demo data when missing, and sign a token for each user."""
    await migrate_db(database_url)
    await init_db(database_url, max_connections=2)
    try:
        accounts = await seed_demo()
    finally:
        await close_db()
    return DemoTokens(
        admin_email=accounts.admin.email,
        admin_token=issue_token(accounts.admin, tokens),
        recruiter_email=accounts.recruiter.email,
        recruiter_token=issue_token(accounts.recruiter, tokens),
    )


def _check_port_free(host: str, port: int) -> None:
    with socket.socket() as probe:
        if probe.connect_ex((host, port)) == 0:
            raise SystemExit(
                f"Port {port} on {host} is already in use: stop what runs there, "
                f"or start with API_PORT={port + 1}."
            )


def _wait_until_healthy(url: str, processes: list[subprocess.Popen[bytes]]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            raise SystemExit("A process exited during start-up; see its output above.")
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(
        f"The API did not answer on {url} within {STARTUP_TIMEOUT_SECONDS:.0f} s."
    )


def _banner(base_url: str, tokens: DemoTokens) -> str:
    return "\n".join(
        [
            "",
            "HotGigs is running.",
            f"  GraphiQL:  {base_url}/graphql",
            f"  Admin      {tokens.admin_email}  (password {DEMO_PASSWORD})",
            f"    Authorization: Bearer {tokens.admin_token}",
            f"  Recruiter  {tokens.recruiter_email}  (password {DEMO_PASSWORD})",
            f"    Authorization: Bearer {tokens.recruiter_token}",
            "  Try: { viewer { email role }"
            " allCandidates(first: 5) { edges { node { id name } } } }",
            "Press Ctrl-C to stop everything.",
            "",
        ]
    )


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run_dev(settings: Settings) -> int:
    """Start servers, API and worker; return the exit code once they stop."""
    _check_port_free(settings.api_host, settings.api_port)
    # Explicitly, since a process started in the background inherits SIGINT ignored.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _raise_interrupt)
    with running_services(
        settings.data_dir,
        database_url=settings.database_url,
        redis_url=settings.redis_url,
    ) as (database_url, redis_url):
        tokens = asyncio.run(prepare_database(database_url, TokenSettings.of(settings)))
        env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url}
        host, port = settings.api_host, str(settings.api_port)
        # Our own interpreter and modules, so S603's untrusted input does not apply.
        processes = [
            subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "api.cli",
                    "serve",
                    "--host",
                    host,
                    "--port",
                    port,
                ],
                env=env,
            ),
            subprocess.Popen(
                [sys.executable, "-m", "workers", "--queue", "all"], env=env
            ),
        ]
        base_url = f"http://{host}:{port}"
        try:
            _wait_until_healthy(f"{base_url}/readyz", processes)
            print(_banner(base_url, tokens), flush=True)  # noqa: T201  # the CLI's output
            while all(p.poll() is None for p in processes):
                time.sleep(0.5)
            return 1
        except KeyboardInterrupt:
            return 0
        finally:
            _stop(processes)
