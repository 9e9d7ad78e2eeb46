"""In-deployment centring on hand-made vectors: the centred cosine and the
shrinkage of a small deployment's mean towards zero."""

import numpy as np
import pytest

from domain.matching.centering import (
    PRIOR_WEIGHT,
    centred_cosines,
    shifted,
    shrunk_mean,
)


def _vector(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float32)


def test_the_centred_cosine_takes_each_sides_mean_away():
    # Axis 0 is the style every resume shares; it says nothing about the job.
    ada, bob = [1.0, 1.0, 0.0], [1.0, 0.0, 1.0]
    job = [1.0, 1.0, 0.0]

    cosines = centred_cosines(
        job, _vector(0.5, 0.0, 0.0), [ada, bob], _vector(1.0, 0.5, 0.5)
    )

    # ada - mean = (0, .5, -.5), bob - mean = (0, -.5, .5), job - mean = (.5, 1, 0):
    # dot products 0.5 and -0.5, norms sqrt(0.5) and sqrt(1.25).
    assert cosines == [
        pytest.approx(2 / 10**0.5, abs=1e-12),
        pytest.approx(-2 / 10**0.5, abs=1e-12),
    ]


def test_without_means_the_centred_cosine_is_the_plain_cosine():
    assert centred_cosines([3.0, 4.0], None, [[4.0, 3.0], [0.0, 2.0]], None) == [
        pytest.approx(24 / 25, abs=1e-12),
        pytest.approx(0.8, abs=1e-12),
    ]


def test_a_vector_equal_to_its_mean_has_cosine_zero():
    assert centred_cosines([1.0, 0.0], None, [[0.6, 0.8]], _vector(0.6, 0.8)) == [0.0]


def test_no_rows_give_no_cosines():
    assert centred_cosines([1.0, 0.0], None, [], None) == []


def test_an_empty_deployment_has_no_mean():
    assert shrunk_mean(None, 0) is None
    assert shrunk_mean([0.6, 0.8], 0) is None


def test_one_vector_is_shrunk_but_keeps_its_direction():
    mean = shrunk_mean([0.6, 0.8], 1)
    assert mean is not None
    assert PRIOR_WEIGHT == 2.0
    assert mean.tolist() == pytest.approx([0.2, 0.8 / 3], abs=1e-7)
    # The only job, centred, still points where it did: its cosines are unchanged.
    candidates = [[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]]
    assert centred_cosines([0.6, 0.8], mean, candidates, None) == [
        pytest.approx(0.6, abs=1e-6),
        pytest.approx(0.8, abs=1e-6),
        pytest.approx(1.0, abs=1e-6),
    ]


def test_a_large_deployment_keeps_nearly_all_of_its_mean():
    mean = shrunk_mean([0.5, -0.25], 98)
    assert mean is not None
    assert mean.tolist() == [0.49000000953674316, -0.24500000476837158]
    assert mean.tolist() == pytest.approx([0.5 * 0.98, -0.25 * 0.98], abs=1e-7)


def test_the_scan_query_is_the_vector_minus_its_sides_mean():
    assert shifted([1.0, 0.5], _vector(0.25, 0.5)).tolist() == [0.75, 0.0]
    assert shifted([1.0, 0.5], None).tolist() == [1.0, 0.5]
