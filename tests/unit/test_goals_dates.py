"""The due-date phrases the SMART editor accepts (mentor_tui.dates.parse_date)."""

from datetime import date

import pytest

from mentor_tui.dates import parse_date
from mentor_tui.errors import InvalidInput

TODAY = date(2026, 11, 16)  # a Monday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-31", date(2027, 3, 31)),
        ("2027-3-31", date(2027, 3, 31)),
        ("in 6 weeks", date(2026, 12, 28)),
        ("in two weeks", date(2026, 11, 30)),
        ("in a week", date(2026, 11, 23)),
        ("next friday", date(2026, 11, 20)),
        ("by next friday", date(2026, 11, 20)),
        ("by 2027-03-31", date(2027, 3, 31)),
        ("end of quarter", date(2026, 12, 31)),
        ("end of march", date(2027, 3, 31)),
        ("end of november", date(2026, 11, 30)),
        ("march 31", date(2027, 3, 31)),
        ("31 March 2027", date(2027, 3, 31)),
        ("the 1st of december", date(2026, 12, 1)),
        ("Dec 1, 2026", date(2026, 12, 1)),
        # A month and day without a year is the nearest such day (issue 10): yesterday,
        # not a year ahead.
        ("november 15", date(2026, 11, 15)),
        ("feb 29", date(2028, 2, 29)),
    ],
)
def test_phrases(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("someday", "cannot read 'someday' as a date"),
        ("31/03/2027", "cannot read '31/03/2027' as a date"),
        ("february 30", "'february 30' is not a day of the calendar"),
        ("2027-02-30", "'2027-02-30' is not a day of the calendar"),
        ("[bold]x[/bold]", "cannot read '[bold]x[/bold]' as a date"),
    ],
)
def test_unreadable_dates_get_one_line(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as problem:
        parse_date(text, TODAY)
    assert str(problem.value).startswith(message)
    assert "\n" not in str(problem.value)
