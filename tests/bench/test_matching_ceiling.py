"""Benchmark: how far do the category task's labels let any ranking go?
`pytest -m bench -s tests/bench/test_matching_ceiling.py` (about 2 min).

The product ranks 24 O*NET-built postings for each LiveCareer resume without ever
seeing a labelled resume. Here classifiers are given the labels themselves: each
resume's 24 categories are ranked by models trained on the other resumes of the
same 480 (leave one out: 19 per category; or 5 folds: 16). Their MRR, top-1 and
top-3, and each category's P@10 over the resumes by the same scores, are what a
ranking that knew the resumes' own categories reaches. They bound what the issue's
target (MRR 0.70 and P@10 0.60 through the product, zero-shot) can expect of this
sample: categories overlap (ARTS resumes are often art teachers, AUTOMOBILE ones
dealership customer service, BPO ones call-centre agents like SALES ones).

Rows: TF-IDF (sublinear term frequency, IDF over the 480, words seen twice or more)
and the product's static vectors (centred on the 480), each as nearest centroid
and as softmax regression (numpy, L2). Eval data is read from ../shared, never
copied; nothing here is shipped.
"""

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from domain.matching.embeddings import load_default_provider, normalize_rows
from tests.bench.test_matching_quality import (
    Posting,
    Resume,
    _precision_ndcg,
    _ranking_metrics,
    category_task,
)

pytestmark = [pytest.mark.bench, pytest.mark.timeout(1800)]
__all__ = ["category_task"]  # the fixture, shared with test_matching_quality

Scores = NDArray[np.float32]
FOLDS = 5


def _tfidf(texts: Sequence[str]) -> NDArray[np.float32]:
    tokens = [re.findall(r"[a-z][a-z+#]+", text.lower()) for text in texts]
    df = Counter(word for words in tokens for word in set(words))
    vocab = {w: j for j, w in enumerate(w for w, c in sorted(df.items()) if c >= 2)}
    idf = np.array(
        [math.log((len(texts) + 1) / (df[w] + 1)) + 1 for w in vocab], np.float32
    )
    matrix = np.zeros((len(texts), len(vocab)), np.float32)
    for row, words in enumerate(tokens):
        for word, count in Counter(words).items():
            if (column := vocab.get(word)) is not None:
                matrix[row, column] = (1 + math.log(count)) * idf[column]
    return normalize_rows(matrix)


def _centroids(x: NDArray[np.float32], y: NDArray[np.int64], k: int) -> Scores:
    return normalize_rows(np.stack([x[y == c].mean(axis=0) for c in range(k)]))


def centroid_leave_one_out(x: NDArray[np.float32], y: NDArray[np.int64]) -> Scores:
    """Each resume against its category's centroid without it, and the others'."""
    k = int(y.max()) + 1
    sums = np.stack([x[y == c].sum(axis=0) for c in range(k)])
    scores = np.zeros((len(y), k), np.float32)
    for row in range(len(y)):
        own = sums.copy()
        own[y[row]] -= x[row]
        scores[row] = normalize_rows(own) @ x[row]
    return scores


def _softmax_regression(
    x: NDArray[np.float32], y: NDArray[np.int64], k: int, *, l2: float, steps: int
) -> NDArray[np.float32]:
    weights = np.zeros((x.shape[1], k), np.float32)
    onehot = np.eye(k, dtype=np.float32)[y]
    for _ in range(steps):
        logits = x @ weights
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        gradient = x.T @ (probabilities - onehot) / len(y) + l2 * weights
        weights -= 4.0 * gradient
    return weights


def cross_validated(
    x: NDArray[np.float32],
    y: NDArray[np.int64],
    fit: Callable[[NDArray[np.float32], NDArray[np.int64], int], NDArray[np.float32]],
) -> Scores:
    """Scores of each fold's resumes by a model fitted on the other folds."""
    k = int(y.max()) + 1
    folds = np.random.default_rng(0).permutation(np.arange(len(y)) % FOLDS)
    scores = np.zeros((len(y), k), np.float32)
    for fold in range(FOLDS):
        train, test = folds != fold, folds == fold
        scores[test] = x[test] @ fit(x[train], y[train], k)
    return scores


def by_centroid(
    x: NDArray[np.float32], y: NDArray[np.int64], k: int
) -> NDArray[np.float32]:
    return _centroids(x, y, k).T


def by_regression(
    x: NDArray[np.float32], y: NDArray[np.int64], k: int
) -> NDArray[np.float32]:
    return _softmax_regression(x, y, k, l2=1e-5, steps=1500)


def test_supervised_ceilings(category_task: tuple[list[Resume], list[Posting]]) -> None:
    resumes, _ = category_task
    labels = sorted({r.label for r in resumes})
    y = np.array([labels.index(r.label) for r in resumes], np.int64)
    rows_labels = [r.label for r in resumes]
    texts = [r.raw for r in resumes]
    tfidf = _tfidf(texts)
    static = load_default_provider().embed(texts)
    static = normalize_rows(static - static.mean(axis=0))
    rows = {
        "TF-IDF, nearest centroid, leave one out": centroid_leave_one_out(tfidf, y),
        "TF-IDF, nearest centroid, 5 folds": cross_validated(tfidf, y, by_centroid),
        "TF-IDF, softmax regression, 5 folds": cross_validated(tfidf, y, by_regression),
        "static model, nearest centroid, leave one out": centroid_leave_one_out(
            static, y
        ),
        "static model, softmax regression, 5 folds": cross_validated(
            static, y, by_regression
        ),
    }
    print(f"\nsupervised ceilings, {len(resumes)} resumes in {len(labels)} categories")
    print("| method | MRR | top-1 | top-3 | P@10 |\n|---|---|---|---|---|")
    for name, scores in rows.items():
        ranks = _ranking_metrics(scores, rows_labels, labels)
        mrr, top1, top3 = ranks["mrr"], ranks["top1"], ranks["top3"]
        p10 = _precision_ndcg(scores.T, labels, rows_labels)["p@10"]
        print(f"| {name} | {mrr:.3f} | {top1:.3f} | {top3:.3f} | {p10:.3f} |")
        assert 1 / len(labels) < mrr <= 1.0
