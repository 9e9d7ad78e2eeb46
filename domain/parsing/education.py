"""Education entries: degree and its level, field of study, institution, dates and
graduation year."""

import re
from collections.abc import Sequence

from domain.parsing import dates
from domain.parsing.education_entries import (
    Entry,
    Piece,
    read_entries,
)
from domain.parsing.education_words import (
    BOARD,
    SECONDARY_SCHOOL,
    column_heading,
    degree_level,
    names_institution,
    starts_with_school_word,
)
from domain.parsing.fields import make_field
from domain.parsing.lines import Line, Span, split_spans, sub_span
from domain.parsing.model import Education, EducationLevel, Field
from domain.parsing.places import is_location

_SKIP = re.compile(
    r"^(?:relevant |incoming |selected )?(?:course(?:s|work)|gpa|grade|honou?rs|thesis|"
    r"activities|awards|dissertation|minor|concentration|societies|clubs)\b",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(
    r"\s*(?:\||•|·|●|\t|\s{2,}|\s[-\u2013—]\s|\s[\u2013—]|[\u2013—]\s)\s*"
)


def parse_education(
    lines: Sequence[Line], doc_lines: Sequence[Line]
) -> list[Education]:
    pieces: list[Piece] = []
    row = 0  # the line's place, a line of links only (a page footer) taking none
    for line in lines:
        if _SKIP.match(line.text) or (line.bullet and not _has_cue(line.text)):
            row += 1
            continue
        found = [(segment, _kind(segment)) for segment in _line_segments(line)]
        if found and all(kind == "link" for _, kind in found):
            continue
        row += 1
        named = sum(kind not in _BESIDE for _, kind in found)
        pieces.extend(
            Piece(segment, row, kind, alone=named == 1)
            for segment, kind in found
            if kind != "link"
        )
    return [_build(entry, doc_lines) for entry in read_entries(pieces)]


# What may stand beside a piece that is alone on its line.
_BESIDE = ("location", "range", "date", "link")


def _has_cue(text: str) -> bool:
    return bool(names_institution(text) or degree_level(text))


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
            segments = [segment]
            if degree_level(segment.text) and "," in segment.text:
                parts = split_spans(segment, _COMMA)
                # "Shanti Nagar High School, Maharashtra board": a school's name
                # and the board it sits under are one name.
                if not all(BOARD.search(part.text) for part in parts[1:]):
                    segments = _fields_glued(parts, segment)
            found.extend(p for s in segments for p in _leading_date_apart(s))
    return found


_COMMA = re.compile(r",\s*")
# A subject named after a degree: a few words, no figures or labels ("GPA: 3.5"),
# no minor or honours ("Minor in Rhetoric", "cum laude").
_FIELD_WORDS = re.compile(r"[^\d:;%\s]+(?: [^\d:;%\s]+){0,5}")
_NOT_FIELD = re.compile(
    r"\b(?:minor|cum laude|honou?rs?|distinction|gpa|expected)\b", re.IGNORECASE
)


def _fields_glued(pieces: list[Span], whole: Span) -> list[Span]:
    """ "CBSE in Physics, Chemistry, Mathematics", "Ph.D., Molecular Biology": the
    pieces after a degree that name no school, place or date are its field."""
    glued: list[Span] = []
    degree = False
    for piece in pieces:
        kind = _kind(piece)
        if degree and kind == "other" and glued and _subject(piece.text):
            head = glued.pop()
            text = whole.text[head.start - whole.start : piece.end - whole.start]
            piece = Span(text, head.start, piece.end)
        else:
            degree = kind == "degree"
        glued.append(piece)
    return glued


def _subject(text: str) -> bool:
    return _FIELD_WORDS.fullmatch(text) is not None and not _NOT_FIELD.search(text)


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


_LINK = re.compile(r"https?://|www\.|\w\.(?:com|org|net|in)/", re.IGNORECASE)


def _kind(segment: Span) -> str:
    if _LINK.search(segment.text):
        return "link"  # a page footer's profile address, a certificate's link
    if dates.find_ranges(segment.text):
        return "range"
    if column_heading(segment.text):
        return "link"  # "University / Board": a table's column heading
    found = degree_level(segment.text)
    if found and not _named_school(found, segment.text):
        return "degree"
    if names_institution(segment.text) or found:
        return "institution"
    if dates.find_dates(segment.text) and len(segment.text.split()) <= 4:
        return "date"
    if is_location(segment.text):
        return "location"
    return "other"


_BODY_OF = re.compile(r"\b(?:Board|Council)\s+(?:of|for)\s+$", re.IGNORECASE)


def _named_school(found: tuple[EducationLevel, re.Match[str]], text: str) -> bool:
    """ "Lincoln High School" names a school; "High School Diploma" is a degree;
    so does "MS University", where a school word follows the degree's letters."""
    level, match = found
    if starts_with_school_word(text[match.end() :]) or _BODY_OF.search(
        text[: match.start()]
    ):
        return True  # "Council of Higher Secondary Education": who awards it
    named = match.start() > 0 and match.group(0).lower().endswith("school")
    closing = text[match.end() :].strip() == ""  # "pragathi high school"
    return (
        level is EducationLevel.HIGH_SCHOOL and named and (text[0].isupper() or closing)
    )


def _build(entry: Entry, doc_lines: Sequence[Line]) -> Education:
    def wrap(span: Span | None, confidence: float) -> Field[str] | None:
        return make_field(span.text, span, doc_lines, confidence) if span else None

    field_span = entry.field_span
    degree = entry.degree
    if field_span is None and degree is not None:
        # "Associate degree, H.R. Management": the field follows the degree on
        # its line.
        field_span = next(
            (
                piece.span
                for piece in entry.leftovers
                if piece.line == entry.degree_line
                and 0 <= piece.span.start - degree.end <= 3
            ),
            None,
        )
        if field_span is not None:
            degree = Span(
                f"{degree.text}, {field_span.text}", degree.start, field_span.end
            )
    institution = entry.institution
    start, end, year = _dates(entry, doc_lines)
    level = entry.level
    if (
        institution
        and (entry.degree is None or degree_level(entry.degree.text) is None)
        and (
            SECONDARY_SCHOOL.search(institution.text)
            or (BOARD.search(institution.text) and len(institution.text.split()) <= 5)
        )
    ):
        # A school-leaving board ("State Board") or a secondary school ("Army
        # Public School", "Vani Jr college"), with no degree that names a level
        # ("Education, A.P" names none; "Diploma in Electronics" does).
        level = EducationLevel.HIGH_SCHOOL
    return Education(
        degree=wrap(degree, 0.9),
        level=level,
        field=wrap(field_span, 0.75),
        institution=wrap(institution, 0.9 if entry.degree else 0.75),
        start=start,
        end=end,
        graduation_year=year,
    )


def _dates(
    entry: Entry, doc_lines: Sequence[Line]
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
