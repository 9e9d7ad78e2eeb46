"""The pair cosine blended from the whole resume and its titles alone, on hand-made
vectors: the titles' share, and candidates with no titles row or a zero one."""

import numpy as np
import pytest

from domain.matching.centering import Centers
from domain.matching.title_similarity import (
    TITLES_SHARE,
    blended,
    has_titles,
    titles_cosines_for_candidate,
    titles_cosines_for_job,
)


def _centers(titles: list[float] | None = None, jobs: list[float] | None = None):
    def array(values: list[float] | None):
        return None if values is None else np.array(values, dtype=np.float32)

    return Centers(
        model="m", candidates=None, jobs=array(jobs), candidate_titles=array(titles)
    )


def test_the_titles_take_their_share_of_the_pair_cosine():
    assert TITLES_SHARE == 0.3
    assert blended(0.5, 1.0) == pytest.approx(0.7 * 0.5 + 0.3 * 1.0)
    assert blended(0.5, -1.0) == pytest.approx(0.05)


def test_without_titles_the_whole_resume_cosine_stays():
    assert blended(0.42, None) == 0.42


def test_a_zero_or_missing_row_has_no_titles():
    assert not has_titles(None)
    assert not has_titles([])
    assert not has_titles([0.0, 0.0, 0.0])
    assert has_titles([0.0, 1.0, 0.0])


def test_a_job_is_compared_with_each_candidates_titles_after_centring():
    # The titles mean (0.5, 0, 0) is the style every headline shares.
    centers = _centers(titles=[0.5, 0.0, 0.0])
    rows = [[1.0, 1.0, 0.0], None, [0.0, 0.0, 0.0], [1.0, 0.0, 1.0]]

    cosines = titles_cosines_for_job([0.0, 1.0, 0.0], rows, centers)

    # (1, 1, 0) - mean = (0.5, 1, 0): cosine 1 / sqrt(1.25) with the job.
    assert cosines == [pytest.approx(1 / 1.25**0.5), None, None, 0.0]


def test_a_candidate_is_compared_with_each_jobs_vector_after_centring():
    centers = _centers(titles=[0.5, 0.0], jobs=[0.0, 0.5])
    jobs = [[0.0, 1.0], [1.0, 0.5]]

    cosines = titles_cosines_for_candidate([1.0, 1.0], jobs, centers)

    # Titles (0.5, 1) against jobs (0, 0.5) and (1, 0).
    assert cosines == [
        pytest.approx(1 / 1.25**0.5),
        pytest.approx(0.5 / 1.25**0.5),
    ]
    assert titles_cosines_for_candidate(None, jobs, centers) == [None, None]
    assert titles_cosines_for_candidate([0.0, 0.0], jobs, centers) == [None, None]
