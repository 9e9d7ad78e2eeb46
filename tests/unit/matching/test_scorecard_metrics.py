"""The matching scorecard's metrics on hand-made rankings, with exact values: a
relevant item the API did not return counts as rank infinity."""

import math

import numpy as np
import pytest

from tests.bench.scorecard_matching_metrics import (
    first_relevant_ranks,
    precision_ndcg,
    rank_by_scores,
    retrieval,
)

RANKED = {
    "q1": ["a", "x", "y"],  # rank 1
    "q2": ["x", "y", "b"],  # rank 3
    "q3": ["x", "y", "z", "w", "c"],  # rank 5
    "q4": ["x"],  # d not returned: rank infinity
}
RELEVANT = {"q1": {"a"}, "q2": {"b"}, "q3": {"c"}, "q4": {"d"}}


def test_ranks_count_a_missing_item_as_infinity() -> None:
    assert first_relevant_ranks(RANKED, RELEVANT) == [1, 3, 5, math.inf]
    assert first_relevant_ranks({}, {"q": {"a"}}) == [math.inf]  # no list at all


def test_retrieval_metrics_of_a_hand_made_ranking() -> None:
    result = retrieval(RANKED, RELEVANT)
    assert (result.top1, result.top3) == (0.25, 0.5)
    assert result.mrr == pytest.approx((1 + 1 / 3 + 1 / 5 + 0) / 4)
    assert (result.queries, result.missing) == (4, 1)


def test_first_of_several_relevant_items_counts() -> None:
    assert first_relevant_ranks({"q": ["x", "b", "a"]}, {"q": {"a", "b"}}) == [2]


def test_precision_and_ndcg_count_a_short_list_as_misses() -> None:
    ranked = {"p1": ["a", "x", "b"], "p2": ["x"]}
    relevant = {"p1": {"a", "b"}, "p2": {"c"}}
    precision, ndcg = precision_ndcg(ranked, relevant, k=3)
    assert precision == pytest.approx((2 / 3 + 0) / 2)
    # p1: DCG 1 + 1/log2(4); ideal (two relevant) 1 + 1/log2(3). p2: 0.
    assert ndcg == pytest.approx((1.5 / (1 + 1 / math.log2(3)) + 0) / 2)


def test_rank_by_scores_is_best_first_and_stable_on_ties() -> None:
    scores = np.array([[0.1, 0.5, 0.5], [0.9, 0.2, 0.3]])
    assert rank_by_scores(scores, ["q1", "q2"], ["a", "b", "c"]) == {
        "q1": ["b", "c", "a"],
        "q2": ["a", "c", "b"],
    }
