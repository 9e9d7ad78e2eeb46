"""The header layout a resume repeats from job to job: which line, counted from
the dates, holds the title and which the company.

Why: word lists cannot tell "Software" / "Microsoft -" or "Operations Center
Shift Manager (OCSM)" / "Microsoft India" apart, but a resume writes every job the
same way. When most entries whose words are sure put the title and the company on
the same two lines, the other entries are read by position too, unless their own
words plainly say the opposite (a company word on the title line, a job-title word
alone on the company line)."""

from collections import Counter
from collections.abc import Sequence

from domain.parsing.job_header import (
    Entry,
    Parts,
    candidates,
    company_of_line,
    header_lines,
    whole_line,
)
from domain.parsing.job_words import company_score, title_score
from domain.parsing.lines import Line

Layout = tuple[int, int]  # (title line, company line), counted from the dates line


def _offset(entry: Entry, line: Line | None) -> int | None:
    """0 for the dates line, -1 for the line above it, 1 for the line below."""
    order = header_lines(entry)
    if line is None or not any(line is other for other in order):
        return None
    position = next(i for i, other in enumerate(order) if other is line)
    return position - len(entry.before)


def _line_at(entry: Entry, offset: int) -> Line | None:
    position = offset + len(entry.before)
    order = header_lines(entry)
    return order[position] if 0 <= position < len(order) else None


def common_layout(entries: Sequence[Entry], parts: Sequence[Parts]) -> Layout | None:
    """The layout of more than half of the sure entries that give the title and the
    company lines of their own, when at least two do."""
    votes: Counter[Layout] = Counter()
    for entry, part in zip(entries, parts, strict=True):
        title = _offset(entry, part.title_line)
        company = _offset(entry, part.company_line)
        if part.sure and title is not None and company is not None and title != company:
            votes[(title, company)] += 1
    if not votes:
        return None
    layout, count = votes.most_common(1)[0]
    return layout if count >= 2 and count * 2 > sum(votes.values()) else None


def _reads_as_company(text: str) -> bool:
    return company_score(text) > 0 and title_score(text) == 0


def _reads_as_title(text: str) -> bool:
    return title_score(text) > 0 and company_score(text) == 0


def by_layout(entry: Entry, part: Parts, layout: Layout) -> Parts:
    """The entry's title and company read from the layout's lines; the entry's own
    reading when it already agrees, when it has neither line, when it has no line
    where the layout reads the company but found one elsewhere (several roles under
    a company line above them, beside jobs whose company is written below the
    title), or when its words say the lines hold the other role."""
    title_line, company_line = (_line_at(entry, offset) for offset in layout)
    if title_line is None and company_line is None:
        return part
    if company_line is None and part.company is not None:
        return part  # no company line where the layout reads it: its own stays
    if part.title_line is title_line and part.company_line is company_line:
        return part
    pieces, _ = candidates(entry, lenient=True)
    texts = {
        id(line): " ".join(p.span.text for p in pieces if p.line is line)
        for line in (title_line, company_line)
        if line is not None
    }
    if (title_line is not None and _reads_as_company(texts[id(title_line)])) or (
        company_line is not None and _reads_as_title(texts[id(company_line)])
    ):
        return part
    title = whole_line(title_line, pieces) if title_line is not None else None
    company = company_of_line(company_line, pieces) if company_line else None
    return Parts(
        title,
        company,
        part.location,
        sure=part.sure,
        title_line=title_line,
        company_line=company_line,
    )
