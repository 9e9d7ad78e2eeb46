"""Scorecard set: the education entries of DataTurks' Indeed exports read from the
export's own fixed template, a second truth for schools, degrees and years.

Why: the DataTurks labels are incomplete (a school-leaving entry is often left
unlabelled while the degree above it is labelled), so a parsed entry the annotators
skipped counts as an "extra" and the span precision means little. Under
"EDUCATION" every Indeed entry is written as

    Degree in Field                 (the degree slot: optional)
    School -  City, Region          (" -  " and the place only when one was given)
    Month YYYY to Month YYYY        (optional; or "YYYY", "Month YYYY")

Only what the template fixes is truth here: a line holding " -  City" is a school,
and a line that ends an entry is a date line or such a school line. So an entry is
read when its school line carries a place (the line before it, if alone since the
previous entry ended, is the degree slot), or when exactly two lines stand between
an entry's end and a date line (degree, then school). One line alone, or three and
more (a wrapped degree, stray text), is ambiguous and left out. The graduation year
is the last year of the date line after the school line ("Present" gives none)."""

import re
from typing import Any

from rapidfuzz import fuzz

from domain.parsing.model import ParsedResume
from tests.bench.scorecard_common import (
    Card,
    align_closest,
    norm,
    rows_of,
    same_text,
    tally_of,
)

# The export's own section headings (its fixed set; a line "CBSE" is no heading).
_HEADINGS = frozenset(
    {
        "WORK EXPERIENCE",
        "EDUCATION",
        "SKILLS",
        "ADDITIONAL INFORMATION",
        "LINKS",
        "CERTIFICATIONS/LICENSES",
        "AWARDS",
        "PUBLICATIONS",
        "GROUPS",
        "PATENTS",
        "MILITARY SERVICE",
    }
)
_DATE = re.compile(
    r"^(?:[A-Z][a-z]+ )?\d{4}(?: to (?:Present|(?:[A-Z][a-z]+ )?\d{4}))?$"
)
# "School -  City, Region", or the school's line cut before the place ("... -").
_PLACED = re.compile(r"^(?P<school>.+?) -(?:  \S.*)?$")
# The export repeats the profile address as a page footer.
_FOOTER = re.compile(r"indeed\.com/r/")


def _section(content: str) -> list[str]:
    lines = [line.strip() for line in content.splitlines()]
    lines = [line for line in lines if line and not _FOOTER.search(line)]
    try:
        start = lines.index("EDUCATION") + 1
    except ValueError:
        return []
    end = next((i for i in range(start, len(lines)) if lines[i] in _HEADINGS), None)
    return lines[start:end]


def _education_bounds(content: str) -> tuple[int, int]:
    """Character range of the export's EDUCATION section ((0, 0) when none)."""
    found = re.search(r"^EDUCATION[ \t]*$", content, re.MULTILINE)
    if found is None:
        return 0, 0
    after = (
        m.start()
        for m in re.finditer(r"^(.+?)[ \t]*$", content[found.end() :], re.MULTILINE)
        if m.group(1).strip() in _HEADINGS
    )
    return found.start(), found.end() + next(after, len(content) - found.end())


def _locate(content: str, start: int, text: str) -> int | None:
    """Where a span really starts: 93 of the education spans sit a few characters
    off their stated offset (SOURCE.md), so the nearest occurrence of the text."""
    if content.startswith(text, start):
        return start
    found = [m.start() for m in re.finditer(re.escape(text), content)]
    return min(found, key=lambda at: abs(at - start)) if found else None


_RANGE_END = re.compile(
    r"[ \t]*(?:to|-|\u2013)[ \t]*(?:[A-Z][a-z]+,? )?((?:19|20)\d\d)"
)


def labelled_graduation_years(
    content: str, points: dict[str, list[tuple[int, str]]]
) -> list[str]:
    """The "Graduation Year" spans read as the label defines them: the year an
    education entry ends. Two annotation slips are corrected, never toward any
    parser: a span on the first year of a range ("2008 to 2010") means the range's
    end; a span outside the EDUCATION section on a line that names no labelled
    degree or school (a job's "June 2015 to Present", "Exchange Server 2013": 88
    of the 254 spans) is no graduation year and is dropped. `points` maps
    "year"/"degree"/"school" to (stated start, raw span text)."""
    begin, end = _education_bounds(content)

    def line_of(at: int) -> tuple[int, int]:
        stop = content.find("\n", at)
        return content.rfind("\n", 0, at) + 1, len(content) if stop < 0 else stop

    named_lines: set[int] = set()
    for key in ("degree", "school"):
        for start, text in points.get(key, []):
            at = _locate(content, start, text)
            if at is None:
                continue
            named_lines.add(line_of(at)[0])
            piece = content[at : at + len(text)]
            named_lines.update(at + i + 1 for i, c in enumerate(piece) if c == "\n")
    years = []
    for start, text in points.get("year", []):
        at = _locate(content, start, text)
        found = re.findall(r"(?:19|20)\d\d", text)
        if not found:
            continue
        if at is None:
            years.append(found[-1])
            continue
        inside = begin <= at < end
        if not inside and line_of(at)[0] not in named_lines:
            continue
        tail = _RANGE_END.match(content, at + len(text.rstrip()))
        years.append(tail.group(1) if tail and len(found) == 1 else found[-1])
    return years


def _year(line: str | None) -> int | None:
    if line is None or not _DATE.match(line) or line.endswith("Present"):
        return None
    return int(re.findall(r"\d{4}", line)[-1])


def template_education(content: str) -> list[dict[str, Any]]:
    """degree (None when the slot is empty or unknown), school, year (None when
    the entry gives none)."""
    lines = _section(content)
    entries: list[dict[str, Any]] = []
    pending: list[str] = []  # lines since the previous entry ended
    i = 0
    while i < len(lines):
        line = lines[i]
        placed = _PLACED.match(line)
        if placed and not _DATE.match(line):
            # A school cut before its place ("... -") has the place on the next line.
            if line.endswith(" -") and i + 1 < len(lines):
                i += 1
            following = lines[i + 1] if i + 1 < len(lines) else None
            year = _year(following)
            degree = pending[0] if len(pending) == 1 else None
            entries.append(
                {"degree": degree, "school": placed["school"].strip(), "year": year}
            )
            pending = []
            i += 2 if following is not None and _DATE.match(following) else 1
            continue
        if _DATE.match(line):
            if len(pending) == 2:
                entries.append(
                    {"degree": pending[0], "school": pending[1], "year": _year(line)}
                )
            pending = []
        else:
            pending.append(line)
        i += 1
    return entries


def _school_closeness(item: dict[str, Any], row: dict[str, Any]) -> float:
    """School and degree likeness, the year breaking ties (one school often gives
    two degrees)."""
    same_year = item["year"] is not None and item["year"] == row.get("graduation_year")
    return (
        fuzz.ratio(norm(item["school"]), norm(row.get("institution")))
        + fuzz.ratio(norm(item["degree"]), norm(row.get("degree")))
        + 100 * same_year
    )


def score_indeed_education(
    content: str, resume: ParsedResume, label: str, card: Card
) -> None:
    entries = template_education(content)
    parsed = align_closest(entries, rows_of(resume, "education"), _school_closeness)
    for item, got in zip(entries, parsed, strict=True):
        school = got.get("institution")
        tally_of(card, "template edu.institution").add(
            same_text(item["school"], school),
            f"{label}: {item['school']!r} -> {school!r}",
        )
        if item["degree"]:
            degree = got.get("degree")
            tally_of(card, "template edu.degree").add(
                same_text(item["degree"], degree),
                f"{label}: {item['degree']!r} -> {degree!r}",
            )
        if item["year"] is not None:
            year = got.get("graduation_year")
            tally_of(card, "template edu.year").add(
                year == item["year"], f"{label}: {item['year']} -> {year}"
            )
