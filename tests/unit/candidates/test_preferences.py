"""Candidate preferences: validation, the job filter, and what a resume states."""

import pytest

from domain.candidates.preferences import (
    CandidatePreferences,
    job_fits,
    parse_preferences,
)
from domain.candidates.stated_preferences import preferences_from_text
from domain.errors import DomainError
from domain.models import RemotePolicy

JOB = {
    "remote": RemotePolicy.ONSITE,
    "employment_type": "Full-time",
    "salary_min": 50_000,
    "salary_max": 60_000,
    "salary_currency": "GBP",
    "location": "London, UK",
}


def test_no_preferences_keep_every_job():
    assert job_fits(CandidatePreferences(), JOB) is True


@pytest.mark.parametrize(
    ("wanted", "fits"),
    [
        ({"work_modes": ["remote"]}, False),
        ({"work_modes": ["onsite", "hybrid"]}, True),
        ({"job_types": ["full time"]}, True),
        ({"job_types": ["contract"]}, False),
        ({"salary_min": 60_000, "salary_currency": "GBP"}, True),
        ({"salary_min": 60_001, "salary_currency": "GBP"}, False),
        ({"salary_min": 90_000, "salary_currency": "EUR"}, True),  # not comparable
        ({"locations": ["london"]}, True),
        ({"locations": ["Berlin", "Paris"]}, False),
    ],
)
def test_a_stated_conflict_drops_the_job(wanted, fits):
    assert job_fits(parse_preferences(wanted), JOB) is fits


def test_a_remote_job_fits_any_location_and_a_blank_field_never_conflicts():
    remote = {**JOB, "remote": RemotePolicy.REMOTE, "location": "Tokyo"}
    assert job_fits(parse_preferences({"locations": ["Berlin"]}), remote) is True
    blank = {"remote": None, "employment_type": None, "location": None}
    wanted = parse_preferences(
        {"work_modes": ["remote"], "job_types": ["contract"], "salary_min": 1}
    )
    assert job_fits(wanted, blank) is True


def test_invalid_preferences_say_what_is_wrong():
    with pytest.raises(DomainError) as caught:
        parse_preferences({"salary_min": 90, "salary_max": 10})
    assert caught.value.message == (
        "These preferences are not valid: preferences: salaryMin is above salaryMax."
    )
    with pytest.raises(DomainError) as caught:
        parse_preferences({"salary_currency": "euro"})
    assert caught.value.field == "preferences"
    assert "3-letter ISO code" in caught.value.message


def test_stated_preferences_are_read_from_labelled_lines():
    text = (
        "Jane Doe\n"
        "Desired role: Data Engineer / ML Engineer\n"
        "Preferred locations: Berlin, Munich\n"
        "Work mode: remote or hybrid\n"
        "Expected salary: EUR 70,000 - 85,000\n"
        "Job type: full-time, contract\n"
    )
    assert preferences_from_text(text) == {
        "desired_roles": ["Data Engineer", "ML Engineer"],
        "locations": ["Berlin", "Munich"],
        "work_modes": ["hybrid", "remote"],
        "job_types": ["full-time", "contract"],
        "salary_min": 70000,
        "salary_max": 85000,
        "salary_currency": "EUR",
    }
    assert preferences_from_text("Expected salary: $120k") == {
        "salary_min": 120000,
        "salary_currency": "USD",
    }
    assert preferences_from_text("I like remote work and Berlin.") == {}
