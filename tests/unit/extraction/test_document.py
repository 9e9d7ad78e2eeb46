"""Text normalisation shared by every format, and the dispatch of extract_document."""

import pymupdf
import pytest

from domain.errors import DomainError, ErrorCode
from domain.extraction.document import (
    ExtractionOptions,
    extract_document,
    normalize_text,
)


def test_expands_ligatures_and_removes_invisible_characters():
    text = "\ufb01nance \ufb02ow o\ufb03ce soft\u00adware zero\u200bwidth \ufeffbom"

    assert normalize_text(text) == "finance flow office software zerowidth bom"


def test_turns_bullets_at_line_start_into_dashes():
    text = "\u2022 Led\n\u25cf Built\n\u25aa Ran\n\u25e6 Kept\n\u27a2 Grew\n"
    text += "\uf0b7 Cut\n* Won"

    assert normalize_text(text) == "- Led\n- Built\n- Ran\n- Kept\n- Grew\n- Cut\n- Won"


def test_joins_a_bullet_alone_on_its_line_with_its_text():
    assert normalize_text("\u2022\nLed the team") == "- Led the team"


def test_keeps_bullets_inside_a_line():
    assert (
        normalize_text("Python \u2022 SQL \uf0b7 Go") == "Python \u2022 SQL \u2022 Go"
    )


def test_removes_icon_font_glyphs():
    text = "\uf0e0 jane@example.com \uf095 +1 555 0100 \U000f0001 Berlin"

    assert normalize_text(text) == "jane@example.com +1 555 0100 Berlin"


def test_collapses_spaces_and_blank_lines_but_keeps_line_breaks():
    text = "  Jane  Doe  \r\n\r\n\r\n\r\nData\u00a0engineer \f Next"

    assert normalize_text(text) == "Jane Doe\n\nData engineer\nNext"


def test_a_tab_or_three_spaces_inside_a_line_stay_a_gap():
    """A table's cells and a right-aligned part stay apart: "Jane\t\tDoe" is two
    cells."""
    assert normalize_text("  Jane\t\tDoe  \nData\u00a0\u2003 engineer") == (
        "Jane   Doe\nData   engineer"
    )


def test_joins_words_split_across_lines():
    text = "manage-\nment of data-\nbases\nSenior-\nLevel\n2019-\n2021"

    assert (
        normalize_text(text) == "management of databases\nSenior-\nLevel\n2019-\n2021"
    )


def test_composes_accents():
    assert normalize_text("Cafe\u0301 re\u0301sume\u0301") == "Café résumé"


def test_refuses_an_unsupported_kind(tmp_path):
    path = tmp_path / "cv.odt"
    path.write_bytes(b"PK")

    with pytest.raises(DomainError) as raised:
        extract_document(path, "odt")

    assert raised.value.code is ErrorCode.UNSUPPORTED_FILE_TYPE
    assert raised.value.message == (
        "Files of type 'odt' cannot be read; upload a PDF, DOCX, DOC, RTF, TXT, PNG, "
        "JPEG or TIFF file."
    )


def test_missing_stored_file_fails_extraction(tmp_path):
    with pytest.raises(DomainError) as raised:
        extract_document(tmp_path / "gone.txt", "txt")

    assert raised.value.code is ErrorCode.EXTRACTION_FAILED
    assert raised.value.message == (
        "The stored file could not be read (No such file or directory); upload the "
        "resume again."
    )


def test_stops_when_the_time_budget_is_spent(tmp_path):
    pdf = pymupdf.open()
    pdf.new_page().insert_text((50, 60), "Jane Doe")
    path = tmp_path / "cv.pdf"
    pdf.save(path)

    with pytest.raises(DomainError) as raised:
        extract_document(path, "pdf", options=ExtractionOptions(timeout_seconds=0))

    assert raised.value.code is ErrorCode.EXTRACTION_FAILED
    assert raised.value.message == (
        "Reading this file took too long and was stopped; upload a smaller or "
        "text-based version of the resume."
    )
