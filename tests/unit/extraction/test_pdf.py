"""PDF: columns, sidebars, running lines, glyphs, OCR, limits, damaged files."""

import io
import shutil
from pathlib import Path

import pymupdf
import pytest
from PIL import Image, ImageDraw

from domain.errors import DomainError, ErrorCode
from domain.extraction.document import ExtractionOptions, extract_document

A4 = (595, 842)


def _new_page(pdf: pymupdf.Document) -> pymupdf.Page:
    return pdf.new_page(width=A4[0], height=A4[1])


def _save(pdf: pymupdf.Document, path: Path) -> Path:
    pdf.save(path)
    return path


def _scan_png(lines, font) -> bytes:
    """An A4 page at 200 dpi with `lines` drawn in black."""
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((150, 200 + index * 90), line, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _map_font_to_unicode(pdf: pymupdf.Document, page: pymupdf.Page, name: str, codes):
    """Give the base-14 font `name` a ToUnicode CMap, as icon fonts have."""
    font_xref = next(font[0] for font in page.get_fonts() if font[3] == name)
    pairs = " ".join(f"<{code:02X}> <{target:04X}>" for code, target in codes.items())
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Icons "
        "def 1 begincodespacerange <00> <FF> endcodespacerange "
        f"{len(codes)} beginbfchar {pairs} endbfchar endcmap "
        "CMapName currentdict /CMap defineresource pop end end"
    )
    xref = pdf.get_new_xref()
    pdf.update_object(xref, "<<>>")
    pdf.update_stream(xref, cmap.encode())
    pdf.xref_set_key(font_xref, "ToUnicode", f"{xref} 0 R")


def test_reads_a_single_column_with_heading_styles(tmp_path):
    pdf = pymupdf.open()
    page = _new_page(pdf)
    page.insert_text((50, 60), "Jane Doe", fontsize=20, fontname="hebo")
    page.insert_text((50, 90), "Summary", fontsize=12, fontname="hebo")
    page.insert_text(
        (50, 106), "Data engineer with ten years of experience.", fontsize=10
    )
    page.insert_text((50, 120), "Builds reliable pipelines.", fontsize=10)

    document = extract_document(_save(pdf, tmp_path / "one.pdf"), "pdf")

    assert document.text == (
        "Jane Doe\nSummary\nData engineer with ten years of experience.\n"
        "Builds reliable pipelines."
    )
    assert [(b.text.split("\n")[0], b.font_size, b.bold) for b in document.blocks] == [
        ("Jane Doe", 20.0, True),
        ("Summary", 12.0, True),
        ("Data engineer with ten years of experience.", 10.0, False),
    ]
    assert (document.method, document.pages, document.ocr_pages) == (
        "text-layer",
        1,
        (),
    )
    assert (document.warnings, document.encoding) == ((), None)
    assert document.blocks[0].page == 1
    assert document.blocks[0].x0 == 50.0


def test_reads_two_columns_each_top_to_bottom(tmp_path):
    pdf = pymupdf.open()
    page = _new_page(pdf)
    page.insert_text((50, 60), "Jane Doe", fontsize=20, fontname="hebo")
    page.insert_text(
        (50, 82),
        "jane@example.com | +1 555 0100 | Springfield, a full-width line",
        fontsize=10,
    )
    for row in range(6):
        page.insert_text(
            (50, 120 + 14 * row), f"Left column sentence {row}.", fontsize=10
        )
        page.insert_text(
            (320, 120 + 14 * row), f"Right column sentence {row}.", fontsize=10
        )

    document = extract_document(_save(pdf, tmp_path / "two.pdf"), "pdf")

    lines = document.text.split("\n")
    assert lines[:2] == [
        "Jane Doe",
        "jane@example.com | +1 555 0100 | Springfield, a full-width line",
    ]
    assert lines[2:8] == [f"Left column sentence {row}." for row in range(6)]
    assert lines[8:] == [f"Right column sentence {row}." for row in range(6)]


def test_keeps_a_sidebar_apart_from_the_main_column(tmp_path):
    pdf = pymupdf.open()
    page = _new_page(pdf)
    page.draw_rect(pymupdf.Rect(0, 0, 180, A4[1]), color=None, fill=(0.9, 0.9, 0.95))
    page.insert_text((20, 60), "SKILLS", fontsize=12, fontname="hebo")
    for index, skill in enumerate(["Python", "PostgreSQL", "Docker", "Kubernetes"]):
        page.insert_text((20, 80 + 14 * index), skill, fontsize=10)
    page.insert_text((200, 60), "EXPERIENCE", fontsize=14, fontname="hebo")
    for index in range(8):
        page.insert_text(
            (200, 80 + 13 * index), f"Main column line {index} at Acme.", fontsize=9
        )

    document = extract_document(_save(pdf, tmp_path / "sidebar.pdf"), "pdf")

    assert document.text.split("\n") == [
        "SKILLS",
        "Python",
        "PostgreSQL",
        "Docker",
        "Kubernetes",
        "EXPERIENCE",
        *(f"Main column line {index} at Acme." for index in range(8)),
    ]


def test_reads_titles_and_their_dates_row_by_row(tmp_path):
    pdf = pymupdf.open()
    page = _new_page(pdf)
    page.insert_text((50, 60), "Software Engineer", fontsize=11, fontname="hebo")
    page.insert_text((470, 60), "2019 - 2021", fontsize=10)
    page.insert_text((50, 74), "Acme Corp", fontsize=10)
    page.insert_text((470, 74), "Berlin", fontsize=10)
    page.insert_text(
        (50, 90),
        "- Built a data platform processing millions of events a day",
        fontsize=10,
    )
    page.insert_text((50, 116), "Data Analyst", fontsize=11, fontname="hebo")
    page.insert_text((470, 116), "2017 - 2019", fontsize=10)

    document = extract_document(_save(pdf, tmp_path / "rows.pdf"), "pdf")

    assert document.text.split("\n") == [
        "Software Engineer",
        "2019 - 2021",
        "Acme Corp",
        "Berlin",
        "- Built a data platform processing millions of events a day",
        "Data Analyst",
        "2017 - 2019",
    ]


def test_drops_a_header_and_footer_repeated_on_three_pages(tmp_path):
    pdf = pymupdf.open()
    for number in range(1, 4):
        page = _new_page(pdf)
        page.insert_text((50, 30), "Jane Doe - Curriculum Vitae", fontsize=9)
        page.insert_text((50, 100), f"Body text of page {number}.", fontsize=10)
        page.insert_text((270, 825), f"Page {number} of 3", fontsize=9)

    document = extract_document(_save(pdf, tmp_path / "running.pdf"), "pdf")

    assert (
        document.text
        == "Body text of page 1.\n\nBody text of page 2.\n\nBody text of page 3."
    )
    assert document.pages == 3
    assert [document.page_at(document.text.index(f"page {n}")) for n in (1, 2, 3)] == [
        1,
        2,
        3,
    ]
    assert document.page_at(document.text.index("\n\n")) is None


def test_keeps_header_band_text_of_a_single_page(tmp_path):
    pdf = pymupdf.open()
    page = _new_page(pdf)
    page.insert_text((50, 30), "Jane Doe", fontsize=12)
    page.insert_text((50, 100), "Body text.", fontsize=10)

    document = extract_document(_save(pdf, tmp_path / "single.pdf"), "pdf")

    assert document.text == "Jane Doe\nBody text."


def test_normalises_ligatures_bullets_and_icon_glyphs(tmp_path):
    pdf = pymupdf.open()
    page = _new_page(pdf)
    page.insert_text((50, 60), "A", fontsize=10, fontname="cour")
    page.insert_text((62, 60), "jane@example.com", fontsize=10, fontname="helv")
    page.insert_text((50, 80), "B", fontsize=10, fontname="cour")
    page.insert_text((62, 80), "Cut costs by 20%", fontsize=10, fontname="helv")
    page.insert_text((50, 94), "C", fontsize=10, fontname="cour")
    page.insert_text((62, 94), "Led the office move", fontsize=10, fontname="helv")
    # Courier stands in for Font Awesome (envelope), Symbol (bullet) and ligatures.
    _map_font_to_unicode(
        pdf, page, "Courier", {0x41: 0xF0E0, 0x42: 0xF0B7, 0x43: 0x2022}
    )
    page.insert_text((50, 108), "D", fontsize=10, fontname="tiro")
    page.insert_text((58, 108), "nance and work", fontsize=10, fontname="helv")
    _map_font_to_unicode(pdf, page, "Times-Roman", {0x44: 0xFB01})

    document = extract_document(_save(pdf, tmp_path / "glyphs.pdf"), "pdf")

    assert document.text == (
        "jane@example.com\n- Cut costs by 20%\n- Led the office move\nfinance and work"
    )


@pytest.mark.requires_tesseract
@pytest.mark.usefixtures("tesseract")
def test_reads_an_image_only_pdf_with_ocr(tmp_path, scan_font):
    lines = [
        "Jane Doe",
        "Senior Data Engineer",
        "jane.doe@example.com",
        "Python and Kafka",
    ]
    pdf = pymupdf.open()
    page = _new_page(pdf)
    page.insert_image(page.rect, stream=_scan_png(lines, scan_font))

    document = extract_document(_save(pdf, tmp_path / "scan.pdf"), "pdf")

    assert document.text == "\n".join(lines)
    assert (document.method, document.ocr_pages) == ("ocr", (1,))
    first = document.blocks[0]
    assert (first.page, first.bold, first.text.split("\n")[0]) == (1, False, "Jane Doe")
    assert 50 <= first.x0 <= 56  # points: 150 px at 200 dpi
    assert 70 <= first.y0 <= 80


@pytest.mark.requires_tesseract
@pytest.mark.usefixtures("tesseract")
def test_reads_text_pages_and_ocrs_scanned_ones(tmp_path, scan_font):
    pdf = pymupdf.open()
    page = _new_page(pdf)
    page.insert_text((50, 60), "Jane Doe, data engineer with ten years of experience.")
    scanned = _new_page(pdf)
    scanned.insert_image(
        scanned.rect, stream=_scan_png(["Education", "Master of Science"], scan_font)
    )

    document = extract_document(_save(pdf, tmp_path / "mixed.pdf"), "pdf")

    assert document.text == (
        "Jane Doe, data engineer with ten years of experience.\n\n"
        "Education\nMaster of Science"
    )
    assert (document.method, document.ocr_pages, document.pages) == ("mixed", (2,), 2)


@pytest.mark.requires_tesseract
@pytest.mark.usefixtures("tesseract")
def test_ocrs_a_page_whose_text_layer_is_garbage(tmp_path):
    pdf = pymupdf.open()
    page = _new_page(pdf)
    page.insert_text((50, 80), "Jane Doe", fontsize=24, fontname="helv")
    page.insert_text((50, 120), "Senior Data Engineer", fontsize=24, fontname="helv")
    # A font whose ToUnicode map points into the private use area: what
    # extraction sees is not what the page shows.
    garbage = {code: 0xE000 + code for code in range(0x20, 0x7F)}
    _map_font_to_unicode(pdf, page, "Helvetica", garbage)

    document = extract_document(_save(pdf, tmp_path / "garbage.pdf"), "pdf")

    assert document.text == "Jane Doe\nSenior Data Engineer"
    assert (document.method, document.ocr_pages) == ("ocr", (1,))


def _image_only_pdf(path: Path) -> Path:
    pdf = pymupdf.open()
    page = _new_page(pdf)
    image = Image.new("L", (200, 100), 255)
    ImageDraw.Draw(image).text((10, 40), "Jane", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    page.insert_image(page.rect, stream=buffer.getvalue())
    return _save(pdf, path)


def test_image_only_pdf_without_tesseract_is_ocr_unavailable(tmp_path, monkeypatch):
    path = _image_only_pdf(tmp_path / "scan.pdf")
    monkeypatch.setattr(shutil, "which", lambda name: None)

    with pytest.raises(DomainError) as raised:
        extract_document(path, "pdf")

    assert raised.value.code is ErrorCode.OCR_UNAVAILABLE
    assert raised.value.message == (
        "OCR is not available: the Tesseract program is not installed. Ask an "
        "administrator to run `apt-get install tesseract-ocr tesseract-ocr-eng`, or "
        "upload a text-based file."
    )


def test_image_only_pdf_with_ocr_disabled_has_no_text(tmp_path):
    path = _image_only_pdf(tmp_path / "scan.pdf")

    with pytest.raises(DomainError) as raised:
        extract_document(path, "pdf", options=ExtractionOptions(ocr_enabled=False))

    assert raised.value.code is ErrorCode.NO_TEXT_FOUND
    assert raised.value.message == (
        "No text was found in this file. Upload a text-based file or a clearer scan. "
        "OCR is disabled; page 1 had no usable text."
    )


def test_blank_pdf_has_no_text(tmp_path):
    pdf = pymupdf.open()
    _new_page(pdf)

    with pytest.raises(DomainError) as raised:
        extract_document(_save(pdf, tmp_path / "blank.pdf"), "pdf")

    assert raised.value.code is ErrorCode.NO_TEXT_FOUND
    assert raised.value.message == (
        "No text was found in this file. Upload a text-based file or a clearer scan."
    )


def test_refuses_more_pages_than_the_limit(tmp_path):
    pdf = pymupdf.open()
    for number in range(60):
        _new_page(pdf).insert_text((50, 60), f"Page {number}")

    with pytest.raises(DomainError) as raised:
        extract_document(_save(pdf, tmp_path / "long.pdf"), "pdf")

    assert raised.value.code is ErrorCode.TOO_MANY_PAGES
    assert raised.value.message == (
        "This PDF has 60 pages; a resume may have at most 50. Upload the resume on "
        "its own."
    )


def _three_page_pdf() -> bytes:
    pdf = pymupdf.open()
    for number in range(3):
        _new_page(pdf).insert_text(
            (50, 60), f"Text of page {number + 1} in this resume."
        )
    return pdf.tobytes()


def test_truncated_pdf_is_corrupt(tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(_three_page_pdf()[:200])

    with pytest.raises(DomainError) as raised:
        extract_document(path, "pdf")

    assert raised.value.code is ErrorCode.CORRUPT_FILE
    assert raised.value.message == (
        "This PDF is damaged and could not be opened; save or export it again and "
        "upload the new copy."
    )


def test_half_truncated_pdf_is_repaired_with_a_warning(tmp_path):
    data = _three_page_pdf()
    path = tmp_path / "half.pdf"
    path.write_bytes(data[: len(data) // 2])

    document = extract_document(path, "pdf")

    assert document.text == "Text of page 1 in this resume."
    assert document.warnings == (
        "The PDF was damaged and has been repaired; text may be missing.",
    )


def test_password_protected_pdf_fails(tmp_path):
    pdf = pymupdf.open()
    _new_page(pdf).insert_text((50, 60), "Secret resume")
    path = tmp_path / "locked.pdf"
    pdf.save(
        path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="user", owner_pw="owner"
    )

    with pytest.raises(DomainError) as raised:
        extract_document(path, "pdf")

    assert raised.value.code is ErrorCode.EXTRACTION_FAILED
    assert raised.value.message == (
        "This PDF is password-protected; upload a copy without a password."
    )
