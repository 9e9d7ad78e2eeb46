"""Scorecard: matching quality of the running product, measured only through its
GraphQL API, with BM25 on the same texts in the same run.

The product runs as it does under `hotgigs dev`: embedded PostgreSQL and Redis,
migrations, the ASGI app (in-process, over httpx) and real arq burst workers,
run until every queue is empty. Resumes go in by `resumeBulkUpload`, postings by
`jobCreate`; the worker parses and refreshes matches by itself; the scores come
back from `Job.matches` and `Candidate.matches`. Whatever the product computes
(structured factors, embeddings) is what this measures.

Category task (LiveCareer x O*NET, see scorecard_matching_category.py), measured
twice: after the job refreshes that follow `jobCreate` (the resumes were there
first, so each job keeps its own best 100 candidates), and after a
`matchesRefresh` of every candidate (every resume-posting pair scored). A resume
whose posting is not among its matches counts as rank infinity (reciprocal
rank 0); the table says how many. Then Vanetik and Resume-Matcher
(scorecard_matching_pairs.py), and `candidateSearch` with each category's O*NET
title over the uploaded resumes, before any job exists (scorecard_search.py).

Run `python -m tests.bench.scorecard_matching [--limit N] [--verbose]` or
`pytest -m bench -s tests/bench/scorecard_matching.py`. Eval data is read from
../shared/eval-data and never copied."""

import argparse
import asyncio
import logging
import sys
import time
from collections import Counter

import pytest

from tests.bench.scorecard_matching_category import (
    LIVECAREER,
    CategoryTask,
    Row,
    category_task,
)
from tests.bench.scorecard_matching_pairs import post_pairs, report_pairs, upload_pairs
from tests.bench.scorecard_matching_product import running_product
from tests.bench.scorecard_search import search_lines


def _cells(row: Row) -> str:
    r = row.ranks
    tail = (
        f"{row.p10:5.3f}  {row.ndcg10:5.3f} "
        if row.p10 is not None and row.ndcg10 is not None
        else f"{'':5}  {'':5} "
    )
    return (
        f"{row.direction:19}{row.method:36}{r.top1:5.3f} {r.top3:5.3f} {r.mrr:5.3f} "
        f"| {tail}| {r.missing:>4}/{r.queries}"
    )


def _ratios(task: CategoryTask) -> list[str]:
    """Product over BM25, per direction and state (MRR; P@10 posting -> resumes)."""
    base = {r.direction: r for r in task.rows if r.method.startswith("BM25")}
    lines = []
    for row in task.rows:
        bm25 = base[row.direction]
        if row is bm25 or not bm25.ranks.mrr:
            continue
        ratio = row.ranks.mrr / bm25.ranks.mrr
        line = f"{row.direction:19}{row.method:36}MRR x{ratio:.2f}"
        if row.p10 is not None and bm25.p10:
            line += f"  P@10 x{row.p10 / bm25.p10:.2f}"
        lines.append(line)
    return lines


def report(task: CategoryTask, pairs: list[str], seconds: dict[str, float]) -> None:
    print(
        f"\nMatching scorecard, through the API: {task.resumes} LiveCareer resumes,"
        f" {len(task.postings)} O*NET postings; {task.unparsed} resumes not parsed,"
        f" {task.shared_candidates} sharing a candidate with another file"
    )
    print(f"{'direction':19}{'method':36}top1  top3  MRR   | P@10   nDCG@10| no match")
    for row in task.rows:
        print(_cells(row))
    print("ratio to BM25 in the same run:")
    for line in _ratios(task):
        print(f"  {line}")
    for line in pairs:
        print(line)
    print("elapsed: " + ", ".join(f"{k} {v:.1f} s" for k, v in seconds.items()))


async def run(limit: int | None = None, verbose: bool = False) -> CategoryTask:
    """The whole scorecard on a fresh product; prints the table, returns the
    category task with its rows."""
    seconds: dict[str, float] = {}
    jobs: Counter[str] = Counter()
    started = clock = time.perf_counter()

    def tick(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = now - clock
        clock = now

    async with running_product() as product:
        tick("start and migrate")

        async def drain() -> None:
            jobs.update(await product.drain())

        task = await category_task(product, limit)
        await task.upload()
        pairs = await upload_pairs(product)
        await drain()
        tick("upload and parse")
        await task.read_candidates()
        search = await search_lines(task)
        tick("candidateSearch")
        await task.post()
        await post_pairs(pairs)
        await drain()
        tick("post jobs, job refreshes")
        await task.measure("jobs refreshed last")
        await task.refresh_candidates()
        await drain()
        tick("refresh every candidate")
        await task.measure("every pair refreshed")
        pair_lines = await report_pairs(pairs)
        tick("read matches")
    task.bm25()
    tick("BM25")
    seconds["total"] = time.perf_counter() - started
    report(task, [*pair_lines, *search], seconds)
    print(f"worker jobs: {jobs['complete']} complete, {jobs['failed']} failed")
    if verbose:
        for state in task.lists:
            print(f"per category, {state}:")
            print("\n".join(task.per_category(state)))
        for key, candidate in sorted(task.candidate_of.items()):
            if candidate is None:
                print(f"  not parsed: {key}")
    return task


def _quiet() -> None:
    """The product logs every job at INFO; the scorecard prints its own table."""
    logging.basicConfig(level=logging.WARNING)
    for name in ("arq", "tortoise", "domain", "workers", "api"):
        logging.getLogger(name).setLevel(logging.WARNING)


@pytest.mark.bench
@pytest.mark.timeout(1800)
async def test_matching_scorecard_through_the_api() -> None:
    if not LIVECAREER.is_dir():
        pytest.skip(f"no evaluation data under {LIVECAREER}")
    task = await run()
    product = next(r for r in task.rows if r.method.startswith("product, every"))
    assert product.ranks.mrr > 2 / len(task.postings)  # far above chance


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--limit",
        type=int,
        help="resumes per category (all: 20); below 10, P@10 can reach only N/10",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="per-category figures, unparsed files"
    )
    args = parser.parse_args(argv)
    if not LIVECAREER.is_dir():
        print(f"no evaluation data under {LIVECAREER}")
        return 1
    _quiet()
    asyncio.run(run(args.limit, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
