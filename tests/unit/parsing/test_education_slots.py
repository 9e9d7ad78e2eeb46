"""Education sections that write each entry as degree, school, then date, where
some slot holds words no rule recognises: the layout, not the words, says which
line is which ("Data Analytics" over "Coastal Polytechnic" over "2019")."""

from tests.unit.parsing.test_education import _rows


def test_an_unmarked_line_over_the_first_school_makes_every_degree_open_an_entry():
    text = (
        "Operations Research\nLakeside Institute of Management\nJune 2019\n"
        "B.Com in Accounting\nRiverbend College of Commerce\n2016\n"
        "Intermediate\nSunrise Junior College\n2013"
    )

    assert _rows(text) == [
        (
            "Operations Research",
            "other",
            None,
            "Lakeside Institute of Management",
            2019,
        ),
        (
            "B.Com in Accounting",
            "bachelor",
            "Accounting",
            "Riverbend College of Commerce",
            2016,
        ),
        ("Intermediate", "high_school", None, "Sunrise Junior College", 2013),
    ]


def test_without_dates_a_degree_under_a_school_opens_the_next_entry():
    text = (
        "Growth Marketing\nNorthwind Academy -  Austin, TX\n"
        "Bachelor of Arts in Economics\nHillcrest University"
    )

    assert _rows(text) == [
        ("Growth Marketing", "other", None, "Northwind Academy", None),
        (
            "Bachelor of Arts in Economics",
            "bachelor",
            "Economics",
            "Hillcrest University",
            None,
        ),
    ]


def test_a_first_date_under_two_unmarked_lines_keeps_to_their_entry():
    text = (
        "Applied Botany\nEastern Provinces Trust\n2017\n"
        "M.Sc in Chemistry\nGreenfield Science College -  Pune, Maharashtra\n2015\n"
        "B.Sc in Chemistry\nMaple Degree College -  Nashik, Maharashtra\n2013"
    )

    assert _rows(text) == [
        ("Applied Botany", "other", None, "Eastern Provinces Trust", 2017),
        (
            "M.Sc in Chemistry",
            "master",
            "Chemistry",
            "Greenfield Science College",
            2015,
        ),
        (
            "B.Sc in Chemistry",
            "bachelor",
            "Chemistry",
            "Maple Degree College",
            2013,
        ),
    ]


def test_a_page_footer_between_a_degree_slot_and_its_school_is_passed_over():
    text = (
        "MBA in Operations\nWestgate Institute of Business\n2018 to 2020\n"
        "Sanskrit\n"
        "https://www.indeed.com/r/Jane-Roe/9f8e7d?isid=rex-download\n"
        "Holy Cross higher secondary school\n2012"
    )

    assert _rows(text)[1] == (
        "Sanskrit",
        "high_school",
        None,
        "Holy Cross higher secondary school",
        2012,
    )


def test_a_board_written_in_lower_case_after_a_capital_is_a_school_leaving_board():
    text = "B.A. in History\nRiverside College\n2016\nKerala board\n2012"

    assert _rows(text)[1] == (None, "high_school", None, "Kerala board", 2012)


def test_a_school_and_its_board_after_a_comma_are_one_name():
    text = "SSC\nGreen Valley High School, Gujarat board -  Surat, Gujarat\n2009"

    assert _rows(text) == [
        (
            "SSC",
            "high_school",
            None,
            "Green Valley High School, Gujarat board",
            2009,
        )
    ]


def test_a_school_named_for_the_years_before_university_gives_the_level():
    text = (
        "B B M in Finance\nLakeview College of Commerce\n2014\n"
        "Maths and Physics\nSt. Ann's Jr. College\n2011\n"
        "Diploma in Electronics\nGreenfield Polytechnic College\n2010\n"
        "Holy Family Convent School\n2008"
    )

    assert [(degree, level) for degree, level, *_ in _rows(text)] == [
        ("B B M in Finance", "bachelor"),
        ("Maths and Physics", "high_school"),
        ("Diploma in Electronics", "other"),
        (None, "high_school"),
    ]


def test_a_certificate_named_after_the_level_is_no_field_of_study():
    text = "Higher Secondary Certificate\nSt. Mary's College\n2006"

    assert _rows(text) == [
        (
            "Higher Secondary Certificate",
            "high_school",
            None,
            "St. Mary's College",
            2006,
        )
    ]


def test_degrees_under_one_school_heading_share_it():
    text = "Makerere University\nMA Economics, 2021\nBA Economics, 2018"

    assert _rows(text) == [
        ("MA Economics", "master", "Economics", "Makerere University", 2021),
        ("BA Economics", "bachelor", "Economics", "Makerere University", 2018),
    ]


def test_a_place_alone_above_the_first_date_is_no_school_slot():
    # A place is no name of a school: the slot rule passes it over (it used to
    # stop the parse with StopIteration).
    text = (
        "Austin, TX\n2016\nB.S. in Physics\nRice University\n2012\n"
        "M.S. in Physics\nBaylor University\n2014"
    )

    assert [(d, s) for d, _, _, s, _ in _rows(text)] == [
        ("B.S. in Physics", "Rice University"),
        ("M.S. in Physics", "Baylor University"),
    ]


def test_a_name_between_two_degrees_keeps_the_first_school_from_the_second():
    text = (
        "Duke University, Durham, NC\nM.S. Statistics, 2018\n"
        "UNC Chapel Hill\nB.S. Mathematics, 2016"
    )

    assert [(d, s) for d, _, _, s, _ in _rows(text)] == [
        ("M.S. Statistics", "Duke University"),
        ("B.S. Mathematics", None),
    ]


def test_a_degree_wrapped_onto_a_line_opening_with_and_stays_whole():
    text = (
        "Bachelor of Technology in Electrical\nand Electronics Engineering\n"
        "Vellore Institute of Technology -  Vellore, Tamil Nadu\n2015\n"
        "Commerce stream\nSt. Xavier's Higher Secondary School\n2011"
    )

    assert [(d, s) for d, _, _, s, _ in _rows(text)] == [
        (
            "Bachelor of Technology in Electrical and Electronics Engineering",
            "Vellore Institute of Technology",
        ),
        ("Commerce stream", "St. Xavier's Higher Secondary School"),
    ]


def test_a_council_or_board_that_awards_a_certificate_is_the_school():
    text = "Council of Higher Secondary Education\n2009\nBoard of Intermediate\n2007"

    assert _rows(text) == [
        (None, "high_school", None, "Council of Higher Secondary Education", 2009),
        (None, "high_school", None, "Board of Intermediate", 2007),
    ]


def test_a_degree_naming_its_own_school_does_not_share_the_one_above():
    text = (
        "Leeds Beckett University\nMSc Sport Science, 2015\n"
        "BSc Physiology University of Hull"
    )

    assert [(d, s) for d, _, _, s, _ in _rows(text)] == [
        ("MSc Sport Science", "Leeds Beckett University"),
        ("BSc Physiology University of Hull", None),
    ]


def test_a_school_and_its_city_after_commas_are_split_unless_a_board_follows():
    text = "SSC\nHoly Cross High School, Kalamassery, Ernakulam\n2008"

    assert _rows(text) == [("SSC", "high_school", None, "Holy Cross High School", 2008)]
