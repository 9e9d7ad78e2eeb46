"""Job headers read by line: the whole title line when the company has a line of
its own, the company line nearest the title, and the layout a resume repeats."""

import pytest

from domain.parsing.experience import parse_experience
from domain.parsing.lines import split_lines
from tests.unit.parsing.samples import document


def _rows(text: str) -> list[tuple[str | None, ...]]:
    def value(field):
        return field.value if field else None

    lines = split_lines(document(text))
    return [
        (value(j.title), value(j.company), value(j.start), value(j.end))
        for j, _ in parse_experience(lines, lines)
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Lead Engineer - Automation & Testing\nGlobex Corp - Austin, TX -\n"
            "March 2019 to Present",
            "Lead Engineer - Automation & Testing",
        ),
        (
            "QA Engineer at Initech\nGlobex Corp -\nMarch 2019 to Present",
            "QA Engineer at Initech",
        ),
        ("Data Analyst | Full-time\nGlobex Corp\nMarch 2019 - Present", "Data Analyst"),
        (
            "Team lead - supplier data management\nGlobex Corp -\n"
            "March 2019 to Present",
            "Team lead - supplier data management",
        ),
        (
            "System Engineer, Infosys Limited, India\nGlobex Corp -\n"
            "March 2019 to Present",
            "System Engineer, Infosys Limited",  # the country is the place
        ),
    ],
)
def test_title_line_is_read_whole_when_the_company_has_its_own_line(text, title):
    assert _rows(text) == [(title, "Globex Corp", "2019-03", None)]


def test_the_company_line_nearest_the_title_and_the_dates_wins():
    text = "Oracle\nTest Analyst\nInfosys Ltd -\nNovember 2011 to February 2016"

    assert _rows(text) == [("Test Analyst", "Infosys Ltd", "2011-11", "2016-02")]


def test_entries_are_read_by_the_layout_the_resume_repeats():
    text = (
        "Shift Supervisor\nNorthwind Traders -\nJan 2019 to Present\n- Ran shifts\n"
        "Analyst\nContoso Ltd -\nJan 2017 to Dec 2018\n- Wrote reports\n"
        "data entry\nWoodgrove Bank -\nJan 2015 to Dec 2016\n- Typed forms\n"
        "Fabrikam -\nJan 2013 to Dec 2014\n- Filed records\n"
    )

    assert _rows(text) == [
        ("Shift Supervisor", "Northwind Traders", "2019-01", None),
        ("Analyst", "Contoso Ltd", "2017-01", "2018-12"),
        ("data entry", "Woodgrove Bank", "2015-01", "2016-12"),
        (None, "Fabrikam", "2013-01", "2014-12"),
    ]


def test_a_web_address_between_header_lines_is_passed_over():
    text = (
        "Software Engineer\nGlobex -\nJan 2019 to Dec 2020\n- Built the API\n"
        "QA Analyst\nhttps://www.indeed.com/r/Jane-Doe/12ab\nInitech -\n"
        "Jan 2017 to Dec 2018\n"
    )

    assert _rows(text) == [
        ("Software Engineer", "Globex", "2019-01", "2020-12"),
        ("QA Analyst", "Initech", "2017-01", "2018-12"),
    ]


def test_a_label_ending_in_a_colon_is_no_header_line():
    text = "Acme Corp\nJan 2019 - Dec 2020\nKey Projects:\n- Built the billing API"

    assert _rows(text) == [(None, "Acme Corp", "2019-01", "2020-12")]


def test_a_company_may_end_in_an_abbreviation_with_a_period():
    text = "Application Developer\nIBM India Pvt. Ltd. -\nApril 2011 to March 2018"

    assert _rows(text) == [
        ("Application Developer", "IBM India Pvt. Ltd.", "2011-04", "2018-03")
    ]


def test_a_lone_name_written_with_a_place_is_the_company():
    assert _rows("Globex - Austin, TX -\nJan 2000 to Dec 2001") == [
        (None, "Globex", "2000-01", "2001-12")
    ]


def test_a_dash_joins_a_department_but_not_a_second_company():
    text = (
        "Process Associate\nDeutsche Bank - Infosys BPO Ltd -\nJan 2010 to Dec 2012\n"
        "- Payments\nProcess Associate\nAmerican Express - Infosys BPO Ltd -\n"
        "Jan 2008 to Dec 2009\n- Cards\nMentor\n"
        "Engineering Program \u2013 State Polytechnic University\nJan 2006 to Dec 2007"
    )

    assert [company for _, company, _, _ in _rows(text)] == [
        "Deutsche Bank",
        "American Express",
        "Engineering Program \u2013 State Polytechnic University",
    ]
