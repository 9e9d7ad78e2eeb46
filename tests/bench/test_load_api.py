"""Benchmark: 1,000 single uploads from 50 concurrent clients against the running
API (`hotgigs serve`, uvicorn on loopback) with 2 real workers on the high queue
(`pytest -m bench -s tests/bench/test_load_api.py`). Prints uploads/s, upload
latency, time until every resume is parsed, errors and RSS; it is not a pass/fail
timing test, but every upload must succeed and every resume be parsed."""

import asyncio
import json
import socket
import statistics
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import httpx
import psutil
import pytest

from domain.models import Resume, ResumeStatus
from tests.conftest import TEST_JWT_SECRET
from tests.factories import make_user, token_for
from tests.faults.harness import Workers, person, wait_until, worker_env
from tests.samples.resumes import text_resume

pytestmark = [pytest.mark.bench, pytest.mark.timeout(900)]
UPLOADS = 1000
CLIENTS = 50
API_READY_SECONDS = 60
UPLOAD = """mutation($input: ResumeUploadInput!) {
  resumeUpload(input: $input) { resume { id status } userErrors { code message } }
}"""


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def _api(env: dict[str, str], log_path) -> AsyncIterator[tuple[str, int]]:
    """`hotgigs serve` on a free loopback port; yields (base URL, pid)."""
    port = _free_port()
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *("-c", "from api.cli import main; main()", "serve"),
            *("--host", "127.0.0.1", "--port", str(port)),
            env={**env, "LOG_LEVEL": "WARNING"},
            stdout=log,
            stderr=asyncio.subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient() as probe, asyncio.timeout(API_READY_SECONDS):
            while True:
                assert process.returncode is None, log_path.read_text()
                try:
                    if (await probe.get(f"{base}/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
        yield base, process.pid
    finally:
        process.terminate()
        await process.wait()


async def _client(
    base: str, token: str, jobs: "asyncio.Queue[int]", tally: Tally
) -> None:
    """One client: uploads the next resume until the queue is empty."""
    headers = {"Authorization": f"Bearer {token}"}
    operations = json.dumps({"query": UPLOAD, "variables": {"input": {"file": None}}})
    files_map = json.dumps({"0": ["variables.input.file"]})
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        while not jobs.empty():
            n = jobs.get_nowait()
            body = text_resume(person(n, "l"))
            started = time.perf_counter()
            try:
                response = await http.post(
                    "/graphql",
                    data={"operations": operations, "map": files_map},
                    files={"0": (f"cv-{n}.txt", body)},
                    headers=headers,
                )
                payload = response.json()
            except (httpx.HTTPError, ValueError) as exc:
                tally.errors.append(f"{n}: {exc!r}")
                continue
            tally.latencies.append(time.perf_counter() - started)
            result = (payload.get("data") or {}).get("resumeUpload") or {}
            if response.status_code != 200 or not result.get("resume"):
                tally.errors.append(f"{n}: {response.status_code} {payload}"[:300])


def _rss_mb(pid: int) -> float:
    process = psutil.Process(pid)
    tree = [process, *process.children(recursive=True)]
    return sum(p.memory_info().rss for p in tree) / 2**20


async def test_bench_load_on_the_running_api(settings, db, queue, tmp_path):
    env = worker_env(
        database_url=settings.database_url,
        redis_url=settings.redis_url,
        storage_dir=settings.storage_dir,
        job_timeout=60,
        JWT_SECRET=TEST_JWT_SECRET,
        LOG_LEVEL="WARNING",
    )
    recruiters = [await make_user() for _ in range(CLIENTS)]
    tokens = [token_for(user, TEST_JWT_SECRET) for user in recruiters]
    workers = Workers({**env, "LOG_LEVEL": "INFO"}, tmp_path, queue="high")
    try:
        await workers.start(wait=False)
        await workers.start()
        async with _api(env, tmp_path / "api.log") as (base, api_pid):
            jobs: asyncio.Queue[int] = asyncio.Queue()
            for n in range(UPLOADS):
                jobs.put_nowait(n)
            tally = Tally()
            started = time.perf_counter()
            await asyncio.gather(
                *(_client(base, tokens[c], jobs, tally) for c in range(CLIENTS))
            )
            uploaded = time.perf_counter() - started
            await wait_until(lambda: _parsed(UPLOADS), within=600, what="parsing")
            all_parsed = time.perf_counter() - started
            api_rss = _rss_mb(api_pid)
            worker_rss = [_rss_mb(w.process.pid) for w in workers.started]
    finally:
        await workers.stop_all()
    q = statistics.quantiles(tally.latencies, n=100)
    failed = await Resume.filter(status=ResumeStatus.FAILED).count()
    print()
    print(f"{UPLOADS} uploads from {CLIENTS} clients, 2 workers (1 pool process each)")
    print(f"uploads/s {len(tally.latencies) / uploaded:7.1f}  ({uploaded:.1f} s)")
    print(
        f"upload latency p50 {q[49] * 1000:6.0f} ms  p95 {q[94] * 1000:6.0f} ms"
        f"  max {max(tally.latencies) * 1000:6.0f} ms"
    )
    print(f"time until all parsed {all_parsed:6.1f} s  (resumes failed: {failed})")
    print(
        f"errors {len(tally.errors)}"
        + (f": {tally.errors[:3]}" if tally.errors else "")
    )
    print(
        f"RSS: API {api_rss:.0f} MB, workers "
        + " + ".join(f"{mb:.0f}" for mb in worker_rss)
        + " MB (each with its pool processes)"
    )
    assert tally.errors == []
    assert failed == 0


async def _parsed(count: int) -> bool:
    return await Resume.filter(status=ResumeStatus.PARSED).count() >= count
