"""The DataTurks scorecard's education truth, on hand-made Indeed exports with
exact values: entries read from the export's template, and graduation-year spans
read as the label defines them."""

from tests.bench.scorecard_indeed_education import (
    labelled_graduation_years,
    template_education,
)

EXPORT = (
    "Jane Doe\nindeed.com/r/Jane-Doe/0a1b\n\nWORK EXPERIENCE\n\nEngineer\n\n"
    "Acme Corp -  Pune, Maharashtra -\n\nJune 2015 to Present\n\n"
    "EDUCATION\n\n"
    "B.Tech in Computer Science\n\n"
    "City Institute of Technology -  Pune, Maharashtra\n\n"
    "2011 to 2015\n\n"
    "HSC\n\nState Board\n\n2011\n\n"
    "https://www.indeed.com/r/Jane-Doe/0a1b?isid=rex-download\n\n"
    "Lakeview High School -  Pune, Maharashtra\n\n2009\n\n"
    "Diploma in Networking\n\nstray line\n\nNet Academy\n\n2008\n\n"
    "CBSE\n\n2007\n\n"
    "Bachelor of Engineering in Electronics and\nCommunication\n\n"
    "Old University (Main Campus) -\nPune, Maharashtra\n\n2006 to Present\n\n"
    "SKILLS\n\nJava\n"
)


def test_template_entries_are_read_where_the_template_fixes_them():
    assert template_education(EXPORT) == [
        {
            "degree": "B.Tech in Computer Science",
            "school": "City Institute of Technology",
            "year": 2015,
        },
        {"degree": "HSC", "school": "State Board", "year": 2011},
        # The page footer is no line of the entry; no degree line before it.
        {"degree": None, "school": "Lakeview High School", "year": 2009},
        # Three lines before a date, and one line alone ("CBSE"), are ambiguous.
        # A wrapped degree is left out; a school cut before its place is read.
        {"degree": None, "school": "Old University (Main Campus)", "year": None},
    ]


def test_no_education_heading_gives_no_entries():
    assert template_education("WORK EXPERIENCE\n\nEngineer\n") == []


def _span(text: str, content: str, nth: int = 0) -> tuple[int, str]:
    at = -1
    for _ in range(nth + 1):
        at = content.index(text, at + 1)
    return at, text


def test_graduation_years_read_as_the_label_defines_them():
    content = (
        "WORK EXPERIENCE\n\nEngineer\n\nAcme -  Pune -\n\nJune 2015 to Present\n\n"
        "Used Exchange Server 2013\n\nMBA from Metro University (2015)\n\n"
        "EDUCATION\n\nMBA\n\nMetro University\n\n2013 to 2015\n\n"
        "BSc\n\nCity College\n\n2010\n\nSKILLS\n\nJava\n"
    )
    points = {
        "year": [
            _span("2015", content),  # a job's dates: dropped
            _span("2013", content),  # a product version: dropped
            _span("2015", content, 2),  # beside a labelled school: kept
            _span("2013", content, 1),  # a range's first year: its end
            _span("2010", content),
        ],
        "school": [_span("Metro University", content)],
        "degree": [],
    }

    assert labelled_graduation_years(content, points) == ["2015", "2015", "2010"]


def test_a_span_off_its_stated_offset_is_found_nearby():
    content = "EDUCATION\n\nBSc\n\nCity College\n\n2009 to 2012\n\nSKILLS\n"
    at = content.index("2009")

    assert labelled_graduation_years(content, {"year": [(at - 4, "2009")]}) == ["2012"]
