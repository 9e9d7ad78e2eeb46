from domain.matching.analysis import analyze_job
from domain.matching.model import Seniority, WorkMode
from domain.matching.occupations import load_occupations
from domain.parsing.model import EducationLevel
from domain.parsing.taxonomy import load_taxonomy

BACKEND = """We are a fast-growing fintech company.

Responsibilities:
- Design and build REST APIs in Python
- Operate services on Kubernetes

Requirements:
- 5+ years of professional software development experience
- 3 years of experience with Python, PostgreSQL
- Bachelor's or Master's degree in Computer Science or equivalent
- Experience with Docker

Nice to have:
- Terraform
- Experience with AWS is a plus

Location: Berlin, Germany
This is a hybrid role (3 days in office).
"""


def _analyze(title, description):
    return analyze_job(
        title=title,
        description=description,
        taxonomy=load_taxonomy(),
        occupations=load_occupations(),
    )


def _names(skills):
    return [(s.name, s.years) for s in skills]


def test_requirements_section_gives_required_skills_with_years():
    analysis = _analyze("Senior Backend Engineer (Python)", BACKEND)

    assert _names(analysis.required_skills) == [
        ("Python", 3.0),
        ("PostgreSQL", 3.0),
        ("Docker", None),
    ]
    assert [s.canonical_id for s in analysis.required_skills] == [
        "onet:python",
        "onet:postgresql",
        "onet:docker",
    ]


def test_nice_to_have_and_duties_give_preferred_skills():
    analysis = _analyze("Senior Backend Engineer (Python)", BACKEND)

    assert _names(analysis.preferred_skills) == [
        ("REST", None),
        ("Kubernetes", None),
        ("Terraform", None),
        ("Amazon Web Services", None),
    ]


def test_years_education_remote_location_and_seniority():
    analysis = _analyze("Senior Backend Engineer (Python)", BACKEND)

    assert analysis.min_years_experience.value == 5.0
    assert analysis.min_years_experience.evidence == (
        "5+ years of professional software development experience"
    )
    assert (analysis.education.value, analysis.education.confidence) == (
        EducationLevel.BACHELOR,
        0.6,  # "or equivalent" makes it less sure
    )
    assert analysis.remote.value is WorkMode.HYBRID
    assert analysis.location.value == "Berlin, Germany"
    assert (analysis.seniority.value, analysis.seniority.confidence) == (
        Seniority.SENIOR,
        0.9,
    )


def test_unstructured_posting_reads_required_and_preferred_by_sentence():
    analysis = _analyze(
        "Data Analyst",
        "Fully remote. You must know SQL and Tableau. Python is a plus. "
        "A master's degree is required. Minimum 2 years of experience.",
    )

    assert _names(analysis.required_skills) == [("SQL", None), ("Tableau", None)]
    assert _names(analysis.preferred_skills) == [("Python", None)]
    assert analysis.min_years_experience.value == 2.0
    assert analysis.education.value is EducationLevel.MASTER
    assert analysis.remote.value is WorkMode.REMOTE
    assert analysis.seniority.value is Seniority.MID
    assert analysis.seniority.confidence == 0.5


def test_preferred_degree_is_no_minimum():
    analysis = _analyze(
        "Nurse", "Requirements:\n- Registered nurse licence\n\nPreferred:\n- BSN degree"
    )

    assert analysis.education is None


def test_onsite_posting_without_years_or_degree():
    analysis = _analyze("Line Cook", "Work on-site in our kitchen. Knife skills.")

    assert analysis.remote.value is WorkMode.ONSITE
    assert analysis.min_years_experience is None
    assert analysis.seniority is None


def test_occupation_from_the_title():
    analysis = _analyze("Sr. Financial Analyst - Remote", "")

    assert analysis.occupation.code == "13-2051.00"
    assert analysis.occupation.title == "Financial and Investment Analysts"
    assert analysis.occupation.confidence == 0.9


def test_the_title_states_skills_and_years():
    analysis = _analyze("Software Developer - .NET (1-4 years experience)", "")

    assert _names(analysis.required_skills) == [(".NET", None)]
    assert analysis.min_years_experience.value == 1.0
    assert analysis.seniority.value is Seniority.JUNIOR


def test_ambiguous_words_count_only_as_listed_technologies():
    analysis = _analyze(
        "Engineer", "Requirements:\n- Go, Rust and Python\n- A focus on security"
    )

    assert [s.name for s in analysis.required_skills] == ["Go", "Rust", "Python"]
