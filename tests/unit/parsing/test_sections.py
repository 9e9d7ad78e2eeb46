"""Lines, headings in many wordings and layouts, and sections inferred by content."""

import pytest

from domain.extraction.document import TextBlock
from domain.parsing.headings import (
    SectionKind,
    emphasised_texts,
    heading_kind,
    loose_heading,
)
from domain.parsing.lines import Line, Span, split_lines, split_spans
from domain.parsing.sections import find_sections
from tests.unit.parsing.samples import NO_HEADINGS, PIPES, document


def _line(text: str) -> Line:
    return Line(0, text, 0, len(text), 1, bullet=False, blank_before=True)


def _kinds(text: str) -> list[tuple[str, str | None]]:
    sections = find_sections(split_lines(document(text)))
    return [(s.kind.value, s.heading.text if s.heading else None) for s in sections]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Work Experience", SectionKind.EXPERIENCE),
        ("PROFESSIONAL EXPERIENCE", SectionKind.EXPERIENCE),
        ("Employment History:", SectionKind.EXPERIENCE),
        ("Computer Engineering Experience", SectionKind.EXPERIENCE),
        ("Leadership and Work Experience", SectionKind.EXPERIENCE),
        ("Education & Training", SectionKind.EDUCATION),
        ("Technical Skills", SectionKind.SKILLS),
        ("Core Competencies", SectionKind.SKILLS),
        ("Top Skills", SectionKind.SKILLS),
        ("Languages", SectionKind.LANGUAGES),
        ("Licenses & Certifications", SectionKind.CERTIFICATIONS),
        ("About me", SectionKind.SUMMARY),
        ("Career Objective", SectionKind.SUMMARY),
        ("Projects", SectionKind.PROJECTS),
        ("Interests", SectionKind.INTERESTS),
        ("Volunteer Experience", SectionKind.VOLUNTEER),
        ("Relevant Coursework", SectionKind.COURSES),
        ("Expérience professionnelle", SectionKind.EXPERIENCE),
        ("S K I L L S", SectionKind.SKILLS),
        ("Academia", SectionKind.EDUCATION),
        ("BASIC ACADEMIC CREDENTIALS", SectionKind.EDUCATION),
        ("Education Qualification:", SectionKind.EDUCATION),
    ],
)
def test_recognises_heading_wordings(heading, kind):
    assert heading_kind(_line(heading)) is kind


@pytest.mark.parametrize(
    "text",
    [
        "Director of Education",
        "Skills: Python, SQL",
        "Led the experience redesign.",
        "Software Engineer",
        "Experience in 2019",
    ],
)
def test_lines_that_only_mention_a_section_word_are_no_headings(text):
    assert heading_kind(_line(text)) is None


def test_bullets_lose_their_marker_and_keep_offsets():
    text = "Jane Doe\n• Built the API\n- Shipped it\n-5% churn"

    lines = split_lines(document(text))

    assert [(ln.text, ln.bullet) for ln in lines] == [
        ("Jane Doe", False),
        ("Built the API", True),
        ("Shipped it", True),
        ("-5% churn", False),
    ]
    assert [text[ln.start : ln.end] for ln in lines] == [ln.text for ln in lines]


def test_marker_alone_makes_the_next_line_a_bullet():
    lines = split_lines(document("Experience\n•\nBuilt the API"))

    assert [(ln.text, ln.bullet) for ln in lines] == [
        ("Experience", False),
        ("Built the API", True),
    ]


def test_pages_come_from_blocks():
    blocks = (
        TextBlock(1, 0, 0, 100, 10, "Jane Doe", 20.0, True),
        TextBlock(2, 0, 0, 100, 10, "Skills", 12.0, True),
    )

    lines = split_lines(document("Jane Doe\n\nSkills", blocks, pages=2))

    assert [ln.page for ln in lines] == [1, 2]


def test_text_before_the_first_heading_is_the_header():
    assert _kinds(PIPES) == [
        ("header", None),
        ("experience", "Professional Experience"),
        ("education", "Education & Training"),
        ("skills", "Core Competencies"),
    ]


def test_resume_without_headings_is_cut_by_content():
    assert _kinds(NO_HEADINGS) == [
        ("header", None),
        ("experience", None),
        ("education", None),
        ("skills", None),
    ]


def test_dated_entries_under_a_summary_heading_become_experience():
    text = (
        "Jordan Avery\njordan@example.com\n(503) 555-0148\nHIGHLIGHTS\n"
        "Eight years of test engineering.\n"
        "QA Engineer, Contoso Labs, Seattle, WA (Jun 2018 - Feb 2021)\n"
        "- Wrote the first end-to-end suite\nEDUCATION\nB.S. in Computer Science\n"
    )

    assert _kinds(text) == [
        ("header", None),
        ("summary", "HIGHLIGHTS"),
        ("experience", None),
        ("education", "EDUCATION"),
    ]


def test_labelled_skills_line_outside_a_skills_section_is_its_own_section():
    text = "Jane Doe\njane@example.com\nSummary\nBackend engineer.\nSkills: Go, SQL\n"

    assert _kinds(text) == [
        ("header", None),
        ("summary", "Summary"),
        ("skills", None),
    ]


def test_large_font_lines_after_a_heading_open_unknown_sections():
    texts = [
        ("Jane Doe", 20.0),
        ("Experience", 14.0),
        ("Engineer, Acme, 2020 - 2021", 10.0),
        ("- Built the API", 10.0),
        ("Ventures", 14.0),
        ("Board member of two startups", 10.0),
    ]
    text = "\n".join(t for t, _ in texts)
    blocks = tuple(TextBlock(1, 0, 0, 1, 1, t, size, True) for t, size in texts)

    sections = find_sections(split_lines(document(text)), emphasised_texts(blocks))

    assert [s.kind.value for s in sections] == ["header", "experience", "other"]


def test_bold_body_text_is_not_a_heading():
    blocks = (TextBlock(1, 0, 0, 1, 1, "Globex Corporation", 10.0, True),)

    assert emphasised_texts(blocks) == frozenset()


def test_split_spans_trims_pieces_and_keeps_offsets():
    span = Span("Acme Corp  |  Austin, TX  ·  2020", 10, 43)

    pieces = split_spans(span)

    assert [(p.text, p.start, p.end) for p in pieces] == [
        ("Acme Corp", 10, 19),
        ("Austin, TX", 24, 34),
        ("2020", 39, 43),
    ]


def test_sub_headings_inside_a_job_do_not_end_capitalised_experience():
    text = (
        "WORK EXPERIENCE\nDeveloper\nAcme -\nJan 2019 to Present\n"
        "Technical Skills:\nJava, SQL\nAnalyst\nGlobex -\nMay 2016 to Dec 2018\n"
        "EDUCATION\nB.Tech, 2016\nSKILLS\nJava\nADDITIONAL INFORMATION\nMobile"
    )

    assert _kinds(text) == [
        ("experience", "WORK EXPERIENCE"),
        ("education", "EDUCATION"),
        ("skills", "SKILLS"),
        ("other", "ADDITIONAL INFORMATION"),
    ]


def test_title_case_sub_headings_still_cut_a_title_case_resume():
    text = "Experience\nDeveloper, Acme\nJan 2019 - Present\nTechnical Skills\nJava"

    assert _kinds(text) == [
        ("experience", "Experience"),
        ("skills", "Technical Skills"),
    ]


def test_a_sidebar_heading_between_two_jobs_does_not_end_experience():
    text = (
        "Experience\nInternal Audit Manager 08/2012 to Current Acme City, ST\n"
        "Risk management expertise\nStrong client engagement\n"
        "Manager of Internal Audit 08/2011 to 08/2012 Globex City, ST\n"
        "Led the risk assessment.\n"
        "Skills\nAuditing, SOX\n"
        "Education\nB.S. Accounting, 2005\n"
    )

    assert _kinds(text) == [
        ("experience", "Experience"),
        ("skills", "Skills"),
        ("education", "Education"),
    ]


def test_loose_headings_stacked_under_experience_keep_the_jobs_below():
    text = (
        "Experience\nMap creation software\nTopographic studies\n"
        "Local municipality projects\n"
        "CAD Designer 01/2002 to 01/2003 Company Name City, ST\n"
        "Drew survey maps.\n"
        "Education\nB.S. Geography, 2001\n"
    )

    assert _kinds(text) == [("experience", "Experience"), ("education", "Education")]


def test_a_heading_after_the_last_job_still_cuts():
    text = (
        "Experience\nDeveloper, Acme\nJan 2019 - Present\n"
        "Risk management expertise\nJava, SQL, Kafka\n"
        "Projects\nBilling Engine (2019 - 2020)\n"
    )

    assert _kinds(text) == [
        ("experience", "Experience"),
        ("skills", "Risk management expertise"),
        ("projects", "Projects"),
    ]


@pytest.mark.parametrize(
    ("text", "loose"),
    [
        ("Risk management expertise", True),
        ("Local municipality projects", True),
        ("Technical Skills", False),
        ("Key Projects", False),
        ("RISK MANAGEMENT EXPERTISE", False),
        ("Education", False),
    ],
)
def test_loose_headings(text, loose):
    assert loose_heading(_line(text)) is loose


def test_a_heading_each_job_repeats_does_not_end_experience():
    text = (
        "Work History\nSales Manager Jan 2013 to Aug 2014 Acme\nAccomplishments\n"
        "Doubled revenue.\nAccount Executive Jan 2011 to Jan 2013 Globex\n"
        "Accomplishments\nOpened two regions.\n"
        "Education\nB.A. Economics, 2010\n"
    )

    assert _kinds(text) == [("experience", "Work History"), ("education", "Education")]


def test_a_label_inside_a_job_does_not_end_experience():
    text = (
        "Experience\n05/2014 to Current\nGraphic Designer Acme City, ST\n"
        "Accomplishments:\nRebranded the company.\n"
        "02/2012 to 04/2014\nLead Graphic Designer Globex City, ST\n"
        "Education\nB.F.A., 2011\n"
    )

    assert _kinds(text) == [("experience", "Experience"), ("education", "Education")]


def test_a_heading_right_under_the_experience_heading_keeps_the_jobs():
    text = (
        "Experience\nLeadership\n"
        "Customer Reference Program Manager Nov 2010 to Current\n"
        "Ran the reference program.\n"
        "Education\nB.A. Communication, 2009\n"
    )

    assert _kinds(text) == [("experience", "Experience"), ("education", "Education")]
