"""The ParsedResume models: frozen, strict, validated."""

import pytest
from pydantic import ValidationError

from domain.parsing.model import EducationLevel, Evidence, Experience, Field, Skill


def _job(start: str) -> Experience:
    return Experience(
        title=None,
        company=None,
        location=None,
        start=Field[str](value=start, confidence=0.9, evidence=None),
        end=None,
        current=True,
        description=None,
        achievements=(),
    )


def test_field_carries_value_confidence_and_evidence():
    field = Field[str](
        value="Jane", confidence=0.9, evidence=Evidence(page=1, start=0, end=4)
    )

    assert field.model_dump() == {
        "value": "Jane",
        "confidence": 0.9,
        "evidence": {"page": 1, "start": 0, "end": 4},
    }


def test_confidence_stays_between_zero_and_one():
    with pytest.raises(ValidationError) as raised:
        Field[str](value="Jane", confidence=1.5, evidence=None)

    assert raised.value.errors()[0]["msg"] == "Input should be less than or equal to 1"


def test_dates_are_year_and_month():
    assert _job("2020-01").start is not None

    with pytest.raises(ValidationError) as raised:
        _job("2020-13")

    assert raised.value.errors()[0]["loc"] == ("start", "value")


def test_models_are_frozen_and_refuse_unknown_fields():
    skill = Skill(
        name="Go",
        canonical_id="onet:go",
        category=None,
        source_section="skills",
        years=None,
        confidence=0.9,
        evidence=None,
    )

    with pytest.raises(ValidationError):
        skill.name = "Rust"  # type: ignore[misc]
    with pytest.raises(ValidationError) as raised:
        Evidence(page=1, start=0, end=1, text="x")  # type: ignore[call-arg]

    assert raised.value.errors()[0]["type"] == "extra_forbidden"


def test_education_levels_are_the_graphql_values():
    assert [level.value for level in EducationLevel] == [
        "high_school",
        "associate",
        "bachelor",
        "master",
        "doctorate",
        "other",
    ]
