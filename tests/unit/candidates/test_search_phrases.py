"""The word pairs a full-text query's phrases require (domain.candidates.phrases):
only pairs that every match must hold, never one an `or` or a `!` makes optional."""

import pytest

from domain.candidates.phrases import pairs_query, required_pairs


@pytest.mark.parametrize(
    ("tsquery", "pairs"),
    [
        ("'python' <-> 'develop'", ["python develop"]),
        ("'a' <-> 'b' <-> 'c'", ["a b", "b c"]),
        ("'w1' <-> 'w2' & 'w3'", ["w1 w2"]),
        ("'a' <-> 'b' & !'java'", ["a b"]),
        ("'a' <-> 'b' <-> 'a' & ( 'd' <-> 'e' )", ["a b", "b a", "d e"]),
        ("( 'a' <-> 'b' ) & ( 'c' | 'd' )", ["a b"]),
        ("'it''s' <-> 'b'", ["it's b"]),
        ("'a' <-> 'b' & 'c' <-> 'a' <-> 'b'", ["a b", "c a"]),
    ],
)
def test_pairs_every_match_holds(tsquery, pairs):
    assert required_pairs(tsquery) == pairs


@pytest.mark.parametrize(
    "tsquery",
    [
        "",
        "'python'",
        "'python' & 'develop'",
        "'a' <-> 'b' | 'c'",  # either side may match
        "'a' <-> 'b' & !'x' | 'go' <-> 'kube'",
        "!( 'a' <-> 'b' )",  # a phrase that must NOT be there
        "'a' <-> !'b'",
        "'develop' <2> 'kubernet'",  # a stop word between: no adjacent pair
        "'a' <-> 'b' <2> 'c'",
        "( 'a' & 'b' ) <-> 'c'",
    ],
)
def test_no_pair_where_a_match_need_not_hold_it(tsquery):
    assert required_pairs(tsquery) == []


def test_pairs_query_quotes_each_pair_as_one_lexeme():
    assert pairs_query(["python develop", "it's b", "a\\b c"]) == (
        "'python develop' & 'it''s b' & 'a\\\\b c'"
    )
