"""Validation of candidate fields (pure)."""

import pytest

from domain.candidates.fields import (
    UNSET,
    CandidatePatch,
    clean_fields,
    normalize_phone,
)
from domain.errors import DomainError, InvalidInput


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+44 20 7946 0958", "+442079460958"),
        ("+1 (212) 555-0187", "+12125550187"),
        ("+49 30 901820", "+4930901820"),
    ],
)
def test_phone_numbers_become_e164(raw, expected):
    assert normalize_phone(raw) == expected


def test_phone_without_country_code_asks_for_one():
    with pytest.raises(DomainError) as raised:
        normalize_phone("020 7946 0958")
    assert raised.value.field == "phone"
    assert raised.value.message == (
        "'020 7946 0958' is not a phone number: give it with its country code, "
        "like +44 20 7946 0958."
    )


def test_blank_optional_fields_become_null_and_text_is_trimmed():
    assert clean_fields({"email": "  ", "phone": "", "headline": "  Lead  "}) == {
        "email": None,
        "phone": None,
        "headline": "Lead",
    }


def test_too_long_and_too_many_values_are_each_reported():
    with pytest.raises(InvalidInput) as raised:
        clean_fields({"headline": "x" * 301, "skills": [f"s{i}" for i in range(201)]})
    assert [(p.field, p.message) for p in raised.value.problems] == [
        ("headline", "`headline` is longer than 300 characters."),
        ("skills", "Give at most 200 skills of up to 100 characters each."),
    ]


def test_patch_lists_only_the_fields_given():
    patch = CandidatePatch(location=None, skills=["Go"])
    assert patch.changes() == {"location": None, "skills": ["Go"]}
    assert CandidatePatch().name is UNSET
