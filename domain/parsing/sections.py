"""The resume's sections: cut at their headings, or found by content when there
are none."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from domain.parsing import dates
from domain.parsing.headings import (
    SectionKind,
    heading_kind,
    heading_shape,
    known_heading,
    normalise_heading,
)
from domain.parsing.lines import Line
from domain.parsing.places import is_location


@dataclass(frozen=True)
class Section:
    kind: SectionKind
    heading: Line | None
    lines: tuple[Line, ...]
    inferred: bool = False


def find_sections(
    lines: Sequence[Line], emphasised: frozenset[str] = frozenset()
) -> list[Section]:
    """Cut the lines at their headings; text before the first one is the header.
    Unheaded runs of dated entries become inferred experience/education sections."""
    sections: list[Section] = []
    current = Section(SectionKind.HEADER, None, ())
    seen_heading = False
    kinds = [heading_kind(line, emphasised) for line in lines]
    upper_style = (
        sum(
            k is not None and _upper(line) for k, line in zip(kinds, lines, strict=True)
        )
        >= 3
    )
    for line, kind in zip(lines, kinds, strict=True):
        if kind is None and seen_heading and _emphasised_heading(line, emphasised):
            kind = SectionKind.OTHER
        if (
            kind is not None
            and upper_style
            and current.kind is SectionKind.EXPERIENCE
            and not _upper(line)
            and normalise_heading(line.text) not in emphasised
        ):
            kind = None  # "Technical Skills:" inside a job, under "WORK EXPERIENCE"
        if kind is None:
            current = Section(current.kind, current.heading, (*current.lines, line))
            continue
        sections.append(current)
        current = Section(kind, line, ())
        seen_heading = True
    sections.append(current)
    return _infer_unheaded(
        _split_inline_labels([s for s in sections if s.lines or s.heading])
    )


def _upper(line: Line) -> bool:
    """Written in capitals, as some resumes write every top-level heading."""
    return line.text.isupper()


def _emphasised_heading(line: Line, emphasised: frozenset[str]) -> bool:
    text = line.text.rstrip(":")
    return (
        heading_shape(text)
        and len(text.split()) <= 4
        and normalise_heading(text) in emphasised
        and (text.isupper() or text.istitle())
    )


_INLINE_LABEL = re.compile(r"^(?P<label>[A-Za-zÀ-ÿ &/]{3,30}):\s*\S")
_INLINE_KINDS = frozenset(
    {SectionKind.SKILLS, SectionKind.LANGUAGES, SectionKind.CERTIFICATIONS}
)
_LIST_KINDS = frozenset({SectionKind.SKILLS, SectionKind.LANGUAGES})


def _split_inline_labels(sections: list[Section]) -> list[Section]:
    """A labelled line such as "Skills: Python, SQL" outside a skills list becomes a
    one-line section of its own."""
    result: list[Section] = []
    for section in sections:
        if section.kind in _LIST_KINDS:
            result.append(section)
            continue
        run: list[Line] = []
        heading = section.heading
        for line in section.lines:
            kind = _inline_kind(line)
            if kind is None:
                run.append(line)
                continue
            result.append(Section(section.kind, heading, tuple(run), section.inferred))
            result.append(Section(kind, None, (line,), inferred=True))
            run, heading = [], None
        result.append(Section(section.kind, heading, tuple(run), section.inferred))
    return [s for s in result if s.lines or s.heading]


def _inline_kind(line: Line) -> SectionKind | None:
    match = _INLINE_LABEL.match(line.text)
    if match is None:
        return None
    key = normalise_heading(match.group("label"))
    kind = known_heading(key)
    return kind if kind in _INLINE_KINDS and len(key.split()) <= 3 else None


_DEGREE_CUE = re.compile(
    r"\b(?:bachelor\w*|master\w*|ph\.?\s?d|doctor(?:ate)?|degree|diploma|"
    r"B\.?\s?(?:S|A|Sc|Eng|Tech)\b\.?|M\.?\s?(?:S|A|Sc|Eng|BA)\b\.?|MBA|"
    r"high school|GED)",
    re.IGNORECASE,
)
_LIST_ITEM_SPLIT = re.compile(r"\s*(?:[,;|•·]|\s/\s)\s*")
_INFERABLE = frozenset(
    {SectionKind.HEADER, SectionKind.SUMMARY, SectionKind.OTHER, SectionKind.CONTACT}
)


def _infer_unheaded(sections: list[Section]) -> list[Section]:
    """Entries sitting in the header, summary or an unknown section become sections
    of their own: dated entries are experience (education when they name a degree),
    a line naming a degree starts education, a bare list of short items is skills."""
    result: list[Section] = []
    for section in sections:
        starts = _entry_starts(section.lines) if section.kind in _INFERABLE else []
        if not starts:
            result.append(section)
            continue
        head = section.lines[: starts[0]]
        if head or section.heading:
            result.append(
                Section(section.kind, section.heading, head, section.inferred)
            )
        for begin, stop in zip(starts, [*starts[1:], len(section.lines)], strict=True):
            entry = section.lines[begin:stop]
            kind = _entry_kind(entry)
            if result and result[-1].inferred and result[-1].kind is kind:
                previous = result.pop()
                entry = (*previous.lines, *entry)
            result.append(Section(kind, None, tuple(entry), inferred=True))
    return result


def _entry_kind(entry: Sequence[Line]) -> SectionKind:
    if _skills_line(entry[0]):
        return SectionKind.SKILLS
    head: list[str] = []
    for line in entry[:3]:
        if line.bullet:
            break
        head.append(line.text)
    if any(_DEGREE_CUE.search(text) for text in head):
        return SectionKind.EDUCATION
    return SectionKind.EXPERIENCE


def _entry_starts(lines: Sequence[Line]) -> list[int]:
    starts: list[int] = []
    for index in range(len(lines)):
        begin = _entry_start(lines, index)
        if begin is not None and (not starts or begin > starts[-1]):
            starts.append(begin)
    return starts


def _entry_start(lines: Sequence[Line], index: int) -> int | None:
    """Where an entry anchored at line `index` starts, or None when it anchors none."""
    line = lines[index]
    if line.bullet or line.index < 3:
        return None
    if _skills_line(line) or _degree_line(line):
        return index
    if not is_entry_anchor(line):
        return None
    begin = index
    while begin > 0 and index - begin < 2 and _title_like(lines[begin - 1]):
        begin -= 1
    return begin


def _degree_line(line: Line) -> bool:
    """A line naming a degree; "Boston, MA" or "Jackson, MS" is a place."""
    return (
        bool(_DEGREE_CUE.search(line.text))
        and len(line.text.split()) <= 15
        and not is_location(line.text)
    )


def _skills_line(line: Line) -> bool:
    """A bare list such as "Figma, Sketch, user research, prototyping"."""
    items = _LIST_ITEM_SPLIT.split(line.text)
    return (
        len(items) >= 4
        and all(0 < len(item.split()) <= 3 for item in items)
        and not re.search(r"[@\d]", line.text)
    )


def is_entry_anchor(line: Line) -> bool:
    """A line holding a date range and little else: the anchor of a dated entry."""
    found = dates.find_ranges(line.text)
    if not found:
        return False
    before = line.text[: found[0].begin]
    return len(before.split()) <= 14 and "@" not in before


def _title_like(line: Line) -> bool:
    text = line.text
    return (
        not line.bullet
        and len(text.split()) <= 12
        and not text.endswith(".")
        and "@" not in text
        and not re.search(r"\d{3}", text)
        and not is_entry_anchor(line)
    )
