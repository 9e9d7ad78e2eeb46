"""Skills: taxonomy matches over the whole text, the items of skills lists, ambiguous
short names resolved by context, and stated years of experience."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from domain.parsing.fields import evidence_for
from domain.parsing.headings import SectionKind
from domain.parsing.language_grid import language_blocks
from domain.parsing.languages import is_language
from domain.parsing.lines import Line, Span, split_spans
from domain.parsing.model import Skill
from domain.parsing.sections import Section
from domain.parsing.skill_items import (
    CATEGORY,
    ITEM_SPLIT,
    LABEL,
    YEARS_NOTE,
    is_prose,
    item_shape,
    list_body,
    list_confidence,
    list_item,
    without_labels,
)
from domain.parsing.taxonomy import Match, SkillKind, Taxonomy

_LIST_KINDS = frozenset({SectionKind.SKILLS, SectionKind.LANGUAGES})
_SKIPPED = frozenset(
    {SectionKind.CONTACT, SectionKind.REFERENCES, SectionKind.INTERESTS}
)
_CONTACT_LINE = re.compile(r"@|https?:|www\.|\.com\b|linkedin|github|\d{3}", re.I)
_CUES_TEXT = """
programming language languages framework frameworks scripting library libraries sdk
stack
"""
_CUES = frozenset(_CUES_TEXT.split())
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_AMOUNT = r"(\d{1,2}(?:\.\d)?|" + "|".join(_NUMBERS) + r")\+?"
_YEARS_BEFORE = re.compile(
    rf"{_AMOUNT}\s*(?:years?|yrs?)\.?\s*(?:of\s+)?(?:(?:professional|hands-on|"
    rf"commercial|industry)\s+)?(?:experience|exp\.?)?\s*(?:in|with|using|of)?\s*$",
    re.IGNORECASE,
)
_YEARS_AFTER = re.compile(
    rf"^\s*(?:[(:\-\u2013]\s*)?{_AMOUNT}\s*(?:years?|yrs?)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class _Found:
    name: str
    canonical_id: str | None
    category: str | None
    span: Span
    section: SectionKind
    confidence: float
    years: float | None


def extract_skills(
    sections: Sequence[Section],
    text: str,
    doc_lines: Sequence[Line],
    taxonomy: Taxonomy,
) -> tuple[Skill, ...]:
    found: list[_Found] = []
    for section in (part for s in sections for part in _without_language_blocks(s)):
        if section.kind in _SKIPPED or not section.lines:
            continue
        if section.kind in _LIST_KINDS:
            found.extend(_list_skills(section, text, taxonomy))
        elif section.kind is SectionKind.HEADER:
            for line in section.lines[
                1:
            ]:  # the name, then contact lines, are no skills
                if not _CONTACT_LINE.search(line.text):
                    one = Section(section.kind, None, (line,))
                    found.extend(_prose_skills(one, text, taxonomy))
        else:
            found.extend(_prose_skills(section, text, taxonomy))
            found.extend(_category_rows(section, text, taxonomy))
    return _merge(found, doc_lines)


def _without_language_blocks(section: Section) -> list[Section]:
    """The section's runs of lines around its Europass language blocks
    (`language_grid`): their labels, grid headings and CEFR levels are no skills."""
    taken = {
        line.index
        for block in language_blocks(section.lines, is_language)
        for line in block.lines
    }
    if not taken:
        return [section]
    runs: list[list[Line]] = [[]]
    for line in section.lines:
        if line.index in taken:
            runs.append([])
        else:
            runs[-1].append(line)
    return [replace(section, lines=tuple(run)) for run in runs if run]


def _category_rows(section: Section, text: str, taxonomy: Taxonomy) -> list[_Found]:
    """Rows that list skills under a category outside a skills section ("Tools:
    Jira, Jenkins", "Environment: Java, Oracle"): read as a skills list."""
    found = []
    for line in section.lines:
        label = LABEL.match(line.text)
        if label is None or not CATEGORY.search(label.group("label")):
            continue
        if len(split_spans(line.span, ITEM_SPLIT)) >= 2:
            row = Section(section.kind, None, (line,))
            found.extend(_list_skills(row, text, taxonomy, unknown=True))
    return found


def _section_span(section: Section, text: str) -> Span:
    start, end = section.lines[0].start, section.lines[-1].end
    return Span(text[start:end], start, end)


def _list_skills(
    section: Section, text: str, taxonomy: Taxonomy, *, unknown: bool = False
) -> list[_Found]:
    """Every taxonomy match of a skills list, and list items it does not know.
    Matches run over the whole section so that an item wrapped onto the next line
    ("Distributed / Systems") is still one skill; a line of prose in the section
    is read as prose."""
    bodies = [body for line in section.lines if (body := list_body(line)) is not None]
    span = _section_span(section, text)
    notes = [
        (n.start() + span.start, n.end() + span.start)
        for n in YEARS_NOTE.finditer(span.text)
    ]
    matches = [
        m
        for m in taxonomy.matches(span.text, span.start)
        if not _natural_language(m)
        and not any(a <= m.start < b for a, b in notes)  # "(Less than 1 year)"
    ]
    sure = [m for m in matches if not m.ambiguous and m.entry.kind is SkillKind.TECH]
    found: list[_Found] = []
    for body in bodies:
        inside = [m for m in matches if body.start <= m.start < body.end]
        items = [list_item(i) for i in split_spans(body, ITEM_SPLIT)]
        inside = without_labels(inside, items, text)
        if is_prose(body, items):
            confidences = [_prose_confidence(m, sure, text) for m in inside]
        else:
            confidences = [list_confidence(m, items) for m in inside]
            if unknown or section.kind is SectionKind.SKILLS:
                kept = [
                    m for m in matches if m not in inside or list_confidence(m, items)
                ]
                found.extend(_unknown_items(items, kept, section.kind, text))
        found.extend(
            _from_match(m, section.kind, c, text)
            for m, c in zip(inside, confidences, strict=True)
            if c
        )
    return found


def _unknown_items(
    items: list[Span], matches: list[Match], kind: SectionKind, text: str
) -> list[_Found]:
    """List items the taxonomy does not know."""
    found = []
    for item in items:
        covered = any(m.start < item.end and m.end > item.start for m in matches)
        if covered or not item_shape(item.text):
            continue
        found.append(
            _Found(item.text, None, None, item, kind, 0.55, _years(item, text))
        )
    return found


def _prose_skills(section: Section, text: str, taxonomy: Taxonomy) -> list[_Found]:
    """Matches outside skills lists: technical skills and multi-word ESCO skills;
    an ambiguous name needs a neighbouring technical skill or a cue word."""
    span = _section_span(section, text)
    matches = [
        m for m in taxonomy.matches(span.text, span.start) if not _natural_language(m)
    ]
    sure = [m for m in matches if not m.ambiguous and m.entry.kind is SkillKind.TECH]
    found = []
    for match in matches:
        confidence = _prose_confidence(match, sure, text)
        if match.entry.kind is not SkillKind.TECH and (
            section.kind is SectionKind.EDUCATION or _labels_a_row(match, text)
        ):
            continue  # a field of study, or "Operating systems:", is no skill claim
        if confidence:
            found.append(_from_match(match, section.kind, confidence, text))
    return found


def _labels_a_row(match: Match, text: str) -> bool:
    """Whether the match is the label of a "Label: item, item" row."""
    line_start = text.rfind("\n", 0, match.start) + 1
    return not text[line_start : match.start].strip() and text[
        match.end : match.end + 3
    ].lstrip(" ").startswith(":")


def _prose_confidence(match: Match, sure: list[Match], text: str) -> float:
    if match.acronym and not match.surface.isupper():
        return 0.0  # "apps" is not the product APPS
    if match.entry.kind is SkillKind.SKILL:
        return 0.0  # ESCO competences ("manage staff") count only in skills lists
    if match.entry.kind is SkillKind.KNOWLEDGE:
        return 0.5 if " " in match.key and not match.ambiguous else 0.0
    if not match.ambiguous:
        return 0.75
    if (
        match.surface.islower()
        or not _clean_edges(match, text)
        or _in_name(match, text)
    ):
        return 0.0
    if any(m is not match and abs(m.start - match.start) <= 40 for m in sure):
        return 0.6
    window = text[max(0, match.start - 40) : match.end + 40].lower()
    return 0.6 if _CUES & set(re.findall(r"[a-z]+", window)) else 0.0


def _clean_edges(match: Match, text: str) -> bool:
    """Whether a one- or two-letter match stands alone: "R&D", "C. Smith" and "A's"
    are not the skills R, C or A."""
    before = text[match.start - 1] if match.start else " "
    after = text[match.end] if match.end < len(text) else " "
    if len(match.key) > 2:
        return True
    return (
        before not in "&'\u2019."
        and after not in "&'\u2019"
        and not (after == "." and len(match.key) == 1)
    )


_CAPITALISED = re.compile(r"[A-Z][\w&.-]*")


def _in_name(match: Match, text: str) -> bool:
    """Whether a capitalised word next to the match makes it part of a name or a
    title ("Initech Analytics", "Product Designer") rather than a skill."""
    before = re.search(
        r"([A-Z][\w&.-]*) $", text[max(0, match.start - 30) : match.start]
    )
    after = (
        _CAPITALISED.match(text[match.end + 1 : match.end + 30])
        if text[match.end : match.end + 1] == " "
        else None
    )
    return bool(before or after)


def _natural_language(match: Match) -> bool:
    return is_language(match.surface)


def _from_match(
    match: Match, kind: SectionKind, confidence: float, text: str
) -> _Found:
    span = Span(match.surface, match.start, match.end)
    entry = match.entry
    return _Found(
        entry.name,
        entry.canonical_id,
        entry.category,
        span,
        kind,
        confidence,
        _years(span, text),
    )


def _years(span: Span, text: str) -> float | None:
    """Years stated next to a skill: "5 years of Python", "Python (3 yrs)",
    "Python: 4+ years"."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    before = text[max(line_start, span.start - 45) : span.start]
    after = text[
        span.end : min(line_end if line_end >= 0 else len(text), span.end + 20)
    ]
    match = _YEARS_BEFORE.search(before) or _YEARS_AFTER.search(after)
    if match is None:
        return None
    amount = match.group(1).lower()
    return float(_NUMBERS.get(amount, 0) or amount)


def _merge(found: list[_Found], doc_lines: Sequence[Line]) -> tuple[Skill, ...]:
    """One skill per canonical id (or name); skills lists first, then by position."""
    found.sort(key=lambda f: (f.section not in _LIST_KINDS, f.span.start))
    merged: dict[str, _Found] = {}
    years: dict[str, float] = {}
    for item in found:
        key = item.canonical_id or item.name.lower()
        if item.years is not None:
            years[key] = max(years.get(key, 0.0), item.years)
        current = merged.get(key)
        if current is None or (
            item.confidence > current.confidence and current.section not in _LIST_KINDS
        ):
            merged[key] = item
    return tuple(
        Skill(
            name=item.name,
            canonical_id=item.canonical_id,
            category=item.category,
            source_section=str(item.section),
            years=years.get(key),
            confidence=item.confidence,
            evidence=evidence_for(item.span, doc_lines),
        )
        for key, item in merged.items()
    )
