"""DOCX: tables, text boxes, headers, footers, styles, XXE, damaged files."""

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Pt

from domain.errors import DomainError, ErrorCode
from domain.extraction.document import extract_document

_TEXT_BOX = """
<mc:AlternateContent
    xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
    xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:Choice Requires="wps">
    <w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>
      <w:txbxContent>
        <w:p><w:r><w:t>Sidebar: Python, SQL</w:t></w:r></w:p>
      </w:txbxContent>
    </wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>
  </mc:Choice>
  <mc:Fallback>
    <w:pict><v:shape><v:textbox><w:txbxContent>
      <w:p><w:r><w:t>Sidebar: Python, SQL</w:t></w:r></w:p>
    </w:txbxContent></v:textbox></v:shape></w:pict>
  </mc:Fallback>
</mc:AlternateContent>
"""


def _resume(path: Path) -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Jane Doe | jane@example.com"
    section.footer.paragraphs[0].text = "References on request"
    document.add_heading("Experience", level=1)
    intro = document.add_paragraph("Senior engineer at ")
    intro.add_run("Acme Corp").bold = True
    anchor = document.add_paragraph().add_run("Anchor")
    anchor._r.append(parse_xml(_TEXT_BOX))
    table = document.add_table(rows=2, cols=2)
    for row, cells in enumerate([("Python", "8 years"), ("SQL", "6 years")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_paragraph("Led a team of five", style="List Bullet")
    document.add_paragraph("")
    document.add_paragraph("Languages: English, German")
    document.save(str(path))
    return path


def test_reads_header_body_text_box_table_and_footer_in_order(tmp_path):
    document = extract_document(_resume(tmp_path / "cv.docx"), "docx")

    assert document.text == (
        "Jane Doe | jane@example.com\n"
        "Experience\n"
        "Senior engineer at Acme Corp\n"
        "Anchor\n"
        "Sidebar: Python, SQL\n"
        "Python | 8 years\n"
        "SQL | 6 years\n"
        "- Led a team of five\n"
        "Languages: English, German\n"
        "References on request"
    )
    assert (document.method, document.pages, document.ocr_pages) == ("docx", 1, ())
    assert (document.warnings, document.encoding) == ((), None)


def test_marks_headings_and_bold_runs(tmp_path):
    path = tmp_path / "styles.docx"
    source = docx.Document()
    source.add_heading("Experience", level=1)
    bold = source.add_paragraph()
    run = bold.add_run("Acme Corp")
    run.bold = True
    run.font.size = Pt(14)
    source.add_paragraph("Plain text")
    source.save(str(path))

    document = extract_document(path, "docx")

    assert [(b.text, b.bold, b.font_size) for b in document.blocks] == [
        ("Experience", True, 14.0),
        ("Acme Corp", True, 14.0),
        ("Plain text", False, None),
    ]
    assert {(b.page, b.x0, b.y0, b.x1, b.y1) for b in document.blocks} == {
        (1, 0, 0, 0, 0)
    }


def test_reads_a_layout_table_cell_by_cell(tmp_path):
    path = tmp_path / "table-only.docx"
    source = docx.Document()
    table = source.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "Jane Doe"
    left.add_paragraph("Skills")
    left.add_paragraph("Python")
    right.text = "Experience"
    right.add_paragraph("Engineer at Acme")
    nested = right.add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "2019"
    nested.cell(0, 1).text = "Globex"
    source.save(str(path))

    document = extract_document(path, "docx")

    assert document.text == (
        "Jane Doe\nSkills\nPython\nExperience\nEngineer at Acme\n2019 | Globex"
    )


def test_does_not_resolve_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    path = tmp_path / "xxe.docx"
    source = docx.Document()
    source.add_paragraph("Before MARKER after")
    source.save(str(path))
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(hostile, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":
                declaration, rest = data.split(b"?>", 1)
                doctype = (
                    f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
                )
                data = declaration + b"?>" + doctype.encode() + rest
                data = data.replace(b"MARKER", b"&xxe;")
            copy.writestr(item, data)

    document = extract_document(hostile, "docx")

    assert "TOP-SECRET-VALUE" not in document.text
    assert document.text == "Before"


def test_damaged_docx_is_corrupt(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")

    with pytest.raises(DomainError) as raised:
        extract_document(path, "docx")

    assert raised.value.code is ErrorCode.CORRUPT_FILE
    assert raised.value.message == (
        "This Word document is damaged and could not be opened; open it in Word or "
        "LibreOffice, save it again and upload the new copy."
    )


def test_refuses_a_docx_that_unpacks_to_hundreds_of_megabytes(tmp_path):
    path = _resume(tmp_path / "bomb.docx")
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/padding.bin", "w", force_zip64=True) as padding,
    ):
        for _ in range(201):
            padding.write(bytes(1024 * 1024))

    with pytest.raises(DomainError) as raised:
        extract_document(path, "docx")

    assert raised.value.code is ErrorCode.EXTRACTION_FAILED
    assert raised.value.message == (
        "This document unpacks to 201 MB, far more than a resume; save it again "
        "without embedded media and upload it."
    )
