"""Dates and date ranges as resumes write them, and months of experience summed
across ranges with overlaps merged."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.parsing import day_dates


class Precision(StrEnum):
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"


@dataclass(frozen=True)
class MonthDate:
    year: int
    month: int
    precision: Precision

    @property
    def iso(self) -> str:
        """The date as "YYYY-MM"; a year alone reads as its January."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1


@dataclass(frozen=True)
class DateRange:
    """A range read in a string; `[begin, end)` are offsets of the match in it.
    `end_date` is None when the range is open ("2019 - Present") or one-sided."""

    start: MonthDate | None
    end_date: MonthDate | None
    current: bool
    begin: int
    end: int

    @property
    def approximate(self) -> bool:
        dated = [d for d in (self.start, self.end_date) if d]
        return any(d.precision is not Precision.MONTH for d in dated)


@dataclass(frozen=True)
class FoundDate:
    value: MonthDate
    begin: int
    end: int


_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan janvier janv enero ene januar jänner gennaio janeiro",
        "february feb febr février févr fevrier febrero februar febbraio fevereiro fev",
        "march mar mars marzo märz maerz março marco",
        "april apr avril avr abril abr aprile",
        "may mai mayo maggio maio",
        "june jun juin junio juni giugno junho",
        "july jul juillet juil julio juli luglio julho",
        "august aug août aout agosto ago",
        "september sep sept septembre septiembre setiembre set settembre setembro",
        "october oct octobre octubre oktober ottobre outubro okt",
        "november nov novembre noviembre novembro",
        "december dec décembre decembre diciembre dic dezember dez dicembre dezembro",
    ],
    start=1,
):
    _MONTHS.update(dict.fromkeys(_names.split(), _number))
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 1}

_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# English names only after a year ("2022, February"): "2019, set up" is no date.
_EN_MONTH = (
    "january|february|march|april|may|june|july|august|september|october|"
    "november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_SHORT_YEAR = r"['\u2019]\d{2}"
_DATE = (
    rf"(?:{day_dates.NUMERIC}|{day_dates.YEAR_FIRST}"
    rf"|(?:{day_dates.DAY_BEFORE})?(?:{_MONTH})"
    rf"(?:{day_dates.DAY_AFTER}|\.?,?\s*)(?:{_YEAR}|{_SHORT_YEAR})"
    rf"|{_YEAR}\s?,\s?(?:{_EN_MONTH})\b\.?"  # "2022, February"
    rf"|(?:{'|'.join(_SEASONS)})\s+{_YEAR}"
    rf"|(?<![\d/.-])(?:0?[1-9]|1[0-2])\s?[/.-]\s?{_YEAR}"
    rf"|{_YEAR}\s?[/.-]\s?(?:0[1-9]|1[0-2])(?![\d/.-])"
    rf"|{_YEAR})"
)
_PRESENT = (
    r"(?:present|current(?:ly)?|now|today|ongoing|to\s+date|till\s+date|date|"
    r"aujourd'hui|actuel(?:lement)?|présent|presente|actualidad|actual|heute|"
    r"jetzt|oggi|atual)"
)
_SEP = (
    r"\s*(?:[-\u2013—\u2010\u2011\u2212~]+|\bto\b|\buntil\b|\btill\b|\bthrough\b|"
    r"\bthru\b|\bà\b|\bbis\b|\bhasta\b|\ba\b)\s*"
)
_DATE_RE = re.compile(rf"(?<![\w]){_DATE}(?!\d)", re.IGNORECASE)
_RANGE_RE = re.compile(
    rf"(?<![\w])(?P<start>{_DATE})(?P<sep>{_SEP})(?P<end>{_DATE}(?!\d)|{_PRESENT}\b)",
    re.IGNORECASE,
)
_SINCE_RE = re.compile(
    rf"\b(?:since|from|depuis|desde|seit)\s+(?P<start>{_DATE})(?!\d)(?!\s*{_SEP}\S)",
    re.IGNORECASE,
)
_OPEN_RE = re.compile(rf"(?<![\w])(?P<start>{_DATE})\s*[-\u2013—]\s*$")
# Two years opening a line, their dash lost in extraction: "2021 2022 UniqTrip".
_YEAR_PAIR_RE = re.compile(
    rf"^(?P<start>{_YEAR})\s+(?P<end>{_YEAR}(?![\d/-]|\.\d)|(?:present|current|now)\b)",
    re.IGNORECASE,
)
# A year, a dash, then the header: "2022 - EPAM Systems. Software Engineer."; or
# a year alone before it: "2020 Internship, Service Engineer, Acme".
_YEAR_LEAD_RE = re.compile(
    rf"^(?P<start>{_YEAR})(?P<dash>\s*[-\u2013—])?\s+(?=[A-ZÀ-Þ])"
)
# "Sep. 2023 Mar. 2024", or a garbled dash of up to 4 characters: the separator
# lost in extraction; only between two month dates.
_MONTH_DATE = rf"(?:{_MONTH})\.?,?\s*{_YEAR}|(?:0?[1-9]|1[0-2])/{_YEAR}"
_BARE_RE = re.compile(
    rf"(?<![\w])(?P<start>{_MONTH_DATE})(?:\s+|\s+\S{{1,4}}\s+)"
    rf"(?P<end>{_MONTH_DATE}|{_PRESENT}\b)(?!\d)",
    re.IGNORECASE,
)


def parse_date(text: str) -> MonthDate | None:
    """One date such as "Jan 2020", "01/2020", "2020-01", "Summer 2018", "2019",
    or one with a day ("15.06.2015", "June 15, 2015"; read as its month)."""
    text = text.strip().lower().replace("\u2019", "'")
    numeric = day_dates.numeric_month(text)
    if numeric is not None:
        return MonthDate(numeric[0], numeric[1], Precision.MONTH)
    year_match = re.search(rf"{_YEAR}|{_SHORT_YEAR}", text)
    if year_match is None:
        return None
    year = _year(year_match.group(0))
    rest = (text[: year_match.start()] + " " + text[year_match.end() :]).strip(" .,/-")
    if not rest:
        return MonthDate(year, 1, Precision.YEAR)
    if rest in _SEASONS:
        return MonthDate(year, _SEASONS[rest], Precision.SEASON)
    if rest.isdigit() and 1 <= int(rest) <= 12:
        return MonthDate(year, int(rest), Precision.MONTH)
    month = _MONTHS.get(rest.rstrip(".,").strip()) or _MONTHS.get(
        day_dates.without_day(rest)
    )
    return MonthDate(year, month, Precision.MONTH) if month else None


def _year(text: str) -> int:
    if text[0] in "'\u2019":
        short = int(text[1:])
        return 2000 + short if short < 50 else 1900 + short
    return int(text)


def find_ranges(text: str) -> list[DateRange]:
    """Every date range in `text`, in order; a start with no end ("since 2019",
    "2019 -" at the end of a line) counts as current."""
    found: list[DateRange] = []
    for match in _RANGE_RE.finditer(text):
        start = parse_date(match.group("start"))
        raw_end = match.group("end")
        end = parse_date(raw_end)
        if start is None or (end is None and not re.match(_PRESENT, raw_end, re.I)):
            continue
        if end is not None and end.index < start.index:
            continue
        found.append(DateRange(start, end, end is None, match.start(), match.end()))
    if not found:
        found.extend(_open_ranges(text))
    return found


def _open_ranges(text: str) -> list[DateRange]:
    found = []
    for match in _BARE_RE.finditer(text):
        start, end = parse_date(match.group("start")), parse_date(match.group("end"))
        if start is not None and (end is None or end.index >= start.index):
            found.append(DateRange(start, end, end is None, match.start(), match.end()))
    if found:
        return found
    pair = _YEAR_PAIR_RE.match(text)
    if pair is not None:
        start, end = parse_date(pair.group("start")), parse_date(pair.group("end"))
        ongoing = pair.group("end")[0].isalpha()
        if start and (ongoing or (end and 0 <= end.year - start.year <= 50)):
            return [DateRange(start, end, ongoing, 0, pair.end())]
    for pattern in (_SINCE_RE, _OPEN_RE):
        for match in pattern.finditer(text):
            start = parse_date(match.group("start"))
            if start is not None:
                found.append(DateRange(start, None, True, match.start(), match.end()))
    return found


# A month alone, then the line's end or a capital ("September SWE Intern"; not
# "May be", "Set up").
_START_MONTH_RE = re.compile(rf"(?i:{_EN_MONTH})\.?(?=\s*$|\s+[A-Z])")
# Words that end a range as ongoing when they open the line below its start;
# "date" alone is left out ("Date of birth").
_ONGOING_RE = re.compile(
    r"(?:present|current(?:ly)?(?:\s+(?:working|employed))?|now|today|ongoing|"
    r"(?:to|till|until)\s+(?:date|now)|till\s+present)(?![\w])",
    re.IGNORECASE,
)


def range_across(first: str, second: str) -> tuple[DateRange, int] | None:
    """A range whose start opens the line `first` and whose end opens the next line
    `second`, as resumes that keep a job's dates in a column of their own write it
    ("September 2019 Senior Team Manager" / "currently working"; "2020, June MTS
    Group" / "2021, August Python Developer"; "2016, July Mapping" / "September SWE
    Intern"). Both dates name their month (two bare years on two lines are as often
    a list of events); a month alone ends the range in the start's year. Returns the
    range, its offsets those of the start in `first`, and how many characters of
    `second` the end takes; None when the lines hold no such range."""
    found = find_dates(first)
    if (
        not found
        or found[0].begin != 0
        or found[0].value.precision is not Precision.MONTH
    ):
        return None
    start = found[0]
    ends = find_dates(second)
    end: MonthDate | None = None
    if ends and ends[0].begin == 0:
        end, length = ends[0].value, ends[0].end
        if end.precision is not Precision.MONTH:
            return None
    elif (ongoing := _ONGOING_RE.match(second)) is not None:
        length = ongoing.end()
    elif (month := _START_MONTH_RE.match(second)) is not None:
        number = _MONTHS[month.group(0).rstrip(".").lower()]
        end, length = MonthDate(start.value.year, number, Precision.MONTH), month.end()
    else:
        return None
    if end is not None and end.index < start.value.index:
        return None
    return DateRange(start.value, end, end is None, start.begin, start.end), length


def year_lead(text: str) -> DateRange | None:
    """The dates of a job line that opens with a year: with a dash ("2022 - EPAM
    Systems. Software Engineer.") the job runs on, as "2022 -" alone reads; a year
    alone ("2020 Internship, Service Engineer") is a job of that year. Only where a
    job is sought: in education "2019 - B.Sc." is the year of a degree. The range's
    offsets are the year's."""
    match = _YEAR_LEAD_RE.match(text)
    if match is None or find_ranges(text):
        return None
    start = parse_date(match.group("start"))
    if start is None:
        return None
    if match.group("dash"):
        return DateRange(start, None, True, 0, match.end("start"))
    return DateRange(start, start, False, 0, match.end("start"))


def find_dates(text: str) -> list[FoundDate]:
    """Every single date in `text`, in order (the ends of ranges included)."""
    found = []
    for match in _DATE_RE.finditer(text):
        value = parse_date(match.group(0))
        if value is not None:
            found.append(FoundDate(value, match.start(), match.end()))
    return found


def month_count(start: MonthDate, end: MonthDate | None, today: date) -> int:
    """Months from `start` through `end` (or through `today` when None), both
    counted; a year-only end counts up to its January."""
    return len(_months(start, end, today))


def _months(start: MonthDate, end: MonthDate | None, today: date) -> range:
    if end is None:
        stop = today.year * 12 + today.month
    elif end.precision is Precision.YEAR:
        stop = end.index if end.year > start.year else start.index + 12
    else:
        stop = end.index + 1
    return range(start.index, max(stop, start.index + 1))


def total_months(
    ranges: Iterable[tuple[MonthDate, MonthDate | None]], today: date
) -> int:
    """Months covered by the ranges, a month shared by overlapping ranges counted
    once."""
    intervals = sorted(
        (months.start, months.stop)
        for start, end in ranges
        for months in [_months(start, end, today)]
    )
    total = 0
    reach = -1
    for begin, stop in intervals:
        begin = max(begin, reach)
        if stop > begin:
            total += stop - begin
        reach = max(reach, stop)
    return total
