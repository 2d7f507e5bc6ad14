"""A program's planned length and its end in sight: the charter's length choice, and when
the Dashboard (and `mentor pair show`) mention the planned end."""

from __future__ import annotations

from datetime import date

import pytest

from mentor_tui.models.enums import PairStatus
from mentor_tui.models.tables import Pair
from mentor_tui.services.closing_end import NEAR_DAYS, end_in_sight, length_of, planned_end


@pytest.mark.parametrize(
    ("starts", "length", "ends"),
    [
        (date(2026, 11, 16), "quarter", date(2027, 2, 16)),
        (date(2026, 11, 30), "quarter", date(2027, 2, 28)),  # no 30 Feb: the month's end
        (date(2026, 8, 31), "six-months", date(2027, 2, 28)),
        (date(2028, 2, 29), "year", date(2029, 2, 28)),
        (date(2026, 11, 16), "open", None),
    ],
)
def test_planned_end_from_the_start(starts: date, length: str, ends: date | None) -> None:
    assert planned_end(starts, length) == ends
    assert length_of(starts, ends) == length


def test_a_date_of_ones_own_has_no_length() -> None:
    assert length_of(date(2026, 8, 18), date(2027, 2, 16)) is None
    assert length_of(None, date(2027, 2, 16)) is None
    with pytest.raises(ValueError):
        planned_end(date(2026, 1, 1), "fortnight")


def _pair(ends: date | None, status: str = PairStatus.ACTIVE) -> Pair:
    return Pair(mentor_id="a", mentee_id="b", planned_end_on=ends, status=status)


TODAY = date(2026, 11, 16)


def test_the_end_is_mentioned_within_two_weeks_or_once_passed() -> None:
    assert end_in_sight(_pair(date(2026, 12, 1)), TODAY) is None  # 15 days away
    near = end_in_sight(_pair(date(2026, 11, 30)), TODAY)
    assert near is not None and near.days_left == NEAR_DAYS == 14
    assert near.words(TODAY) == "The planned end is in 2 weeks (Mon 30 Nov)"
    today = end_in_sight(_pair(TODAY), TODAY)
    assert today is not None and today.words(TODAY) == "The planned end is today (Mon 16 Nov)"
    passed = end_in_sight(_pair(date(2026, 11, 13)), TODAY)
    assert passed is not None and passed.days_left == -3
    assert passed.words(TODAY) == "The planned end (Fri 13 Nov) passed 3 days ago"


def test_no_end_is_mentioned_when_open_ended_or_closed() -> None:
    assert end_in_sight(_pair(None), TODAY) is None
    assert end_in_sight(_pair(date(2026, 11, 20), PairStatus.CLOSED), TODAY) is None
