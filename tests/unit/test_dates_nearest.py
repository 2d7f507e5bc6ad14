"""A month and day typed without a year, day-first dates, and how a typed date is read
back (mentor_tui.dates)."""

from datetime import date

import pytest

from mentor_tui.dates import describe_day, parse_date
from mentor_tui.errors import InvalidInput
from mentor_tui.services.smart import resolve_due

NOV_30 = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov 28", date(2026, 11, 28)),  # two days ago, not next year
        ("28 November", date(2026, 11, 28)),
        ("Dec 5", date(2026, 12, 5)),  # five days ahead, this year
        ("Jan 3", date(2027, 1, 3)),  # next year is nearer
        ("Nov 30", NOV_30),
        ("june 1", date(2026, 6, 1)),  # 182 days ago beats 183 ahead
        ("may 31", date(2027, 5, 31)),  # 182 days ahead beats 183 ago
        ("end of october", date(2026, 10, 31)),
        ("end of january", date(2027, 1, 31)),
        ("feb 29", date(2028, 2, 29)),
        ("28.11.2026", date(2026, 11, 28)),
        ("28.11.2025", date(2025, 11, 28)),
        ("28.11.", date(2026, 11, 28)),
        ("28.11", date(2026, 11, 28)),
        ("3.1.", date(2027, 1, 3)),
        ("by 05.12.", date(2026, 12, 5)),
    ],
)
def test_nearest_day(text: str, expected: date) -> None:
    assert parse_date(text, NOV_30) == expected


def test_equally_far_both_ways_means_the_coming_one() -> None:
    today = date(2027, 8, 31)  # 1 March is 183 days back and 183 ahead (2028 is a leap year)
    assert today - date(2027, 3, 1) == date(2028, 3, 1) - today
    assert parse_date("Mar 1", today) == date(2028, 3, 1)


@pytest.mark.parametrize("text", ["31.11.", "29.02.2027", "12.13.2026", "0.5."])
def test_impossible_day_first_dates_get_one_line(text: str) -> None:
    with pytest.raises(InvalidInput) as problem:
        parse_date(text, NOV_30)
    assert str(problem.value) == f"{text!r} is not a day of the calendar"


def test_slashes_are_still_not_read() -> None:
    with pytest.raises(InvalidInput, match="cannot read '28/11/2026'"):
        parse_date("28/11/2026", NOV_30)


def test_the_due_field_reads_the_nearest_day_too() -> None:
    assert resolve_due("Dec 5", NOV_30) == (date(2026, 12, 5), "")
    assert resolve_due("Jan 3", NOV_30) == (date(2027, 1, 3), "")
    assert resolve_due("Nov 28", NOV_30) == (date(2026, 11, 28), "")


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (date(2026, 11, 28), "Sat 28 Nov 2026, 2 days ago"),
        (date(2026, 12, 5), "Sat 05 Dec 2026, in 5 days"),
        (NOV_30, "Mon 30 Nov 2026, today"),
        (date(2027, 1, 3), "Sun 03 Jan 2027, in 5 weeks"),
    ],
)
def test_a_typed_date_is_read_back_saying_which(day: date, said: str) -> None:
    assert describe_day(day, NOV_30) == said
