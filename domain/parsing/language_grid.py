"""Europass's language block: a "Mother tongue(s)" row, then a "Foreign
language(s)" grid whose columns (Understanding: Listening, Reading; Speaking:
Spoken interaction, Spoken production; Writing) hold one CEFR level each.

Extraction writes it either as rows ("English | C1 | C1 | B2 | B2 | C1", a DOCX
table) or as one cell a line ("English" / "C1" / "C1" / ..., a PDF). The block is
read as languages with their level, and its lines are no skills."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from domain.parsing.lines import Line

# The block's row labels, with or without a colon or cells after them.
_LABEL = re.compile(
    r"^\s*(?:(?P<native>mother\s+tongues?|native\s+languages?)|"
    r"(?:foreign|other)\s+languages?)(?:\s*\(s\))?\s*(?::|\||$)",
    re.IGNORECASE,
)
_GRID_WORDS = re.compile(
    r"^(?:(?:understanding|speaking|writing|listening|reading|spoken\s+interaction|"
    r"spoken\s+production|levels?:?)[\s|]*)+$",
    re.IGNORECASE,
)
_CEFR_ONLY = re.compile(r"^(?:[ABC][12][\s|,/]*)+$")
_CELLS = re.compile(r"\s*\|\s*")


@dataclass(frozen=True)
class GridLanguage:
    """A language row of the block: the line naming it, whether it is a mother
    tongue, and the CEFR levels of its cells."""

    line: Line
    native: bool
    levels: tuple[str, ...]


@dataclass(frozen=True)
class LanguageBlock:
    lines: tuple[Line, ...]
    languages: tuple[GridLanguage, ...]


def language_blocks(
    lines: Sequence[Line], is_language_row: Callable[[str], bool]
) -> list[LanguageBlock]:
    """Every Europass language block in `lines`; `is_language_row` tells whether a
    text (a row's first cell) names a language (`languages.is_language`, passed in
    since `languages` reads these blocks)."""
    blocks: list[LanguageBlock] = []
    i = 0
    while i < len(lines):
        if _LABEL.match(lines[i].text) is None:
            i += 1
            continue
        end, found = _read_block(lines, i, is_language_row)
        blocks.append(LanguageBlock(tuple(lines[i:end]), tuple(found)))
        i = end
    return blocks


def _read_block(
    lines: Sequence[Line], first: int, is_language_row: Callable[[str], bool]
) -> tuple[int, list[GridLanguage]]:
    found: list[GridLanguage] = []
    native = False
    i = first
    while i < len(lines):
        text = lines[i].text
        label = _LABEL.match(text)
        cells = [c for c in _CELLS.split(text) if c]
        if label is not None:
            native = label.group("native") is not None
            rest = text[label.end() :].strip(" |:")
            if rest and is_language_row(_CELLS.split(rest)[0]):
                found.append(GridLanguage(lines[i], native, _levels(rest)))
        elif _GRID_WORDS.match(text):
            pass
        elif _CEFR_ONLY.match(text) and found:
            last = found[-1]
            found[-1] = GridLanguage(
                last.line, last.native, last.levels + _levels(text)
            )
        elif (
            cells
            and is_language_row(cells[0])
            and all(_CEFR_ONLY.match(c) for c in cells[1:])
        ):
            found.append(GridLanguage(lines[i], native, _levels(" ".join(cells[1:]))))
        else:
            break
        i += 1
    return i, found


def _levels(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\b[ABC][12]\b", text))
