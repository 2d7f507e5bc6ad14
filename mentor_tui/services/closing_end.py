"""A mentorship's planned length and its end in sight (issue 11).

The charter offers a program length in one choice (a quarter, six months, a year,
open-ended) that sets the planned end from the start; the Dashboard and `mentor pair
show` say when that end is near or has passed for an open pair, and point at the final
review. Nothing closes on its own: closing stays the members' act (services/closing).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mentor_tui.dates import relative_day
from mentor_tui.models.enums import PairStatus

if TYPE_CHECKING:  # the Dashboard's quick start asks this too, without the ORM
    from mentor_tui.services.dashboard_types import PairRecordLike

#: (value, words): the lengths the charter offers; "open" has no planned end.
LENGTHS: tuple[tuple[str, str], ...] = (
    ("quarter", "a quarter"),
    ("six-months", "six months"),
    ("year", "a year"),
    ("open", "open-ended"),
)
_MONTHS = {"quarter": 3, "six-months": 6, "year": 12}

#: How many days before the planned end the Dashboard starts saying so.
NEAR_DAYS = 14


def _add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day (31 Jan + 1 month: 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def planned_end(starts_on: date, length: str) -> date | None:
    """The planned end `length` after the start; None for open-ended."""
    if length == "open":
        return None
    if length not in _MONTHS:
        raise ValueError(f"unknown program length {length!r}")
    return _add_months(starts_on, _MONTHS[length])


def length_of(starts_on: date | None, ends_on: date | None) -> str | None:
    """The length a charter's dates amount to, or None for a date of its own choosing."""
    if ends_on is None:
        return "open"
    if starts_on is None:
        return None
    matching = (name for name in _MONTHS if planned_end(starts_on, name) == ends_on)
    return next(matching, None)


@dataclass(frozen=True)
class EndInSight:
    """The planned end of an open mentorship, near or passed."""

    ends_on: date
    days_left: int  # negative once passed

    def words(self, today: date) -> str:
        when = relative_day(self.ends_on, today)
        if self.days_left < 0:
            return f"The planned end ({self.ends_on:%a %d %b}) passed {when}"
        if self.days_left == 0:
            return f"The planned end is today ({self.ends_on:%a %d %b})"
        return f"The planned end is {when} ({self.ends_on:%a %d %b})"


def end_in_sight(pair: PairRecordLike, today: date) -> EndInSight | None:
    """The end to mention: an open pair whose planned end is within NEAR_DAYS or past."""
    if pair.status == PairStatus.CLOSED or pair.planned_end_on is None:
        return None
    days_left = (pair.planned_end_on - today).days
    if days_left > NEAR_DAYS:
        return None
    return EndInSight(pair.planned_end_on, days_left)
