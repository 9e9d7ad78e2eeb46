"""Education entries: degree and its level, field of study, institution, dates and
graduation year."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.parsing import dates
from domain.parsing.fields import make_field
from domain.parsing.lines import Line, Span, split_spans, sub_span
from domain.parsing.model import Education, EducationLevel, Field
from domain.parsing.places import is_location

_B = r"(?<![\w.])"  # no letter or dot before an abbreviation
_E = r"(?![\w])"
_LEVELS: list[tuple[EducationLevel, re.Pattern[str]]] = [
    (
        EducationLevel.DOCTORATE,
        re.compile(
            rf"{_B}(?:Ph\.?\s?D\.?|D\.?Phil\.?|Ed\.?D\.?|Pharm\.?D\.?|M\.D\.|J\.D\.|"
            rf"DBA|Doctor(?:ate)?(?: of| in| degree)?|Doctoral|Doktor|Doctorat)(?!\w)",
        ),
    ),
    (
        EducationLevel.MASTER,
        re.compile(
            rf"{_B}(?:Master(?:'s|\u2019s|s)?|M\.?\s?Sc\.?|M\.S\.|MS|M\.A\.|MA|M\.?B\.?A\.?|"
            rf"M\.?Eng\.?|M[.\s-]{{0,2}}(?:Tech|TECH|tech)\.?|M\.?Phil\.?|LL\.?M\.?|MPH|M\.?F\.?A\.?|M\.?Ed\.?|"
            rf"MSW|MCA|M\.M\.|M\.?Mus\.?|M\.?Arch\.?|MSN|M\.?Pharm\.?|Mestrado|Máster|Magister|Diplom-\w+){_E}"
        ),
    ),
    (
        EducationLevel.BACHELOR,
        re.compile(
            rf"{_B}(?:Bachelor(?:'s|\u2019s|s)?|B\.?\s?Sc\.?|B\.S\.|BS|B\.A\.|BA|B\.?Eng\.?|"
            rf"B[.\s-]{{0,2}}(?:Tech|TECH|tech)\.?|B\.\s?E\.?|BE|B\.?B\.?A\.?|"
            rf"B\.?F\.?A\.?|B\.?\s?(?:Com|COM|com)\.?|"
            rf"LL\.?B\.?|BCA|"
            rf"B\.M\.|B\.?Mus\.?|B\.?Arch\.?|BSN|B\.?Ed\.?|B\.?Pharm\.?|"
            rf"Licence|Licenciatura|Licenciad[oa]|Grado|Laurea|"
            rf"Undergraduate degree){_E}"
        ),
    ),
    (
        EducationLevel.ASSOCIATE,
        re.compile(
            rf"{_B}(?:Associate(?:'s|\u2019s)?(?= of| in| degree)|A\.A\.S?\.?|A\.S\.|"
            rf"AAS|Associate Degree){_E}",
            re.IGNORECASE,
        ),
    ),
    (
        EducationLevel.HIGH_SCHOOL,
        re.compile(
            r"\b(?:High School(?: Diploma)?|Secondary School|GED|A[- ]Levels?|"
            r"Baccalaur[ée]at|International Baccalaureate|Bachillerato|Abitur|"
            r"GCSEs?|Matura|Lyc[ée]e)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # Indian school-leaving certificates and boards: "S.S.C", "HSC", "CBSE".
        EducationLevel.HIGH_SCHOOL,
        re.compile(
            r"\b(?:S\.?S\.?L?\.?C|H\.?S\.?C|C\.?B\.?S\.?E|I\.?C\.?S\.?E|PUC|"
            r"Higher Secondary|Senior Secondary|State Board|Pre-University)\b\.?"
        ),
    ),
    (
        EducationLevel.OTHER,
        re.compile(
            r"\b(?:Diploma|Certificate|Bootcamp|Postgraduate|Graduate Certificate)\b"
        ),
    ),
]
_INSTITUTION = re.compile(
    r"\b(?:Universit(?:y|ies|é|e|ät|ä|at|à|ad|ade|eit)|Universidade|Uniwersytet|"
    r"Faculdade|Facultad|Faculty|Hogeschool|Escola|College|Institute|Institut|"
    r"Instituto|School|Polytechnic|Politecnico|Polytechnique|Academy|Académie|"
    r"Academia|Universidad|Hochschule|Conservatory|Conservatoire|Seminary|Lyc[ée]e|"
    r"[ÉE]cole|Escuela|Fachhochschule|IIT|MIT|UCLA|NYU|ETH|EPFL)\b",
)
_SKIP = re.compile(
    r"^(?:relevant |incoming |selected )?(?:course(?:s|work)|gpa|grade|honou?rs|thesis|"
    r"activities|awards|dissertation|minor|concentration|societies|clubs)\b",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(
    r"\s*(?:\||•|·|●|\t|\s{2,}|\s[-\u2013—]\s|\s[\u2013—]|[\u2013—]\s)\s*"
)
_FIELD_LEAD = re.compile(
    r"^\s*(?:degree\b)?\s*(?:(?:of|in)\s+(?:Science|Arts|Engineering|Technology|"
    r"Business Administration|Fine Arts|Laws|Philosophy|Education|Applied Science)\b)?"
    r"[\s,:]*(?:degree\b)?[\s,:]*(?:(?:in|of)\b)?[\s,:]*",
    re.IGNORECASE,
)


def degree_level(text: str) -> tuple[EducationLevel, re.Match[str]] | None:
    """The level a degree keyword in `text` names, and where it stands."""
    for level, pattern in _LEVELS:
        for match in pattern.finditer(text):
            if not _state_code(text, match):
                return level, match
    return None


def _state_code(text: str, match: re.Match[str]) -> bool:
    """ "Boston, MA": a two-letter code after a comma is a state, not a degree."""
    return len(match.group(0)) == 2 and text[: match.start()].rstrip().endswith(",")


@dataclass
class _Entry:
    degree: Span | None = None
    level: EducationLevel = EducationLevel.OTHER
    field_span: Span | None = None
    institution: Span | None = None
    range: tuple[dates.DateRange, Span] | None = None
    single: tuple[dates.FoundDate, Span] | None = None
    leftovers: list[Span] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.degree or self.institution)


def parse_education(
    lines: Sequence[Line], doc_lines: Sequence[Line]
) -> list[Education]:
    entries: list[_Entry] = []
    current = _Entry()
    for line in lines:
        if _SKIP.match(line.text) or (line.bullet and not _has_cue(line.text)):
            continue
        for segment in _line_segments(line):
            current = _add(current, segment, entries)
    if not current.empty():
        entries.append(current)
    return [_build(entry, doc_lines) for entry in entries if not entry.empty()]


def _has_cue(text: str) -> bool:
    return bool(_INSTITUTION.search(text) or degree_level(text))


def _line_segments(line: Line) -> list[Span]:
    """Pieces of a line; a piece naming a degree is split at commas as well, so that
    "B.S. in Biology, State University, 2019" gives three pieces."""
    found: list[Span] = []
    text_ranges = dates.find_ranges(line.text)
    for piece in _without_ranges(line, text_ranges):
        if dates.find_ranges(piece.text):
            found.append(piece)
            continue
        for segment in split_spans(piece, _SEPARATORS):
            if degree_level(segment.text) and "," in segment.text:
                segments = split_spans(segment, re.compile(r",\s*"))
            else:
                segments = [segment]
            found.extend(p for s in segments for p in _leading_date_apart(s))
    return found


def _leading_date_apart(segment: Span) -> list[Span]:
    """ "2014 Ph.D." in a dates-first layout: the date and the degree it
    precedes are two pieces."""
    found = dates.find_dates(segment.text)
    if not found or found[0].begin != 0 or found[0].end >= len(segment.text):
        return [segment]
    if segment.text[found[0].end].isalnum():
        return [segment]
    date = sub_span(segment, 0, found[0].end)
    rest = sub_span(segment, found[0].end, len(segment.text))
    return [piece for piece in (date, rest) if piece is not None]


def _without_ranges(line: Line, ranges: list[dates.DateRange]) -> list[Span]:
    pieces: list[Span] = []
    cursor = 0
    for found in ranges:
        pieces.extend(p for p in [sub_span(line.span, cursor, found.begin)] if p)
        text = line.text[found.begin : found.end]
        pieces.append(Span(text, line.start + found.begin, line.start + found.end))
        cursor = found.end
    pieces.extend(p for p in [sub_span(line.span, cursor, len(line.text))] if p)
    return pieces


def _add(current: _Entry, segment: Span, entries: list[_Entry]) -> _Entry:
    """Put one piece into the entry being read, opening a new entry when the piece
    repeats a part the current one already has."""
    kind = _kind(segment)
    taken = {
        "degree": current.degree,
        "institution": current.institution,
        "range": current.range,
        "date": current.single or current.range,
    }.get(kind)
    if taken is not None and not (kind == "range" and current.empty()):
        if not current.empty():
            entries.append(current)
        current = _Entry()
    _store(current, kind, segment)
    return current


def _kind(segment: Span) -> str:
    if dates.find_ranges(segment.text):
        return "range"
    found = degree_level(segment.text)
    if found and not _named_school(found, segment.text):
        return "degree"
    if _INSTITUTION.search(segment.text) or found:
        return "institution"
    if dates.find_dates(segment.text) and len(segment.text.split()) <= 4:
        return "date"
    if is_location(segment.text):
        return "location"
    return "other"


def _named_school(found: tuple[EducationLevel, re.Match[str]], text: str) -> bool:
    """ "Lincoln High School" names a school; "High School Diploma" is a degree."""
    level, match = found
    named = match.start() > 0 and match.group(0).lower().endswith("school")
    return level is EducationLevel.HIGH_SCHOOL and named and text[0].isupper()


def _store(entry: _Entry, kind: str, segment: Span) -> None:
    if kind == "range":
        entry.range = (dates.find_ranges(segment.text)[0], segment)
    elif kind == "degree":
        found = degree_level(segment.text)
        entry.degree = segment
        if found:
            entry.level = found[0]
            entry.field_span = _field_after(segment, found[1].end())
    elif kind == "institution":
        entry.institution = _strip_place(_strip_year(entry, segment))
    elif kind == "date" and entry.single is None:
        entry.single = (dates.find_dates(segment.text)[-1], segment)
    elif kind == "other":
        entry.leftovers.append(segment)


_HONOURS = re.compile(
    r"^\s*\(?\s*hon(?:ou?rs|s)?\b\.?\s*\)?(?:\s*degree\b)?", re.IGNORECASE
)


def _field_after(segment: Span, offset: int) -> Span | None:
    """ "B.S. in Biology", "BA (Hons) Business Management", "B.Tech (Computer
    Science)": the field named after the degree."""
    begin = offset
    for pattern in (_HONOURS, _FIELD_LEAD, _HONOURS, _FIELD_LEAD):
        lead = pattern.match(segment.text[begin:])
        begin += lead.end() if lead else 0
    stop = len(segment.text)
    rest = segment.text[begin:].rstrip()
    if rest.startswith("(") and rest.endswith(")") and rest.count("(") == 1:
        begin, stop = begin + 1, begin + len(rest) - 1
    found = sub_span(segment, begin, stop)
    return found if found and found.text[0].isupper() else None


def _strip_year(entry: _Entry, segment: Span) -> Span:
    """Cut a trailing year off an institution ("State University, 2013"), keeping
    the year as the entry's date."""
    found = dates.find_dates(segment.text)
    if not found or found[-1].end < len(segment.text.rstrip(" .)")):
        return segment
    head = sub_span(segment, 0, found[-1].begin)
    if head is None or not _INSTITUTION.search(head.text):
        return segment
    if entry.single is None:
        date_text = segment.text[found[-1].begin : found[-1].end]
        start = segment.start + found[-1].begin
        entry.single = (found[-1], Span(date_text, start, start + len(date_text)))
    return head


def _strip_place(segment: Span) -> Span:
    cut = segment.text.rfind(",", 0, segment.text.rfind(","))
    for position in (cut, segment.text.rfind(",")):
        tail = (
            sub_span(segment, position + 1, len(segment.text)) if position > 0 else None
        )
        if tail is not None and is_location(tail.text):
            return sub_span(segment, 0, position) or segment
    return segment


def _build(entry: _Entry, doc_lines: Sequence[Line]) -> Education:
    def wrap(span: Span | None, confidence: float) -> Field[str] | None:
        return make_field(span.text, span, doc_lines, confidence) if span else None

    field_span = entry.field_span
    degree = entry.degree
    if field_span is None and degree is not None:
        # "Associate degree, H.R. Management": the field follows the degree.
        field_span = next(
            (s for s in entry.leftovers if 0 <= s.start - degree.end <= 3), None
        )
        if field_span is not None:
            degree = Span(
                f"{degree.text}, {field_span.text}", degree.start, field_span.end
            )
    start, end, year = _dates(entry, doc_lines)
    level = entry.level
    if (
        entry.degree is None
        and entry.institution
        and "high school" in entry.institution.text.lower()
    ):
        level = EducationLevel.HIGH_SCHOOL
    return Education(
        degree=wrap(degree, 0.9),
        level=level,
        field=wrap(field_span, 0.75),
        institution=wrap(entry.institution, 0.9 if entry.degree else 0.75),
        start=start,
        end=end,
        graduation_year=year,
    )


def _dates(
    entry: _Entry, doc_lines: Sequence[Line]
) -> tuple[Field[str] | None, Field[str] | None, Field[int] | None]:
    if entry.range is not None:
        found, span = entry.range
        confidence = 0.75 if found.approximate else 0.95
        start = (
            make_field(found.start.iso, span, doc_lines, confidence)
            if found.start
            else None
        )
        end = (
            make_field(found.end_date.iso, span, doc_lines, confidence)
            if found.end_date
            else None
        )
        year = found.end_date.year if found.end_date else None
        evidence = start.evidence if start else None
        graduation = (
            Field[int](value=year, confidence=0.9, evidence=evidence) if year else None
        )
        return start, end, graduation
    if entry.single is not None:
        single, span = entry.single
        evidence = make_field(span.text, span, doc_lines, 0.85).evidence
        return (
            None,
            None,
            Field[int](value=single.value.year, confidence=0.85, evidence=evidence),
        )
    return None, None, None
