"""Dates written with a day ("01/03/2019", "15.06.2015", "2015-06-15", "15 June
2015", "June 15, 2015"), read at month precision: a resume's ranges keep "YYYY-MM".

A numeric date with both numbers ≤ 12 ("01/03/2019") reads either way. A day above
12 anywhere in the same resume tells its order ("15/06/2015" → day first), else a
phone number outside the +1 zone, a "Mother tongue" row, or a place in the first
lines outside the month-first countries (day first); the parser
sets that order for the document with `numeric_order`. When nothing in the resume
tells, the common convention decides: day first for "." and "-" (German,
Polish, Russian, ...), month first for "/" (the US convention)."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from domain.parsing.places import location_region

_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_NUM = r"(?:0?[1-9]|[12]\d|3[01])"
_ORDINAL = r"(?:st|nd|rd|th)"
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
# Day, month and year with one separator throughout: "01/03/2019", "15.06.2015",
# "15. 6. 2015", "15-06-2015"; not within longer runs of digits (IP addresses,
# version numbers). A hyphen may end a range's start ("01.09.2014-31.03.2018").
NUMERIC = (
    rf"(?<![\d/.]){_NUM}(?:/{_NUM}/|\.\s?{_NUM}\.\s?|-{_NUM}-){_YEAR}(?![\d/]|\.\d)"
)
# ISO and its kin, year first: "2015-06-15", "2015/06/15", "2015.06.15".
YEAR_FIRST = (
    rf"{_YEAR}(?:-{_MONTH_NUM}-|/{_MONTH_NUM}/|\.{_MONTH_NUM}\.){_NUM}(?![\d/-]|\.\d)"
)
# A day before a month's name ("15 June 2015", "15th of June, 2015", "15. Juni
# 2015") or after it ("June 15, 2015"); `month` is the alternation of month names.
DAY_BEFORE = rf"{_NUM}{_ORDINAL}?\.?\s+(?:of\s+)?"
DAY_AFTER = rf"\s+{_NUM}{_ORDINAL}?,?\s+"

_NUMERIC_RE = re.compile(
    rf"^(?P<a>\d{{1,2}})\s?(?P<sep>[/.-])\s?(?P<b>\d{{1,2}})\s?[/.-]\s?(?P<year>{_YEAR})$"
)
_YEAR_FIRST_RE = re.compile(
    rf"^(?P<year>{_YEAR})[/.-](?P<month>\d{{1,2}})[/.-](?P<day>\d{{1,2}})$"
)
_DAY_WORD_RE = re.compile(rf"(?:^|\s){_NUM}{_ORDINAL}?\.?(?:\s+of)?(?=\s|$|,)")
_SCAN_RE = re.compile(NUMERIC)

# True: day first; False: month first; None: by separator (see the module doc).
_DAY_FIRST: ContextVar[bool | None] = ContextVar("day_first", default=None)


def numeric_month(text: str) -> tuple[int, int] | None:
    """(year, month) of a numeric day date ("01/03/2019", "2015-06-15"); None when
    `text` is no such date or its numbers are no day and month."""
    match = _YEAR_FIRST_RE.match(text)
    if match is not None:
        month, day = int(match.group("month")), int(match.group("day"))
        ok = 1 <= month <= 12 and 1 <= day <= 31
        return (int(match.group("year")), month) if ok else None
    match = _NUMERIC_RE.match(text)
    if match is None:
        return None
    a, b = int(match.group("a")), int(match.group("b"))
    found = _month_of(a, b, match.group("sep"))
    return (int(match.group("year")), found) if found else None


def _month_of(a: int, b: int, sep: str) -> int | None:
    if not (1 <= a <= 31 and 1 <= b <= 31) or (a > 12 and b > 12):
        return None
    if a > 12:
        return b
    if b > 12:
        return a
    day_first = _DAY_FIRST.get()
    if day_first is None:
        day_first = sep != "/"
    return b if day_first else a


def without_day(text: str) -> str:
    """`text` (a date's words, its year taken out) without a day number: "15 june"
    → "june", "june 15," → "june"."""
    return _DAY_WORD_RE.sub(" ", text).strip(" .,")


def numeric_order(text: str) -> bool | None:
    """Whether the numeric day dates of a document put the day first (True) or the
    month first (False), told by the dates whose day is above 12, else by a cue of
    the country (`_DAY_FIRST_CUE`); None when nothing tells."""
    votes = 0
    for match in _SCAN_RE.finditer(text):
        parts = re.split(r"\s?[/.-]\s?", match.group(0))
        a, b = int(parts[0]), int(parts[1])
        if a > 12 >= b:
            votes += 1
        elif b > 12 >= a:
            votes -= 1
    if votes:
        return votes > 0
    if _DAY_FIRST_CUE.search(text):
        return True
    region = _header_region(text)
    return True if region and region not in _MONTH_FIRST_REGIONS else None


# Where resumes write the month first ("03/01/2019" for 1 March): the United
# States, and Canada and the Philippines, which use both orders.
_MONTH_FIRST_REGIONS = frozenset({"US", "CA", "PH"})
_HEADER_PIECES = re.compile(r"\s*(?:\||•|·|\t|\s{2,}|\s[-\u2013\u2014]\s)\s*")


def _header_region(text: str) -> str | None:
    """The country of the first place the resume's first lines name ("Pune,
    Maharashtra" -> IN, "Leeds, UK" -> GB): where the writer lives, whose
    convention the dates follow."""
    for line in text.split("\n", 12)[:12]:
        for piece in _HEADER_PIECES.split(line.strip()):
            region = location_region(piece.strip(" ,;")) if "," in piece else None
            if region:
                return region
    return None


# Where no date tells, a phone number with a country code other than +1 (NANP, the
# month-first countries) or Europass's "Mother tongue" says the resume was written
# where the day comes first.
_DAY_FIRST_CUE = re.compile(
    r"(?<![\w+])\(?\+[02-9]\d{0,2}\)?[\s.-]?\d{2,}[\s.-]?\d{2,}|\bmother\s+tongue",
    re.IGNORECASE,
)


@contextmanager
def numeric_order_of(text: str) -> Iterator[None]:
    """Read the ambiguous numeric dates inside the block in the order the document
    `text` tells (`numeric_order`)."""
    token = _DAY_FIRST.set(numeric_order(text))
    try:
        yield
    finally:
        _DAY_FIRST.reset(token)
