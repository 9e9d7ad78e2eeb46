"""Education entries laid out line by line, as plain-text exports write them
("Degree in Field / School -  City / Year"): parts no word marks, entry bounds,
table headings, fields after commas."""

import pytest

from tests.unit.parsing.test_education import _rows


def test_degree_school_year_lines_with_acronym_schools_and_boards():
    text = (
        "B.Tech in Engineering\nGGSIPU -  New Delhi, Delhi\n2015\n"
        "https://www.indeed.com/r/Jane-Doe/0a1b?isid=rex-download\n"
        "HSC\nMaharashtra Board\nMarch 2011\n"
        "State Board\n2009"
    )

    assert _rows(text) == [
        ("B.Tech in Engineering", "bachelor", None, "GGSIPU", 2015),
        ("HSC", "high_school", None, "Maharashtra Board", 2011),
        (None, "high_school", None, "State Board", 2009),
    ]


def test_the_line_above_a_school_in_an_entry_without_degree_is_its_degree():
    text = (
        "Statistics and Probability\nManipal University\nMay 2018\n"
        "B. Tech in Electronics\nMIT, Manipal University\nMay 2016"
    )

    assert _rows(text) == [
        ("Statistics and Probability", "other", None, "Manipal University", 2018),
        (
            "B. Tech in Electronics",
            "bachelor",
            "Electronics",
            "MIT, Manipal University",
            2016,
        ),
    ]


def test_a_section_that_ends_with_a_date_closes_each_entry_with_its_date():
    text = (
        "Birla Institute Of Technology -  Pilani, Rajasthan\n2011\n"
        "Bachelor of Technology in Computer Science\n"
        "University College Of Engineering\n2005 to 2009"
    )

    assert _rows(text) == [
        (None, "other", None, "Birla Institute Of Technology", 2011),
        (
            "Bachelor of Technology in Computer Science",
            "bachelor",
            "Computer Science",
            "University College Of Engineering",
            2009,
        ),
    ]


def test_a_degree_under_the_school_and_its_date_stays_in_its_entry():
    text = "University of Illinois Urbana-Champaign\n2017\nB.S. in Computer Science"

    assert _rows(text) == [
        (
            "B.S. in Computer Science",
            "bachelor",
            "Computer Science",
            "University of Illinois Urbana-Champaign",
            2017,
        )
    ]


@pytest.mark.parametrize(
    "heading", ["University / Board", "Institute/Board", "Board/ University"]
)
def test_a_column_heading_is_no_school(heading):
    text = f"B.E. in ENC\nNorth Maharashtra University\n2017\n{heading}"

    assert _rows(text) == [
        ("B.E. in ENC", "bachelor", "ENC", "North Maharashtra University", 2017)
    ]


def test_degree_letters_before_a_school_word_name_the_school():
    assert _rows("B.SC.\nMS University -  Tirunelveli, Tamil Nadu\nSeptember 2006") == [
        ("B.SC.", "bachelor", None, "MS University", 2006)
    ]


def test_subjects_after_a_degree_and_a_comma_stay_with_it():
    text = (
        "CBSE in Physics, Chemistry, Mathematics\n"
        "Rashtriya Military School -  Bengaluru, Karnataka\n2010 to 2011"
    )

    assert _rows(text) == [
        (
            "CBSE in Physics, Chemistry, Mathematics",
            "high_school",
            "Physics, Chemistry, Mathematics",
            "Rashtriya Military School",
            2011,
        )
    ]


def test_a_grade_after_a_degree_and_a_comma_is_no_subject():
    rows = _rows("B.Sc in Physics, CGPA: 8.2, Osmania University, 2012")

    assert rows == [
        ("B.Sc in Physics", "bachelor", "Physics", "Osmania University", 2012)
    ]
