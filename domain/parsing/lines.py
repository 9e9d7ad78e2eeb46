"""Lines of the document text with their offsets, pages and bullets, and spans
(pieces of a line) cut and trimmed by separators."""

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from domain.extraction.document import ExtractedDocument


@dataclass(frozen=True)
class Span:
    """A piece of the document text; `[start, end)` are offsets into it."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Line:
    """One non-empty line, stripped; a bullet line keeps its text without the marker."""

    index: int
    text: str
    start: int
    end: int
    page: int | None
    bullet: bool
    blank_before: bool

    @property
    def span(self) -> Span:
        return Span(self.text, self.start, self.end)


_BULLET = re.compile(
    r"^(?:[-\u2013—•●▪◦○■□►▶➢➤✓✔✗*·∙\u2043‣\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8]|\d{1,2}[.)])\s*"
)
_RULE = re.compile(r"([=_~*#.\-\u2013—─━])(?:\s?\1){2,}")
_PAGE_FOOTER = re.compile(r"(?:^|[\s|\u2013—-])Page\s+\d+\s+of\s+\d+$", re.I)
# A lone guillemet between spaces is a bullet as OCR often reads it ("London «
# maria@..."); one that quotes a word touches it.
_SPLIT_DEFAULT = re.compile(r"\s*(?:\||•|·|●|▪|◆|♦|(?<=\s)[«»](?=\s)|\t|\s{3,})\s*")


def index_at(lines: Sequence[Line], offset: int) -> int | None:
    """The index of the line that holds character `offset` of the text, if any."""
    return next((i for i, x in enumerate(lines) if x.start <= offset < x.end), None)


def split_spans(span: Span, pattern: re.Pattern[str] = _SPLIT_DEFAULT) -> list[Span]:
    """The non-empty pieces of `span` between matches of `pattern`, trimmed."""
    pieces: list[Span] = []
    cursor = 0
    for match in [*pattern.finditer(span.text), None]:
        stop = match.start() if match else len(span.text)
        pieces.extend(_trimmed(span, cursor, stop))
        cursor = match.end() if match else stop
    return pieces


_TRIM = " \t,;:-\u2013—|·•"


def _trimmed(span: Span, begin: int, stop: int) -> list[Span]:
    raw = span.text[begin:stop]
    text = raw.strip(_TRIM).rstrip("([{").lstrip(")]}").strip(_TRIM)
    if not text:
        return []
    offset = begin + raw.index(text)
    return [Span(text, span.start + offset, span.start + offset + len(text))]


def sub_span(span: Span, begin: int, stop: int) -> Span | None:
    """The trimmed piece `[begin, stop)` of `span`, or None when it is blank."""
    pieces = _trimmed(span, begin, stop)
    return pieces[0] if pieces else None


def split_lines(document: ExtractedDocument) -> tuple[Line, ...]:
    pages = _page_starts(document)
    lines: list[Line] = []
    offset = 0
    blank = True
    marker_only = False
    for raw in document.text.split("\n"):
        line = _line(raw, offset, len(lines), blank, pages, document.pages)
        offset += len(raw) + 1
        if line is not None and marker_only and not line.bullet:
            line = replace(line, bullet=True)  # "•" alone, its text on the next line
        marker_only = line is None and bool(_BULLET.fullmatch(raw.strip()))
        blank = line is None and not marker_only
        if line is not None:
            lines.append(line)
    return tuple(lines)


def _line(
    raw: str,
    offset: int,
    index: int,
    blank: bool,
    pages: list[tuple[int, int]],
    page_count: int,
) -> Line | None:
    stripped = raw.strip()
    if _RULE.fullmatch(stripped) or _PAGE_FOOTER.search(stripped):
        return None  # "=====" under a heading, "Jane Doe - Page 1 of 2": furniture
    match = _BULLET.match(stripped)
    bullet = bool(match and _is_marker(match, stripped))
    text = stripped[match.end() :].strip() if match and bullet else stripped
    if not text:
        return None
    start = offset + raw.index(text)
    page = _page_at(pages, start, page_count)
    return Line(index, text, start, start + len(text), page, bullet, blank)


def _is_marker(match: re.Match[str], line: str) -> bool:
    # "- item" and "•item" are bullets; "-5%" and "2020." are not.
    marker = match.group(0).strip()
    if marker[0].isdigit():
        return len(line) > match.end() and match.group(0).endswith(" ")
    return marker not in "-*" or match.group(0).endswith(" ")


def _page_starts(document: ExtractedDocument) -> list[tuple[int, int]]:
    """(offset, page) pairs in text order: from form feeds, else from block texts."""
    text = document.text
    if "\f" in text:
        starts = [0] + [m.end() for m in re.finditer("\f", text)]
        return [(offset, page + 1) for page, offset in enumerate(starts)]
    blocks = document.blocks
    if not blocks:
        return []
    base = 1 if min(block.page for block in blocks) == 0 else 0
    pairs: list[tuple[int, int]] = []
    cursor = 0
    for block in blocks:
        probe = block.text.strip()[:40]
        found = text.find(probe, cursor) if probe else -1
        if found >= 0:
            pairs.append((found, block.page + base))
            cursor = found
    return pairs


def _page_at(pages: list[tuple[int, int]], offset: int, page_count: int) -> int | None:
    if not pages:
        return 1 if page_count == 1 else None
    index = bisect.bisect_right(pages, (offset, 1 << 30)) - 1
    return pages[max(index, 0)][1]
