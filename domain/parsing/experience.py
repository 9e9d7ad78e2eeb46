"""Jobs from the experience section: entries anchored on date ranges, their title,
company, location, dates, description and achievements."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.parsing import dates
from domain.parsing.fields import make_field
from domain.parsing.job_words import (
    company_score,
    may_name_job,
    title_score,
    unlabelled,
)
from domain.parsing.lines import Line, Span, split_spans, sub_span
from domain.parsing.model import Experience, Field
from domain.parsing.places import is_location
from domain.parsing.sections import is_entry_anchor

_SEPARATORS = re.compile(
    r"\s*(?:\||•|·|●|▪|\t|\s{3,}|\s[-\u2013—]\s|\s[\u2013—]|[\u2013—]\s)\s*"
)
# A header after the dates may put its place in brackets: "Developer (Paris)".
_TAIL_SEPARATORS = re.compile(rf"{_SEPARATORS.pattern}|\s*[()]\s*")
_AT = re.compile(r"\s+(?:at|@)\s+", re.IGNORECASE)
_DATEISH = re.compile(
    r"\b(?:19|20)[\dX]{2}\b|^(?:present|current|now)$|\(\s*\)", re.IGNORECASE
)


@dataclass
class _Entry:
    anchor: Line | None
    range: dates.DateRange | None
    before: list[Line] = field(default_factory=list)
    after: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)


def parse_experience(
    lines: Sequence[Line], doc_lines: Sequence[Line]
) -> list[tuple[Experience, dates.DateRange | None]]:
    """The jobs of an experience section, each with the date range it was read from."""
    anchors = [i for i, line in enumerate(lines) if _is_anchor(line)]
    entries = _dated_entries(lines, anchors) if anchors else _dateless_entries(lines)
    parts = [_assign(entry, title_first=True) for entry in entries]
    votes = [p.title_first for p in parts if p.sure and p.title_first is not None]
    if votes.count(False) > votes.count(True):
        parts = [
            p if p.sure else _assign(e, title_first=False)
            for e, p in zip(entries, parts, strict=True)
        ]
    return [
        (_build(e, p, doc_lines), e.range) for e, p in zip(entries, parts, strict=True)
    ]


def _is_anchor(line: Line) -> bool:
    if not is_entry_anchor(line):
        return False
    if not line.bullet:
        return True
    # "- Mar 2021 - Present" opens an entry; "- Led the 2019 - 2021 move" does not.
    found = dates.find_ranges(line.text)[0]
    edge = found.begin == 0 or found.end == len(line.text)
    rest = line.text[: found.begin] + line.text[found.end :]
    if found.begin == 0 and line.text[found.end :].lstrip().startswith(":"):
        return _short_header(rest.lstrip(" :"))  # "- 2020 - now: Developer, Acme"
    return edge and len(rest.split()) <= 4


def _short_header(text: str) -> bool:
    """Reads as a title or company line, not as a sentence of description."""
    return (
        0 < len(text.split()) <= 14
        and not _has_sentence_break(text)
        and not (text.endswith(".") and len(text.split()) > 5)
    )


_TAIL_LEAD = " \t:;,|-\u2013—)]}"


def _head_tail(entry: "_Entry") -> Span | None:
    """The header written after the dates on a dates-first anchor line
    ("2020 - now: Backend developer, Acme (Israel, Rehovot)"), else None."""
    if entry.anchor is None or entry.range is None or _anchor_head(entry):
        return None
    tail = sub_span(entry.anchor.span, entry.range.end, len(entry.anchor.text))
    if tail is None:
        return None
    text = tail.text.lstrip(_TAIL_LEAD)
    gap = entry.anchor.text[entry.range.end : tail.end - len(text) - entry.anchor.start]
    if not _short_header(text) or not gap.strip():
        return None  # a separator must part the dates from the header
    return Span(text, tail.end - len(text), tail.end)


def _header_like(line: Line) -> bool:
    text = line.text
    return (
        not line.bullet
        and len(text.split()) <= 12
        and len(text) <= 110
        and not (text.endswith(".") and len(text.split()) > 5)
        and not _has_sentence_break(text)
        and not _is_anchor(line)
    )


_SENTENCE_END = re.compile(r"(\w+)[.!?]\s+[A-Z]")
_ABBREVIATIONS_TEXT = """
sr jr mr ms mrs dr st asst assoc mgr dept pvt ltd inc co corp intl univ
"""
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())


def _has_sentence_break(text: str) -> bool:
    """A sentence ends before a capital, unless the word ending in a period is an
    initial or an abbreviation of a title or a company ("Sr. Program Manager",
    "Infosys Pvt. Ltd", "J. P. Morgan")."""
    return any(
        len(m.group(1)) > 1 and m.group(1).lower() not in _ABBREVIATIONS
        for m in _SENTENCE_END.finditer(text)
    )


_SMALL_WORDS_TEXT = """
a an and at for in of on the to with per by from
"""
_SMALL_WORDS = frozenset(_SMALL_WORDS_TEXT.split())


def _capitalised(text: str) -> bool:
    """Most words start with a capital, as in "Office Manager, Acme Corp" and unlike
    a sentence of description."""
    words = [
        w
        for w in re.findall(r"[^\W\d_][\w'\u2019-]*", text)
        if w.lower() not in _SMALL_WORDS
    ]
    return bool(words) and sum(w[0].isupper() for w in words) * 2 >= len(words)


def _dated_entries(lines: Sequence[Line], anchors: list[int]) -> list[_Entry]:
    """Header lines above the first anchor set how many a later entry takes above
    its own anchor; the rest of a gap belongs to the previous entry."""
    above = len(_header_run(lines, 0, anchors[0]))
    entries: list[_Entry] = []
    for number, index in enumerate(anchors):
        anchor = lines[index]
        entry = _Entry(anchor, dates.find_ranges(anchor.text)[0])
        if number:
            run = _header_run(lines, anchors[number - 1] + 1, index)
            entry.before = [lines[i] for i in run[len(run) - min(len(run), above) :]]
        else:
            entry.before = [lines[i] for i in _header_run(lines, 0, index)]
        stop = anchors[number + 1] if number + 1 < len(anchors) else len(lines)
        body = list(lines[index + 1 : stop])
        if number + 1 < len(anchors) and above:
            claimed = min(len(_header_run(lines, index + 1, stop)), above)
            body = body[: len(body) - claimed]
        entry.after, entry.body = _split_after(entry, body)
        entries.append(entry)
    return entries


def _header_run(lines: Sequence[Line], start: int, stop: int) -> list[int]:
    """Indexes of the header-like lines right above `stop` (at most 3)."""
    run: list[int] = []
    index = stop - 1
    while index >= start and len(run) < 3 and _header_like(lines[index]):
        run.insert(0, index)
        index -= 1
    return run


def _split_after(entry: _Entry, body: list[Line]) -> tuple[list[Line], list[Line]]:
    """Header lines under the anchor; when the entry has no header text at all, a
    first bullet such as "- Staff Engineer, Globex" is its header."""
    after: list[Line] = []
    for line in body[:2]:
        if not _header_like(line) or len(line.text.split()) > 10:
            break
        after.append(line)
    rest = body[len(after) :]
    bare = not after and not entry.before and not _anchor_head(entry)
    if bare and rest and rest[0].bullet and _bullet_header(rest[0].text):
        return [rest[0]], rest[1:]
    return after, rest


def _anchor_head(entry: _Entry) -> str:
    if entry.anchor is None or entry.range is None:
        return ""
    return entry.anchor.text[: entry.range.begin].strip(" |·•-\u2013—,(")


def _bullet_header(text: str) -> bool:
    return len(text.split()) <= 10 and not text.endswith(".") and title_score(text) > 0


def _dateless_entries(lines: Sequence[Line]) -> list[_Entry]:
    entries: list[_Entry] = []
    current: _Entry | None = None
    for line in lines:
        header = (
            _header_like(line)
            and len(line.text.split()) <= 10
            and _capitalised(line.text)
        )
        if header and (current is None or current.body):
            current = _Entry(None, None, before=[line])
            entries.append(current)
        elif (
            current is not None
            and header
            and not current.body
            and len(current.before) < 3
        ):
            current.before.append(line)
        elif current is not None:
            current.body.append(line)
    return entries


@dataclass(frozen=True)
class _Segment:
    span: Span
    line: Line


def _segments(entry: _Entry) -> list[_Segment]:
    found: list[_Segment] = []
    for line in [
        *entry.before,
        *([entry.anchor] if entry.anchor else []),
        *entry.after,
    ]:
        span = line.span
        separators = _SEPARATORS
        if line is entry.anchor and entry.range is not None:
            span = sub_span(line.span, 0, entry.range.begin) or Span(
                "", line.start, line.start
            )
            head_tail = _head_tail(entry)
            if head_tail is not None:
                span, separators = head_tail, _TAIL_SEPARATORS
        for raw in split_spans(span, separators):
            piece = unlabelled(raw)
            if piece is None or not may_name_job(piece.text):
                continue
            if not _DATEISH.search(piece.text) or len(piece.text.split()) > 4:
                found.append(_Segment(piece, line))
    return found


def _strip_location(segment: Span) -> tuple[Span, Span | None]:
    """Split a trailing place off: "Acme Corp, Springfield, IL" gives "Acme Corp" and
    "Springfield, IL"."""
    commas = [m.start() for m in re.finditer(",", segment.text)]
    for cut in commas:
        tail = sub_span(segment, cut + 1, len(segment.text))
        if tail is not None and is_location(tail.text):
            head = sub_span(segment, 0, cut)
            if head is not None:
                return head, tail
    return segment, None


def _split_title_company(segment: Span) -> list[Span]:
    """Split "Title at Company" and "Title, Company" into two segments."""
    for pattern in (_AT, re.compile(r",\s+")):
        match = pattern.search(segment.text)
        if match is None:
            continue
        left = sub_span(segment, 0, match.start())
        right = sub_span(segment, match.end(), len(segment.text))
        if left and right and title_score(left.text) > title_score(right.text):
            return [left, right]
    return [segment]


@dataclass(frozen=True)
class _Parts:
    title: Span | None
    company: Span | None
    location: Span | None
    sure: bool  # the title holds a job-title word

    @property
    def title_first(self) -> bool | None:
        if self.title is None or self.company is None:
            return None
        return self.title.start < self.company.start


def _candidates(entry: _Entry) -> tuple[list[_Segment], Span | None]:
    """Header pieces that may be the title or the company, and the location."""
    candidates: list[_Segment] = []
    location = _tail_location(entry)
    for segment in _segments(entry):
        if is_location(segment.span.text) or segment.span.text.lower().startswith(
            "remote"
        ):
            location = location or segment.span
            continue
        span, place = _strip_location(segment.span)
        location = location or place
        candidates.extend(
            _Segment(piece, segment.line) for piece in _split_title_company(span)
        )
    return candidates, location


def _tail_location(entry: _Entry) -> Span | None:
    """A place after the dates on the anchor line ("Jan 2020 - Present | Paris")."""
    if entry.anchor is None or entry.range is None:
        return None
    tail = sub_span(entry.anchor.span, entry.range.end, len(entry.anchor.text))
    if tail is None:
        return None
    return next(
        (s for s in split_spans(tail, _SEPARATORS) if is_location(s.text)), None
    )


def _assign(entry: _Entry, *, title_first: bool) -> _Parts:
    """Title by job-title words, company by company words; when neither tells, the
    order the resume's other entries use (`title_first`)."""
    candidates, location = _candidates(entry)
    titles = sorted(
        (
            c
            for c in candidates
            if title_score(c.span.text) > company_score(c.span.text)
        ),
        key=lambda c: -title_score(c.span.text),
    )
    title = titles[0] if titles else _title_by_elimination(candidates, title_first)
    company = _pick_company([c for c in candidates if c is not title], title)
    return _Parts(
        title.span if title else None,
        company.span if company else None,
        location,
        sure=bool(titles),
    )


def _title_by_elimination(
    candidates: list[_Segment], title_first: bool
) -> _Segment | None:
    if not candidates:
        return None
    if any(company_score(c.span.text) for c in candidates):
        return next((c for c in candidates if not company_score(c.span.text)), None)
    if len(candidates) == 1 or title_first:
        return candidates[0]
    return candidates[1]


def _pick_company(rest: list[_Segment], title: _Segment | None) -> _Segment | None:
    """The company: on a line of its own, that line's first piece together with the
    pieces dashes join to it ("State University - IT Service Desk"); else the piece
    with the most company words."""
    if not rest:
        return None
    own = [c for c in rest if title is not None and c.line is not title.line]
    if not own:
        return max(rest, key=lambda c: (company_score(c.span.text), -rest.index(c)))
    line = own[0].line
    first = last = own[0].span
    for piece in own[1:]:
        gap = line.text[last.end - line.start : piece.span.start - line.start]
        if piece.line is not line or not re.fullmatch(r"\s*[-\u2013—]\s*", gap):
            break
        last = piece.span
    text = line.text[first.start - line.start : last.end - line.start]
    return _Segment(Span(text, first.start, last.end), line)


def _body(entry: _Entry) -> tuple[list[Span], list[Span]]:
    """(description lines, achievements); a wrapped bullet's next lines join it."""
    description: list[Span] = []
    achievements: list[Span] = []
    tail = _anchor_tail(entry)
    if tail is not None:
        description.append(tail)
    in_bullet = False
    for line in entry.body:
        if line.bullet:
            achievements.append(line.span)
            in_bullet = True
        elif in_bullet and _continues(achievements[-1].text, line.text):
            last = achievements.pop()
            achievements.append(Span(f"{last.text} {line.text}", last.start, line.end))
        else:
            description.append(line.span)
            in_bullet = False
    return description, achievements


def _continues(previous: str, text: str) -> bool:
    return not previous.endswith((".", "!", "?")) or text[0].islower()


def _anchor_tail(entry: _Entry) -> Span | None:
    if entry.anchor is None or entry.range is None or _head_tail(entry):
        return None
    tail = sub_span(entry.anchor.span, entry.range.end, len(entry.anchor.text))
    if tail is None:
        return None
    text = tail.text.lstrip(")]} ")
    if len(text.split()) < 3:
        return None
    return Span(text, tail.end - len(text), tail.end)


def _joined(spans: list[Span]) -> Span | None:
    if not spans:
        return None
    return Span(" ".join(s.text for s in spans), spans[0].start, spans[-1].end)


def _build(entry: _Entry, parts: _Parts, doc_lines: Sequence[Line]) -> Experience:
    description, achievements = _body(entry)
    confidence = 0.9 if parts.sure else 0.6

    def wrap(span: Span | None, value_confidence: float) -> Field[str] | None:
        return (
            make_field(span.text, span, doc_lines, value_confidence) if span else None
        )

    start, end, current = _dates(entry, doc_lines)
    joined = _joined(description)
    return Experience(
        title=wrap(parts.title, confidence),
        company=wrap(parts.company, confidence - 0.05),
        location=wrap(parts.location, 0.85),
        start=start,
        end=end,
        current=current,
        description=wrap(joined, 0.7),
        achievements=tuple(
            make_field(span.text, span, doc_lines, 0.8) for span in achievements
        ),
    )


def _dates(
    entry: _Entry, doc_lines: Sequence[Line]
) -> tuple[Field[str] | None, Field[str] | None, bool]:
    found = entry.range
    if entry.anchor is None or found is None:
        return None, None, False
    base = entry.anchor.start
    span = Span(
        entry.anchor.text[found.begin : found.end], base + found.begin, base + found.end
    )
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
    return start, end, found.current
