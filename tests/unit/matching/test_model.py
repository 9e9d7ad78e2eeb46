import pytest

from domain.errors import ErrorCode, InvalidInput
from domain.matching.model import (
    Finding,
    JobAnalysis,
    WorkMode,
    add_skill,
    drop_skill,
    load_analysis,
    skill_requirement,
)
from domain.parsing.model import EducationLevel
from domain.parsing.taxonomy import load_taxonomy
from tests.unit.matching.builders import requirement


def _analysis():
    return JobAnalysis(
        required_skills=(requirement("onet:python", "Python"),),
        preferred_skills=(requirement("onet:docker", "Docker"),),
        min_years_experience=Finding(value=3.0, confidence=0.9, evidence="3+ years"),
        education=Finding(value=EducationLevel.BACHELOR, confidence=0.85),
        remote=Finding(value=WorkMode.REMOTE, confidence=0.8),
    )


def test_analysis_round_trips_through_json():
    analysis = _analysis()

    stored = analysis.model_dump(mode="json")

    assert stored["education"] == {
        "value": "bachelor",
        "confidence": 0.85,
        "evidence": None,
    }
    assert load_analysis(stored) == analysis


def test_empty_stored_analysis_is_an_empty_analysis():
    assert load_analysis({}) == JobAnalysis()


def test_malformed_analysis_is_refused_with_its_field():
    with pytest.raises(InvalidInput) as caught:
        load_analysis({"remote": {"value": "mars", "confidence": 0.5}})

    [problem] = caught.value.problems
    assert problem.code is ErrorCode.INVALID_JOB_ANALYSIS
    assert problem.field == "analysis.remote.value"
    assert problem.message == (
        "Job analysis field remote.value: Input should be 'onsite', 'hybrid' or "
        "'remote'. Correct it or analyse the description again."
    )


def test_recruiter_adds_a_required_skill_under_its_taxonomy_id():
    skill = skill_requirement("  k8s ", load_taxonomy())

    edited = add_skill(_analysis(), skill, required=True)

    assert [(s.canonical_id, s.name, s.confidence) for s in edited.required_skills] == [
        ("onet:python", "Python", 1.0),
        ("onet:kubernetes", "Kubernetes", 1.0),
    ]


def test_adding_a_preferred_skill_as_required_moves_it():
    docker = requirement("onet:docker", "Docker")

    edited = add_skill(_analysis(), docker, required=True)

    assert [s.name for s in edited.required_skills] == ["Python", "Docker"]
    assert edited.preferred_skills == ()


def test_recruiter_drops_a_skill_and_an_unknown_one_by_name():
    unknown = skill_requirement("Forklift licence B2", load_taxonomy())
    analysis = add_skill(_analysis(), unknown, required=True)

    edited = drop_skill(drop_skill(analysis, requirement("onet:python", "Py")), unknown)

    assert unknown.canonical_id is None
    assert edited.required_skills == ()
    assert [s.name for s in edited.preferred_skills] == ["Docker"]


def test_a_skill_needs_a_name():
    with pytest.raises(InvalidInput) as caught:
        skill_requirement("   ", load_taxonomy())

    [problem] = caught.value.problems
    assert (problem.code, problem.field, problem.message) == (
        ErrorCode.INVALID_INPUT,
        "skill",
        "A skill needs a name; type the skill to add.",
    )
