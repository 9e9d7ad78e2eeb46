"""Two-column pages flattened to lines: headings side by side, and jobs carried
into the other column's sections."""

import pytest

from domain.parsing.headings import SectionKind, heading_kind
from domain.parsing.lines import Line
from domain.parsing.parser import parse_document
from tests.unit.parsing.samples import TODAY, document


def _kind(text: str) -> SectionKind | None:
    return heading_kind(Line(0, text, 0, len(text), 1, False, True))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Experience Skills", SectionKind.EXPERIENCE),
        ("WORK EXPERIENCE SKILLS", SectionKind.EXPERIENCE),
        ("Education Languages", SectionKind.EDUCATION),
        ("Experience Summary", SectionKind.SUMMARY),
        ("Training Experience", SectionKind.EXPERIENCE),
        ("Technical Skills", SectionKind.SKILLS),
    ],
)
def test_two_headings_side_by_side_open_the_first(text, kind):
    assert _kind(text) is kind


@pytest.mark.parametrize("text", ["Web Dev Positions", "Academic Positions"])
def test_positions_head_an_experience_section(text):
    assert _kind(text) is SectionKind.EXPERIENCE


def test_jobs_cut_off_into_the_other_column_are_still_read():
    text = (
        "Jane Roe\nBackend Developer\n"
        "EXPERIENCE Wordpress\n"
        "Automated testing frameworks:\n"
        "Web-developer at Digital Dream LLC Feb. 2012  Present\n"
        "Selenium\n"
        "Developed a tool for administering a large fleet of servers.\n"
        "Product Manager Jun. 2011 Nov. 2013\n"
        "Anti-Corruption Foundation\n"
        "Managed the project's development.\n"
    )

    resume = parse_document(document(text), today=TODAY)

    assert [
        (j.title.value, j.company.value if j.company else None, j.start.value)
        for j in resume.experience
        if j.title and j.start
    ] == [
        ("Web-developer", "Digital Dream LLC", "2012-02"),
        ("Product Manager", "Anti-Corruption Foundation", "2011-06"),
    ]


def test_no_stray_job_without_a_job_title_word():
    text = (
        "Jane Roe\nBackend Developer\nSkills\nPython, SQL, Docker, Kafka\n"
        "Hackathon winner\nMar 2020 - Apr 2020\n"
    )

    assert parse_document(document(text), today=TODAY).experience == ()


def test_jobs_under_an_education_heading_are_read_when_no_section_has_jobs():
    text = (
        "Jane Roe\nPython Developer\nEDUCATION\n"
        "2020, June MTS Group, Russia\n2021, August Python Developer\n"
        "Created an API for an ML model.\n"
        "2015, September State University of Economics\n2019, June Bachelor of Arts\n"
    )

    resume = parse_document(document(text), today=TODAY)

    assert [
        (j.title.value, j.company.value, j.start.value, j.end.value)
        for j in resume.experience
    ] == [("Python Developer", "MTS Group", "2020-06", "2021-08")]


def test_the_other_columns_labels_under_headings_side_by_side_stay_in_experience():
    text = (
        "Jane Roe\nBackend Developer\n"
        "Experience Skills\nLanguages:\nGolang Developer\nGolang, Java, Python\n"
        "Sber Technologies\nC++\nNov 2021 - Present\n"
        "Developed a microservice backend in Golang.\nTechnologies:\nPostgreSQL\n"
        "Machine Learning Intern\nRingCentral\nMay 2019 - Oct 2019\n"
    )

    resume = parse_document(document(text), today=TODAY)

    assert [
        (j.company.value, j.start.value, j.end.value if j.end else None)
        for j in resume.experience
    ] == [("Sber Technologies", "2021-11", None), ("RingCentral", "2019-05", "2019-10")]
    assert resume.experience[1].title.value == "Machine Learning Intern"
