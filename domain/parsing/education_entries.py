"""Education entries as they are read: the parts of each entry, the rules that
open a new one, and the layout rules that fill a part no word marks ("B.Tech" over
"GGSIPU", "Statistics and Probability" over "Manipal University")."""

import itertools
import re
from dataclasses import dataclass, field

from domain.parsing import dates
from domain.parsing.education_words import (
    INSTITUTION_NAME_WORDS,
    degree_level,
    names_institution,
)
from domain.parsing.lines import Span, sub_span
from domain.parsing.model import EducationLevel
from domain.parsing.places import is_location

_FIELD_LEAD = re.compile(
    r"^\s*(?:degree\b)?\s*(?:(?:of|in)\s+(?:Science|Arts|Engineering|Technology|"
    r"Business Administration|Fine Arts|Laws|Philosophy|Education|Applied Science)\b)?"
    r"[\s,:]*(?:degree\b)?[\s,:]*(?:(?:in|of)\b)?[\s,:]*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Piece:
    """A piece of a line, its kind, and whether it stands alone on its line (the
    line's other pieces are only a place or dates: "GGSIPU -  New Delhi")."""

    span: Span
    line: int
    kind: str
    alone: bool


@dataclass
class Entry:
    """One education entry being read: its parts, and the lines they were read on
    (the layout rules compare lines: a degree's line and the school's below it)."""

    degree: Span | None = None
    level: EducationLevel = EducationLevel.OTHER
    field_span: Span | None = None
    institution: Span | None = None
    range: tuple[dates.DateRange, Span] | None = None
    single: tuple[dates.FoundDate, Span] | None = None
    leftovers: list[Piece] = field(default_factory=list)  # pieces of no known kind
    degree_line: int = -1
    degree_alone: bool = False
    institution_line: int = -1
    last_line: int = -1  # the line of the last part read (a leftover is no part)

    def empty(self) -> bool:
        return not (self.degree or self.institution)

    def dated(self) -> bool:
        return self.range is not None or self.single is not None


PARTS = ("range", "date", "degree", "institution")


def read_entries(pieces: list[Piece]) -> list[Entry]:
    """Entries in reading order. A new entry opens when a piece repeats a part the
    current one already has, or, in a section whose dates close its entries (its
    first entry gives degree and school, then the date: "Degree / School / 2016 /
    SSC / 2012"), when a degree follows the current entry's date; in a section
    whose first school has its degree slot above it, when a degree follows a
    school or a date. A section laid out otherwise ("School / 2017 / B.S.") keeps
    a degree after the date in its entry."""
    pieces = _school_above_first_date(schools_under_degrees(_wrapped(pieces)))
    parts = [piece.kind for piece in pieces if piece.kind in PARTS]
    dates_last = {*parts[:2]} == {"degree", "institution"} and parts[2:3] in (
        ["range"],
        ["date"],
    )
    degree_first = _degree_slot_above_first_school(pieces)
    entries: list[Entry] = []
    current = Entry()
    for piece in pieces:
        kind = piece.kind
        taken = {
            "degree": current.degree,
            "institution": current.institution,
            "range": current.range,
            "date": current.single or current.range,
        }.get(kind)
        closed = (
            kind == "degree"
            and not current.empty()
            and (
                (dates_last and current.dated())
                or (degree_first and (current.dated() or current.institution))
            )
        )
        if closed or (taken is not None and not (kind == "range" and current.empty())):
            if not current.empty():
                entries.append(current)
            current = Entry()
        _store(current, piece)
    entries.append(current)
    _degrees_above(entries)
    entries = [entry for entry in entries if not entry.empty()]
    _schools_shared(entries)
    return entries


def _schools_shared(entries: list[Entry]) -> None:
    """ "University of Ghana\nMSc Finance, 2019\nBSc Economics, 2017": a school
    written above its degree, then more degrees that name no school of their own
    (none follows them either, and no name stands between: "UC Berkeley\nB.S.
    EECS" names a school no word marks): the school gave each of them."""
    for above, entry in itertools.pairwise(entries):
        between = [
            piece
            for piece in (*above.leftovers, *entry.leftovers)
            if above.degree_line < piece.line < entry.degree_line and _name_like(piece)
        ]
        if (
            entry.institution is None
            and entry.degree is not None
            and above.institution is not None
            and above.degree is not None
            and above.institution_line < above.degree_line < entry.degree_line
            and not between
            and not names_institution(entry.degree.text)  # "B.A., Yale University"
        ):
            entry.institution = above.institution
            entry.institution_line = above.institution_line


def _wrapped(pieces: list[Piece]) -> list[Piece]:
    """ "Bachelor of Engineering in Electronics" over "and Communication": a line
    alone opening with "and", "of" or "in" right under a short degree alone on its
    line ends that degree (a school in lower case, "amity", opens with none)."""
    found: list[Piece] = []
    for piece in pieces:
        last = found[-1] if found else None
        if (
            last is not None
            and last.kind == "degree"
            and last.alone
            and piece.kind == "other"
            and piece.alone
            and piece.line == last.line + 1
            and len(piece.span.text.split()) > 1
            and piece.span.text.split()[0] in ("and", "&", "of", "in")
            and len(last.span.text.split()) <= 10
        ):
            text = f"{last.span.text} {piece.span.text}"
            found[-1] = Piece(
                Span(text, last.span.start, piece.span.end), piece.line, "degree", True
            )
            continue
        found.append(piece)
    return found


def _school_above_first_date(pieces: list[Piece]) -> list[Piece]:
    """ "Engineering\nWest Bengal State\n2015\nM.Sc in biology\nBallygunge
    Science College\n2014": the section's first part is a date under lines no word
    marks, and the entries after it read degree, the school on the next line, then
    the date. The first entry has the same slots: the line right above its date
    (alone, name-like) names its school, and the date stays with it rather than
    passing to the next entry."""
    at = next((i for i, p in enumerate(pieces) if p.kind in PARTS), None)
    if at is None or at == 0 or pieces[at].kind not in ("range", "date"):
        return pieces
    slot = next(
        (i for i in range(at - 1, -1, -1) if pieces[i].kind != "location"), None
    )
    if slot is None:
        return pieces  # only a place above the first date
    above = pieces[slot]
    after = [p for p in pieces[at + 1 :] if p.kind in PARTS][:3]
    if not (
        above.kind == "other"
        and above.line == pieces[at].line - 1
        and _name_like(above)
        and [p.kind for p in after[:2]] == ["degree", "institution"]
        and after[1].line == after[0].line + 1
        and after[2:] != []
        and after[2].kind in ("range", "date")
    ):
        return pieces
    found = list(pieces)
    found[slot] = Piece(above.span, above.line, "institution", above.alone)
    return found


def _degree_slot_above_first_school(pieces: list[Piece]) -> bool:
    """ "Statistics and Probability\nManipal University\nMay 2018\nB.Tech\nMIT":
    the section's first school has, on the line right above it, a line alone that
    no word marks (what was studied, in the degree's slot), and the school is
    followed by its dates or by a degree right above the next school. Each entry
    then starts with its degree: a degree read after a school opens the next
    entry (a layout writing the degree under its school and date has nothing
    above the first school)."""
    at = next((i for i, p in enumerate(pieces) if p.kind in PARTS), None)
    if at is None or at == 0 or pieces[at].kind != "institution":
        return False
    school = pieces[at]
    above = next((p for p in reversed(pieces[:at]) if p.kind != "location"), school)
    if not (
        school.alone
        and above.kind == "other"
        and above.line == school.line - 1
        and _name_like(above)
    ):
        return False
    after = [p for p in pieces[at + 1 :] if p.kind in PARTS]
    if after[:1] and after[0].kind in ("range", "date"):
        return True
    return (
        len(after) >= 2
        and after[0].kind == "degree"
        and after[1].kind == "institution"
        and after[1].line == after[0].line + 1
    )


def _degrees_above(entries: list[Entry]) -> None:
    """ "Statistics and Probability\nManipal University\nMay 2018": in a section
    that writes each degree on the line above its school, the line right above the
    school of an entry with no degree (read after the previous entry's last part,
    and by no word a degree) holds what was studied: the degree line."""
    if not any(
        e.degree_alone and e.institution_line == e.degree_line + 1 for e in entries
    ):
        return
    for above, entry in itertools.pairwise(entries):
        # "Narayana Junior College / SSC / Vamshi High School": the degree under
        # one school and right above the next, which has none, is the next one's.
        if (
            entry.degree is None
            and entry.institution is not None
            and above.degree is not None
            and above.institution_line < above.degree_line
            and above.degree_line == entry.institution_line - 1
            and not above.dated()
        ):
            _move_degree(above, entry)
    previous = Entry()
    for entry in entries:
        if entry.degree is None and entry.institution is not None:
            for holder in (entry, previous):
                found = next(
                    (
                        piece
                        for piece in holder.leftovers
                        if piece.line == entry.institution_line - 1
                        and (holder is entry or piece.line > holder.last_line)
                        and _name_like(piece)
                    ),
                    None,
                )
                if found is not None:
                    holder.leftovers.remove(found)
                    entry.degree, entry.degree_line = found.span, found.line
                    break
        previous = entry


def _move_degree(source: Entry, target: Entry) -> None:
    target.degree, target.level, target.field_span = (
        source.degree,
        source.level,
        source.field_span,
    )
    target.degree_line, target.degree_alone = source.degree_line, source.degree_alone
    source.degree, source.level, source.field_span = None, EducationLevel.OTHER, None


def _store(entry: Entry, piece: Piece) -> None:
    kind, segment, line_index = piece.kind, piece.span, piece.line
    if kind in ("range", "degree", "institution", "date", "location"):
        entry.last_line = line_index
    if kind == "range":
        entry.range = (dates.find_ranges(segment.text)[0], segment)
    elif kind == "degree":
        found = degree_level(segment.text)
        entry.degree = segment
        entry.degree_line, entry.degree_alone = line_index, piece.alone
        if found:
            entry.level = found[0]
            entry.field_span = _field_after(segment, found[1].end())
    elif kind == "institution":
        entry.institution = _strip_place(_strip_year(entry, segment))
        entry.institution_line = line_index
    elif kind == "date" and entry.single is None:
        entry.single = (dates.find_dates(segment.text)[-1], segment)
    elif kind == "other":
        entry.leftovers.append(piece)


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
    if found is None or _NO_FIELD.fullmatch(found.text):
        return None  # "Higher Secondary Certificate": the rest of the degree's name
    return found if found.text[0].isupper() else None


_NO_FIELD = re.compile(
    r"(?:certificate|diploma|examination|exam|education|degree|course)s?\.?",
    re.IGNORECASE,
)


def _strip_year(entry: Entry, segment: Span) -> Span:
    """Cut a trailing year off an institution ("State University, 2013"), keeping
    the year as the entry's date."""
    found = dates.find_dates(segment.text)
    if not found or found[-1].end < len(segment.text.rstrip(" .)")):
        return segment
    head = sub_span(segment, 0, found[-1].begin)
    if head is None or not names_institution(head.text):
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


_NOT_A_NAME = re.compile(
    r"%|\b(?:c?gpa|cum laude|distinction|first class|percentage|marks|score|"
    r"major|minor|speciali[sz]ation|pursuing|appeared|expected|present|current|"
    r"dean'?s list|honou?rs?|honoree|awards?|scholarships?|member)\b|:$",
    re.IGNORECASE,
)


def schools_under_degrees(pieces: list[Piece]) -> list[Piece]:
    """ "B.Tech\nGGSIPU\n2015": a degree alone on its line, naming no school, then
    a line alone that no word marks as a school, then dates or nothing (not a
    school: "Bachelor of Science\nComputer Science\nStanford University"): that
    line names the school all the same (known by an acronym or a name alone:
    "BPUT", "Amity", "vasundhara womens")."""
    found = list(pieces)
    for i in range(1, len(found)):
        degree, piece = found[i - 1], found[i]
        if not (
            piece.kind == "other"
            and degree.kind == "degree"
            and degree.alone
            and piece.line == degree.line + 1
            and not names_institution(degree.span.text)
            and _name_like(piece)
        ):
            continue
        after = next((p.kind for p in found[i + 1 :] if p.kind in PARTS), None)
        if after in (None, "range", "date"):
            found[i] = Piece(piece.span, piece.line, "institution", piece.alone)
    return found


# The end of a sentence broken over two lines ("and self-study."), not a name.
_SENTENCE_END = re.compile(r"(?:and|or|with|for|the|of|in|to|a|an)\b|.*\s.*\.$")


def _name_like(piece: Piece) -> bool:
    """Alone on its line, short, with a word of three letters or more, no place,
    and no grade, mark or label ("CGPA: 8.1", "Major:", "Dean's List")."""
    text = piece.span.text
    return (
        piece.alone
        and len(text.split()) <= INSTITUTION_NAME_WORDS
        and re.search(r"[^\W\d_]{3}", text) is not None
        and not _NOT_A_NAME.search(text)
        and not _SENTENCE_END.match(text)
        and not is_location(text)
    )
