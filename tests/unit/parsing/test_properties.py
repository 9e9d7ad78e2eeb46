"""Property-based attacks on the parsers: any text at all must parse without an
exception, quickly, into values that hold their invariants; dates and phones
written in the usual ways must read back exactly."""

import re
from datetime import date

import phonenumbers
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from domain.parsing import dates
from domain.parsing.contacts import find_phone
from domain.parsing.lines import split_lines
from domain.parsing.sections import find_sections
from tests.unit.parsing.samples import document

MONTH_NAMES = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]
E164 = re.compile(r"\+[1-9]\d{6,14}")
# Resume-like text: letters, digits, punctuation that dates and phones use,
# whitespace and a few non-ASCII characters, plus anything else now and then.
PIECES = [
    *"abcJFMASONDjan0123456789 -/.,:()+'\n\t|\u00e9\u00fc",
    "\u2013",  # en dash
    "\u2019",  # right single quote
    "\u2022",  # bullet
    "Present",
    "to",
    "since",
]
resume_text = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=120).map("".join),
    st.text(max_size=300),
)
fast = settings(
    max_examples=100,
    deadline=1000,  # ms per example: a regex that backtracks badly fails here
    suppress_health_check=[HealthCheck.too_slow],
)
months = st.tuples(st.integers(1950, 2049), st.integers(1, 12))


@fast
@given(resume_text)
@example("Jan 2020 - " * 200)
@example("1" * 5000)
def test_date_parsers_accept_any_text(text):
    found = dates.parse_date(text)
    if found is not None:
        assert 1950 <= found.year <= 2049
        assert 1 <= found.month <= 12
    for span in dates.find_ranges(text):
        assert 0 <= span.begin < span.end <= len(text)
        assert span.current is (span.end_date is None)
        if span.start and span.end_date:
            assert span.start.index <= span.end_date.index
    for one in dates.find_dates(text):
        assert 0 <= one.begin < one.end <= len(text)


@fast
@given(months, st.sampled_from(["{m:02d}/{y}", "{y}-{m:02d}", "{name} {y}"]))
def test_a_written_month_reads_back(month, pattern):
    year, number = month
    text = pattern.format(y=year, m=number, name=MONTH_NAMES[number - 1])
    assert dates.parse_date(text) == dates.MonthDate(
        year, number, dates.Precision.MONTH
    )


@fast
@given(months, months, st.sampled_from([" - ", " \u2013 ", " to "]))
def test_a_written_range_reads_back(first, second, dash):
    start, end = sorted([first, second])
    text = (
        f"Engineer, Acme {MONTH_NAMES[start[1] - 1]} {start[0]}"
        f"{dash}{MONTH_NAMES[end[1] - 1]} {end[0]}"
    )
    [found] = dates.find_ranges(text)
    assert (found.start.year, found.start.month) == start
    assert (found.end_date.year, found.end_date.month) == end
    assert not found.current
    months_between = (end[0] - start[0]) * 12 + end[1] - start[1] + 1
    assert dates.month_count(found.start, found.end_date, date(2030, 1, 1)) == (
        months_between
    )


@fast
@given(resume_text, st.sampled_from(["US", "GB", "DE", "FR", "IN"]))
def test_phone_finder_accepts_any_text(text, region):
    lines = split_lines(document(text))
    found = find_phone(lines[:3], lines, region)
    if found is not None:
        assert E164.fullmatch(found.value)
        span = found.source
        assert text[span.start : span.end] == span.text


@fast
@given(
    st.sampled_from(["US", "GB", "DE", "FR", "NL", "IN", "AU"]),
    st.sampled_from(
        [
            phonenumbers.PhoneNumberFormat.INTERNATIONAL,
            phonenumbers.PhoneNumberFormat.E164,
        ]
    ),
    st.sampled_from(["Phone: {}", "{}", "Tel. {} (mobile)", "Jane Doe | {} | Berlin"]),
)
def test_a_written_phone_reads_back_in_e164(region, style, line):
    number = phonenumbers.example_number_for_type(
        region, phonenumbers.PhoneNumberType.MOBILE
    )
    written = phonenumbers.format_number(number, style)
    expected = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    lines = split_lines(document("Jane Doe\n" + line.format(written)))
    found = find_phone(lines, lines, "US")
    assert found is not None
    assert found.value == expected


@fast
@given(
    st.lists(
        st.one_of(
            resume_text,
            st.sampled_from(["EXPERIENCE", "Education", "Skills:", "SUMMARY", ""]),
        ),
        max_size=40,
    )
)
def test_sections_keep_every_line_once_in_order(parts):
    lines = split_lines(document("\n".join(parts)))
    sections = find_sections(lines)
    kept = [
        line
        for section in sections
        for line in ([section.heading] if section.heading else []) + [*section.lines]
    ]
    # Inline labels ("Skills: Python") may become a heading and its text, so
    # compare the characters in order, not the Line objects.
    assert "".join(line.text for line in kept).replace(" ", "") == "".join(
        line.text for line in lines
    ).replace(" ", "")
    assert all(0 <= line.start <= line.end for line in kept)


@pytest.mark.parametrize("size", [10_000, 100_000])
def test_parsers_stay_linear_on_long_hostile_lines(size):
    # Long runs of what the regexes look for, with nothing to close them.
    for text in ("1/" * (size // 2), "Jan " * (size // 4), "+1 " * (size // 3)):
        dates.find_ranges(text)
        dates.find_dates(text)
