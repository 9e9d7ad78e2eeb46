"""LLM enhancement cost in time: local-only vs enhanced latency per resume, with the
fake server answering after a realistic delay, and enhanced throughput at the
configured concurrency (`pytest -m bench -s tests/bench/test_llm_enrichment.py`).

The delay stands for a hosted model structuring a one-page resume (a few seconds
for ~1.5k prompt and ~0.6k answer tokens); compare ratios, not absolute times."""

import asyncio
import statistics
import time
from pathlib import Path

import pytest

from domain.extraction.document import extract_document
from domain.llm.client import LlmClient
from domain.llm.enrichment import enrich_resume
from domain.models import EnrichmentStatus, LlmCacheEntry
from domain.parsing.parser import load_nlp, parse_document
from tests.fakes.openai import FakeOpenAI
from tests.llm.conftest import ADA_ANSWER, options_for
from tests.samples.resumes import ADA

pytestmark = pytest.mark.bench

MODEL_DELAY_SECONDS = 1.0
RESUMES = 24


def _texts(tmp_path: Path, count: int) -> list[Path]:
    """Distinct resumes (so that none is a cache hit)."""
    paths = []
    for n in range(count):
        path = tmp_path / f"resume-{n}.txt"
        path.write_text(ADA.replace("Ada Lovelace", f"Ada Lovelace {n}"))
        paths.append(path)
    return paths


def _local(path: Path):
    document = extract_document(path, "txt")
    return document, parse_document(document)


async def _enhanced(llm: LlmClient, path: Path) -> float:
    started = time.perf_counter()
    document, parsed = _local(path)
    result = await enrich_resume(llm, text=document.text, parsed=parsed, user_id=None)
    assert result.status is EnrichmentStatus.ENRICHED
    return time.perf_counter() - started


@pytest.fixture
def slow_server():
    server = FakeOpenAI().start()
    server.state.answer = ADA_ANSWER
    server.state.delay = MODEL_DELAY_SECONDS
    yield server
    server.stop()


async def test_latency_and_throughput(db, slow_server, tmp_path):
    load_nlp()  # spaCy loads once per process, outside the timings
    paths = _texts(tmp_path, RESUMES + 4)
    local = []
    for path in paths[:4]:
        started = time.perf_counter()
        _local(path)
        local.append(time.perf_counter() - started)

    llm = LlmClient(options_for(slow_server, concurrency=4, timeout_seconds=30))
    enhanced = [await _enhanced(llm, path) for path in paths[:4]]
    print(
        f"\nper resume, sequential: local {statistics.median(local):.3f} s,"
        f" enhanced {statistics.median(enhanced):.3f} s"
        f" (model delay {MODEL_DELAY_SECONDS:.1f} s),"
        f" ratio {statistics.median(enhanced) / statistics.median(local):.1f}x"
    )
    for concurrency in (1, 4, 8):
        await llm.close()
        llm = LlmClient(
            options_for(slow_server, concurrency=concurrency, timeout_seconds=30)
        )
        batch = paths[4 : 4 + RESUMES] if concurrency == 4 else paths[4:12]
        # distinct prompts per run: the cache is keyed by content
        await _clear_cache()
        started = time.perf_counter()
        await asyncio.gather(*(_enhanced(llm, path) for path in batch))
        wall = time.perf_counter() - started
        print(
            f"concurrency {concurrency}: {len(batch)} resumes in {wall:.2f} s ="
            f" {len(batch) / wall:.2f} resumes/s"
            f" (bound: {concurrency / MODEL_DELAY_SECONDS:.1f}/s)"
        )
    await llm.close()


async def _clear_cache() -> None:
    await LlmCacheEntry.all().delete()
