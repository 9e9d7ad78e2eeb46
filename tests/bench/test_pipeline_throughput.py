"""Benchmark: resume pipeline throughput with 1 and 2 workers against the same
extract+parse done in-process, in one run (`pytest -m bench -s tests/bench`)."""

import asyncio
import resource
import statistics
import time
from pathlib import Path

import psutil
import pytest
from arq.worker import Worker

from domain.extraction.document import extract_document
from domain.intake.limits import IntakeLimits
from domain.intake.storage import FileStore
from domain.jobs import BULK_QUEUE
from domain.models import Resume, ResumeStatus
from domain.parsing.parser import parse_document
from domain.resumes.files import IncomingFile
from domain.resumes.intake import IntakeContext, upload_batch
from tests.factories import make_user, viewer_of
from tests.samples.resumes import ADA, text_resume
from workers.context import worker_resources
from workers.settings import worker_options

pytestmark = pytest.mark.bench
RESUMES = 200


def _files(tmp_path: Path, tag: str) -> list[IncomingFile]:
    files = []
    for n in range(RESUMES):
        path = tmp_path / f"{tag}-{n}.txt"
        text = (
            ADA.replace("ada.lovelace@", f"ada{tag}{n}@")
            .replace("7946 0958", f"7946 {n:04d}")
            .replace("Ada Lovelace", f"Ada {tag} {n}")
        )
        path.write_bytes(text_resume(text))
        files.append(IncomingFile(name=path.name, path=path, size=path.stat().st_size))
    return files


def _in_process(files: list[IncomingFile]) -> float:
    started = time.perf_counter()
    for file in files:
        parse_document(extract_document(file.path, "txt"))
    return time.perf_counter() - started


async def _pipeline(
    settings, queue, files, workers: int
) -> tuple[float, list[float], float]:
    recruiter = await make_user()
    intake = IntakeContext(FileStore(settings.storage_dir), IntakeLimits(), queue)
    batch = await upload_batch(viewer_of(recruiter), files, pool_id=None, intake=intake)
    started = time.perf_counter()
    async with worker_resources(settings) as shared:
        runners = [
            Worker(
                **worker_options(settings, BULK_QUEUE),
                ctx=dict(shared),
                burst=True,
                poll_delay=0,
                handle_signals=False,
            )
            for _ in range(workers)
        ]
        await asyncio.gather(*(w.async_run() for w in runners))
        elapsed = time.perf_counter() - started
        children = psutil.Process().children(recursive=True)
        pool_rss = max((c.memory_info().rss for c in children), default=0) / 2**20
        for w in runners:
            await w.close()
    rows = await Resume.filter(batch_id=batch.id, status=ResumeStatus.PARSED)
    latencies = [(r.updated_at - r.created_at).total_seconds() for r in rows]
    assert len(rows) == RESUMES
    return elapsed, latencies, pool_rss


def _line(name: str, elapsed: float, latencies: list[float] | None = None) -> str:
    text = f"{name:<24} {RESUMES / elapsed:7.1f} resumes/s"
    if latencies:
        q = statistics.quantiles(latencies, n=100)
        text += f"  upload→parsed p50 {q[49]:5.2f} s  p95 {q[94]:5.2f} s"
    return text


async def test_bench_pipeline_throughput(settings, db, queue, tmp_path):
    direct = _in_process(_files(tmp_path, "d"))
    one, one_latency, one_rss = await _pipeline(
        settings, queue, _files(tmp_path, "a"), 1
    )
    two, two_latency, _ = await _pipeline(settings, queue, _files(tmp_path, "b"), 2)
    print()
    print(_line("in-process extract+parse", direct))
    print(_line("pipeline, 1 worker", one, one_latency))
    print(_line("pipeline, 2 workers", two, two_latency))
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"overhead 1 worker vs in-process: {one / direct:.2f}x;"
        f" pool process RSS {one_rss:.0f} MB; test process max RSS {max_rss:.0f} MB"
    )
