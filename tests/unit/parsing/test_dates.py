"""Date and date-range reading, and months summed with overlaps merged."""

from datetime import date

import pytest

from domain.parsing.dates import (
    MonthDate,
    Precision,
    find_dates,
    find_ranges,
    month_count,
    parse_date,
    range_across,
    total_months,
    year_lead,
)

TODAY = date(2024, 6, 15)


@pytest.mark.parametrize(
    ("text", "start", "end", "current"),
    [
        ("Jan 2020 \u2013 Mar 2022", "2020-01", "2022-03", False),
        ("01/2020 - 03/2022", "2020-01", "2022-03", False),
        ("2020-01 to 2022-03", "2020-01", "2022-03", False),
        ("January 2020 \u2013 Present", "2020-01", None, True),
        ("2019 \u2013 Current", "2019-01", None, True),
        ("2015 - 2017", "2015-01", "2017-01", False),
        ("Sep. 2024 — Jun. 2027", "2024-09", "2027-06", False),
        ("June 2023 until Sept. 2023", "2023-06", "2023-09", False),
        ("Mar 2021 through now", "2021-03", None, True),
        ("Summer 2018 \u2013 Fall 2018", "2018-06", "2018-09", False),
        ("since March 2019", "2019-03", None, True),
        ("Jan '19 - Dec '20", "2019-01", "2020-12", False),
        ("Sep. 2023 Mar. 2024", "2023-09", "2024-03", False),
        ("janvier 2018 - mars 2020", "2018-01", "2020-03", False),
        ("Feb. 2020 - 2020/11", "2020-02", "2020-11", False),
        ("2019/02 \u2013 2020/06", "2019-02", "2020-06", False),
        ("Spring 2019 \u2013 Present", "2019-03", None, True),
        ("2022, February - 2023, March", "2022-02", "2023-03", False),
    ],
)
def test_reads_ranges_in_common_forms(text, start, end, current):
    found = find_ranges(text)

    assert len(found) == 1
    assert found[0].start.iso == start
    assert (found[0].end_date.iso if found[0].end_date else None) == end
    assert found[0].current is current


def test_range_offsets_point_into_the_text():
    text = "Data Analyst (Jun 2018 - Feb 2021) Seattle"

    found = find_ranges(text)[0]

    assert text[found.begin : found.end] == "Jun 2018 - Feb 2021"


def test_year_and_season_ranges_are_approximate():
    assert find_ranges("2015 - 2017")[0].approximate is True
    assert find_ranges("Summer 2018 - Fall 2018")[0].approximate is True
    assert find_ranges("Jan 2015 - Mar 2017")[0].approximate is False


def test_end_before_start_is_not_a_range():
    assert find_ranges("2021 - 2019") == []


def test_phone_numbers_and_amounts_are_not_dates():
    assert find_ranges("(312) 555-0123 | 2M events/day") == []
    assert find_dates("(312) 555-0123") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan 2020", MonthDate(2020, 1, Precision.MONTH)),
        ("December, 2024", MonthDate(2024, 12, Precision.MONTH)),
        ("03/2016", MonthDate(2016, 3, Precision.MONTH)),
        ("2016-03", MonthDate(2016, 3, Precision.MONTH)),
        ("2017", MonthDate(2017, 1, Precision.YEAR)),
        ("Winter 2019", MonthDate(2019, 1, Precision.SEASON)),
        ("Smarch 2019", None),
        ("soon", None),
    ],
)
def test_parses_single_dates(text, expected):
    assert parse_date(text) == expected


def test_finds_single_dates_with_their_offsets():
    found = find_dates("Graduated May 2022, honours 2021")

    assert [(d.value.iso, d.begin, d.end) for d in found] == [
        ("2022-05", 10, 18),
        ("2021-01", 28, 32),
    ]


def test_counts_both_end_months():
    start = MonthDate(2020, 1, Precision.MONTH)

    assert month_count(start, MonthDate(2022, 3, Precision.MONTH), TODAY) == 27
    assert month_count(start, MonthDate(2020, 1, Precision.MONTH), TODAY) == 1


def test_open_range_runs_through_this_month():
    assert month_count(MonthDate(2024, 1, Precision.MONTH), None, TODAY) == 6


def test_year_only_range_counts_whole_years():
    start = MonthDate(2015, 1, Precision.YEAR)

    assert month_count(start, MonthDate(2017, 1, Precision.YEAR), TODAY) == 24
    assert month_count(start, MonthDate(2015, 1, Precision.YEAR), TODAY) == 12


def test_overlapping_ranges_count_shared_months_once():
    ranges = [
        (MonthDate(2019, 1, Precision.MONTH), MonthDate(2021, 6, Precision.MONTH)),
        (MonthDate(2020, 6, Precision.MONTH), None),
        (MonthDate(2018, 6, Precision.SEASON), MonthDate(2018, 9, Precision.SEASON)),
    ]

    assert total_months(ranges, TODAY) == 66 + 4


def test_nested_and_touching_ranges_merge():
    ranges = [
        (MonthDate(2010, 1, Precision.MONTH), MonthDate(2012, 12, Precision.MONTH)),
        (MonthDate(2011, 3, Precision.MONTH), MonthDate(2011, 8, Precision.MONTH)),
        (MonthDate(2013, 1, Precision.MONTH), MonthDate(2013, 12, Precision.MONTH)),
    ]

    assert total_months(ranges, TODAY) == 48


def test_no_ranges_is_no_experience():
    assert total_months([], TODAY) == 0


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2022, February - 2023, March", "2022-02", "2023-03"),
        ("2012 , Nov. \u2013 2014, Jan", "2012-11", "2014-01"),
    ],
)
def test_year_first_month_dates(text, start, end):
    found = find_ranges(text)

    assert [(r.start.iso, r.end_date.iso) for r in found] == [(start, end)]


def test_a_year_then_a_word_that_is_no_english_month_is_a_year():
    assert [d.value for d in find_dates("In 2019, set up the lab")] == [
        MonthDate(2019, 1, Precision.YEAR)
    ]


@pytest.mark.parametrize(
    ("first", "second", "start", "end", "current", "taken"),
    [
        ("September 2019 Team Manager", "currently working", "2019-09", None, True, 17),
        ("2020, June MTS", "2021, August Python Dev", "2020-06", "2021-08", False, 12),
        ("2016, July Mapping", "September SWE Intern", "2016-07", "2016-09", False, 9),
        ("Aug 2012 Senior Analyst", "Dec 2017", "2012-08", "2017-12", False, 8),
    ],
)  # fmt: skip
def test_range_across_two_lines(first, second, start, end, current, taken):
    found, length = range_across(first, second)

    assert (found.start.iso, found.end_date.iso if found.end_date else None) == (
        start,
        end,
    )
    assert (found.current, found.begin, length) == (current, 0, taken)
    assert first[found.begin : found.end] in (
        "September 2019",
        "2020, June",
        "2016, July",
        "Aug 2012",
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2019 Employee of the year", "2020 Best team award"),  # bare years: a list
        ("December 2017 Analyst", "September"),  # a month before the start
        ("March 2020 Engineer", "Set up the CI"),
        ("May 2019 Engineer", "Date of birth: 1990"),
        ("Led the 2019 migration", "June 2020 release"),  # no date opens the line
    ],
)
def test_no_range_across_lines_that_are_no_date_column(first, second):
    assert range_across(first, second) is None


@pytest.mark.parametrize(
    ("text", "start", "end", "current"),
    [
        ("2021 2022 UniqTrip. Junior web developer.", "2021-01", "2022-01", False),
        ("2008 2010. Junior software developer.", "2008-01", "2010-01", False),
        ("2020 Present Frontend developer", "2020-01", None, True),
    ],
)
def test_two_years_opening_a_line_are_a_range(text, start, end, current):
    found = find_ranges(text)

    assert [
        (r.start.iso, r.end_date.iso if r.end_date else None, r.current, r.begin)
        for r in found
    ] == [(start, end, current, 0)]


def test_two_years_elsewhere_or_too_far_apart_are_no_range():
    assert find_ranges("Windows Server 2003 2008 upgrade") == []
    assert find_ranges("1950 2020 anniversary") == []


@pytest.mark.parametrize(
    ("text", "start", "end", "current", "year_end"),
    [
        ("2022 - EPAM Systems. Software Engineer.", "2022-01", None, True, 4),
        ("2020 Internship, Service Engineer, Acme", "2020-01", "2020-01", False, 4),
    ],
)
def test_a_year_opening_a_job_line(text, start, end, current, year_end):
    found = year_lead(text)

    assert (found.start.iso, found.end_date.iso if found.end_date else None) == (
        start,
        end,
    )
    assert (found.current, found.begin, found.end) == (current, 0, year_end)


@pytest.mark.parametrize(
    "text", ["2019 - 2020 Acme", "2019 server upgrade", "Led the 2019 - Acme move"]
)
def test_no_year_lead(text):
    assert year_lead(text) is None
