"""Dates written with a day, and Europass CVs: dates in a table's left cell, places
as "City (Country)", "Mother tongue(s)" / "Foreign language(s)" rows."""

from pathlib import Path

import pytest
from docx import Document

from domain.extraction.document import extract_document
from domain.parsing.dates import find_dates, find_ranges, parse_date
from domain.parsing.day_dates import numeric_order, numeric_order_of
from domain.parsing.languages import extract_languages, proficiency
from domain.parsing.lines import split_lines
from domain.parsing.model import Proficiency
from domain.parsing.parser import parse_document
from domain.parsing.places import location_region
from domain.parsing.sections import find_sections
from domain.parsing.skill_items import list_body
from tests.unit.parsing.samples import TODAY, document


def _range(text: str) -> tuple[str | None, str | None, str]:
    found = find_ranges(text)
    assert len(found) == 1
    r = found[0]
    end = r.end_date.iso if r.end_date else None
    return (r.start.iso if r.start else None, end, text[r.begin : r.end])


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("15/06/2015\u201328/02/2019", "2015-06", "2019-02"),
        ("15.06.2015 - 28.02.2019", "2015-06", "2019-02"),
        ("15. 6. 2015 \u2013 1. 2. 2019", "2015-06", "2019-02"),
        ("15-06-2015 to 28-02-2019", "2015-06", "2019-02"),
        ("2015-06-15 \u2013 2019-02-28", "2015-06", "2019-02"),
        ("15 June 2015 \u2013 28 February 2019", "2015-06", "2019-02"),
        ("15th of June 2015 until 28th February 2019", "2015-06", "2019-02"),
        ("June 15, 2015 - February 28, 2019", "2015-06", "2019-02"),
        ("03/15/2019 - 04/30/2020", "2019-03", "2020-04"),
        ("01.03.2019 \u2013 Present", "2019-03", None),
    ],
)
def test_ranges_of_dates_with_a_day_read_as_months(text, start, end):
    assert _range(text) == (start, end, text)


def test_a_range_with_a_day_leaves_the_header_around_it_whole():
    text = "Warehouse Supervisor 15/06/2015\u201328/02/2019 Raben Group"

    assert _range(text) == ("2015-06", "2019-02", "15/06/2015\u201328/02/2019")


def test_ambiguous_numeric_dates_follow_the_separator_convention():
    # Nothing tells the order: "." reads day first, "/" month first.
    assert parse_date("01.03.2019").iso == "2019-03"
    assert parse_date("01/03/2019").iso == "2019-01"
    assert parse_date("32/01/2019") is None


def test_the_documents_other_dates_tell_the_numeric_order():
    day_first = "01/03/2019 - Present\n15/06/2015 - 28/02/2019"
    month_first = "01/03/2019 - Present\n06/15/2015 - 02/28/2019"

    assert numeric_order(day_first) is True
    assert numeric_order(month_first) is False
    assert numeric_order("01/03/2019 - 02/04/2020") is None
    with numeric_order_of(day_first):
        assert parse_date("01/03/2019").iso == "2019-03"
    with numeric_order_of(month_first):
        assert parse_date("01.03.2019").iso == "2019-01"
    assert parse_date("01/03/2019").iso == "2019-01"


@pytest.mark.parametrize(
    "text",
    [
        "SQL Server 2008/2005",
        "(+48) 512 345 678",
        "ul. Długa 12, 00-238 Warszawa",
        "Server 10.1.20.2019",
        "version 1.2.2019.5",
    ],
)
def test_numbers_that_are_no_day_dates(text):
    assert [d for d in find_dates(text) if d.value.precision == "month"] == []


def test_a_city_with_its_country_in_brackets_is_a_place():
    assert location_region("Warsaw (Poland)") == "PL"
    assert location_region("Poznań (Poland)") == "PL"
    assert location_region("Developer (Paris)") is None


def _languages(text: str) -> list[tuple[str, str | None, str | None]]:
    lines = split_lines(document("Jane Doe\njane@example.com\n" + text))
    found = extract_languages(find_sections(lines), lines)
    return [(lang.name, lang.proficiency, lang.cefr) for lang in found]


def test_europass_language_rows():
    text = (
        "PERSONAL SKILLS\nMother tongue(s): Polish\n"
        "Foreign language(s): English C1, German B1\n"
    )

    assert _languages(text) == [
        ("Polish", "native", None),
        ("English", "professional", "C1"),
        ("German", "intermediate", "B1"),
    ]


def test_europass_grid_reads_its_most_frequent_level():
    assert proficiency("C1 C1 B2 B2 C1") == (Proficiency.PROFESSIONAL, "C1")
    assert proficiency("B2 C2 B2 C2 A2") == (Proficiency.FLUENT, "C2")
    assert _languages("LANGUAGE SKILLS\nEnglish C1 C1 B2 B2 C1\n") == [
        ("English", "professional", "C1")
    ]


def test_language_rows_list_no_skills_and_a_digital_skills_label_is_no_skill():
    lines = split_lines(
        document(
            "Mother tongue(s): Polish\nForeign language(s): English C1\n"
            "Digital skills: SAP ERP, Microsoft Excel\nLanguages: Python, Go\n"
        )
    )
    bodies = [list_body(line) for line in lines]

    assert [b.text if b else None for b in bodies] == [
        None,
        None,
        "SAP ERP, Microsoft Excel",
        "Python, Go",
    ]


def _europass_docx(path: Path) -> Path:
    doc = Document()
    for text in ("Curriculum Vitae", "Anna Nowak", "anna.nowak@example.pl"):
        doc.add_paragraph(text)
    doc.add_paragraph("WORK EXPERIENCE")
    table = doc.add_table(rows=0, cols=2)
    for dates, lines in [
        ("01/03/2019\u2013Present", ["Buyer", "Kaufland, Wrocław (Poland)"]),
        ("16/09/2014\u201328/02/2019", ["Sales Assistant", "IKEA, Gdańsk (Poland)"]),
    ]:
        row = table.add_row().cells
        row[0].text = dates
        row[1].text = lines[0]
        row[1].add_paragraph(lines[1])
    doc.add_paragraph("EDUCATION AND TRAINING")
    row = doc.add_table(rows=0, cols=2).add_row().cells
    row[0].text = "01/10/2009\u201330/06/2014"
    row[1].text = "Bachelor's degree in Economics"
    row[1].add_paragraph("University of Wrocław, Wrocław (Poland)")
    doc.add_paragraph("PERSONAL SKILLS")
    doc.add_paragraph("Mother tongue(s): Polish")
    doc.add_paragraph("Foreign language(s): English B2")
    doc.add_paragraph("Digital skills: Microsoft Excel")
    doc.save(path / "europass.docx")
    return path / "europass.docx"


def test_a_europass_docx_gives_every_entry_of_its_tables(tmp_path):
    parsed = parse_document(
        extract_document(_europass_docx(tmp_path), "docx"), today=TODAY
    )

    jobs = [
        (
            j.title.value if j.title else None,
            j.company.value if j.company else None,
            j.location.value if j.location else None,
            j.start.value if j.start else None,
            j.end.value if j.end else None,
            j.current,
        )
        for j in parsed.experience
    ]
    assert jobs == [
        ("Buyer", "Kaufland", "Wrocław (Poland)", "2019-03", None, True),
        ("Sales Assistant", "IKEA", "Gdańsk (Poland)", "2014-09", "2019-02", False),
    ]
    school = parsed.education[0]
    assert (school.level, school.start.value, school.end.value) == (
        "bachelor",
        "2009-10",
        "2014-06",
    )
    assert [(lang.name, lang.proficiency) for lang in parsed.languages] == [
        ("Polish", "native"),
        ("English", "intermediate"),
    ]
    assert [s.name for s in parsed.skills] == ["Microsoft Excel"]


@pytest.mark.parametrize(
    ("address", "place"),
    [
        ("Vinohradská 12, 120 00 Praha (Czech Republic)", "Praha (Czech Republic)"),
        ("ul. Długa 12, 00-238 Warszawa (Poland)", "Warszawa (Poland)"),
        ("Musterstraße 5, 10115 Berlin (Germany)", "Berlin (Germany)"),
    ],
)
def test_a_europass_address_gives_its_city_and_country(address, place):
    text = f"Curriculum Vitae\nJan Novak\n{address}\njan.novak@example.cz\n"

    parsed = parse_document(document(text), today=TODAY)

    assert parsed.location is not None
    assert parsed.location.value == place


def test_a_phone_outside_the_plus_one_zone_reads_ambiguous_dates_day_first():
    assert numeric_order("(+48) 512 345 678\n01/03/2019 - Present") is True
    assert numeric_order("Mother tongue(s): Polish\n01/03/2019 - Present") is True
    assert numeric_order("+1 312 555 0147\n01/03/2019 - Present") is None
    assert numeric_order("(312) 555-0147\n01/03/2019 - Present") is None
    assert numeric_order("Grew revenue +25% in 2019\n01/03/2019 - Present") is None
    # A date that tells wins over the phone.
    assert numeric_order("+48 512 345 678\n03/15/2019 - Present") is False
