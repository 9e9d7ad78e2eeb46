"""Certifications and licences: the items of a certifications section, and
"Certified …" items or well-known credentials elsewhere."""

import dataclasses
import re
from collections.abc import Sequence

from domain.parsing import dates
from domain.parsing.fields import make_field
from domain.parsing.headings import SectionKind
from domain.parsing.lines import Line, Span, split_spans, sub_span
from domain.parsing.model import Field
from domain.parsing.sections import Section

_ITEM_SPLIT = re.compile(r"\s*(?:[;|•·]|\s{3,}|\t)\s*")
_DETAIL_SPLIT = re.compile(r"\s+[-\u2013—]\s+|\s*,\s*|\s*\(")
_CERTIFIED = re.compile(
    r"\b(?:certified|certification|certificate|certificat|licen[cs]ed|zertifi\w+)\b",
    re.IGNORECASE,
)
_CREDENTIALS = re.compile(
    r"(?<![\w-])(?:PMP|CAPM|PMI-ACP|CISSP|CISM|CISA|CEH|OSCP|CCNA|CCNP|CCIE|CPA|CFA|"
    r"CMA|ACCA|CIMA|SHRM-(?:CP|SCP)|PHR|SPHR|CSM|PSM|SAFe|ITIL|PRINCE2|TOGAF|"
    r"CompTIA\s+(?:A\+|Network\+|Security\+|Linux\+|Cloud\+)|"
    r"Six\s+Sigma(?:\s+(?:Green|Black|Yellow)\s+Belt)?|Lean\s+Six\s+Sigma)(?![\w-])"
)
_LABEL = re.compile(
    r"^(?:certifications?|licen[cs]es?|credentials)\s*:\s*", re.IGNORECASE
)
_ELSEWHERE = frozenset(
    {
        SectionKind.HEADER,
        SectionKind.SUMMARY,
        SectionKind.SKILLS,
        SectionKind.AWARDS,
        SectionKind.EDUCATION,
        SectionKind.COURSES,
        SectionKind.OTHER,
    }
)


def extract_certifications(
    sections: Sequence[Section], doc_lines: Sequence[Line]
) -> tuple[Field[str], ...]:
    found: dict[str, Field[str]] = {}
    for section in sections:
        if section.kind is SectionKind.CERTIFICATIONS:
            spans = [
                s for line in _joined_items(section.lines) for s in _section_items(line)
            ]
            confidence = 0.85
        elif section.kind in _ELSEWHERE:
            spans = [s for line in section.lines for s in _mentions(line)]
            confidence = 0.65
        else:
            continue
        for span in spans:
            found.setdefault(
                span.text.lower(), make_field(span.text, span, doc_lines, confidence)
            )
    return tuple(found.values())


def _joined_items(lines: Sequence[Line]) -> list[Line]:
    """Bulleted items with the lines they wrap onto in a narrow column ("- Advanced
    Cardiovascular Life" over "Support (ACLS)"): a line without a bullet, right
    under a bulleted one, continues it."""
    items: list[Line] = []
    for line in lines:
        previous = items[-1] if items else None
        if (
            previous is not None
            and previous.bullet
            and not line.bullet
            and not line.blank_before
            and line.start - previous.end == 1
        ):
            text = f"{previous.text} {line.text}"
            items[-1] = dataclasses.replace(previous, text=text, end=line.end)
        else:
            items.append(line)
    return items


_DETAIL = re.compile(r"(?i)(?:issued|expires|expiry|credential|id\b|valid)")
_OTHER_LABEL = re.compile(r"^[A-Z][\w &/-]{2,30}:\s")


def _section_items(line: Line) -> list[Span]:
    """Items of a certifications section; a row labelled otherwise ("Activities: …")
    only yields the credentials it mentions."""
    label = _LABEL.match(line.text)
    if label is None and _OTHER_LABEL.match(line.text):
        return _mentions(line)
    body = sub_span(line.span, label.end(), len(line.text)) if label else line.span
    if body is None:
        return []
    items = []
    for item in split_spans(body, _ITEM_SPLIT):
        if _DETAIL.match(item.text):
            continue  # "| Issued Mar 2023" belongs to the item before it
        name = _name_part(item)
        if name is not None and len(name.text.split()) <= 14:
            items.append(name)
    return items


def _name_part(item: Span) -> Span | None:
    """The credential's name without its issuer detail or dates."""
    cut = len(item.text)
    for detail in _DETAIL_SPLIT.finditer(item.text):
        if _issuer(item.text[detail.end() :]):
            cut = detail.start()
            break
    found = dates.find_ranges(item.text) or dates.find_dates(item.text)
    if found:
        cut = min(cut, found[0].begin)
    name = sub_span(item, 0, cut)
    if name is not None:
        stripped = name.text.rstrip(" ,(")
        name = Span(stripped, name.start, name.start + len(stripped))
    return name if name is not None and len(name.text) >= 2 else None


def _issuer(rest: str) -> bool:
    """Whether the text after a dash or comma is detail, not part of the name:
    an issuer ("CNCF", "Project Management Institute"), a date or an id."""
    rest = re.split(r"[,(\u2013—]|\s-\s", rest)[0].strip()
    if not rest or dates.find_dates(rest) or _DETAIL.match(rest):
        return True
    return rest.isupper() or len(rest.split()) >= 2


def _mentions(line: Line) -> list[Span]:
    mentions: list[Span] = []
    for item in split_spans(line.span, re.compile(r"\s*(?:[,;|•·]|\s{3,})\s*")):
        if _CERTIFIED.search(item.text) and len(item.text.split()) <= 10:
            name = _name_part(item)
            mentions.extend([name] if name else [])
            continue
        for match in _CREDENTIALS.finditer(item.text):
            start = item.start + match.start()
            mentions.append(Span(match.group(0), start, start + len(match.group(0))))
    return mentions
