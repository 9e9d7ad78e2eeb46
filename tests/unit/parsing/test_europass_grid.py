"""Europass CVs as PDFs (a date and label column beside the entries) and the
Europass language grid, read as languages and not as skills."""

from pathlib import Path

import pymupdf

from domain.extraction.document import extract_document
from domain.extraction.pdf_layout import PageLine, order_lines
from domain.parsing.dates import find_ranges
from domain.parsing.parser import parse_document
from tests.unit.parsing.samples import TODAY, document


def _line(x: float, y: float, text: str) -> PageLine:
    return PageLine(x, y, x + 6.0 * len(text), y + 12.0, text, 10.0, False)


def test_a_date_column_with_headings_in_it_reads_across():
    # Headings alone in the left column, dates level with each entry's first line,
    # the entries' other lines unmatched: rows, not a sidebar.
    lines = [
        _line(50, 100, "WORK EXPERIENCE"),
        _line(50, 120, "01.04.2018-Present"),
        _line(200, 120, "Software Developer"),
        _line(200, 134, "Avast, Prague (Czech Republic)"),
        _line(200, 148, "Built antivirus engine parts."),
        _line(50, 170, "01.09.2014-31.03.2018"),
        _line(200, 170, "Junior Developer"),
        _line(200, 184, "Seznam.cz, Brno (Czech Republic)"),
        _line(50, 210, "EDUCATION"),
        _line(50, 230, "01.10.2009-30.06.2014"),
        _line(200, 230, "Master's degree in Computer Science"),
        _line(200, 244, "Czech Technical University in Prague"),
    ]

    order = [line.text for group in order_lines(lines) for line in group]

    assert order == [line.text for line in lines]


def test_a_sidebar_still_reads_down():
    lines = [
        _line(50, 100 + 14 * i, skill)
        for i, skill in enumerate(["Python 3", "Go 1.21", "PostgreSQL"])
    ] + [_line(200, 100 + 14 * i, f"Job line number {i}") for i in range(8)]

    order = [line.text for group in order_lines(lines) for line in group]

    assert order[:3] == ["Python 3", "Go 1.21", "PostgreSQL"]


def test_a_hyphen_between_two_day_dates_is_a_range():
    found = find_ranges("01.09.2014-31.03.2018")

    assert [(r.start.iso, r.end_date.iso) for r in found] == [("2014-09", "2018-03")]


def _parsed_languages(text: str) -> list[tuple[str, str | None, str | None]]:
    parsed = parse_document(document(text), today=TODAY)
    return [(lang.name, lang.proficiency, lang.cefr) for lang in parsed.languages]


_HEAD = "Jan Novak\njan.novak@example.cz\nPERSONAL SKILLS\n"


def test_a_grid_a_cell_a_line_gives_each_language_its_levels():
    text = _HEAD + (
        "Mother tongue(s)\nCzech\nForeign language(s)\nUNDERSTANDING\nSPEAKING\n"
        "WRITING\nListening\nReading\nSpoken interaction\nSpoken production\n"
        "English\nC1\nC1\nB2\nB2\nC1\nGerman\nB1\nB1\nA2\nA2\nA2\n"
        "Digital skills: C++, Python\n"
    )
    parsed = parse_document(document(text), today=TODAY)

    assert [(x.name, x.proficiency, x.cefr) for x in parsed.languages] == [
        ("Czech", "native", None),
        ("English", "professional", "C1"),
        ("German", "basic", "A2"),
    ]
    assert [s.name for s in parsed.skills] == ["C++", "Python"]


def test_a_grid_in_table_rows():
    text = _HEAD + (
        "Mother tongue(s) | Czech\n"
        "Foreign language(s) | UNDERSTANDING | SPEAKING | WRITING\n"
        "Listening | Reading | Spoken interaction | Spoken production\n"
        "English | C2 | C2 | C1 | C1 | C2\n"
        "Digital skills | Microsoft Excel, SAP ERP\n"
    )
    parsed = parse_document(document(text), today=TODAY)

    assert [(x.name, x.proficiency, x.cefr) for x in parsed.languages] == [
        ("Czech", "native", None),
        ("English", "fluent", "C2"),
    ]
    assert [s.name for s in parsed.skills] == ["Microsoft Excel", "SAP"]


def _europass_pdf(path: Path) -> Path:
    pdf = pymupdf.open()
    page = pdf.new_page(width=595, height=842)
    y = 60.0
    rows = [
        (None, ["Jan Novak"]),
        (None, ["jan.novak@example.cz"]),
        ("WORK EXPERIENCE", []),
        (
            "01.04.2018-Present",
            ["Software Developer", "Avast, Prague (Czech Republic)"],
        ),
        (
            "01.09.2014-31.03.2018",
            ["Junior Developer", "Seznam.cz, Brno (Czech Republic)"],
        ),
        ("EDUCATION AND TRAINING", []),
        (
            "01.10.2009-30.06.2014",
            [
                "Master's degree in Computer Science",
                "Czech Technical University in Prague",
            ],
        ),
    ]
    for left, right in rows:
        if left:
            page.insert_text((50, y), left, fontsize=9)
        for text in right or [""]:
            if text:
                page.insert_text((200, y), text, fontsize=10)
            y += 14
        y += 8
    pdf.save(path / "europass.pdf")
    return path / "europass.pdf"


def test_a_europass_pdf_gives_its_jobs_and_education(tmp_path):
    parsed = parse_document(
        extract_document(_europass_pdf(tmp_path), "pdf"), today=TODAY
    )

    assert [
        (
            j.title.value,
            j.company.value,
            j.location.value,
            j.start.value,
            j.end.value if j.end else None,
        )
        for j in parsed.experience
    ] == [
        ("Software Developer", "Avast", "Prague (Czech Republic)", "2018-04", None),
        (
            "Junior Developer",
            "Seznam.cz",
            "Brno (Czech Republic)",
            "2014-09",
            "2018-03",
        ),
    ]
    school = parsed.education[0]
    assert (school.institution.value, school.start.value, school.end.value) == (
        "Czech Technical University in Prague",
        "2009-10",
        "2014-06",
    )
