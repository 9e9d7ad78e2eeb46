"""Benchmark: resume pipeline throughput with 1 and 2 worker processes against the
same extract+parse done in-process, in one run, and worker RSS after 500 resumes
(`pytest -m bench -s tests/bench/test_pipeline_throughput.py`).

Workers are real `python -m workers --queue bulk` processes (what `hotgigs worker`
runs), each with its own process pool, started and ready before the upload."""

import asyncio
import os
import signal
import statistics
import sys
import time
from asyncio.subprocess import Process
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from string import ascii_lowercase

import psutil
import pytest

from domain.config import Settings
from domain.extraction.document import extract_document
from domain.intake.limits import IntakeLimits
from domain.intake.storage import FileStore
from domain.models import Resume, ResumeStatus
from domain.parsing.parser import parse_document
from domain.resumes.files import IncomingFile
from domain.resumes.intake import IntakeContext, upload_batch
from tests.factories import make_user, viewer_of
from tests.samples.resumes import ADA, text_resume

pytestmark = [pytest.mark.bench, pytest.mark.timeout(900)]
RESUMES = 200
RSS_RESUMES = 500
READY_TIMEOUT_SECONDS = 60
DONE_TIMEOUT_SECONDS = 300
STOP_TIMEOUT_SECONDS = 30
READY_LINE = "Starting worker for"  # arq logs it when its poll loop begins


def _files(tmp_path: Path, tag: str, count: int = RESUMES) -> list[IncomingFile]:
    """`count` different people: distinct e-mails, phones and surnames, so that
    neither tier-1 nor tier-2 duplicate checks link them (a real batch's case)."""
    files = []
    for n in range(count):
        path = tmp_path / f"{tag}-{n}.txt"
        surname = "".join(ascii_lowercase[int(d)] for d in f"{n:04d}")
        text = (
            ADA.replace("ada.lovelace@", f"ada{tag}{n}@")
            .replace("7946 0958", f"7946 {n:04d}")
            .replace("Ada Lovelace", f"Ada {tag.upper()}{surname}")
        )
        path.write_bytes(text_resume(text))
        files.append(IncomingFile(name=path.name, path=path, size=path.stat().st_size))
    return files


def _in_process(files: list[IncomingFile]) -> float:
    started = time.perf_counter()
    for file in files:
        parse_document(extract_document(file.path, "txt"))
    return time.perf_counter() - started


@dataclass(frozen=True)
class Run:
    resumes: int
    upload: float  # seconds for the upload call (storage, rows, enqueueing)
    elapsed: float  # upload start to the last resume parsed, seconds
    latencies: list[float]  # per resume, created to parsed, seconds


@dataclass(frozen=True)
class TreeRss:
    worker_mb: float
    children_mb: float  # forkserver, resource tracker and pool processes
    children: int


def _env(
    settings: Settings, pool_processes: int, max_jobs: int | None
) -> dict[str, str]:
    assert settings.database_url
    assert settings.redis_url
    return {
        **os.environ,
        "ENVIRONMENT": settings.environment,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "JWT_SECRET": settings.jwt_secret.get_secret_value(),
        "DATA_DIR": str(settings.data_dir.resolve()),
        "STORAGE_DIR": str(settings.storage_dir.resolve()),
        "WORKER_PROCESSES": str(pool_processes),
        "LOG_LEVEL": "INFO",
        **({"WORKER_MAX_JOBS": str(max_jobs)} if max_jobs else {}),
    }


@asynccontextmanager
async def _workers(
    settings: Settings,
    tmp_path: Path,
    count: int,
    pool_processes: int = 1,
    max_jobs: int | None = None,
) -> AsyncIterator[list[Process]]:
    """`count` worker processes on the bulk queue, each ready to take jobs;
    stopped with SIGTERM as the product's process manager would."""
    name = f"worker-{count}-{pool_processes}-{max_jobs}"
    logs = [tmp_path / f"{name}-{n}.log" for n in range(count)]
    processes = []
    for log in logs:
        with log.open("wb") as stderr:  # the child keeps its own descriptor
            processes.append(
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "workers",
                    "--queue",
                    "bulk",
                    env=_env(settings, pool_processes, max_jobs),
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=stderr,
                )
            )
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS):
            while not all(READY_LINE in log.read_text() for log in logs):
                assert all(p.returncode is None for p in processes), [
                    log.read_text() for log in logs
                ]
                await asyncio.sleep(0.05)
        yield processes
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                async with asyncio.timeout(STOP_TIMEOUT_SECONDS):
                    await process.wait()
            except TimeoutError:
                process.kill()
                await process.wait()


async def _batch(settings, queue, files: list[IncomingFile]) -> Run:
    """Upload `files` as one batch and wait until every resume is parsed."""
    recruiter = await make_user()
    intake = IntakeContext(FileStore(settings.storage_dir), IntakeLimits(), queue)
    started = datetime.now(UTC)
    batch = await upload_batch(viewer_of(recruiter), files, pool_id=None, intake=intake)
    uploaded = datetime.now(UTC)
    settled = [ResumeStatus.PARSED, ResumeStatus.FAILED]
    async with asyncio.timeout(DONE_TIMEOUT_SECONDS):
        while True:
            done = await Resume.filter(batch_id=batch.id, status__in=settled).count()
            if done == len(files):
                break
            await asyncio.sleep(0.05)
    rows = await Resume.filter(batch_id=batch.id, status=ResumeStatus.PARSED)
    assert len(rows) == len(files)
    finished = max(r.updated_at for r in rows)
    return Run(
        resumes=len(files),
        upload=(uploaded - started).total_seconds(),
        elapsed=(finished - started).total_seconds(),
        latencies=[(r.updated_at - r.created_at).total_seconds() for r in rows],
    )


def _rss(process: Process) -> TreeRss:
    worker = psutil.Process(process.pid)
    children = worker.children(recursive=True)
    return TreeRss(
        worker_mb=worker.memory_info().rss / 2**20,
        children_mb=sum(c.memory_info().rss for c in children) / 2**20,
        children=len(children),
    )


def _line(name: str, run: Run) -> str:
    q = statistics.quantiles(run.latencies, n=100)
    return (
        f"{name:<36} {run.resumes / run.elapsed:6.1f} resumes/s"
        f"  upload→parsed p50 {q[49]:5.2f} s  p95 {q[94]:5.2f} s"
        f"  (upload call {run.upload:4.2f} s)"
    )


async def test_bench_pipeline_throughput(settings, db, queue, tmp_path):
    direct = _in_process(_files(tmp_path, "d"))
    async with _workers(settings, tmp_path, 1) as [worker]:
        one = await _batch(settings, queue, _files(tmp_path, "a"))
        rest = _files(tmp_path, "r", RSS_RESUMES - RESUMES)
        await _batch(settings, queue, rest)
        rss = _rss(worker)
    async with _workers(settings, tmp_path, 2) as processes:
        two = await _batch(settings, queue, _files(tmp_path, "b"))
        two_rss = [_rss(p) for p in processes]
    async with _workers(settings, tmp_path, 1, pool_processes=2):
        wide = await _batch(settings, queue, _files(tmp_path, "c"))
    # arq takes at most max_jobs jobs per poll and polls every 0.5 s by default.
    async with _workers(settings, tmp_path, 1, max_jobs=32):
        more_jobs = await _batch(settings, queue, _files(tmp_path, "e"))
    print()
    print(f"{'in-process extract+parse':<36} {RESUMES / direct:6.1f} resumes/s")
    print(_line("1 worker process (1 pool process)", one))
    print(_line("2 worker processes (1 pool each)", two))
    print(_line("1 worker process, 2 pool processes", wide))
    print(_line("1 worker process, WORKER_MAX_JOBS=32", more_jobs))
    print(f"overhead, 1 worker vs in-process: {one.elapsed / direct:.2f}x the time")
    print(
        f"RSS after {RSS_RESUMES} resumes, 1 worker: worker {rss.worker_mb:.0f} MB"
        f" + {rss.children} children {rss.children_mb:.0f} MB"
        f" = {rss.worker_mb + rss.children_mb:.0f} MB"
    )
    for n, tree in enumerate(two_rss, 1):
        print(
            f"RSS after {RESUMES} resumes, worker {n} of 2: {tree.worker_mb:.0f} MB"
            f" + {tree.children} children {tree.children_mb:.0f} MB"
        )
