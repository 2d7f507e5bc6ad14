"""Reading the dates people type, and saying dates the way people say them.

Pure functions of (text, today): no clock, no I/O, no textual; used by the CLI and the
screens alike.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from mentor_tui.errors import InvalidInput

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNITS = {
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "m": "months",
    "month": "months",
    "months": "months",
    "y": "years",
    "year": "years",
    "years": "years",
}


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = _last_day_of_month(year, month)
    return date(year, month, min(day.day, last))


def _last_day_of_month(year: int, month: int) -> int:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _shift(today: date, amount: int, unit: str) -> date:
    unit = _UNITS[unit]
    if unit == "days":
        return today + timedelta(days=amount)
    if unit == "weeks":
        return today + timedelta(weeks=amount)
    if unit == "months":
        return _add_months(today, amount)
    return _add_months(today, 12 * amount)


def _end_of(period: str, today: date) -> date:
    if period == "week":
        return today + timedelta(days=6 - today.weekday())
    if period == "month":
        return date(today.year, today.month, _last_day_of_month(today.year, today.month))
    if period == "quarter":
        last_month = ((today.month - 1) // 3 + 1) * 3
        return date(today.year, last_month, _last_day_of_month(today.year, last_month))
    return date(today.year, 12, 31)


_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"


def _checked_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(f"{text.strip()!r} is not a day of the calendar") from None


def _month_number(name: str) -> int | None:
    return next(
        (
            i + 1
            for i, month in enumerate(MONTHS)
            if month.startswith(name[:3]) and month.startswith(name)
        ),
        None,
    )


def _nearest(text: str, month: int, day: int, today: date) -> date:
    """A month and a day without a year: the nearest such day, past or future (typed on
    30 Nov, "Nov 28" is two days ago and "Dec 5" five days ahead; "Jan 3" is next year).
    Equally far both ways means the coming one; 29 February looks to the nearest leap year."""
    _checked_date(text, 2028, month, day)  # a leap year: only absurd days fail
    return _closest(
        [
            date(year, month, day)
            for year in range(today.year - 4, today.year + 5)
            if day <= _last_day_of_month(year, month)
        ],
        today,
    )


def _closest(days: list[date], today: date) -> date:
    """The day nearest today; of two equally near, the coming one."""
    return min(days, key=lambda d: (abs((d - today).days), d < today))


def _month_day(text: str, phrase: str, today: date) -> date | None:
    """ "march 31", "31 march 2027", "end of march", "28.11.2026", "28.11.": the nearest
    such day (past or future) when no year is given."""
    if match := re.fullmatch(rf"(?:the )?end of {_MONTH}(?: (\d{{4}}))?", phrase):
        month = _month_number(phrase.split()[-2 if match[2] else -1])
        if month is None:
            return None
        if match[2]:
            year = int(match[2])
            return date(year, month, _last_day_of_month(year, month))
        ends = [
            date(y, month, _last_day_of_month(y, month))
            for y in range(today.year - 1, today.year + 2)
        ]
        return _closest(ends, today)
    if match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})(?:\.(\d{4})?)?", phrase):
        # Day first, as much of Europe writes it: 28.11.2026, 28.11. and 28.11
        day, month = int(match[1]), int(match[2])
        if match[3]:
            return _checked_date(text, int(match[3]), month, day)
        return _nearest(text, month, day, today)
    match = re.fullmatch(
        rf"(?P<m>{_MONTH}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?: (?P<y>\d{{4}}))?", phrase
    ) or re.fullmatch(
        rf"(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? (?P<m>{_MONTH})"
        rf"(?: (?P<y>\d{{4}}))?",
        phrase,
    )
    if not match:
        return None
    month = _month_number(match["m"])
    if month is None:
        return None
    if match["y"]:
        return _checked_date(text, int(match["y"]), month, int(match["d"]))
    return _nearest(text, month, int(match["d"]), today)


def parse_date(text: str, today: date) -> date:
    """ISO dates and the phrases people type: "in 6 weeks", "next friday", "end of quarter",
    "Nov 28", "28.11.2026". A month and day without a year is the nearest such day.

    Raises InvalidInput with a one-line message naming the text when it cannot be read.
    """
    phrase = " ".join(text.strip().lower().replace(",", " ").split())
    if not phrase:
        raise InvalidInput('no date given; try 2027-03-31 or a phrase like "in 6 weeks"')
    # "by next friday", "due 2027-03-31", "in two weeks": the words around the date.
    phrase = re.sub(r"^(?:by|due|before|on or before|until) ", "", phrase)
    phrase = re.sub(
        r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", lambda m: str(_NUMBER_WORDS[m[1]]), phrase
    )
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", phrase):
        return _checked_date(text, int(match[1]), int(match[2]), int(match[3]))
    try:
        return date.fromisoformat(phrase)
    except ValueError:
        pass
    simple = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if phrase in simple:
        return today + timedelta(days=simple[phrase])
    if match := re.fullmatch(r"(?:in )?\+?(\d{1,4}) ?([a-z]+)(?: from now)?", phrase):
        amount, unit = int(match[1]), match[2]
        if unit in _UNITS and (
            phrase.startswith(("in ", "+"))
            or unit in ("d", "w", "m", "y")
            or phrase.endswith("from now")
        ):
            return _shift(today, amount, unit)
    if (match := re.fullmatch(r"(\d{1,4}) ([a-z]+) ago", phrase)) and match[2] in _UNITS:
        return _shift(today, -int(match[1]), match[2])
    if match := re.fullmatch(r"(?:the )?end of (?:the |this )?(week|month|quarter|year)", phrase):
        return _end_of(match[1], today)
    if match := re.fullmatch(r"(?:the )?end of next (week|month|quarter|year)", phrase):
        start_next = {
            "week": today + timedelta(days=7),
            "month": _add_months(today.replace(day=1), 1),
            "quarter": _add_months(today.replace(day=1), 3),
            "year": date(today.year + 1, 1, 1),
        }[match[1]]
        return _end_of(match[1], start_next)
    if match := re.fullmatch(r"next (week|month|year)", phrase):
        return _shift(today, 1, match[1])
    if match := re.fullmatch(r"(next |this |on )?(mon|tue|wed|thu|fri|sat|sun)[a-z]*", phrase):
        wanted = next(i for i, name in enumerate(WEEKDAYS) if name.startswith(match[2]))
        if WEEKDAYS[wanted].startswith(phrase.split()[-1]):
            # "friday" and "next friday" both mean the coming one, never today.
            ahead = (wanted - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead)
    if (day := _month_day(text, phrase, today)) is not None:
        return day
    raise InvalidInput(
        f'cannot read {text.strip()!r} as a date; try 2027-03-31, "in 6 weeks", '
        '"next friday" or "end of quarter"'
    )


def parse_days(text: str) -> int:
    """A span such as "14d", "2w" or "14" as a number of days."""
    match = re.fullmatch(r"\s*(\d{1,5})\s*(d|days?|w|weeks?)?\s*", text.lower())
    if not match:
        raise InvalidInput(f"cannot read {text!r} as a span of days; try 14d or 2w")
    amount = int(match[1])
    return amount * 7 if (match[2] or "d").startswith("w") else amount


def check_timezone(name: str) -> str:
    """The IANA name itself if it is one; otherwise a one-line InvalidInput."""
    cleaned = name.strip()
    if cleaned and cleaned in _zone_names():
        return cleaned
    try:
        if cleaned and "/" in cleaned:
            ZoneInfo(cleaned)
            return cleaned
    except (ZoneInfoNotFoundError, ValueError):
        pass
    raise InvalidInput(
        f"unknown time zone {name!r}; use an IANA name such as Europe/Berlin or America/New_York"
    )


_ZONES: set[str] | None = None


def _zone_names() -> set[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = set(available_timezones()) | {"UTC"}
    return _ZONES


def detect_timezone() -> str:
    """The system's IANA time zone, or UTC when it cannot be told."""
    try:
        from pendulum.tz.local_timezone import get_local_timezone

        name = get_local_timezone().name
        return check_timezone(name)
    except Exception:
        return "UTC"


def city(zone: str) -> str:
    """ "Europe/Berlin" -> "Berlin", "America/New_York" -> "New York"."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def local(instant: datetime, zone: str) -> datetime:
    return instant.astimezone(ZoneInfo(zone))


def format_instant(instant: datetime, zone: str, *, with_date: bool = True) -> str:
    moment = local(instant, zone)
    return moment.strftime("%a %d %b %H:%M" if with_date else "%H:%M")


def relative_day(day: date, today: date) -> str:
    """ "today", "tomorrow", "in 3 days", "in 3 weeks", "2 days ago", "5 months ago"."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    span = abs(delta)
    if span < 14:
        words = f"{span} days"
    elif span < 60:
        words = f"{round(span / 7)} weeks"
    elif span < 730:
        words = f"{round(span / 30.4)} months"
    else:
        words = f"{round(span / 365.25)} years"
    return f"in {words}" if delta > 0 else f"{words} ago"


def describe_day(day: date, today: date) -> str:
    """A typed date read back, saying which one it was taken to be:
    "Sat 28 Nov 2026, 2 days ago", "Sat 05 Dec 2026, in 5 days"."""
    return f"{day:%a %d %b %Y}, {relative_day(day, today)}"


def due_text(day: date | None, today: date, *, done: bool = False) -> str:
    """How a due date reads in a list: relative, with overdue called out."""
    if day is None:
        return "no date"
    if not done and day < today:
        return f"overdue {relative_day(day, today).removesuffix(' ago')}"
    return relative_day(day, today)


def parse_local_datetime(text: str, zone: str, today: date) -> datetime:
    """ "2026-11-24 15:00", "tomorrow 9:30", "next tue 14:00" typed in `zone`, as a UTC instant.

    A wall time that does not exist (the hour skipped when clocks go forward) is refused;
    one that happens twice (clocks go back) means the first of the two.
    """
    from datetime import UTC

    phrase = " ".join(re.sub(r"^(\d{4}-\d\d-\d\d)T", r"\1 ", (text or "").strip()).split())
    match = re.fullmatch(r"(.+?)[ ,]+(?:at )?(\d{1,2})(?::(\d{2}))? ?([ap]m)?", phrase, re.I)
    if not match:
        raise InvalidInput(
            f'cannot read {text.strip()!r} as a date and time; try "2026-11-24 15:00" '
            'or "next tuesday 14:00"'
        )
    day = parse_date(match[1], today)
    hour, minute = int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise InvalidInput(f"{hour}{match[4]} is not a time of day")
        hour = hour % 12 + (12 if match[4].lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        raise InvalidInput(f"{match[2]}:{match[3] or '00'} is not a time of day")
    tz = ZoneInfo(check_timezone(zone))
    wall = datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
    instant = wall.astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != wall.replace(tzinfo=None):
        raise InvalidInput(
            f"{wall:%H:%M} does not exist in {city(zone)} on {day} (the clocks go forward "
            "that night); pick another time"
        )
    return instant


def side_by_side(instant: datetime, zones: list[str], *, with_date: bool = False) -> str:
    """ "Tue 14:00 Berlin · 08:00 New York": one instant in several zones.

    The weekday is repeated only where the local day differs from the first zone's.
    """
    parts: list[str] = []
    first_day: date | None = None
    for zone in dict.fromkeys(zones):  # each zone once, in order
        moment = local(instant, zone)
        if first_day is None:
            first_day = moment.date()
            stamp = moment.strftime("%a %d %b %H:%M" if with_date else "%a %H:%M")
        elif moment.date() != first_day:
            stamp = moment.strftime("%a %H:%M")
        else:
            stamp = moment.strftime("%H:%M")
        parts.append(f"{stamp} {city(zone)}")
    return " · ".join(parts)


def relative_instant(instant: datetime, now: datetime) -> str:
    """ "just now", "5 minutes ago", "3 hours ago"; beyond a day, as relative_day says it."""
    seconds = (now - instant).total_seconds()
    if 0 <= seconds < 60:
        return "just now"
    if 0 < seconds < 3600:
        return f"{int(seconds // 60)} minutes ago" if seconds >= 120 else "a minute ago"
    if 0 < seconds < 86400:
        hours = int(seconds // 3600)
        return f"{hours} hours ago" if hours > 1 else "an hour ago"
    return relative_day(instant.date(), now.date())
