"""OCR words as lines: type sizes from the letters' shape, accents from a second
reading, and the Latin model's re-read of a scan's name (one OCR'd page each)."""

import logging
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from domain.extraction.document import ExtractionOptions, extract_document
from domain.extraction.ocr_lines import (
    Word,
    accent_candidates,
    ordered_blocks,
    page_lines,
    with_accents,
)
from domain.extraction.ocr_models import accent_model, installed_languages
from domain.extraction.pdf_layout import PageLine, order_lines


def _line(text: str, left: int, top: int, full: int, number: int) -> list[Word]:
    """Words boxed as Tesseract boxes them: a word's box is as tall as its
    letters reach, `full` (ascender to descender) only with a descender."""
    words, x = [], left
    for token in text.split():
        if any(c in "gjpqy@,|" for c in token):
            height = full
        elif any(c.isupper() or c.isdigit() or c in "bdfhiklt" for c in token):
            height = round(full * 0.78)  # as DejaVu Sans sets capitals
        else:
            height = round(full * 0.55)
        words.append(Word((number, 1), 1, x, top, 18 * len(token), height, 95.0, token))
        x += 18 * len(token) + 12
    return words


def test_a_name_without_descenders_over_a_sidebar_is_read_first():
    # As on a 200 dpi scan: "Aisha Bello" in 16 pt boxed 40 px tall (no descender),
    # 10 pt lines 26 px from ascender to descender: 1.54 times, under the 1.6 that
    # tells a larger type by box heights alone.
    sidebar = [
        "abello@web.de",
        "0803 595 8523",
        "Lagos, Nigeria",
        "SKILLS",
        "* pharmacology",
    ]
    main = [
        "SUMMARY",
        "Compassionate registered nurse with surgical care",
        "EMPLOYMENT HISTORY",
        "Mercy Medical Center, Lagos",
        "Clinical Nurse Specialist | Mar 2025 - present",
    ]
    words = _line("Aisha Bello", 600, 110, 52, 0)
    for row, text in enumerate(sidebar):
        words += _line(text, 70, 185 + 36 * row, 26, 1 + row)
    for row, text in enumerate(main):
        words += _line(text, 600, 196 + 36 * row, 26, 10 + row)
    assert max(w.height for w in words[:2]) == 41

    blocks = ordered_blocks(page_lines(words), page=1, scale=1.0)

    assert blocks[0].text.splitlines()[0] == "Aisha Bello"


def test_only_the_accents_of_the_second_reading_are_kept():
    part = _line("Maria Garcia-Lopez, RN", 0, 0, 40, 0)

    texts = [w.text for w in with_accents(part, ["María", "García-Lópes,", "RM"])]

    assert texts == [
        "María",
        "Garcia-Lopez,",
        "RN",
    ]  # "Lópes" and "RM" differ in letters
    assert with_accents(part, ["María"]) == part  # words that do not pair up


def _name_scan(font_path: str) -> Image.Image:
    image = Image.new("L", (1654, 900), 255)
    draw = ImageDraw.Draw(image)
    draw.text(
        (150, 150), "María García-López", fill=0, font=ImageFont.truetype(font_path, 64)
    )
    body = ImageFont.truetype(font_path, 30)
    for row, line in enumerate(
        [
            "maria.garcia@example.com | +34 612 345 678",
            "Senior accountant in Madrid, Spain",
        ]
    ):
        draw.text((150, 280 + 50 * row), line, fill=0, font=body)
    return image


@pytest.mark.requires_tesseract
@pytest.mark.usefixtures("tesseract")
def test_a_scanned_name_keeps_its_accents_and_falls_back_without_the_model(
    tmp_path, caplog
):
    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not Path(font).exists():
        pytest.skip("the DejaVu font is not installed")
    if "Latin" not in installed_languages("tesseract")[1]:
        pytest.skip("apt-get install tesseract-ocr-script-latn (make system-packages)")
    path = tmp_path / "scan.png"
    _name_scan(font).save(path)

    read = extract_document(path, "png")
    with caplog.at_level(logging.WARNING):
        fallback = extract_document(
            path,
            "png",
            options=ExtractionOptions(ocr_accent_language="Cyrillic-missing"),
        )

    assert read.text.splitlines()[0] == "María García-López"
    model = accent_model(ExtractionOptions())
    assert model is not None
    assert model.config.startswith("--tessdata-dir ")  # the copy without word list
    assert fallback.text.splitlines()[0] == "Maria Garcia-Lépez"  # English model
    assert "'Cyrillic-missing' model is not installed" in caplog.text


def test_only_short_lines_are_read_again_for_accents():
    prose = "Built batch pipelines that load two terabytes a day into the warehouse"
    page = [_line(prose, 100, 100 + 30 * row, 26, row) for row in range(8)]
    page[3] = _line(prose, 100, 190, 52, 3)  # two lines Tesseract took for one
    named = [_line("María García-López", 100, 40, 52, 9), *page]

    assert accent_candidates(page) == []  # dense prose: no second reading
    assert accent_candidates(named) == [0]


def test_a_line_starting_a_point_left_of_its_column_stays_in_it():
    # OCR's left edges of one column: 407, 407, 406.4 (the e-mail), 408 pt.
    def at(x0: float, y0: float, text: str) -> PageLine:
        return PageLine(x0, y0, x0 + 5 * len(text), y0 + 10, text, 10.0, False)

    main = ["Professional Summary", "Mechanical engineer.", "Career History"]
    side = ["+91 98188 98704", "Bangalore, India", "Skills"]
    lines = [at(37, 88 + 14 * i, text) for i, text in enumerate(main)]
    lines += [at(406.4, 82, "priya@gmail.com")]
    lines += [at(407 + i % 2, 95 + 13 * i, text) for i, text in enumerate(side)]

    order = [line.text for group in order_lines(lines) for line in group]

    assert order == [*main, "priya@gmail.com", *side]
