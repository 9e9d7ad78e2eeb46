"""Plain text: encoding detection, bad bytes, paragraphs, binary data."""

import pytest

from domain.errors import DomainError, ErrorCode
from domain.extraction.document import extract_document

RESUME = "Café \u2013 résumé\nJane Doe\n\nSkills: Python, SQL"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (RESUME.encode("utf-8-sig"), "utf-8-sig"),
        (RESUME.encode("utf-16"), "utf-16-le"),
        (RESUME.encode("utf-16-be"), "utf-16-be"),
        (RESUME.encode("utf-16-le"), "utf-16-le"),
        (RESUME.encode("utf-8"), "utf-8"),
        (RESUME.encode("cp1252"), "cp1252"),
    ],
)
def test_detects_the_encoding(tmp_path, encoded, encoding):
    path = tmp_path / "cv.txt"
    path.write_bytes(encoded)

    document = extract_document(path, "txt")

    assert document.text == "Café \u2013 résumé\nJane Doe\nSkills: Python, SQL"
    assert document.encoding == encoding
    assert document.warnings == ()
    assert [block.text for block in document.blocks] == [
        "Café \u2013 résumé\nJane Doe",
        "Skills: Python, SQL",
    ]
    assert (document.method, document.pages, document.ocr_pages) == ("txt", 1, ())


def test_replaces_a_bad_byte_in_utf8_with_a_warning(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_bytes("Résumé \u2013 naïve ".encode() + b"\xff" + " café".encode())

    document = extract_document(path, "txt")

    assert document.text == "Résumé \u2013 naïve \ufffd café"
    assert document.encoding == "utf-8"
    assert document.warnings == (
        "1 invalid utf-8 sequences were replaced with \ufffd.",
    )


def test_reads_bytes_undefined_in_cp1252_as_latin1(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_bytes(b"Jos\xe9 \x81 Garc\xeda")

    document = extract_document(path, "txt")

    assert document.text == "José García"
    assert document.encoding == "latin-1"
    assert document.warnings == (
        "Some bytes are not valid cp1252 and were read as latin-1.",
    )


def test_refuses_binary_data(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_bytes(bytes(range(256)) * 4)

    with pytest.raises(DomainError) as raised:
        extract_document(path, "txt")

    assert raised.value.code is ErrorCode.CORRUPT_FILE
    assert raised.value.message == (
        "This file is not plain text; upload the resume as PDF, DOCX or TXT."
    )


def test_empty_text_file_has_no_text(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_bytes(b"\n  \n")

    with pytest.raises(DomainError) as raised:
        extract_document(path, "txt")

    assert raised.value.code is ErrorCode.NO_TEXT_FOUND
