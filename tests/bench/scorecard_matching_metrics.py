"""Ranking metrics of the matching scorecard, on ranked lists as the API returns
them: a list may leave the relevant item out (the product did not keep that
match), which counts as rank infinity, reciprocal rank 0."""

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Retrieval:
    """Where the first relevant item of each query's list comes."""

    top1: float
    top3: float
    mrr: float
    queries: int
    missing: int  # queries whose relevant item is not in their list at all


def first_relevant_ranks(
    ranked: Mapping[str, Sequence[str]], relevant: Mapping[str, Collection[str]]
) -> list[float]:
    """1-based rank of each query's first relevant item; math.inf when its list
    holds none."""
    ranks = []
    for query, wanted in relevant.items():
        items = list(ranked.get(query, ()))
        hit = next((n for n, item in enumerate(items, 1) if item in wanted), None)
        ranks.append(math.inf if hit is None else float(hit))
    return ranks


def retrieval(
    ranked: Mapping[str, Sequence[str]], relevant: Mapping[str, Collection[str]]
) -> Retrieval:
    """Top-1, top-3 and MRR over the queries of `relevant` (query -> its
    relevant items)."""
    ranks = np.array(first_relevant_ranks(ranked, relevant))
    return Retrieval(
        top1=float(np.mean(ranks == 1)),
        top3=float(np.mean(ranks <= 3)),
        mrr=float(np.mean(1 / ranks)),
        queries=len(ranks),
        missing=int(np.sum(np.isinf(ranks))),
    )


def precision_ndcg(
    ranked: Mapping[str, Sequence[str]],
    relevant: Mapping[str, Collection[str]],
    k: int = 10,
) -> tuple[float, float]:
    """Mean P@k and nDCG@k (binary relevance) over the queries of `relevant`;
    a list shorter than k counts its empty places as misses."""
    discounts = 1 / np.log2(np.arange(2, k + 2))
    precision, ndcg = [], []
    for query, wanted in relevant.items():
        top = list(ranked.get(query, ()))[:k]
        hits = np.array([item in wanted for item in top] + [False] * (k - len(top)))
        ideal = discounts[: min(k, len(wanted))].sum()
        precision.append(hits.mean())
        ndcg.append(float(hits @ discounts) / ideal if ideal else 0.0)
    return float(np.mean(precision)), float(np.mean(ndcg))


def rank_by_scores(
    scores: np.ndarray, queries: Sequence[str], items: Sequence[str]
) -> dict[str, list[str]]:
    """A (queries x items) score matrix as ranked lists, best first (stable)."""
    return {
        query: [items[j] for j in np.argsort(-scores[i], kind="stable")]
        for i, query in enumerate(queries)
    }
