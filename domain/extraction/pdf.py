"""PDF text with layout through PyMuPDF: columns, sidebars, running lines, OCR."""

import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pymupdf

from domain.errors import DomainError, ErrorCode
from domain.extraction import ocr
from domain.extraction.document import (
    ExtractedDocument,
    ExtractionOptions,
    TextBlock,
    build_document,
    remaining_seconds,
)
from domain.extraction.pdf_layout import PageLine, blocks_in_order, order_lines

logger = logging.getLogger(__name__)

_Span = dict[str, Any]  # a span of PyMuPDF's untyped "dict" output
_TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_BOLD_FLAG = 16
_SPAN_GAP = 1.5  # a gap wider than this many font sizes splits a line in two
_BAND = 0.06  # running headers and footers sit within this share of the page height
_GARBAGE_SHARE = 0.3


def extract_pdf(
    path: Path, options: ExtractionOptions, deadline: float
) -> ExtractedDocument:
    """Raises CORRUPT_FILE, EXTRACTION_FAILED, TOO_MANY_PAGES or OCR_UNAVAILABLE."""
    pdf = _open_pdf(path, options)
    try:
        return _read_pages(
            list(pdf.pages()), options, deadline, repaired=pdf.is_repaired
        )
    except RuntimeError as exc:  # MuPDF reports damaged page content this way
        raise DomainError(
            f"This PDF could not be read ({exc}); save or export it again and "
            "upload the new copy.",
            code=ErrorCode.EXTRACTION_FAILED,
        ) from exc
    finally:
        pdf.close()  # type: ignore[no-untyped-call]  # pymupdf: untyped


def _read_pages(
    pages: list[pymupdf.Page],
    options: ExtractionOptions,
    deadline: float,
    *,
    repaired: bool,
) -> ExtractedDocument:
    warnings = []
    if repaired:
        warnings.append(
            "The PDF was damaged and has been repaired; text may be missing."
        )
    page_lines = [_page_lines(page) for page in pages]
    page_lines = _drop_running_lines(page_lines, [page.rect.height for page in pages])
    to_ocr = _pages_to_ocr(pages, page_lines, options, warnings)
    blocks: list[TextBlock] = []
    for number, (page, lines) in enumerate(
        zip(pages, page_lines, strict=True), start=1
    ):
        remaining_seconds(deadline)
        read = []
        if number in to_ocr:
            read = ocr.read_pdf_page(page, number, options, deadline, warnings)
        # A page on which OCR found nothing keeps its text layer, however thin.
        blocks.extend(read or blocks_in_order(order_lines(lines), number))
    return build_document(
        blocks,
        pages=len(pages),
        method=_method(to_ocr, len(pages)),
        ocr_pages=sorted(to_ocr),
        warnings=warnings,
    )


def _open_pdf(path: Path, options: ExtractionOptions) -> pymupdf.Document:
    try:
        pdf = pymupdf.open(path, filetype="pdf")  # type: ignore[no-untyped-call]  # pymupdf: untyped
    except pymupdf.FileDataError as exc:
        raise DomainError(
            "This PDF is damaged and could not be opened; save or export it again "
            "and upload the new copy.",
            code=ErrorCode.CORRUPT_FILE,
        ) from exc
    problem = None
    if pdf.needs_pass:
        problem = DomainError(
            "This PDF is password-protected; upload a copy without a password.",
            code=ErrorCode.EXTRACTION_FAILED,
        )
    elif pdf.page_count == 0:
        problem = DomainError(
            "This PDF has no readable pages; save or export it again and upload the "
            "new copy.",
            code=ErrorCode.CORRUPT_FILE,
        )
    elif pdf.page_count > options.max_pages:
        problem = DomainError(
            f"This PDF has {pdf.page_count} pages; a resume may have at most "
            f"{options.max_pages}. Upload the resume on its own.",
            code=ErrorCode.TOO_MANY_PAGES,
        )
    if problem is not None:
        pdf.close()  # type: ignore[no-untyped-call]  # pymupdf: untyped
        raise problem
    return pdf


def _method(ocr_pages: set[int], page_count: int) -> str:
    if not ocr_pages:
        return "text-layer"
    return "ocr" if len(ocr_pages) == page_count else "mixed"


# Lines of the text layer


def _page_lines(page: pymupdf.Page) -> list[PageLine]:
    data = page.get_text("dict", flags=_TEXT_FLAGS)  # type: ignore[no-untyped-call]  # pymupdf: untyped
    lines: list[PageLine] = []
    for block in data["blocks"]:
        for line in block.get("lines", ()):
            spans = [span for span in line["spans"] if span["text"].strip()]
            lines.extend(_make_line(part) for part in _split_at_gaps(spans))
    return lines


def _split_at_gaps(spans: list[_Span]) -> Iterator[list[_Span]]:
    part: list[_Span] = []
    for span in spans:
        if part and span["bbox"][0] - part[-1]["bbox"][2] > _SPAN_GAP * span["size"]:
            yield part
            part = []
        part.append(span)
    if part:
        yield part


def _make_line(spans: list[_Span]) -> PageLine:
    text = ""
    sizes: Counter[float] = Counter()
    bold_chars = 0
    for index, span in enumerate(spans):
        piece = str(span["text"])
        if (
            index
            and span["bbox"][0] - spans[index - 1]["bbox"][2] > 0.15 * span["size"]
        ):
            text = text.rstrip() + " "
        text += piece
        sizes[round(float(span["size"]), 1)] += len(piece)
        bold_chars += len(piece) if _is_bold(span) else 0
    return PageLine(
        x0=float(min(span["bbox"][0] for span in spans)),
        y0=float(min(span["bbox"][1] for span in spans)),
        x1=float(max(span["bbox"][2] for span in spans)),
        y1=float(max(span["bbox"][3] for span in spans)),
        text=text.strip(),
        size=sizes.most_common(1)[0][0],
        bold=bold_chars * 2 >= len(text),
    )


def _is_bold(span: _Span) -> bool:
    return bool(int(span["flags"]) & _BOLD_FLAG or _BOLD_FONT.search(str(span["font"])))


# Running headers and footers


def _drop_running_lines(
    pages: Sequence[list[PageLine]], heights: Sequence[float]
) -> list[list[PageLine]]:
    """Lines in the top or bottom band whose text (digits ignored, so page numbers
    match) repeats on at least half of the pages; only for two pages or more."""
    if len(pages) < 2:
        return list(pages)
    seen: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        seen.update({_running_key(line) for line in lines if _in_band(line, height)})
    needed = max(2, math.ceil(len(pages) / 2))
    repeated = {key for key, count in seen.items() if count >= needed}
    return [
        [
            line
            for line in lines
            if not (_in_band(line, height) and _running_key(line) in repeated)
        ]
        for lines, height in zip(pages, heights, strict=True)
    ]


def _in_band(line: PageLine, height: float) -> bool:
    return line.middle <= height * _BAND or line.middle >= height * (1 - _BAND)


def _running_key(line: PageLine) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


# OCR of pages without a usable text layer


def _pages_to_ocr(
    pages: list[pymupdf.Page],
    page_lines: list[list[PageLine]],
    options: ExtractionOptions,
    warnings: list[str],
) -> set[int]:
    """1-based numbers of the pages to read by OCR."""
    wanted = {
        number
        for number, (page, lines) in enumerate(zip(pages, page_lines, strict=True), 1)
        if _needs_ocr(page, lines, options)
    }
    if not wanted:
        return set()
    if not options.ocr_enabled:
        warnings.append(f"OCR is disabled; {_numbers(wanted)} had no usable text.")
        return set()
    if not ocr.tesseract_available(options):
        if any(
            lines for number, lines in enumerate(page_lines, 1) if number not in wanted
        ):
            warnings.append(
                f"Tesseract is not installed; {_numbers(wanted)} could not be read."
            )
            return set()
        raise ocr.unavailable_error()
    return wanted


def _needs_ocr(
    page: pymupdf.Page, lines: list[PageLine], options: ExtractionOptions
) -> bool:
    """A garbage text layer (glyphs without Unicode: U+FFFD, private use, controls),
    or a thin one on a page that shows an image or drawing OCR could read."""
    chars = [char for line in lines for char in line.text if not char.isspace()]
    bad = sum(
        char == "\ufffd" or unicodedata.category(char) in ("Cc", "Co", "Cn")
        for char in chars
    )
    if chars and bad >= _GARBAGE_SHARE * len(chars):
        return True
    return len(chars) < options.min_chars_per_page and _has_graphics(page)


def _has_graphics(page: pymupdf.Page) -> bool:
    images = page.get_images(full=False)  # type: ignore[no-untyped-call]  # pymupdf: untyped
    return bool(images) or bool(page.get_cdrawings())  # type: ignore[no-untyped-call]  # pymupdf: untyped


def _numbers(pages: set[int]) -> str:
    listed = ", ".join(str(number) for number in sorted(pages))
    return f"page {listed}" if len(pages) == 1 else f"pages {listed}"
