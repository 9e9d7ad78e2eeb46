"""Jobs from the experience section: entries anchored on date ranges (or on header
lines when there are no dates), their dates, description and achievements; the
title, company and location come from `job_header`."""

import re
from collections.abc import Sequence
from dataclasses import replace

from domain.parsing import dates
from domain.parsing.fields import make_field
from domain.parsing.header_text import has_sentence_break, short_header
from domain.parsing.job_header import (
    Entry,
    Parts,
    anchor_head,
    assign,
    head_tail,
)
from domain.parsing.job_layout import by_layout, common_layout
from domain.parsing.job_words import capitalised, is_url, title_score
from domain.parsing.lines import Line, Span, sub_span
from domain.parsing.model import Experience, Field
from domain.parsing.sections import is_entry_anchor


def parse_experience(
    lines: Sequence[Line], doc_lines: Sequence[Line]
) -> list[tuple[Experience, dates.DateRange | None]]:
    """The jobs of an experience section, each with the date range it was read from."""
    lines = _rejoined(lines)
    anchors = _anchors(lines)
    if not anchors:
        lines, anchors = _two_line_ranges(lines)
    entries = _dated_entries(lines, anchors) if anchors else _dateless_entries(lines)
    parts = [assign(entry, title_first=True) for entry in entries]
    votes = [p.title_first for p in parts if p.sure and p.title_first is not None]
    if votes.count(False) > votes.count(True):
        parts = [
            p if p.sure else assign(e, title_first=False)
            for e, p in zip(entries, parts, strict=True)
        ]
    layout = common_layout(entries, parts)
    if layout is not None:
        parts = [by_layout(e, p, layout) for e, p in zip(entries, parts, strict=True)]
    parts = _shared_companies(entries, parts)
    return [
        (_build(e, p, doc_lines), e.range) for e, p in zip(entries, parts, strict=True)
    ]


def _shared_companies(entries: Sequence[Entry], parts: list[Parts]) -> list[Parts]:
    """Several roles at one company, written under one company line ("Deloitte,
    Sydney" over "Accounting Manager  2024 - now" and "Financial Analyst  2022 -
    2024"): a dated role whose header is its title alone (at most one line above
    its dates) holds the company (and place) of the role above it, when that
    role's company stands on a line of its own above its title."""
    shared = list(parts)
    for index in range(1, len(shared)):
        part, above = shared[index], shared[index - 1]
        alone = entries[index].range is not None and len(entries[index].before) <= 1
        own_line = (
            above.company_line is not None
            and above.title_line is not None
            and above.company_line.index < above.title_line.index
        )
        if alone and own_line and part.title and part.company is None and above.company:
            shared[index] = replace(
                part, company=above.company, location=part.location or above.location
            )
    return shared


def _rejoined(lines: Sequence[Line]) -> list[Line]:
    """A header wrapped inside its brackets is one line again: "Transport Planner -
    Kuehne + Nagel, London (May 2021-Jan." over "2023)"."""
    joined: list[Line] = []
    for line in lines:
        last = joined[-1] if joined else None
        if (
            last is not None
            and not (last.bullet or line.bullet)
            and last.text.count("(") > last.text.count(")")
            and line.text.count(")") > line.text.count("(")
            and len(line.text.split()) <= 6
        ):
            gap = " " * max(1, line.start - last.end)
            joined[-1] = replace(last, text=last.text + gap + line.text, end=line.end)
            continue
        joined.append(line)
    return joined


def _anchors(lines: Sequence[Line]) -> dict[int, tuple[dates.DateRange, Span | None]]:
    """The lines that open an entry, by index, with their ranges. Where the resume
    writes its dates first ("2021 2022 UniqTrip. Junior web developer."), or has
    no range but several such lines, a line opening with a year then a job title
    ("2022 - EPAM Systems. Software Engineer.", "2020 Internship, Service
    Engineer, Acme") opens one too; not "2005 Society of Engineers: Award"."""
    anchors: dict[int, tuple[dates.DateRange, Span | None]] = {
        i: (dates.find_ranges(line.text)[0], None)
        for i, line in enumerate(lines)
        if _is_anchor(line)
    }
    leads: dict[int, tuple[dates.DateRange, Span | None]] = {}
    for i, line in enumerate(lines):
        lead = None if line.bullet or i in anchors else dates.year_lead(line.text)
        job = line.text[lead.end :].split(",")[0] if lead else ""
        if lead is not None and title_score(job) and ":" not in job:
            leads[i] = (lead, None)
    dates_first = any(found.begin == 0 for found, _ in anchors.values())
    if dates_first or (not anchors and len(leads) >= 2):
        anchors.update(leads)
    return anchors


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
        return short_header(rest.lstrip(" :"))  # "- 2020 - now: Developer, Acme"
    return edge and len(rest.split()) <= 4


def _header_like(line: Line) -> bool:
    """Short, no sentence, no dates; not a label that introduces what follows
    ("Educational Technologies:")."""
    text = line.text
    return (
        not line.bullet
        and not text.endswith(":")
        and len(text.split()) <= 12
        and len(text) <= 110
        and not (text.endswith(".") and len(text.split()) > 5)
        and not has_sentence_break(text)
        and not _is_anchor(line)
    )


def _two_line_ranges(
    lines: Sequence[Line],
) -> tuple[list[Line], dict[int, tuple[dates.DateRange, Span | None]]]:
    """For a section with no one-line range: ranges whose start opens a line and
    whose end opens the next (`dates.range_across`). The lines come back with the
    end's text cut off the second line (dropped when nothing else is on it), and
    the anchors by their index in them."""
    kept: list[Line] = []
    anchors: dict[int, tuple[dates.DateRange, Span | None]] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        kept.append(line)
        index += 1
        below = lines[index] if index < len(lines) else None
        if below is None or line.bullet or below.bullet:
            continue
        across = dates.range_across(line.text, below.text)
        if across is None:
            continue
        found, length = across
        anchors[len(kept) - 1] = (found, sub_span(below.span, 0, length))
        rest = sub_span(below.span, length, len(below.text))
        if rest is not None:
            kept.append(replace(below, text=rest.text, start=rest.start, end=rest.end))
        index += 1
    return kept, anchors


def _dated_entries(
    lines: Sequence[Line], anchors: dict[int, tuple[dates.DateRange, Span | None]]
) -> list[Entry]:
    """Header lines above the first anchor set how many a later entry takes above
    its own anchor; the rest of a gap belongs to the previous entry."""
    indexes = sorted(anchors)
    above = len(_header_run(lines, 0, indexes[0]))
    inline = not above and not _bare(lines[indexes[0]], anchors[indexes[0]][0])
    takes = [above or int(inline and _bare(lines[i], anchors[i][0])) for i in indexes]
    entries: list[Entry] = []
    for number, index in enumerate(indexes):
        anchor = lines[index]
        found, end_span = anchors[index]
        entry = Entry(anchor, found, end_span=end_span)
        if number:
            run = _header_run(lines, indexes[number - 1] + 1, index)
            entry.before = [lines[i] for i in _claimed(lines, run, takes[number])]
        else:
            entry.before = [lines[i] for i in _header_run(lines, 0, index)]
        stop = indexes[number + 1] if number + 1 < len(indexes) else len(lines)
        if number + 1 < len(indexes) and takes[number + 1]:
            run = _header_run(lines, index + 1, stop)
            claimed = _claimed(lines, run, takes[number + 1])
            stop = claimed[0] if claimed else stop
        body = list(lines[index + 1 : stop])
        entry.after, entry.body = _split_after(entry, body)
        entries.append(entry)
    return entries


_HONOUR = re.compile(r"\b(?:award|honou?r|prize|scholarship|medal)s?\b", re.I)


def _claimed(lines: Sequence[Line], run: list[int], take: int) -> list[int]:
    """The last `take` lines of a header run above an anchor, and the line above
    them when it alone names a job ("Software Test Engineer" over "Infosys
    Limited -" over the dates, where the first entry gave no title): short,
    capitalised, with a job-title word none of the taken lines has."""
    claimed = run[len(run) - min(len(run), take) :]
    if not claimed or len(claimed) == len(run):
        return claimed
    above = lines[run[len(run) - len(claimed) - 1]].text
    if (
        len(above.split()) <= 5
        and capitalised(above)
        and title_score(above)
        and not _HONOUR.search(above)  # "Committee Head Award"
        and not any(title_score(lines[i].text) for i in claimed)
    ):
        return run[len(run) - len(claimed) - 1 :]
    return claimed


def _bare(anchor: Line, found: dates.DateRange) -> bool:
    """A line of dates alone: where the first job wrote its dates on its header
    line, it ends a later header wrapped onto a second line ("Charge Nurse |
    Mercy Medical Center |" over "08/2019 to 06/2022"), which then belongs to it."""
    rest = anchor.text[: found.begin] + anchor.text[found.end :]
    return not rest.strip(" |,;:-\u2013\u2014()")


def _header_run(lines: Sequence[Line], start: int, stop: int) -> list[int]:
    """Indexes of the header-like lines right above `stop` (at most 3); a line that
    is only a web address, as exports repeat at page breaks, is passed over."""
    run: list[int] = []
    index = stop - 1
    while index >= start and len(run) < 3:
        if is_url(lines[index].text):
            index -= 1
            continue
        if not _header_like(lines[index]):
            break
        run.insert(0, index)
        index -= 1
    return run


def _split_after(entry: Entry, body: list[Line]) -> tuple[list[Line], list[Line]]:
    """Header lines under the anchor; when the entry has no header text at all, a
    first bullet such as "- Staff Engineer, Globex" is its header."""
    after: list[Line] = []
    for line in body[:2]:
        if not _header_like(line) or len(line.text.split()) > 10:
            break
        after.append(line)
    rest = body[len(after) :]
    bare = not after and not entry.before and not anchor_head(entry)
    if bare and rest and rest[0].bullet and _bullet_header(rest[0].text):
        return [rest[0]], rest[1:]
    return after, rest


def _bullet_header(text: str) -> bool:
    return len(text.split()) <= 10 and not text.endswith(".") and title_score(text) > 0


def _dateless_entries(lines: Sequence[Line]) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    for line in lines:
        header = (
            _header_like(line)
            and len(line.text.split()) <= 10
            and capitalised(line.text)
        )
        if header and (current is None or current.body):
            current = Entry(None, None, before=[line])
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


def _body(entry: Entry) -> tuple[list[Span], list[Span]]:
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


def _anchor_tail(entry: Entry) -> Span | None:
    if entry.anchor is None or entry.range is None or head_tail(entry):
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


def _build(entry: Entry, parts: Parts, doc_lines: Sequence[Line]) -> Experience:
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
    entry: Entry, doc_lines: Sequence[Line]
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
        make_field(found.end_date.iso, entry.end_span or span, doc_lines, confidence)
        if found.end_date
        else None
    )
    return start, end, found.current
