"""Rules the second synthetic family (tests/samples/synthetic/fresh.py) led to:
conventions of real resumes the first family never wrote, each on a small fixture
with exact values."""

from domain.extraction.document import normalize_text
from domain.extraction.pdf_layout import PageLine, order_lines
from domain.parsing.headings import SectionKind, heading_kind
from domain.parsing.lines import Line
from domain.parsing.parser import parse_document
from tests.unit.parsing.samples import TODAY, document


def _line(text: str, index: int = 5) -> Line:
    return Line(index, text, 0, len(text), 1, bullet=False, blank_before=True)


def test_letter_spaced_headings_with_and_without_their_word_gaps() -> None:
    assert heading_kind(_line("W O R K   E X P E R I E N C E")) is (
        SectionKind.EXPERIENCE
    )
    assert heading_kind(_line("E X E C U T I V E S U M M A R Y")) is (
        SectionKind.SUMMARY
    )
    assert heading_kind(
        _line("E D U C A T I O N A N D Q U A L I F I C A T I O N S")
    ) is (SectionKind.EDUCATION)
    assert heading_kind(_line("S P O K E N   L A N G U A G E S")) is (
        SectionKind.LANGUAGES
    )


def test_community_involvement_is_volunteering() -> None:
    assert heading_kind(_line("Community Involvement")) is SectionKind.VOLUNTEER


BANNER = """\
RÉSUMÉ
RAGHUNATHAN, Priya
098250 37727  \u25c6  raghunathan.priya@example.com  \u25c6  Bangalore, India

Experience
Data Analyst, Zillow Group
Jun 2019 - Apr 2022
"""


def test_a_title_over_an_inverted_name_and_a_diamond_contact_line() -> None:
    """ "RÉSUMÉ" over the name is no summary heading; "FAMILY, Given" reads in
    the usual order; ◆ parts the contact values."""
    parsed = parse_document(document(BANNER), today=TODAY)
    assert parsed.name is not None
    assert parsed.name.value == "Priya Raghunathan"
    assert parsed.location is not None
    assert parsed.location.value == "Bangalore, India"
    assert parsed.summary is None
    assert [j.title.value for j in parsed.experience if j.title] == ["Data Analyst"]


def test_an_inverted_name_with_a_particle_and_credentials_are_not_inverted() -> None:
    text = "VAN DER BERG, Marcus\nmvdb@example.com\n\nExperience\n"
    parsed = parse_document(document(text), today=TODAY)
    assert parsed.name is not None
    assert parsed.name.value == "Marcus van der Berg"
    text = "JOHN SMITH, RN\njsmith@example.com\n\nExperience\n"
    parsed = parse_document(document(text), today=TODAY)
    assert parsed.name is not None
    assert parsed.name.value == "JOHN SMITH"


ROLES = """\
Jane Doe
jane@example.com

Experience
Deloitte, Sydney
Jun 2024 - Present   Accounting Manager
- Prepared consolidated statements.
Jul 2022 - May 2024   Financial Analyst
- Built the budget model.
Aug 2019 - Jun 2022   Senior Accountant
Grant Thornton, Sydney
- Audited vendors.
"""


def test_several_roles_under_one_company_line() -> None:
    parsed = parse_document(document(ROLES), today=TODAY)
    assert [
        (j.title and j.title.value, j.company and j.company.value)
        for j in parsed.experience
    ] == [
        ("Accounting Manager", "Deloitte"),
        ("Financial Analyst", "Deloitte"),
        ("Senior Accountant", "Grant Thornton"),
    ]


LANGUAGE_TABLE = """\
Jane Doe
jane@example.com

Languages
English   Native speaker
French
B2
"""


def test_a_language_table_row_on_one_line_or_two() -> None:
    parsed = parse_document(document(LANGUAGE_TABLE), today=TODAY)
    assert [(x.name, x.proficiency, x.cefr) for x in parsed.languages] == [
        ("English", "native", None),
        ("French", "intermediate", "B2"),
    ]


def test_a_tab_or_a_wide_gap_inside_a_line_stays_a_gap() -> None:
    assert normalize_text("Henkel\tAtlanta\n  Python      Expert  5 ") == (
        "Henkel   Atlanta\nPython   Expert 5"
    )


def _at(x0: float, y0: float, text: str, x1: float | None = None) -> PageLine:
    right = x1 if x1 is not None else x0 + 5 * len(text)
    return PageLine(x0, y0, right, y0 + 9.5, text, 9.5, False)


def test_flush_right_places_and_dates_on_consecutive_rows_read_across() -> None:
    """Company with its place flush right, title with its dates flush right."""
    lines = [
        _at(50, 100, "Nestlé"),
        _at(500, 100, "Singapore", 545),
        _at(50, 113, "Brand Manager"),
        _at(470, 113, "2025/06\u20132026/06", 545),
        _at(60, 126, "Grew organic traffic by 39% in one year."),
        _at(50, 139, "HubSpot"),
        _at(500, 139, "Singapore", 545),
        _at(50, 152, "Marketing Coordinator"),
        _at(470, 152, "2018/06\u20132021/01", 545),
        _at(60, 165, "Launched 20 email campaigns."),
    ]
    groups = order_lines(lines)
    assert [line.text for group in groups for line in group] == [
        line.text for line in lines
    ]


def test_a_table_second_column_beside_short_cells_reads_across() -> None:
    body = [
        _at(50, 20 + 13 * i, f"Body line number {i} of the page text") for i in range(6)
    ]
    rows = [
        _at(50, 120, "English"),
        _at(300, 120, "Native speaker"),
        _at(50, 133, "Hindi"),
        _at(300, 133, "Fluent"),
        _at(50, 146, "Turkish"),
        _at(300, 146, "A2"),
    ]
    groups = order_lines([*body, *rows])
    assert [line.text for group in groups for line in group][-6:] == [
        "English",
        "Native speaker",
        "Hindi",
        "Fluent",
        "Turkish",
        "A2",
    ]


SKILLS_TABLE = """\
Jane Doe
jane@example.com

Technical Proficiencies
Skill   Level   Years
Python   Expert   6
Kubernetes   Intermediate   2
"""


def test_a_skills_table_header_and_level_cells_are_no_skills() -> None:
    parsed = parse_document(document(SKILLS_TABLE), today=TODAY)
    assert [s.name for s in parsed.skills if s.source_section == "skills"] == [
        "Python",
        "Kubernetes",
    ]


WRAPPED = """\
Jane Doe
jane@example.com

Experience
Transport Planner \u2014 Kuehne + Nagel, London (May 2021\u2013Jan.
2023)
- Cut shipping costs by 28%.
"""


def test_a_header_wrapped_inside_its_brackets() -> None:
    parsed = parse_document(document(WRAPPED), today=TODAY)
    job = parsed.experience[0]
    values = [
        x.value if x else None for x in (job.title, job.company, job.start, job.end)
    ]
    assert values == ["Transport Planner", "Kuehne + Nagel", "2021-05", "2023-01"]


MARGIN = """\
Jane Doe
jane@example.com

Experience
                      Unilever, Paris
Spring 2024 - Ongoing   Finance Controller
- Closed the books 22 days faster.
Summer 2021 - Summer 2024   Senior Accountant
- Built the budget model.
"""


def test_dates_in_a_margin_column_before_the_title() -> None:
    """moderncv-like: the dates in a column of their own, the company on a line of
    its own above both roles."""
    parsed = parse_document(document(MARGIN), today=TODAY)
    assert [
        (
            j.title and j.title.value,
            j.company and j.company.value,
            j.start and j.start.value,
        )
        for j in parsed.experience
    ] == [
        ("Finance Controller", "Unilever", "2024-03"),
        ("Senior Accountant", "Unilever", "2021-06"),
    ]


MIXED = """\
Jane Doe
jane@example.com

Skills Summary
Salesforce, Slack

Positions Held
Xerox \u00b7 Bangalore
Key Account Manager   2023/01 - Present
- Grew revenue by 25%.
Regional Sales Manager   2020/03 - 2022/12
- Exceeded quota by 30%.
Sales Representative   2017/01 - 2020/03
Oracle \u00b7 Bangalore
- Opened 37 accounts.
Sales Associate   2014/03 - 2016/10
Procter & Gamble \u00b7 Bangalore
- Negotiated renewals.
"""


def test_two_roles_under_a_company_line_beside_jobs_with_the_company_below() -> None:
    parsed = parse_document(document(MIXED), today=TODAY)
    assert [j.company.value if j.company else None for j in parsed.experience] == [
        "Xerox",
        "Xerox",
        "Oracle",
        "Procter & Gamble",
    ]
    assert [s.name for s in parsed.skills if s.source_section == "skills"] == [
        "Salesforce",
        "Slack",
    ]


WRAPPED_HEADING = """\
Jane Doe
jane@example.com

S K I L L S
S U M M A R Y
Salesforce, Slack
Google Ads
C E R T I F I C A T I O N S
&   L I C E N S E S
PMP, 2021
S P O K E N
L A N G U A G E S
English (Native)
"""


def test_a_letter_spaced_heading_wrapped_by_a_narrow_column() -> None:
    parsed = parse_document(document(WRAPPED_HEADING), today=TODAY)
    assert parsed.summary is None
    assert [s.name for s in parsed.skills if s.source_section == "skills"] == [
        "Salesforce",
        "Slack",
        "Google Ads",
    ]
    assert [c.value for c in parsed.certifications] == ["PMP"]
    assert [(x.name, x.proficiency) for x in parsed.languages] == [
        ("English", "native")
    ]


def test_cells_on_shared_baselines_read_across() -> None:
    """A contact line set in tab-separated cells over a skills table: every cell
    right of the gutter sits on the baseline of a line left of it."""
    lines = [
        _at(50, 50, "Sydney, Australia"),
        _at(215, 50, "0477 048 986"),
        _at(380, 50, "tariq@example.com"),
        _at(50, 80, "EXPERTISE"),
        _at(50, 95, "Skill"),
        _at(215, 95, "Level"),
        _at(50, 108, "search engine optimisation"),
        _at(215, 108, "Expert"),
        _at(50, 121, "MailChimp"),
        _at(215, 121, "Advanced"),
    ]
    groups = order_lines(lines)
    assert [line.text for group in groups for line in group] == [
        line.text for line in lines
    ]


def test_a_two_cell_table_inside_a_sidebar_reads_across() -> None:
    lines = [
        _at(420, 100, "English"),
        _at(500, 100, "Native"),
        _at(420, 113, "Dutch"),
        _at(500, 113, "Beginner"),
        _at(420, 126, "Hindi"),
        _at(500, 126, "B1"),
    ]
    groups = order_lines(lines)
    assert [line.text for group in groups for line in group] == [
        line.text for line in lines
    ]


def test_a_skill_with_its_level_after_a_dash_is_a_list_item() -> None:
    text = (
        "Jane Doe\njane@example.com\n\nSkills & Tools\n"
        "social media marketing \u2013 Advanced\nwound care \u2013 Expert\n"
    )
    parsed = parse_document(document(text), today=TODAY)
    assert [s.name for s in parsed.skills if s.source_section == "skills"] == [
        "apply social media marketing",
        "carry out wound care",
    ]
