import dataclasses

import pytest

from domain.errors import ErrorCode, InvalidInput
from domain.matching.model import WorkMode
from domain.matching.profile import CandidateProfile, JobRequirements
from domain.matching.scoring import (
    FactorName,
    LocationFit,
    Weights,
    score_match,
    validate_weights,
)
from domain.parsing.model import EducationLevel
from tests.unit.matching.builders import backend_job, requirement, resume

PROTECTED = ("name", "email", "phone", "links", "photo", "age", "gender", "nationality")


def _values(score):
    return {f.name.value: (f.weight, f.value, f.contribution) for f in score.factors}


def test_score_is_the_weighted_sum_of_hand_computed_factors():
    # skills: 3/4 required, 1/2 preferred -> 0.8 * 0.75 + 0.2 * 0.5 = 0.7
    # experience: 3 of 5 years -> 0.6; education: master >= bachelor -> 1.0
    # location: Munich vs Berlin, both in Germany -> 0.5
    candidate = CandidateProfile.from_parsed(resume())
    score = score_match(backend_job(), candidate)

    assert _values(score) == {
        "skills": (0.5, pytest.approx(0.7, abs=1e-12), pytest.approx(0.35, abs=1e-12)),
        "experience": (0.25, 0.6, 0.15),
        "education": (0.15, 1.0, 0.15),
        "location": (0.1, 0.5, 0.05),
    }
    assert score.score == sum(f.contribution for f in score.factors)
    assert score.score == pytest.approx(0.70, abs=1e-12)


def test_job_with_no_requirements_scores_zero():
    score = score_match(JobRequirements(), CandidateProfile.from_parsed(resume()))

    assert score.score == 0
    assert [(f.assessed, f.weight, f.contribution) for f in score.factors] == [
        (False, 0, 0.0)
    ] * 4


def test_unstated_factors_give_their_weight_to_the_stated_ones():
    job = JobRequirements(
        required_skills=(requirement("onet:python", "Python"),), min_years=6.0
    )
    score = score_match(job, CandidateProfile.from_parsed(resume()))

    # skills 0.50 and experience 0.25 share everything: 2/3 and 1/3.
    assert _values(score) == {
        "skills": (0.5 / 0.75, 1.0, 0.5 / 0.75),
        "experience": (0.25 / 0.75, 0.5, 0.25 / 0.75 * 0.5),
        "education": (0, 0.0, 0.0),
        "location": (0, 0.0, 0.0),
    }
    assert score.score == sum(f.contribution for f in score.factors)
    assert score.score == pytest.approx(5 / 6, abs=1e-12)


def test_semantic_similarity_takes_its_share_of_the_skills_factor():
    candidate = CandidateProfile.from_parsed(resume())
    score = score_match(backend_job(), candidate, similarity=0.5)

    skills = score.factor(FactorName.SKILLS)
    assert skills.value == pytest.approx(0.3 * 0.7 + 0.7 * 0.5, abs=1e-12)
    assert skills.evidence.similarity == 0.5
    assert score.score == sum(f.contribution for f in score.factors)


def test_skills_evidence_lists_matched_and_missing_skills():
    score = score_match(backend_job(), CandidateProfile.from_parsed(resume()))

    evidence = score.factor(FactorName.SKILLS).evidence
    assert evidence.matched_required == ("Python", "SQL", "Docker")
    assert evidence.missing_required == ("Kubernetes",)
    assert evidence.matched_preferred == ("Terraform",)
    assert evidence.missing_preferred == ("AWS",)


def test_a_skill_the_taxonomy_does_not_know_matches_by_name():
    candidate = CandidateProfile.from_parsed(resume())
    known = JobRequirements(required_skills=(requirement(None, "docker"),))
    unknown = JobRequirements(required_skills=(requirement(None, "Ladder safety"),))

    assert score_match(known, candidate).score == 1.0
    assert score_match(unknown, candidate).score == 0.0


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (EducationLevel.DOCTORATE, 1.0),
        (EducationLevel.BACHELOR, 1.0),
        (EducationLevel.ASSOCIATE, 0.5),
        (EducationLevel.HIGH_SCHOOL, 0.0),
        (EducationLevel.OTHER, 0.0),
    ],
)
def test_education_scores_by_levels_below_the_requirement(found, expected):
    candidate = CandidateProfile.from_parsed(resume(level=found))
    score = score_match(backend_job(), candidate)

    assert score.factor(FactorName.EDUCATION).value == expected


@pytest.mark.parametrize(
    ("remote", "lives", "fit", "value"),
    [
        (WorkMode.REMOTE, "Lisbon, Portugal", LocationFit.REMOTE_JOB, 1.0),
        (WorkMode.ONSITE, "berlin ,  Germany", LocationFit.SAME_CITY, 1.0),
        (WorkMode.HYBRID, "Munich, Germany", LocationFit.SAME_REGION, 0.5),
        (WorkMode.ONSITE, "Lisbon, Portugal", LocationFit.DIFFERENT, 0.0),
        (WorkMode.ONSITE, None, LocationFit.UNKNOWN, 0.5),
    ],
)
def test_location_fit(remote, lives, fit, value):
    candidate = dataclasses.replace(
        CandidateProfile.from_parsed(resume()), location=lives
    )
    score = score_match(backend_job(remote=remote), candidate)

    factor = score.factor(FactorName.LOCATION)
    assert (factor.evidence.fit, factor.value) == (fit, value)


def test_candidate_who_wants_remote_does_not_fit_an_onsite_job():
    candidate = CandidateProfile.from_parsed(
        resume(), remote_preference=WorkMode.REMOTE
    )
    factor = score_match(backend_job(), candidate).factor(FactorName.LOCATION)

    assert (factor.evidence.fit, factor.value) == (LocationFit.WANTS_REMOTE, 0.0)


def test_experience_above_the_minimum_is_capped_at_one():
    candidate = CandidateProfile.from_parsed(resume(months=120))
    factor = score_match(backend_job(), candidate).factor(FactorName.EXPERIENCE)

    assert (factor.value, factor.evidence.years_found) == (1.0, 10.0)


def test_default_weights_are_the_documented_ones():
    assert validate_weights(None) == Weights(0.5, 0.25, 0.15, 0.1)


def test_weight_overrides_replace_defaults_and_are_normalised():
    weights = validate_weights({"skills": 2, "experience": 1, "location": 0})

    assert weights == Weights(
        skills=2 / 3.15, experience=1 / 3.15, education=0.15 / 3.15, location=0.0
    )
    assert sum(dataclasses.astuple(weights)) == pytest.approx(1.0, abs=1e-12)


def test_invalid_weights_are_refused_one_problem_each():
    with pytest.raises(InvalidInput) as caught:
        validate_weights({"skils": 1, "experience": -0.5, "education": "high"})

    assert [(p.code, p.field, p.message) for p in caught.value.problems] == [
        (
            ErrorCode.INVALID_WEIGHTS,
            "weights.skils",
            "Unknown matching factor 'skils'; use one of skills, experience, "
            "education, location.",
        ),
        (
            ErrorCode.INVALID_WEIGHTS,
            "weights.experience",
            "The experience weight must be 0 or more, got -0.5.",
        ),
        (
            ErrorCode.INVALID_WEIGHTS,
            "weights.education",
            "The education weight must be a number, got 'high'.",
        ),
    ]


def test_non_finite_and_boolean_weights_are_refused():
    with pytest.raises(InvalidInput) as caught:
        validate_weights({"skills": float("nan"), "location": True})

    assert [p.message for p in caught.value.problems] == [
        "The skills weight must be a number, got nan.",
        "The location weight must be a number, got True.",
    ]


def test_all_zero_weights_are_refused():
    zeros = {"skills": 0, "experience": 0, "education": 0, "location": 0.0}
    with pytest.raises(InvalidInput) as caught:
        validate_weights(zeros)

    assert [(p.code, p.field, p.message) for p in caught.value.problems] == [
        (
            ErrorCode.INVALID_WEIGHTS,
            "weights",
            "At least one matching weight must be above 0.",
        )
    ]


def test_candidate_profile_has_no_protected_fields():
    names = {f.name for f in dataclasses.fields(CandidateProfile)}

    assert names.isdisjoint(PROTECTED)


def test_protected_fields_change_nothing():
    first = resume()
    second = resume(
        name="Grace Hopper",
        email="grace@navy.example",
        phone="+1 202 555 0143",
        summary="Grace Hopper builds data platforms in Python.",
        links=("https://github.com/grace",),
    )
    one = CandidateProfile.from_parsed(first)
    two = CandidateProfile.from_parsed(second)

    assert one == two
    assert score_match(backend_job(), one) == score_match(backend_job(), two)
