"""The header of a job entry: its title, company and location, read from the
lines above and below its dates and from the anchor line itself."""

import re
from dataclasses import dataclass, field

from domain.parsing import dates
from domain.parsing.header_text import (
    ends_sentence,
    has_sentence_break,
    names_place,
    prose,
    sentence_header,
    short_header,
)
from domain.parsing.job_places import employer_in_country, strip_location
from domain.parsing.job_words import (
    company_score,
    has_company_suffix,
    is_employment_type,
    may_name_job,
    title_score,
    unlabelled,
)
from domain.parsing.lines import Line, Span, split_spans, sub_span
from domain.parsing.places import is_city, is_location

_SEPARATORS = re.compile(
    r"\s*(?:\||•|·|●|▪|\t|\s{3,}|\s[-\u2013—]\s|\s[\u2013—]|[\u2013—]\s)\s*"
)
# A header after the dates may put its place in brackets: "Developer (Paris)".
_TAIL_SEPARATORS = re.compile(rf"{_SEPARATORS.pattern}|\s*[()]\s*")
_PERIOD_SEPARATORS = re.compile(rf"{_TAIL_SEPARATORS.pattern}|\.\s+")
_AT = re.compile(r"\s+(?:at|@)\s+", re.IGNORECASE)
_COMMA = re.compile(r",\s+")
# "Senior System Engineer in Infosys Limited": only before a company's name.
_IN = re.compile(r"\s+in\s+")
_DATEISH = re.compile(
    r"\b(?:19|20)[\dX]{2}\b|^(?:present|current|now)$|\(\s*\)", re.IGNORECASE
)


@dataclass
class Entry:
    anchor: Line | None
    range: dates.DateRange | None
    before: list[Line] = field(default_factory=list)
    after: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    # The end's text when the range runs over two lines (`dates.range_across`):
    # the dates then stand in a column of their own, and the rest of each line is
    # header.
    end_span: Span | None = None


_TAIL_LEAD = " \t:;,|-\u2013—)]}"


def head_tail(entry: "Entry") -> Span | None:
    """The header written after the dates on a dates-first anchor line
    ("2020 - now: Backend developer, Acme (Israel, Rehovot)"), else None."""
    if entry.anchor is None or entry.range is None or anchor_head(entry):
        return None
    tail = sub_span(entry.anchor.span, entry.range.end, len(entry.anchor.text))
    if tail is None:
        return None
    text = tail.text.lstrip(_TAIL_LEAD + ".")
    gap = entry.anchor.text[entry.range.end : tail.end - len(text) - entry.anchor.start]
    if text.endswith(".") and title_score(text) and not has_sentence_break(text):
        text = text.rstrip(".")  # "2008 2010. Junior software developer."
    if not short_header(text):
        text = sentence_header(text) or ""
        if not text:
            return None
    if (
        not gap.strip()
        and len(gap) < 3
        and entry.end_span is None
        and not any(title_score(piece) for piece in text.split(","))
    ):
        # A separator or a column's gap (three spaces, a tab) parts the dates
        # from the header, or a plain-text export squeezed the column gap to one
        # space and a job title follows or comes second ("2018 - present
        # Principal Scientist, Vertex, Boston, MA", "2018 - present Vertex,
        # Principal Scientist, Boston, MA").
        return None
    begin = tail.end - len(tail.text.lstrip(_TAIL_LEAD + "."))
    return Span(text, begin, begin + len(text))


def anchor_head(entry: Entry) -> str:
    if entry.anchor is None or entry.range is None:
        return ""
    return entry.anchor.text[: entry.range.begin].strip(" |·•-\u2013—,(")


@dataclass(frozen=True)
class _Segment:
    span: Span
    line: Line
    after_at: bool = False  # the "Company" of "Title at Company"


def header_lines(entry: Entry) -> list[Line]:
    """The lines that may hold the header, in order: above, the dates, below."""
    return [*entry.before, *([entry.anchor] if entry.anchor else []), *entry.after]


def _segments(entry: Entry, *, lenient: bool) -> list[_Segment]:
    found: list[_Segment] = []
    for line in header_lines(entry):
        span = line.span
        separators = _SEPARATORS
        if line is entry.anchor and entry.range is not None:
            span = sub_span(line.span, 0, entry.range.begin) or Span(
                "", line.start, line.start
            )
            after_dates = head_tail(entry)
            if after_dates is not None:
                span, separators = after_dates, _TAIL_SEPARATORS
                if has_sentence_break(span.text):  # "EPAM Systems. Engineer"
                    separators = _PERIOD_SEPARATORS
        for raw in split_spans(span, separators):
            piece = unlabelled(raw)
            if piece is None or not may_name_job(piece.text, lenient=lenient):
                continue
            if not _DATEISH.search(piece.text) or len(piece.text.split()) > 4:
                found.append(_Segment(piece, line))
    return found


def _split_title_company(segment: _Segment) -> list[_Segment]:
    """Split "Title at Company", "Title, Company" and "Title in Company Ltd" into
    two segments; an employment type before them is left out ("Internship,
    Service Engineer, Acme")."""
    kind, comma, _ = segment.span.text.partition(", ")
    if comma and is_employment_type(kind):
        tail = sub_span(segment.span, len(kind) + 2, len(segment.span.text))
        if tail is not None:
            segment = _Segment(tail, segment.line)
    for pattern in (_AT, _COMMA, _IN):
        match = pattern.search(segment.span.text)
        if match is None:
            continue
        left = sub_span(segment.span, 0, match.start())
        right = sub_span(segment.span, match.end(), len(segment.span.text))
        if not (left and right and title_score(left.text) > title_score(right.text)):
            continue
        if pattern is _IN and not company_score(right.text):
            continue  # "Specialist in Marketing" is one title
        return [
            _Segment(left, segment.line),
            _Segment(right, segment.line, after_at=pattern is not _COMMA),
        ]
    return _split_company_title(segment)


def _split_company_title(segment: _Segment) -> list[_Segment]:
    """Split "Company, what it does, Title" at its last comma when only the short
    last part names a job ("Protek, pharmaceutical company, IT-specialist"), and
    "Company, Title" when the first part has a company word ("Vertex
    Pharmaceuticals, Principal Scientist")."""
    cut = segment.span.text.rfind(", ")
    left = sub_span(segment.span, 0, cut) if cut > 0 else None
    right = sub_span(segment.span, cut + 2, len(segment.span.text)) if cut > 0 else None
    if left is None or right is None or len(right.text.split()) > 4:
        return [segment]
    if any(ch.isdigit() for ch in right.text):
        return [segment]  # "ASP.NET, SQL Server 2005"
    if ", " not in left.text and not company_score(left.text):
        return [segment]  # "Docent, Library Assistant"; not "Vertex Ltd, Chemist"
    if title_score(right.text) and not title_score(left.text):
        return [_Segment(left, segment.line), _Segment(right, segment.line)]
    return [segment]


@dataclass(frozen=True)
class Parts:
    title: Span | None
    company: Span | None
    location: Span | None
    sure: bool  # the title holds a job-title word
    title_line: Line | None = None
    company_line: Line | None = None

    @property
    def title_first(self) -> bool | None:
        if self.title is None or self.company is None:
            return None
        return self.title.start < self.company.start


def candidates(
    entry: Entry, *, lenient: bool = False
) -> tuple[list[_Segment], Span | None]:
    """Header pieces that may be the title or the company, and the location;
    `lenient` keeps short pieces in lower case (for lines whose role is known)."""
    found: list[_Segment] = []
    location = _tail_location(entry)
    for segment in _segments(entry, lenient=lenient):
        text = segment.span.text
        employer = employer_in_country(segment.span)
        if employer is not None:
            location = location or employer[1]
            found.append(_Segment(employer[0], segment.line))
            continue
        if is_location(text) or is_city(text) or text.lower().startswith("remote"):
            location = location or segment.span
            continue
        span, place = strip_location(segment.span)
        location = location or place
        found.extend(_split_title_company(_Segment(span, segment.line)))
    return found, location


def _tail_location(entry: Entry) -> Span | None:
    """A place after the dates on the anchor line ("Jan 2020 - Present | Paris")."""
    if entry.anchor is None or entry.range is None:
        return None
    tail = sub_span(entry.anchor.span, entry.range.end, len(entry.anchor.text))
    if tail is None:
        return None
    return next(
        (s for s in split_spans(tail, _SEPARATORS) if is_location(s.text)), None
    )


def assign(entry: Entry, *, title_first: bool) -> Parts:
    """Title by job-title words, company by company words; when neither tells, the
    order the resume's other entries use (`title_first`)."""
    pieces, location = candidates(entry)
    titles = sorted(
        (c for c in pieces if title_score(c.span.text) > company_score(c.span.text)),
        key=lambda c: -title_score(c.span.text),
    )
    title = titles[0] if titles else _title_by_elimination(pieces, title_first)
    company = _pick_company([c for c in pieces if c is not title], title, entry)
    title_span = title.span if title else None
    if title is not None and company is not None and company.line is not title.line:
        title_span = whole_line(title.line, candidates(entry, lenient=True)[0])
    return Parts(
        title_span,
        company.span if company else None,
        location,
        sure=bool(titles),
        title_line=title.line if title else None,
        company_line=company.line if company else None,
    )


def whole_line(line: Line, pieces: list[_Segment]) -> Span | None:
    """The title read from the whole of its line, for a header that gives the company
    a line of its own: "Lead Engineer - Automation & Testing" and "Test Engineer,
    Infosys" are what the resume calls the job; only a place and an employment type
    at either end are left out ("Data Analyst | Full-time")."""
    on_line = [c.span for c in pieces if c.line is line]
    kept = [s for s in on_line if not is_employment_type(s.text)] or on_line
    if not kept:
        return None
    first, last = kept[0], kept[-1]
    text = line.text[first.start - line.start : last.end - line.start]
    return Span(text, first.start, last.end)


def _title_by_elimination(
    candidates: list[_Segment], title_first: bool
) -> _Segment | None:
    """The title when no piece has a job-title word: not a piece with company
    words, and not a lone piece written with a place ("Cisco - Samba, Jammu and
    Kashmir": employers are written with their city, job titles seldom are); else
    by the order the other entries use."""
    if not candidates:
        return None
    if len(candidates) == 1 and _has_place(candidates[0].line):
        return None
    if any(company_score(c.span.text) for c in candidates):
        return next((c for c in candidates if not company_score(c.span.text)), None)
    if len(candidates) == 1 or title_first:
        return candidates[0]
    return candidates[1]


def _has_place(line: Line) -> bool:
    return any(is_location(p.text) for p in split_spans(line.span, _SEPARATORS))


def _pick_company(
    rest: list[_Segment], title: _Segment | None, entry: Entry
) -> _Segment | None:
    """The company: on a line of its own, the one nearest the title (then nearest
    the dates), that line's first piece together with the pieces dashes join to it
    ("State University - IT Service Desk"); else the piece with the most company
    words. "Title at Company" names its company, unless a company line stands
    nearer the dates than the title (the "at" then names a client or a site)."""
    if not rest:
        return None
    own = [c for c in rest if title is not None and c.line is not title.line]
    # A line of description the header run took in is no company line when
    # another stands beside it ("Mentored six engineers on distributed systems" /
    # "Globex Corporation"); short names in lower case stay ("Atlas star medical").
    own = [c for c in own if not prose(c.span.text)] or own
    if title is not None and any(c.line is title.line for c in rest):
        # Nor is a sentence ("Built screens.") when the title's line names one.
        own = [c for c in own if not ends_sentence(c.span.text)]
        rest = [c for c in rest if c in own or c.line is title.line]
    if not own or title is None:
        return max(rest, key=lambda c: (company_score(c.span.text), -rest.index(c)))

    paired = [c for c in rest if c.line is title.line]
    if paired and title.line is entry.anchor and head_tail(entry) is not None:
        # "2012 - 2018  Senior Scientist, Amgen": the header written after the
        # dates names the company beside the title; a short line under it
        # ("Built screens.") is the description's.
        return max(paired, key=lambda c: company_score(c.span.text))
    order = header_lines(entry)

    def to_dates(line: Line) -> int:
        return abs(order.index(line) - len(entry.before))

    near = min(
        own,
        key=lambda c: (
            abs(order.index(c.line) - order.index(title.line)),
            to_dates(c.line),
        ),
    )
    named = next((c for c in rest if c.after_at and c.line is title.line), None)
    if named is not None and to_dates(near.line) >= to_dates(title.line):
        return _wrapped_below_dates(named, entry, rest) or named
    return line_company([c for c in own if c.line is near.line])


def _wrapped_below_dates(
    named: _Segment, entry: Entry, rest: list[_Segment]
) -> _Segment | None:
    """ "Head of Mathematics at Springfield Public" / "Sep 2018 - Present" /
    "Schools | Lagos": a narrow column wrapped the header, and the dates, set on
    its first line's height at the right, were read between its two lines. The
    first piece under the dates ends the company when it is short, names no job,
    and makes the name an organisation's ("Schools", "Academy", "Ltd")."""
    if not (
        entry.before
        and named.line is entry.before[-1]
        and entry.after
        and entry.anchor is not None
        and not anchor_head(entry)
        and head_tail(entry) is None
    ):
        return None
    below = entry.after[0]
    piece = next((c for c in rest if c.line is below), None)
    if piece is None or piece.span.start != below.start:
        return None
    joined = f"{named.span.text} {piece.span.text}"
    if (
        len(piece.span.text.split()) > 3
        or title_score(piece.span.text)
        or company_score(joined) <= company_score(named.span.text)
    ):
        return None
    return _Segment(Span(joined, named.span.start, piece.span.end), named.line, True)


def line_company(pieces: list[_Segment]) -> _Segment:
    """The first piece of a company line with the pieces dashes join to it
    ("Engineering Program - State University"), unless both name organisations
    ("Deutsche Bank - Infosys BPO Ltd": a client, then the employer), or the
    joined piece ends in a company form such as "Ltd" ("American Express - Infosys
    BPO Ltd")."""
    line = pieces[0].line
    first = last = pieces[0].span
    named = company_score(first.text) > 0
    for piece in pieces[1:]:
        gap = line.text[last.end - line.start : piece.span.start - line.start]
        if not re.fullmatch(r"\s*[-\u2013—]\s*", gap):
            break
        if company_score(piece.span.text) and (
            named or has_company_suffix(piece.span.text)
        ):
            break
        if names_place(piece.span.text):
            break  # "Oracle SSI - London", "Infosys - Kerala", "Acme - Dubai, AE"
        last = piece.span
    text = line.text[first.start - line.start : last.end - line.start]
    return _Segment(Span(text, first.start, last.end), line)


def company_of_line(line: Line, pieces: list[_Segment]) -> Span | None:
    """The company a line of its own gives (see `line_company`), or None."""
    on_line = [c for c in pieces if c.line is line]
    return line_company(on_line).span if on_line else None
