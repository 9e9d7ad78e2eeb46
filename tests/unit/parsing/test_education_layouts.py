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
        "B. Tech in Electronics\nMIT, Manipal University\nMay 2016\n"
        "Statistics and Probability\nManipal University\nMay 2018"
    )

    assert _rows(text) == [
        (
            "B. Tech in Electronics",
            "bachelor",
            "Electronics",
            "MIT, Manipal University",
            2016,
        ),
        ("Statistics and Probability", "other", None, "Manipal University", 2018),
    ]


def test_a_section_whose_first_entry_ends_with_its_date_closes_each_entry_so():
    text = (
        "B.E. in CSE\nAtria Institute of Technology -  Bangalore, Karnataka\n2012\n"
        "Pre University College -  Bangalore, Karnataka\n2008\n"
        "C.B.S.E.\nSindhi High School -  Bangalore, Karnataka\n2006"
    )

    assert _rows(text) == [
        ("B.E. in CSE", "bachelor", "CSE", "Atria Institute of Technology", 2012),
        (None, "high_school", None, "Pre University College", 2008),
        ("C.B.S.E.", "high_school", None, "Sindhi High School", 2006),
    ]


def test_a_degree_under_the_school_and_its_date_stays_in_its_entry():
    text = (
        "University of Illinois Urbana-Champaign\n2017\nB.S. in Computer Science\n"
        "B.A. Japanese\nKwansei Gakuin University\n2024 - 2025"
    )

    assert _rows(text) == [
        (
            "B.S. in Computer Science",
            "bachelor",
            "Computer Science",
            "University of Illinois Urbana-Champaign",
            2017,
        ),
        ("B.A. Japanese", "bachelor", "Japanese", "Kwansei Gakuin University", 2025),
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


def test_a_lower_case_high_school_name_is_the_school_of_a_certificate():
    assert _rows("SSC\npragathi high school\n2010") == [
        ("SSC", "high_school", None, "pragathi high school", 2010)
    ]


def test_a_name_under_a_lone_degree_is_its_school_before_the_next_school_line():
    text = "BSc in Computer Science\nvasundhara womens\n2015\nnarayana jr.college\n2012"

    assert _rows(text) == [
        (
            "BSc in Computer Science",
            "bachelor",
            "Computer Science",
            "vasundhara womens",
            2015,
        ),
        (None, "high_school", None, "narayana jr.college", 2012),
    ]


def test_a_subject_line_between_degree_and_school_is_no_school():
    text = "Bachelor of Science\nComputer Science\nStanford University\n2016"

    assert [row[3:] for row in _rows(text)] == [("Stanford University", 2016)]


@pytest.mark.parametrize("aside", ["Minor in Rhetoric", "cum laude", "GPA 3.8"])
def test_a_minor_honours_or_grade_after_a_comma_is_no_subject(aside):
    assert _rows(f"B.S., Computer Science, {aside}\nGeorgia Tech\n2020")[0][:3] == (
        "B.S., Computer Science",
        "bachelor",
        "Computer Science",
    )


def test_a_short_word_under_a_lone_degree_is_no_school():
    assert _rows("Bachelor\nof\nArts\n2016") == [
        ("Bachelor", "bachelor", None, None, 2016)
    ]


def test_the_end_of_a_sentence_under_a_degree_is_neither_subject_nor_school():
    text = (
        "BA in Informatics and Economy, with a passion for a constant professional "
        "development\nand self-study."
    )

    assert _rows(text) == [
        (
            "BA in Informatics and Economy",
            "bachelor",
            "Informatics and Economy",
            None,
            None,
        )
    ]


def test_a_degree_between_two_schools_goes_with_the_one_below_where_degrees_lead():
    text = (
        "BE in Computer science\nSreenidhi Institute -  Hyderabad, Telangana\n"
        "August 2011 to June 2015\nNarayana Junior College -  Hyderabad, Telangana\n"
        "SSC\nVamshi High school -  Bodhan, Andhra Pradesh"
    )

    assert [(row[0], row[3]) for row in _rows(text)] == [
        ("BE in Computer science", "Sreenidhi Institute"),
        (None, "Narayana Junior College"),
        ("SSC", "Vamshi High school"),
    ]
