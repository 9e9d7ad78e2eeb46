"""PDF text with layout through PyMuPDF: columns, sidebars, running lines, OCR."""

import itertools
import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
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

logger = logging.getLogger(__name__)

_Span = dict[str, Any]  # a span of PyMuPDF's untyped "dict" output
_TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_BOLD_FLAG = 16
_SPAN_GAP = 1.5  # a gap wider than this many font sizes splits a line in two
_BAND = 0.06  # running headers and footers sit within this share of the page height
_GARBAGE_SHARE = 0.3
_MAX_COLUMN_DEPTH = 3
# Fewer characters per line than this: bullets or numbers beside text, not a column.
_GLYPH_COLUMN = 4


@dataclass(frozen=True, slots=True)
class _Line:
    """A run of text on one baseline, without wide gaps; the unit of reading order."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    bold: bool

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


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
        blocks.extend(read or _blocks(_order_lines(lines), number))
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


def _page_lines(page: pymupdf.Page) -> list[_Line]:
    data = page.get_text("dict", flags=_TEXT_FLAGS)  # type: ignore[no-untyped-call]  # pymupdf: untyped
    lines: list[_Line] = []
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


def _make_line(spans: list[_Span]) -> _Line:
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
    return _Line(
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
    pages: Sequence[list[_Line]], heights: Sequence[float]
) -> list[list[_Line]]:
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


def _in_band(line: _Line, height: float) -> bool:
    return line.middle <= height * _BAND or line.middle >= height * (1 - _BAND)


def _running_key(line: _Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


# Reading order


def _order_lines(lines: Sequence[_Line], depth: int = 0) -> list[list[_Line]]:
    """Groups of lines in reading order: full-width runs and bands, and within a
    band each column top to bottom, left column first (recursively)."""
    gutter = _find_gutter(lines) if depth <= _MAX_COLUMN_DEPTH else None
    if gutter is None:
        return [_in_rows(lines)] if lines else []
    groups: list[list[_Line]] = []
    for crossing, run in _runs(sorted(lines, key=lambda line: line.y0), gutter):
        groups.extend([_in_rows(run)] if crossing else _order_band(run, gutter, depth))
    return groups


def _find_gutter(lines: Sequence[_Line]) -> float | None:
    """The x just left of a cluster of left edges that the fewest characters cross,
    with text on both sides; None when there is no such x."""
    if len(lines) < 2:
        return None
    starts = Counter(round(line.x0) for line in lines)
    leftmost = min(starts)
    best: tuple[int, float] | None = None
    for start, count in starts.items():
        if start - leftmost < 10 or count < 2:
            continue
        x = start - 0.5
        crossed = sum(len(line.text) for line in lines if line.x0 < x < line.x1)
        if any(line.x1 <= x for line in lines) and (best is None or crossed < best[0]):
            best = (crossed, x)
    return None if best is None else best[1]


def _runs(lines: list[_Line], gutter: float) -> Iterator[tuple[bool, list[_Line]]]:
    """Consecutive lines (top to bottom) that do or do not cross the gutter."""
    run: list[_Line] = []
    crossing = False
    for line in lines:
        crosses = line.x0 < gutter < line.x1
        if run and crosses != crossing:
            yield crossing, run
            run = []
        run.append(line)
        crossing = crosses
    if run:
        yield crossing, run


def _order_band(band: list[_Line], gutter: float, depth: int) -> list[list[_Line]]:
    left = [line for line in band if line.x1 <= gutter]
    right = [line for line in band if line.x1 > gutter]
    if not left or not right or _reads_as_rows(left, right):
        return [_in_rows(band)]
    return _order_lines(left, depth + 1) + _order_lines(right, depth + 1)


def _reads_as_rows(left: list[_Line], right: list[_Line]) -> bool:
    """Side-by-side cells (a title and its dates, a date column beside each job,
    bullet glyphs beside their items) read across; real columns and sidebars read
    down. A side of bare glyphs or numbers is cells. So is the smaller side when its
    lines sit level with lines of the other side, and those are few or mostly have
    unmatched lines (a job's bullets) between them."""
    if min(_chars_per_line(left), _chars_per_line(right)) < _GLYPH_COLUMN:
        return True
    fewer, other = sorted((left, right), key=len)
    other = sorted(other, key=lambda line: line.y0)
    partners = sorted(
        {
            index
            for line in fewer
            for index, candidate in enumerate(other)
            if candidate.y0 <= line.middle <= candidate.y1
        }
    )
    if len(partners) < 0.8 * len(fewer):
        return False
    if len(fewer) <= 2:
        return True
    apart = sum(after - before > 1 for before, after in itertools.pairwise(partners))
    return apart * 2 >= len(partners) - 1


def _chars_per_line(lines: list[_Line]) -> float:
    return sum(len(line.text) for line in lines) / len(lines)


def _in_rows(lines: Sequence[_Line]) -> list[_Line]:
    """Top to bottom; lines level with each other left to right."""
    rows: list[list[_Line]] = []
    for line in sorted(lines, key=lambda line: line.y0):
        if rows and line.middle <= rows[-1][0].y1:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda line: line.x0)]


# Blocks


def _blocks(groups: list[list[_Line]], page: int) -> list[TextBlock]:
    """Consecutive lines of a group form one block while they follow each other
    closely in the same style."""
    blocks: list[TextBlock] = []
    for group in groups:
        current: list[_Line] = []
        for line in group:
            if current and not _continues(current[-1], line):
                blocks.append(_block(current, page))
                current = []
            current.append(line)
        if current:
            blocks.append(_block(current, page))
    return blocks


def _continues(previous: _Line, line: _Line) -> bool:
    below = line.y0 >= previous.middle
    close = line.y0 - previous.y1 <= 0.5 * max(previous.height, line.height)
    overlaps = line.x0 < previous.x1 and previous.x0 < line.x1
    same_style = abs(line.size - previous.size) < 0.5 and line.bold == previous.bold
    return below and close and overlaps and same_style


def _block(lines: list[_Line], page: int) -> TextBlock:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    bold = sum(len(line.text) for line in lines if line.bold)
    return TextBlock(
        page=page,
        x0=min(line.x0 for line in lines),
        y0=min(line.y0 for line in lines),
        x1=max(line.x1 for line in lines),
        y1=max(line.y1 for line in lines),
        # U+FFFD stands for glyphs without a Unicode mapping, mostly icons.
        text="\n".join(line.text for line in lines).replace("\ufffd", ""),
        font_size=sizes.most_common(1)[0][0],
        bold=bold * 2 >= sum(sizes.values()),
    )


# OCR of pages without a usable text layer


def _pages_to_ocr(
    pages: list[pymupdf.Page],
    page_lines: list[list[_Line]],
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
    page: pymupdf.Page, lines: list[_Line], options: ExtractionOptions
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
