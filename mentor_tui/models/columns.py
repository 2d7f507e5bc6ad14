"""Columns as JSON, both ways: the JSON export (services/exchange.py) and sync
(sync/records.py) read rows out and values back in through these, so both accept the same
things and store the same things."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Integer, String, type_coerce

from mentor_tui.models.types import UTCDateTime

SQLITE_INT_BOUND = 2**62  # beyond SQLite's 64-bit integers, with room for a revision + 1


def as_stored(column: Any) -> Any:
    """Instants and dates exactly as SQLite holds them (UTC "...Z" text, ISO dates): already
    the JSON form, and far cheaper than parsing each one only to format it again."""
    if isinstance(column.type, (UTCDateTime, Date)):
        return type_coerce(column, String).label(column.name)
    return column


def _instant(raw: Any) -> datetime:
    moment = datetime.fromisoformat(raw)  # TypeError for a non-string
    if moment.tzinfo is None:
        raise ValueError("no offset")
    return moment.astimezone(UTC)


def _day(raw: Any) -> date:
    return date.fromisoformat(raw)


def _flag(raw: Any) -> bool:
    if isinstance(raw, bool) or (isinstance(raw, int) and raw in (0, 1)):
        return bool(raw)
    raise ValueError(raw)


def _whole(raw: Any) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) < SQLITE_INT_BOUND:
        return raw
    raise ValueError(raw)


def _text(raw: Any) -> str:
    if isinstance(raw, str):
        return raw
    raise ValueError(raw)


def json_reader(column: Any) -> tuple[Callable[[Any], Any], str]:
    """How to read a column's (non-null) JSON value, raising TypeError or ValueError when
    it does not fit, and what a fitting value looks like."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _instant, "a UTC time such as 2026-11-16T09:30:00.000000Z"
    if isinstance(kind, Date):
        return _day, "a date such as 2026-11-16"
    if isinstance(kind, Boolean):
        return _flag, "true or false"
    if isinstance(kind, Integer):
        return _whole, "a whole number"
    return _text, "text"
