"""The pair cosine blended from the whole resume and its titles alone, on hand-made
vectors: the titles' share, and candidates with no titles row or a zero one."""

import numpy as np
import pytest

from domain.matching.centering import Centers, centred_cosines
from domain.matching.title_similarity import (
    TITLES_SHARE,
    TitleDots,
    blended,
    centred_cosine_from_dots,
    has_titles,
    titles_cosines_for_candidate,
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


def test_the_cosine_from_inner_products_is_the_centred_cosine():
    rng = np.random.default_rng(3)
    job, title, job_mean, titles_mean = rng.standard_normal((4, 8))
    centers = _centers(titles=titles_mean.tolist(), jobs=job_mean.tolist())
    shifted_job = job - centers.jobs
    dots = TitleDots(
        job_dot=float(title @ shifted_job),
        mean_dot=float(title @ centers.candidate_titles),
        norm=float(np.linalg.norm(title)),
    )

    [expected] = centred_cosines(job, centers.jobs, [title], centers.candidate_titles)

    assert centred_cosine_from_dots(dots, job, centers) == pytest.approx(
        expected, abs=1e-6
    )


def test_without_means_the_cosine_from_inner_products_is_the_plain_cosine():
    # Titles (1, 1, 0), job (0, 1, 0): cosine 1 / sqrt(2).
    dots = TitleDots(job_dot=1.0, mean_dot=0.0, norm=2**0.5)

    cosine = centred_cosine_from_dots(dots, [0.0, 1.0, 0.0], _centers())

    assert cosine == pytest.approx(1 / 2**0.5)


def test_a_zero_titles_row_gives_no_cosine_and_a_row_equal_to_the_mean_zero():
    centers = _centers(titles=[1.0, 0.0])
    none = TitleDots(job_dot=0.0, mean_dot=0.0, norm=0.0)
    at_mean = TitleDots(job_dot=0.0, mean_dot=1.0, norm=1.0)

    assert centred_cosine_from_dots(none, [0.0, 1.0], centers) is None
    assert centred_cosine_from_dots(at_mean, [1.0, 0.0], centers) == 0.0


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
