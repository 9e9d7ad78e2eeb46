"""Tesseract's words as the lines of a page: cut where a wide gap splits them, sized
by their type, put in reading order, and given back the accents a second model read."""

import statistics
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace

from domain.extraction.document import TextBlock
from domain.extraction.pdf_layout import PageLine, blocks_in_order, order_lines

_LINE_GAP = 1.5  # a gap wider than this many line heights splits an OCR line
_LARGER_TYPE = 1.6  # times the body's type height: a larger type, not tall letters
# Shares of a type's full height (ascender to descender) in a sans-serif font.
_DESCENDERS = frozenset("gjpqyQ()[]{}|@$;,")
_ASCENDERS = frozenset("bdfhiklt!?/\\'\"#%&")
_CAPITALS_SHARE = 0.85  # 0.73-0.76 in DejaVu and Liberation; less corrected, as
# Tesseract boxes a word a few pixels too tall at times ("Redis" 38 px in 29 px type)
_X_HEIGHT_SHARE = 0.55
_MOST_ACCENT_LINES = 4
_NAME_WORDS = 6  # "Marie-Claire van der Berg, PhD"
_NAME_CHARS = 48


@dataclass(frozen=True, slots=True)
class Word:
    paragraph: tuple[int, int]
    line: int
    left: int
    top: int
    width: int
    height: int
    confidence: float
    text: str

    @property
    def right(self) -> int:
        return self.left + self.width


def page_lines(words: list[Word]) -> list[list[Word]]:
    """Tesseract's lines, each cut where a gap wider than `_LINE_GAP` line heights
    splits it. Tesseract's own column finding is not relied on: with a narrow
    gutter it joined a sidebar's lines to the main column's, depending on the
    resolution it was told or guessed."""
    by_line: dict[tuple[int, int, int], list[Word]] = defaultdict(list)
    for word in words:
        by_line[(*word.paragraph, word.line)].append(word)
    parts: list[list[Word]] = []
    for members in by_line.values():
        members.sort(key=lambda word: word.left)
        height = max(word.height for word in members)
        parts.append([])
        for word in members:
            if parts[-1] and word.left - parts[-1][-1].right > _LINE_GAP * height:
                parts.append([])
            parts[-1].append(word)
    return parts


def ordered_blocks(
    parts: list[list[Word]], *, page: int, scale: float
) -> list[TextBlock]:
    """The lines in reading order by the same layout rules as a PDF's text layer;
    `scale` turns pixels into the caller's units."""
    body = _body(parts)
    lines = [_page_line(part, body, scale) for part in parts]
    return blocks_in_order(order_lines(lines), page)


def accent_candidates(parts: list[list[Word]]) -> list[int]:
    """The lines worth reading again for accents: short ones (a name is a few
    words) in larger type, and the topmost line, where a name in body type stands.
    On a page of dense prose there are none, and no second reading."""
    short = [
        i
        for i, part in enumerate(parts)
        if len(part) <= _NAME_WORDS and sum(len(w.text) for w in part) <= _NAME_CHARS
    ]
    if not short:
        return []
    body = _body(parts)
    large = [i for i in short if _type_height(parts[i]) >= _LARGER_TYPE * body]
    top = min(range(len(parts)), key=lambda i: min(word.top for word in parts[i]))
    chosen = {*large, top} & set(short)
    ranked = sorted(chosen, key=lambda i: -_type_height(parts[i]))
    return sorted(ranked[:_MOST_ACCENT_LINES])


def with_accents(part: list[Word], reading: list[str]) -> list[Word]:
    """`part` with each word the second reading spells the same but for accents
    ("Garcia-Lopez" or "Garcia-Lépez" read "García-López"); any other difference
    keeps the first reading, so the second model brings in no misreading of its
    own but accents."""
    if len(reading) != len(part):
        return part
    return [
        replace(word, text=other)
        if other != word.text and _same_but_accents(word.text, other)
        else word
        for word, other in zip(part, reading, strict=True)
    ]


def _same_but_accents(first: str, second: str) -> bool:
    """Letter by letter the same but for accents; an accented letter the first
    reading has may be another one (the English model reads "ó" as "é")."""
    first, second = (unicodedata.normalize("NFC", t) for t in (first, second))
    return len(first) == len(second) and all(
        a == b
        or _without_accents(a) == _without_accents(b)
        or not (a.isascii() or b.isascii())
        for a, b in zip(first, second, strict=True)
    )


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _body(parts: list[list[Word]]) -> float:
    return statistics.median(_type_height(part) for part in parts) if parts else 0


def _type_height(words: list[Word]) -> float:
    """The line's type size in pixels, as the full height (ascender to descender)
    its tallest word implies: "Aisha Bello" has no descender and "SUMMARY" only
    capitals, so their boxes are shorter than their type."""
    return max(word.height / _letters_share(word.text) for word in words)


def _letters_share(text: str) -> float:
    """The part of the type's full height that the letters of `text` cover."""
    if any(char in _DESCENDERS for char in text):
        return 1.0
    if any(char.isupper() or char.isdigit() or char in _ASCENDERS for char in text):
        return _CAPITALS_SHARE
    return _X_HEIGHT_SHARE if any(char.isalpha() for char in text) else 1.0


def _page_line(words: list[Word], body: float, scale: float) -> PageLine:
    """A line in the body's size unless it is clearly larger: the height of a
    line's words depends on its letters ("LINUX" vs "Engineering", "@"), not
    only on the type size."""
    height = _type_height(words)
    size = height if height >= _LARGER_TYPE * body else body
    return PageLine(
        x0=round(min(w.left for w in words) * scale, 1),
        y0=round(min(w.top for w in words) * scale, 1),
        x1=round(max(w.right for w in words) * scale, 1),
        y1=round(max(w.top + w.height for w in words) * scale, 1),
        text=" ".join(w.text for w in words),
        size=round(size * scale, 1),
        bold=False,
    )
