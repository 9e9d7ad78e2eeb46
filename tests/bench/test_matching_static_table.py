"""Benchmark: the shipped static token table against candidate tables in one run
(`MATCHING_BENCH_STATIC_MODELS="trained=/tmp/a.npz,excluded=/tmp/b.npz" pytest -m
bench -s tests/bench/test_matching_static_table.py`), e.g. the occupation-trained
tables of `domain.matching.static_train`. Without the variable only the shipped
table is measured; to compare with the table shipped before (v1, the distilled table
alone), rebuild it (domain/matching/data/README.md) or take it from git (`git show
d388e2e:domain/matching/data/minilm-static-384.npz > /tmp/v1.npz`) and name it.

Each table is installed as the process's provider (`use_provider`) and measured
through the quality bench's own functions: the product's pair cosine (centred +
titles view) and the product's score, on the LiveCareer category task and, as a
check that a gain generalises, Kaggle's UpdatedResumeDataSet (`test_matching_
occupation_fit`), Vanetik (Spearman with each annotator) and Resume-Matcher (MRR);
BM25 once per task. Then the score's similarity mapping (ceiling) and semantic
share, whose values were tuned on the shipped table's cosines, and the embedding
cost (CPU seconds per text in this process) and file size of each table.
"""

import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from domain.matching.embeddings import (
    STATIC_MODEL_FILE,
    read_static_model,
    use_provider,
)
from domain.matching.text import resume_text
from tests.bench.test_matching_occupation_fit import KAGGLE, _kaggle_task
from tests.bench.test_matching_quality import (
    Posting,
    Resume,
    _blended_cosines,
    _bm25,
    _posting_texts,
    _precision_ndcg,
    _ranking_metrics,
    _scores,
    _spearman,
    category_task,
    resume_matcher_task,
    vanetik_task,
)

pytestmark = [pytest.mark.bench, pytest.mark.timeout(3600)]
__all__ = ["category_task"]  # the fixture, shared with test_matching_quality
SHIPPED = (
    Path(__file__).resolve().parents[2] / "domain/matching/data" / STATIC_MODEL_FILE
)
Scores = Callable[[Sequence[Resume], Sequence[Posting]], np.ndarray]


def _tables() -> dict[str, Path]:
    tables = {"shipped": SHIPPED}
    for item in filter(
        None, os.environ.get("MATCHING_BENCH_STATIC_MODELS", "").split(",")
    ):
        name, _, path = item.partition("=")
        tables[name] = Path(path)
    return tables


def _each_table() -> Iterator[str]:
    """Installs each table in turn as the process's provider."""
    try:
        for name, path in _tables().items():
            use_provider(read_static_model(path, f"bench-{name}"))
            yield name
    finally:
        use_provider(None)


def _line(name: str, scores: np.ndarray, back: np.ndarray, rows: list[str],
          columns: list[str]) -> str:  # fmt: skip
    forward = _ranking_metrics(scores, rows, columns)
    backward = _ranking_metrics(back, columns, rows)
    precision = _precision_ndcg(back, columns, rows)["p@10"]
    return (
        f"{name:34} {forward['top1']:.3f} {forward['top3']:.3f} {forward['mrr']:.3f}"
        f" | {backward['top1']:.3f} {backward['top3']:.3f} {backward['mrr']:.3f}"
        f" {precision:.3f}"
    )


def _retrieval(title: str, resumes: list[Resume], postings: list[Posting],
               sweep: bool = False) -> None:  # fmt: skip
    rows, columns = [r.label for r in resumes], [p.label for p in postings]
    print(f"\n{title}: {len(resumes)} resumes, {len(postings)} postings")
    print(f"{'table, method':34} top1  top3  MRR   | top1  top3  MRR   P@10")
    bm25 = _bm25(_posting_texts(postings), [r.raw for r in resumes])
    back = _bm25([r.raw for r in resumes], [p.description for p in postings])
    print(_line("bm25 (raw text)", bm25, back, rows, columns))
    for name in _each_table():
        cosines = _blended_cosines(resumes, postings)
        print(_line(f"{name}: centred + titles", cosines, cosines.T, rows, columns))
        fixed = _fixed(cosines)
        methods: dict[str, Scores] = {"product": _scores(fixed)}
        if sweep:
            for ceiling in (0.5, 0.9):
                methods[f"product, ceiling {ceiling}"] = _scores(fixed, ceiling=ceiling)
            for share in (0.6, 0.8):
                methods[f"product, share {share}"] = _scores(fixed, share=share)
        for label, method in methods.items():
            scores = method(resumes, postings)
            print(_line(f"{name}: {label}", scores, scores.T, rows, columns))
        print(f"{name}: centred + titles cosines, same / other category: "
              f"{_quartiles(cosines, rows, columns)}")  # fmt: skip


def _fixed(cosines: np.ndarray) -> Scores:
    """Cosines computed once, as a method the quality bench's `_scores` takes."""

    def method(resumes: Sequence[Resume], postings: Sequence[Posting]) -> np.ndarray:
        return cosines

    return method


def _quartiles(cosines: np.ndarray, rows: list[str], columns: list[str]) -> str:
    same = np.array([[r == c for c in columns] for r in rows])
    parts = []
    for mask in (same, ~same):
        q = np.percentile(cosines[mask], [25, 50, 75, 95])
        parts.append("/".join(f"{v:+.2f}" for v in q))
    return " vs ".join(parts)


def test_category_task(category_task: tuple[list[Resume], list[Posting]]) -> None:
    resumes, postings = category_task
    _retrieval("LiveCareer category task", resumes, postings, sweep=True)


def test_kaggle(tmp_path: Path) -> None:
    if not KAGGLE.is_file():
        pytest.skip(f"eval data not found at {KAGGLE}")
    _retrieval("Kaggle UpdatedResumeDataSet", *_kaggle_task(tmp_path))


def test_vanetik_and_resume_matcher() -> None:
    resumes, postings, annotators = vanetik_task()
    print("\nVanetik: product score, Spearman with each annotator")
    for name in _each_table():
        scores = _scores(_blended_cosines)(resumes, postings)
        line = [f"{name:20}"]
        for label, rankings in annotators.items():
            rho = [_spearman(-scores[i], rankings[i]) for i in range(len(rankings))]
            line.append(f"{label[:11].lower()} {np.mean(rho):+.3f}")
        print("  ".join(line))
    resumes, postings = resume_matcher_task()
    keys = [r.key for r in resumes]
    print("Resume-Matcher: product score, MRR")
    for name in _each_table():
        scores = _scores(_blended_cosines)(resumes, postings).T
        mrr = _ranking_metrics(scores, [p.label for p in postings], keys)["mrr"]
        print(f"{name:20} {mrr:.3f}")


def test_embedding_cost(category_task: tuple[list[Resume], list[Posting]]) -> None:
    resumes, _ = category_task
    texts = [resume_text(r.parsed) for r in resumes]
    print(f"\nembedding {len(texts)} built resume texts: CPU ms per text, file size")
    for name, path in _tables().items():
        # a fresh tokenizer cache for each pass, the file read before timing
        providers = [read_static_model(path, f"bench-{name}") for _ in range(3)]
        started = time.process_time()
        for provider in providers:
            provider.embed(texts)
        ms = (time.process_time() - started) / 3 / len(texts) * 1000
        print(f"{name:20} {ms:6.2f} ms  {path.stat().st_size / 1e6:5.1f} MB")
        assert ms > 0
