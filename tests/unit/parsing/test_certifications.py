"""Certifications: section items without issuer and dates, and mentions elsewhere."""

from domain.parsing.certifications import extract_certifications
from domain.parsing.lines import split_lines
from domain.parsing.sections import find_sections
from tests.unit.parsing.samples import document


def _certifications(text: str) -> list[tuple[str, float]]:
    lines = split_lines(document("Jane Doe\njane@example.com\n" + text))
    found = extract_certifications(find_sections(lines), lines)
    return [(c.value, c.confidence) for c in found]


def test_section_items_lose_issuer_and_dates():
    text = (
        "Certifications\n- AWS Certified Solutions Architect \u2013 Associate (2021)\n"
        "- Certified Kubernetes Administrator, CNCF, 2022\n"
        "- PMP \u2013 Project Management Institute \u2013 2019\n"
        "- Google Data Analytics Certificate | Issued Mar 2023\n"
    )

    assert _certifications(text) == [
        ("AWS Certified Solutions Architect \u2013 Associate", 0.85),
        ("Certified Kubernetes Administrator", 0.85),
        ("PMP", 0.85),
        ("Google Data Analytics Certificate", 0.85),
    ]


def test_other_rows_of_a_mixed_section_give_only_credentials():
    text = (
        "Certifications & Activities\n"
        "Certifications: AWS Certified Cloud Practitioner\n"
        "Leadership: Led CSR initiatives; competed in hackathons\n"
    )

    assert _certifications(text) == [("AWS Certified Cloud Practitioner", 0.85)]


def test_credentials_mentioned_in_skills_and_summary():
    text = (
        "Summary\nFinance lead, CPA and CFA charterholder.\n"
        "Skills\nExcel, Certified ScrumMaster, SQL\n"
    )

    assert _certifications(text) == [
        ("CPA", 0.65),
        ("CFA", 0.65),
        ("Certified ScrumMaster", 0.65),
    ]


def test_no_certifications_in_experience_bullets():
    text = "Experience\nEngineer, Acme Corp\n2019 - 2021\n- Got the team ISO certified."

    assert _certifications(text) == []
