"""What every fault test shares: a ZIP of distinct resumes, real worker processes,
a progress subscriber that reconnects like a client, and the end-state checks
(every resume parsed once or failed with a reason, counts right, a final event)."""

import asyncio
import io
import logging
import os
import signal
import sys
import zipfile
from asyncio.subprocess import Process
from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from string import ascii_lowercase
from uuid import UUID

import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from domain.events import ProgressEvent, batch_stream, read_events
from domain.models import (
    Candidate,
    CandidateSource,
    ImportBatch,
    ImportBatchItem,
    ProcessingJob,
    Resume,
    ResumeStatus,
    User,
)
from domain.resumes.files import IncomingFile
from domain.resumes.intake import IntakeContext, upload_batch
from tests.factories import viewer_of
from tests.samples.resumes import ADA, text_resume

logger = logging.getLogger(__name__)

READY_LINE = "Starting worker for"  # arq logs it when its poll loop begins
READY_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 20


def person(n: int, tag: str = "f") -> str:
    """ADA's resume as person `n`: distinct e-mail, phone and surname, so that no
    duplicate check links two of them."""
    surname = "".join(ascii_lowercase[int(d)] for d in f"{n:04d}")
    return (
        ADA.replace("ada.lovelace@", f"ada{tag}{n}@")
        .replace("7946 0958", f"7{ord(tag[0]) % 100:02d}6 {n:04d}")
        .replace("Ada Lovelace", f"Ada {tag.upper()}{surname}")
    )


def resume_zip(
    tmp_path: Path, count: int, *, tag: str = "f", extra: dict[str, bytes] | None = None
) -> IncomingFile:
    """A ZIP of `count` text resumes of different people (plus `extra` entries)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(count):
            archive.writestr(f"cv-{tag}-{n:04d}.txt", text_resume(person(n, tag)))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    path = tmp_path / f"batch-{tag}.zip"
    path.write_bytes(buffer.getvalue())
    return IncomingFile(name=path.name, path=path, size=path.stat().st_size)


@dataclass
class WorkerProcess:
    """`python -m workers --queue Q` (what `hotgigs worker` runs), in its own
    process group so that a SIGKILL takes its process pool with it."""

    process: Process
    log: Path
    killed: bool = False

    def ready(self) -> bool:
        return READY_LINE in self.log.read_text(errors="replace")

    def alive(self) -> bool:
        return self.process.returncode is None

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    async def kill(self) -> None:
        self.killed = True
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        async with asyncio.timeout(STOP_TIMEOUT_SECONDS):
            await self.process.wait()

    async def stop(self) -> None:
        """SIGTERM as a process manager would; SIGKILL if it does not stop."""
        if self.alive():
            with suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                async with asyncio.timeout(STOP_TIMEOUT_SECONDS):
                    await self.process.wait()
            except TimeoutError:
                logger.warning(
                    "worker did not stop on SIGTERM pid=%s", self.process.pid
                )
        await self.kill()  # and pool processes left behind


@dataclass
class Workers:
    """Starts worker processes with one environment; stops them all at the end."""

    env: dict[str, str]
    logs: Path
    queue: str = "bulk"
    started: list[WorkerProcess] = field(default_factory=list)

    async def start(self, *extra: str, wait: bool = True) -> WorkerProcess:
        """One more worker; with `wait`, once it polls its queue."""
        log = self.logs / f"worker-{len(self.started)}.log"
        with log.open("wb") as output:  # the child keeps its own descriptor
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                *("-m", "workers", "--queue", self.queue, *extra),
                env=self.env,
                stdout=output,
                stderr=asyncio.subprocess.STDOUT,
                start_new_session=True,
            )
        worker = WorkerProcess(process, log)
        self.started.append(worker)
        if wait:
            await self.ready()
        return worker

    async def ready(self) -> None:
        """Every started worker that was not killed polls its queue."""
        starting = [w for w in self.started if not w.killed]
        async with asyncio.timeout(READY_TIMEOUT_SECONDS):
            while not all(w.ready() for w in starting):  # another process's log
                for worker in starting:
                    assert worker.alive(), worker.output()
                await asyncio.sleep(0.05)

    async def stop_all(self) -> None:
        """SIGTERM to all at once, as a process manager stops a deployment."""
        await asyncio.gather(*(worker.stop() for worker in self.started))


def worker_env(
    *,
    database_url: str,
    redis_url: str,
    storage_dir: Path,
    job_timeout: int = 10,
    **extra: str,
) -> dict[str, str]:
    return {
        **os.environ,
        "ENVIRONMENT": "test",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "STORAGE_DIR": str(storage_dir),
        "WORKER_JOB_TIMEOUT_SECONDS": str(job_timeout),
        "WORKER_PROCESSES": "1",
        "LOG_LEVEL": "INFO",
        **extra,
    }


class Subscriber:
    """Reads a batch's progress stream like a client of `importBatchProgress`:
    when the connection drops it reconnects, passing the last event id it saw."""

    def __init__(self, redis_url: str, batch_id: UUID) -> None:
        self.redis_url = redis_url
        self.stream = batch_stream(batch_id)
        self.events: list[ProgressEvent] = []
        self.reconnects = 0
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            client = aioredis.Redis.from_url(self.redis_url)
            try:
                after = self.events[-1].id if self.events else None
                async for event in read_events(client, self.stream, after=after):
                    self.events.append(event)
                if self.events and self.events[-1].final:
                    return
            except (RedisConnectionError, RedisTimeoutError, OSError):
                self.reconnects += 1
            finally:
                with suppress(RedisConnectionError, OSError):
                    await client.aclose()
            await asyncio.sleep(0.2)

    async def final(self, within: float) -> ProgressEvent:
        async with asyncio.timeout(within):
            await self.task
        return self.events[-1]


async def wait_until(
    check: Callable[[], object], *, within: float, what: str, poll: float = 0.1
) -> None:
    """Poll the async `check()` until it is truthy; fails naming `what`."""
    try:
        async with asyncio.timeout(within):
            while not await check():  # type: ignore[misc]  # noqa: ASYNC110  # polling other processes' work
                await asyncio.sleep(poll)
    except TimeoutError:
        raise AssertionError(f"timed out after {within} s waiting for {what}") from None


async def count_status(batch_id: UUID, *statuses: ResumeStatus) -> int:
    return await Resume.filter(batch_id=batch_id, status__in=list(statuses)).count()


async def upload_zip_under_way(
    recruiter: User, intake: IntakeContext, tmp_path: Path, redis_url: str, count: int
) -> tuple[ImportBatch, Subscriber]:
    """Upload a ZIP of `count` resumes, subscribe to its progress, and return once
    a tenth of them are parsed: the moment each fault test strikes."""
    batch = await upload_batch(
        viewer_of(recruiter),
        [resume_zip(tmp_path, count)],
        pool_id=None,
        intake=intake,
    )
    subscriber = Subscriber(redis_url, batch.id)
    await wait_until(
        lambda: _parsed_at_least(batch.id, count // 10),
        within=60,
        what="the first resumes to be parsed",
        poll=0.02,
    )
    return batch, subscriber


async def _parsed_at_least(batch_id: UUID, count: int) -> bool:
    return await count_status(batch_id, ResumeStatus.PARSED) >= count


async def settled(batch_id: UUID) -> bool:
    batch = await ImportBatch.get(id=batch_id)
    return batch.status == "done"


@dataclass(frozen=True)
class Outcome:
    parsed: int
    failed: dict[str, int]  # error code -> resumes
    repeated_events: int  # settle events announced twice (see assert_settled_once)


async def assert_settled_once(
    batch_id: UUID, subscriber: Subscriber, *, total: int, within: float = 30
) -> Outcome:
    """The end state every fault must leave: each item parsed exactly once or
    failed with a reason, one candidate per person, counts that add up, and a
    final progress event that says so."""
    final = await subscriber.final(within)
    batch = await ImportBatch.get(id=batch_id)
    resumes = await Resume.filter(batch_id=batch_id)
    jobs = {
        j.resume_id: j
        for j in await ProcessingJob.filter(resume_id__in=[r.id for r in resumes])
    }
    parsed = [r for r in resumes if r.status == ResumeStatus.PARSED]
    failed = [r for r in resumes if r.status == ResumeStatus.FAILED]
    item_errors = await ImportBatchItem.filter(
        batch_id=batch_id, error_code__not_isnull=True
    )
    assert len(parsed) + len(failed) == len(resumes), Counter(r.status for r in resumes)
    for resume in failed:
        job = jobs[resume.id]
        assert job.error_code, resume.filename
        assert job.error_message, resume.filename
    assert len(resumes) + len(item_errors) == total
    assert (batch.status, batch.total, batch.succeeded, batch.failed) == (
        "done",
        total,
        len(parsed),
        len(failed) + len(item_errors),
    )
    candidate_ids = [r.candidate_id for r in parsed]
    assert None not in candidate_ids
    assert len(set(candidate_ids)) == len(parsed), "a candidate was duplicated"
    candidates = await Candidate.filter(id__in=candidate_ids)
    emails = [c.email for c in candidates]
    assert len(set(emails)) == len(parsed), "two resumes became one candidate"
    same_people = Candidate.filter(pool_id=batch.pool_id, email__in=emails)
    assert await same_people.count() == len(parsed), "a candidate was duplicated"
    sources = CandidateSource.filter(resume_id__in=[r.id for r in parsed])
    assert await sources.count() == len(parsed)
    # Every resume's settling was announced. Events are published inside the
    # transaction that settles (so that they keep the batch's order): when the
    # commit is lost (PostgreSQL went away), or Redis wrote the event but its
    # reply was lost (Redis went away), the transaction rolls back, the event
    # stays, and the re-run announces it again with the same counts.
    settles = Counter(e.resume_id for e in subscriber.events if e.resume_id)
    assert {r.id for r in resumes} == {UUID(k) for k in settles}
    assert (final.final, final.status, final.processed, final.total) == (
        True,
        "done",
        total,
        total,
    )
    assert final.failed == batch.failed
    codes = Counter(jobs[r.id].error_code or "" for r in failed)
    codes.update(i.error_code or "" for i in item_errors)
    repeated = sum(n - 1 for n in settles.values())
    return Outcome(parsed=len(parsed), failed=dict(codes), repeated_events=repeated)
