"""Education entries: degree levels, fields, institutions, dates."""

import pytest

from domain.parsing.education import parse_education
from domain.parsing.education_words import degree_level, names_institution
from domain.parsing.lines import split_lines
from domain.parsing.model import Education, EducationLevel
from tests.unit.parsing.samples import document


def _entries(text: str) -> list[Education]:
    lines = split_lines(document(text))
    return parse_education(lines, lines)


def _rows(text: str) -> list[tuple[object, ...]]:
    def value(field):
        return field.value if field else None

    return [
        (
            value(e.degree),
            e.level.value,
            value(e.field),
            value(e.institution),
            value(e.graduation_year),
        )
        for e in _entries(text)
    ]


@pytest.mark.parametrize(
    ("degree", "level"),
    [
        ("PhD in Physics", EducationLevel.DOCTORATE),
        ("Ph.D., Applied Mathematics", EducationLevel.DOCTORATE),
        ("Doctor of Philosophy", EducationLevel.DOCTORATE),
        ("Master of Science in Data Science", EducationLevel.MASTER),
        ("MSc Economics", EducationLevel.MASTER),
        ("MBA", EducationLevel.MASTER),
        ("M.Eng. Civil Engineering", EducationLevel.MASTER),
        ("MA History", EducationLevel.MASTER),
        ("Bachelor of Arts", EducationLevel.BACHELOR),
        ("BSc (Hons) Biology", EducationLevel.BACHELOR),
        ("B.S. Computer Science", EducationLevel.BACHELOR),
        ("B.Tech in Electronics", EducationLevel.BACHELOR),
        ("B. Tech in Electronics", EducationLevel.BACHELOR),
        ("B.E in Computer Science Engineering", EducationLevel.BACHELOR),
        ("B.com", EducationLevel.BACHELOR),
        ("M.TECH. in VLSI", EducationLevel.MASTER),
        ("S.S.C in computer science", EducationLevel.HIGH_SCHOOL),
        ("CBSE", EducationLevel.HIGH_SCHOOL),
        ("B.Eng Mechanical", EducationLevel.BACHELOR),
        ("Licence en informatique", EducationLevel.BACHELOR),
        ("Associate of Applied Science", EducationLevel.ASSOCIATE),
        ("Associate degree, H.R. Management", EducationLevel.ASSOCIATE),
        ("High School Diploma", EducationLevel.HIGH_SCHOOL),
        ("GED", EducationLevel.HIGH_SCHOOL),
        ("A-Levels: Maths, Physics", EducationLevel.HIGH_SCHOOL),
        ("Baccalauréat scientifique", EducationLevel.HIGH_SCHOOL),
        ("Certificate in Project Management", EducationLevel.OTHER),
    ],
)
def test_degree_keywords_give_the_level(degree, level):
    found = degree_level(degree)

    assert found is not None
    assert found[0] is level


def test_state_code_after_a_city_is_no_degree():
    assert degree_level("Boston, MA") is None


def test_degree_then_institution_with_a_range():
    text = (
        "Master of Science in Computer Science\n"
        "Ridgemont State University | 2019 - 2021"
    )

    entries = _entries(text)

    assert _rows(text) == [
        (
            "Master of Science in Computer Science",
            "master",
            "Computer Science",
            "Ridgemont State University",
            2021,
        )
    ]
    assert (entries[0].start.value, entries[0].end.value) == ("2019-01", "2021-01")


def test_one_line_degree_comma_institution():
    assert _rows("B.S. in Computer Science, Ridgemont State University, 2016") == [
        (
            "B.S. in Computer Science",
            "bachelor",
            "Computer Science",
            "Ridgemont State University",
            2016,
        )
    ]


def test_institution_dash_degree():
    assert _rows("State University \u2014 B.F.A. in Graphic Design\n2013 - 2017") == [
        (
            "B.F.A. in Graphic Design",
            "bachelor",
            "Graphic Design",
            "State University",
            2017,
        )
    ]


def test_field_after_a_comma_is_part_of_the_degree():
    text = "Sep 2019 - May 2021\nAssociate degree, H.R. Management, Bellows College"

    assert _rows(text) == [
        (
            "Associate degree, H.R. Management",
            "associate",
            "H.R. Management",
            "Bellows College",
            2021,
        )
    ]


def test_institution_first_entries_split_at_each_institution():
    text = (
        "Lakeside Institute of Technology\nSeattle, WA\nB.S. in Computer Science\n"
        "Sep. 2024 \u2013 Jun. 2027\n- Incoming Courses: Deep Learning\n"
        "Northgate State University\nHoboken, NJ\nB.S. in Computer Science\n"
        "Sep. 2022 \u2013 May 2024\n"
    )

    assert [row[3:] for row in _rows(text)] == [
        ("Lakeside Institute of Technology", 2027),
        ("Northgate State University", 2024),
    ]


def test_place_and_year_are_cut_off_the_institution():
    assert _rows(
        "B.S. Computer Science\nUniversity of Texas, Austin, TX\nState College, 2013"
    ) == [
        (
            "B.S. Computer Science",
            "bachelor",
            "Computer Science",
            "University of Texas",
            None,
        ),
        (None, "other", None, "State College", 2013),
    ]


def test_coursework_and_gpa_lines_are_skipped():
    text = (
        "University of Illinois Urbana-Champaign\nBachelor of Science, 2017\n"
        "GPA: 3.8/4.0\nRelevant Coursework: Databases, Compilers"
    )

    assert _rows(text) == [
        (
            "Bachelor of Science",
            "bachelor",
            None,
            "University of Illinois Urbana-Champaign",
            2017,
        )
    ]


def test_high_school_without_degree_word():
    assert _rows("Lincoln High School, 2010") == [
        (None, "high_school", None, "Lincoln High School", 2010)
    ]


def test_graduation_year_has_evidence():
    text = "Delft University of Technology\nMSc Computer Science, 2015"

    entry = _entries(text)[0]

    assert entry.graduation_year is not None
    assert entry.graduation_year.evidence is not None
    evidence = entry.graduation_year.evidence
    assert (entry.graduation_year.value, text[evidence.start : evidence.end]) == (
        2015,
        "2015",
    )


def test_year_first_lines_give_each_degree_its_own_year():
    text = (
        "2014 Ph.D., Molecular Biology, Massachusetts Institute of Technology\n"
        "2008 B.S., Biochemistry, Northgate State University\n"
    )

    assert _rows(text) == [
        (
            "Ph.D., Molecular Biology",
            "doctorate",
            "Molecular Biology",
            "Massachusetts Institute of Technology",
            2014,
        ),
        (
            "B.S., Biochemistry",
            "bachelor",
            "Biochemistry",
            "Northgate State University",
            2008,
        ),
    ]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("BA (Hons) Business Management", "Business Management"),
        ("B.Sc. Hons Physics", "Physics"),
        (
            "B.Tech (Computer Science and Engineering)",
            "Computer Science and Engineering",
        ),
        ("Bachelor of Science (Honours) in Chemistry", "Chemistry"),
    ],
)
def test_field_after_honours_or_in_brackets(line, field):
    assert _rows(line + ", Northgate State University, 2014")[0][2] == field


@pytest.mark.parametrize(
    "school", ["Universidade do Porto", "Uniwersytet Warszawski", "Hogeschool Utrecht"]
)
def test_schools_named_in_their_own_language(school):
    assert _rows(f"MA Interaction Design, {school}, 2017")[0][3] == school


@pytest.mark.parametrize(
    ("degree", "level", "keyword"),
    [
        ("BSC in Computer science", EducationLevel.BACHELOR, "BSC"),
        ("B.SC.", EducationLevel.BACHELOR, "B.SC."),
        ("btech", EducationLevel.BACHELOR, "btech"),
        ("b.tech in computer science", EducationLevel.BACHELOR, "b.tech"),
        ("B- Tech", EducationLevel.BACHELOR, "B- Tech"),
        ("B E in Production Engineering", EducationLevel.BACHELOR, "B E"),
        ("B.C.A", EducationLevel.BACHELOR, "B.C.A"),
        ("BBM in education", EducationLevel.BACHELOR, "BBM"),
        ("BACHELOR OF SCIENCE in Electronics", EducationLevel.BACHELOR, "BACHELOR"),
        ("MSC in Computer science", EducationLevel.MASTER, "MSC"),
        ("mba in human resource", EducationLevel.MASTER, "mba"),
        ("M.S in Software Systems", EducationLevel.MASTER, "M.S"),
        ("M.C.A", EducationLevel.MASTER, "M.C.A"),
        ("masters in journalism", EducationLevel.MASTER, "masters"),
        ("BTEC HNC in Aviation", EducationLevel.ASSOCIATE, "HNC"),
        ("Class XII", EducationLevel.HIGH_SCHOOL, "Class XII"),
        ("12th in Mathematics", EducationLevel.HIGH_SCHOOL, "12th"),
        ("+2 Science in Science", EducationLevel.HIGH_SCHOOL, "+2"),
        ("Intermediate (MPC)", EducationLevel.HIGH_SCHOOL, "Intermediate"),
        ("'A' Level in Computer Application", EducationLevel.HIGH_SCHOOL, "'A' Level"),
        ("PGDBM in Business Management", EducationLevel.OTHER, "PGDBM"),
        ("PG-DAC", EducationLevel.OTHER, "PG-DAC"),
        ("P.G.D.C.A in Computer Applications", EducationLevel.OTHER, "P.G.D.C.A"),
    ],
)
def test_degree_spellings_of_any_case_and_indian_school_years(degree, level, keyword):
    found = degree_level(degree)

    assert found is not None
    assert (found[0], found[1].group(0)) == (level, keyword)


@pytest.mark.parametrize(
    "text", ["MS Excel", "MS-Office 2010", "Intermediate Spanish", "10th of May"]
)
def test_product_names_and_other_words_are_no_degree(text):
    assert degree_level(text) is None


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("R.D.S COLLEGE", True),
        ("Vani Jr college", True),
        ("Maharashtra Board", True),
        ("U.P. Board", True),
        ("Board of Secondary Education", True),
        ("Amity", False),
        ("won the inter college quiz and led the robotics club for two years", False),
    ],
)
def test_school_words_in_any_case_in_a_short_name(text, named):
    assert names_institution(text) is named
