"""Where a pair's history is counted from and to, and the Dashboard's small trend: rules
over plain values and a sqlite3 connection (models/progress_sql.py), standard library
only, so that the app's quick start (services/dashboard_quick.py) reads the trend as
services/progress.session_trend does, before SQLAlchemy is imported."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from mentor_tui.dates import local
from mentor_tui.models import progress_sql as sql
from mentor_tui.models.enums import PairStatus
from mentor_tui.services.progress_words import percent

if TYPE_CHECKING:
    from mentor_tui.services.dashboard_types import PairLike

ZONE_MARGIN = timedelta(days=366)  # transitions looked up this far around the pair's span


def _made_on(pair: PairLike) -> date:
    """The day the pair was made, in my zone."""
    made: datetime | None = pair.pair.created_at
    if made is None:  # NOT NULL in the database: only a pair never written has none
        raise ValueError("the pair has not been written yet, so it has no stamps")
    return local(made, pair.me.timezone).date()


def anchor(pair: PairLike, first_held: str | None) -> date:
    """Where the cadence's periods start: the charter's start, else the first session held,
    else the day the pair was made."""
    if pair.pair.starts_on is not None:
        return pair.pair.starts_on
    if first_held is not None:
        return date.fromisoformat(first_held)
    return _made_on(pair)


def kept_until(pair: PairLike, today: date) -> date:
    """The cadence is kept until today, or until the pair closed."""
    closed = pair.pair.closed_at
    if pair.pair.status == PairStatus.CLOSED and closed is not None:
        return min(today, local(closed, pair.me.timezone).date())
    return today


def frame(
    pair: PairLike, by: str, today: date, since: date | None, until: date | None
) -> sql.Frame:
    start = pair.pair.starts_on or _made_on(pair)
    first = min(start, since or start, today - timedelta(days=5 * 365)) - ZONE_MARGIN
    offsets = sql.zone_offsets(pair.me.timezone, first, today + ZONE_MARGIN)
    return sql.Frame(
        pair.id,
        by,
        pair.me.timezone,
        tuple(offsets),
        today.isoformat(),
        since.isoformat() if since else sql.FIRST_DAY,
        until.isoformat() if until else sql.LAST_DAY,
    )


@dataclass(frozen=True)
class Trend:
    """The Dashboard's small trend: sessions held per month, the latest months."""

    held: list[int]
    cadence: str  # the cadence sentence over those months


def trend_of(con: sqlite3.Connection, pair: PairLike, today: date, months: int = 12) -> Trend:
    """Sessions held in each of the last `months` months, and the cadence kept in them:
    two small queries over the pair's sessions."""
    first = sql.bucket_start(today, "month")
    for _ in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    f = frame(pair, "month", today, first, None)
    start = anchor(pair, sql.first_held_day(con, f))
    every = pair.cadence.days
    periods = max(0, (kept_until(pair, today) - start).days // every)
    held = sql.sessions(con, f)
    kept = sql.cadence(con, f, start.isoformat(), every, periods)
    counts, day = [], first
    while day <= today:
        counts.append(held.get(day.isoformat(), (0, 0, 0, None))[0])
        day = sql.next_bucket(day, "month")
    n, k = sum(v[0] for v in kept.values()), sum(v[1] for v in kept.values())
    words = f"cadence kept {percent(k / n)}" if n else "cadence kept: too early to say"
    return Trend(counts, words)
