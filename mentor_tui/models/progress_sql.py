"""The Progress queries: a pair's history counted by week or month, inside SQLite.

Standard library only, on the sqlite3 connection under a Store session (as journal_sql.py).
Every figure is a GROUP BY over a bucket computed from an indexed column (pair_id first),
so a pair with five years of history (100,000 journal entries) costs a few scans, never a
Python loop over its rows; medians come from window functions (row_number over count).

Buckets are days in the viewer's zone: an instant's local day is its UTC text shifted by
the zone's offset at that instant. SQLite knows no IANA zones, so the offsets come from
zoneinfo as a CASE over the zone's transitions in the pair's span (a handful a year);
that keeps a weekly 01:30 session on the same local weekday across a daylight-saving
change, where the UTC day would move it to the day before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from mentor_tui.models.utc import UTC_FORMAT

FIRST_DAY, LAST_DAY = "0001-01-01", "9999-12-31"
BUCKETS = ("week", "month")
WEEK = 7 * 24 * 3600  # seconds


def _minutes(zone: ZoneInfo, instant: datetime) -> int:
    offset = instant.astimezone(zone).utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def zone_offsets(zone_name: str, first: date, last: date) -> list[tuple[str, int]]:
    """[(UTC text the offset starts at, minutes east of UTC)], the first from the start of
    time; the zone's transitions between `first` and `last` found a week at a time (no
    zone changes twice in a week), then to the second by bisection."""
    zone = ZoneInfo(zone_name)

    def minutes(seconds: int) -> int:
        return _minutes(zone, datetime.fromtimestamp(seconds, UTC))

    at = int(datetime(first.year, first.month, first.day, tzinfo=UTC).timestamp())
    end = int(datetime(last.year, last.month, last.day, tzinfo=UTC).timestamp())
    current = minutes(at)
    spans = [("", current)]
    while at < end:
        step = at + WEEK
        if minutes(step) != current:
            low, high = at, step  # low has the old offset, high the new one
            while high - low > 1:
                middle = (low + high) // 2
                if minutes(middle) == current:
                    low = middle
                else:
                    high = middle
            current = minutes(high)
            spans.append((datetime.fromtimestamp(high, UTC).strftime(UTC_FORMAT), current))
        at = step
    return spans


@dataclass(frozen=True)
class Frame:
    """What every query of one pair shares: who, how to bucket, which days."""

    pair_id: str
    by: str  # week | month
    zone: str  # the viewer's IANA zone
    offsets: tuple[tuple[str, int], ...]
    today: str  # ISO day in the viewer's zone
    since: str = FIRST_DAY
    until: str = LAST_DAY

    def day(self, column: str) -> str:
        """SQL: the local day of a UTC text column (column names are ours, never input)."""
        if len(self.offsets) == 1:
            minutes = self.offsets[0][1]
            if minutes == 0:
                return f"substr({column}, 1, 10)"
            return f"date({column}, '{minutes:+d} minutes')"
        cases = " ".join(
            f"WHEN {column} < '{start}' THEN {before}"
            for (start, _), (_, before) in zip(self.offsets[1:], self.offsets, strict=False)
        )
        return f"date({column}, (CASE {cases} ELSE {self.offsets[-1][1]} END) || ' minutes')"

    def bucket(self, day: str) -> str:
        """SQL: the first day of the week (Monday) or month that `day` is in."""
        if self.by == "week":
            return f"date({day}, 'weekday 0', '-6 days')"
        return f"date({day}, 'start of month')"

    @property
    def params(self) -> dict[str, str]:
        return {"pair": self.pair_id, "since": self.since, "until": self.until, "today": self.today}


def _rows(con: sqlite3.Connection, sql: str, params: Mapping[str, object]) -> Iterator[Any]:
    return iter(con.execute(sql, params).fetchall())


def _sessions_local(f: Frame) -> str:
    return (
        f"SELECT {f.day('starts_at')} AS day, starts_at, status FROM mentoring_session "
        "WHERE pair_id = :pair AND deleted = 0"
    )


def _median(source: str, value: str, partition: str = "") -> str:
    """SQL: per `partition` (or overall) the median of `value` over `source` rows."""
    over = f"PARTITION BY {partition} " if partition else ""
    keys = f"{partition}, " if partition else ""
    return (
        f"SELECT {keys}avg(v) AS median FROM (SELECT {keys}{value} AS v, "
        f"row_number() OVER ({over}ORDER BY {value}) AS rn, "
        f"count(*) OVER ({over.strip()}) AS n FROM {source}) "
        f"WHERE rn IN ((n + 1) / 2, (n + 2) / 2)" + (f" GROUP BY {partition}" if partition else "")
    )


def sessions(con: sqlite3.Connection, f: Frame) -> dict[str, tuple[int, int, int, float | None]]:
    """bucket -> (held, cancelled, planned, mean days since the previous held session)."""
    sql = f"""
        WITH s AS ({_sessions_local(f)}),
        g AS (
            SELECT day, status, CASE WHEN status = 'held' THEN julianday(day) - julianday(
                lag(day) OVER (PARTITION BY status = 'held' ORDER BY starts_at)) END AS gap
            FROM s
        )
        SELECT {f.bucket("day")} AS b, sum(status = 'held'), sum(status = 'cancelled'),
            sum(status NOT IN ('held', 'cancelled')), avg(gap)
        FROM g WHERE day BETWEEN :since AND :until GROUP BY b"""
    return {
        b: (held, cancelled, planned, gap)
        for b, held, cancelled, planned, gap in _rows(con, sql, f.params)
    }


def gaps(con: sqlite3.Connection, f: Frame) -> tuple[float | None, int | None, int]:
    """Days between consecutive held sessions in the period: (median, longest, how many)."""
    source = f"""(SELECT * FROM (SELECT day, julianday(day) - julianday(
            lag(day) OVER (ORDER BY starts_at)) AS gap
        FROM ({_sessions_local(f)}) WHERE status = 'held')
        WHERE gap IS NOT NULL AND day BETWEEN :since AND :until)"""
    sql = f"""SELECT ({_median(source, "gap")}), (SELECT max(gap) FROM {source}),
        (SELECT count(*) FROM {source})"""
    median, longest, count = con.execute(sql, f.params).fetchone()
    return median, None if longest is None else int(longest), count


def cadence(
    con: sqlite3.Connection, f: Frame, anchor: str, every: int, periods: int
) -> dict[str, tuple[int, int]]:
    """bucket -> (cadence periods begun in it, of which kept: a session was held in them).
    Periods run every `every` days from `anchor`; only the `periods` finished ones count."""
    sql = f"""
        WITH RECURSIVE p(k) AS (
            SELECT 0 WHERE :periods > 0 UNION ALL SELECT k + 1 FROM p WHERE k + 1 < :periods
        ),
        held(k) AS (
            SELECT DISTINCT CAST((julianday(day) - julianday(:anchor)) / :every AS INTEGER)
            FROM ({_sessions_local(f)}) WHERE status = 'held' AND day >= :anchor
        ),
        ps AS (SELECT k, date(:anchor, '+' || (k * :every) || ' days') AS day FROM p)
        SELECT {f.bucket("ps.day")} AS b, count(*), count(held.k)
        FROM ps LEFT JOIN held USING (k) WHERE ps.day BETWEEN :since AND :until GROUP BY b"""
    params = {**f.params, "anchor": anchor, "every": every, "periods": periods}
    return {b: (n, kept) for b, n, kept in _rows(con, sql, params)}


def goals(con: sqlite3.Connection, f: Frame) -> dict[str, tuple[int, int]]:
    """bucket -> (goals agreed, goals achieved). A goal is agreed when its approver said so:
    its approval, or (the partner's goal) the approver's own latest status change."""
    word = (
        "SELECT {0} FROM goal_change c WHERE c.goal_id = goal.id AND c.field = 'status' "
        "AND c.deleted = 0 ORDER BY c.changed_at DESC, c.created_at DESC LIMIT 1"
    )
    sql = f"""
        WITH g AS (
            SELECT status, approved_at, achieved_at, ({word.format("new_value")}) AS word,
                ({word.format("changed_at")}) AS word_at
            FROM goal WHERE pair_id = :pair AND deleted = 0
        ),
        e AS (
            SELECT achieved_at,
                CASE WHEN word = 'approved' AND status IN ('draft', 'proposed')
                    THEN 'approved' ELSE status END AS status,
                CASE WHEN word = 'approved' AND status IN ('draft', 'proposed')
                    THEN word_at ELSE coalesce(approved_at, achieved_at) END AS agreed_at
            FROM g
        ),
        ev AS (
            SELECT {f.day("agreed_at")} AS day, 1 AS agreed, 0 AS achieved FROM e
            WHERE status IN ('approved', 'achieved') AND agreed_at IS NOT NULL
            UNION ALL
            SELECT {f.day("achieved_at")}, 0, 1 FROM e
            WHERE status = 'achieved' AND achieved_at IS NOT NULL
        )
        SELECT {f.bucket("day")} AS b, sum(agreed), sum(achieved)
        FROM ev WHERE day BETWEEN :since AND :until GROUP BY b"""
    return {b: (agreed, achieved) for b, agreed, achieved in _rows(con, sql, f.params)}


def _milestone_events(f: Frame) -> str:
    return f"""
        m AS (
            SELECT due_on, {f.day("created_at")} AS made,
                CASE WHEN status = 'done' THEN coalesce(done_on, {f.day("updated_at")}) END
                    AS done_day
            FROM milestone WHERE pair_id = :pair AND deleted = 0
        ),
        ev AS (
            SELECT done_day AS day, 1 AS done,
                coalesce(done_day > due_on, 0) AS late, 0 AS overdue,
                max(0, julianday(done_day) - julianday(made)) AS took
            FROM m WHERE done_day IS NOT NULL
            UNION ALL
            SELECT due_on, 0, 0, 1, NULL FROM m WHERE done_day IS NULL AND due_on < :today
        ),
        t AS (
            SELECT {f.bucket("day")} AS b, took FROM ev
            WHERE took IS NOT NULL AND day BETWEEN :since AND :until
        )"""


def milestones(
    con: sqlite3.Connection, f: Frame
) -> tuple[dict[str, tuple[int, int, int, float | None]], float | None]:
    """bucket -> (done, done after their due day, overdue: due then and still not done,
    median days from creation to done), and that median over the whole period."""
    ctes = _milestone_events(f)
    sql = f"""
        WITH {ctes},
        med AS ({_median("t", "took", "b")}),
        agg AS (
            SELECT {f.bucket("day")} AS b, sum(done) AS done, sum(late) AS late,
                sum(overdue) AS overdue
            FROM ev WHERE day BETWEEN :since AND :until GROUP BY b
        )
        SELECT b, done, late, overdue, med.median FROM agg LEFT JOIN med USING (b)"""
    buckets = {
        b: (done, late, overdue, took) for b, done, late, overdue, took in _rows(con, sql, f.params)
    }
    (median,) = con.execute(f"WITH {ctes} {_median('t', 'took')}", f.params).fetchone()
    return buckets, median


def _items(f: Frame) -> str:
    """The pair's action items as both sides see them: the owner's latest word decides."""
    return """
        i AS (
            SELECT a.created_at, a.session_id,
                coalesce(w.status, a.status) AS status,
                CASE WHEN w.id IS NULL THEN coalesce(a.closed_at, a.updated_at)
                    ELSE coalesce(w.closed_at, w.updated_at) END AS closed_at
            FROM action_item a LEFT JOIN action_item_status w ON w.id = (
                SELECT s.id FROM action_item_status s
                WHERE s.action_item_id = a.id AND s.person_id = a.owner_id AND s.deleted = 0
                ORDER BY s.updated_at DESC LIMIT 1)
            WHERE a.pair_id = :pair AND a.deleted = 0
        )"""


def actions(con: sqlite3.Connection, f: Frame) -> dict[str, tuple[int, int, int]]:
    """bucket -> (raised, done, dropped), over the whole life (the open count at the end of
    a bucket is a running sum, so it needs the buckets before the period too)."""
    sql = f"""
        WITH {_items(f)},
        ev AS (
            SELECT {f.day("created_at")} AS day, 1 AS raised, 0 AS done, 0 AS dropped FROM i
            UNION ALL
            SELECT {f.day("closed_at")}, 0, status = 'done', status = 'dropped' FROM i
            WHERE status IN ('done', 'dropped')
        )
        SELECT {f.bucket("day")} AS b, sum(raised), sum(done), sum(dropped) FROM ev GROUP BY b"""
    return {b: (raised, done, dropped) for b, raised, done, dropped in _rows(con, sql, f.params)}


def open_actions(con: sqlite3.Connection, f: Frame) -> tuple[int, int]:
    """(open action items now, of which carried: a held session began since they were
    raised, in the session they came from or outside one)."""
    sql = f"""
        WITH {_items(f)}
        SELECT count(*), coalesce(sum(EXISTS (
            SELECT 1 FROM mentoring_session s
            WHERE s.pair_id = :pair AND s.deleted = 0 AND s.status = 'held'
                AND s.starts_at > coalesce(
                    (SELECT o.starts_at FROM mentoring_session o WHERE o.id = i.session_id),
                    i.created_at)
        )), 0) FROM i WHERE status = 'open'"""
    total, carried = con.execute(sql, f.params).fetchone()
    return total, carried


def checkins(con: sqlite3.Connection, f: Frame) -> dict[str, tuple[int, int, float]]:
    """bucket -> (check-ins, of which rated, sum of the ratings): both sides' check-ins."""
    sql = f"""
        SELECT {f.bucket("day")} AS b, count(*), count(r), total(r) FROM (
            SELECT {f.day("answered_at")} AS day, last_goal_rating AS r FROM check_in
            WHERE pair_id = :pair AND deleted = 0
        ) WHERE day BETWEEN :since AND :until GROUP BY b"""
    return {b: (n, rated, total) for b, n, rated, total in _rows(con, sql, f.params)}


def assessments(con: sqlite3.Connection, f: Frame) -> dict[str, dict[str, tuple[int, float]]]:
    """bucket -> role -> (scores, sum of scores): the mentee's self-assessments and the
    mentor's, whichever side wrote them."""
    sql = f"""
        SELECT {f.bucket("day")} AS b, role, count(*), total(score) FROM (
            SELECT {f.day("assessed_at")} AS day, role, score FROM assessment
            WHERE pair_id = :pair AND deleted = 0
        ) WHERE day BETWEEN :since AND :until GROUP BY b, role"""
    found: dict[str, dict[str, tuple[int, float]]] = {}
    for b, role, n, total in _rows(con, sql, f.params):
        found.setdefault(b, {})[role] = (n, total)
    return found


def bucket_start(day: date, by: str) -> date:
    return day - timedelta(days=day.weekday()) if by == "week" else day.replace(day=1)


def next_bucket(day: date, by: str) -> date:
    if by == "week":
        return day + timedelta(days=7)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _utc_midnight(day: date, zone: ZoneInfo) -> str:
    """The instant `day` begins in `zone`, as stored text (so it compares with columns)."""
    start = datetime(day.year, day.month, day.day, tzinfo=zone)
    return start.astimezone(UTC).strftime(UTC_FORMAT)


def journal(con: sqlite3.Connection, f: Frame) -> dict[str, int]:
    """bucket -> journal entries of the pair (mine, and what the partner shared).

    The one big table: instead of a local day per row (100,000 date() calls), each bucket's
    bounds become UTC instants (zoneinfo) and SQLite counts each range on the index of live
    entries by pair and time (migration 7), never reading an entry."""
    walk = (
        "FROM journal_entry INDEXED BY ix_journal_entry_pair_written "
        "WHERE pair_id = :pair AND deleted = 0"
    )
    first, last = con.execute(
        f"SELECT min(written_at), max(written_at) {walk}", f.params
    ).fetchone()
    if first is None:
        return {}
    zone = ZoneInfo(f.zone)

    def day_of(text: str) -> date:
        return datetime.fromisoformat(text).astimezone(zone).date()

    low = max(day_of(first), date.fromisoformat(f.since))
    high = min(day_of(last), date.fromisoformat(f.until))
    starts = [bucket_start(low, f.by)]
    while starts[-1] <= high:
        starts.append(next_bucket(starts[-1], f.by))
    if len(starts) < 2:
        return {}
    bounds = [_utc_midnight(day, zone) for day in starts]
    bounds[0] = max(bounds[0], _utc_midnight(low, zone))  # the period's own first day
    bounds[-1] = min(bounds[-1], _utc_midnight(high + timedelta(days=1), zone))
    values = ", ".join(f"(:k{n}, :lo{n}, :hi{n})" for n in range(len(starts) - 1))
    params: dict[str, object] = dict(f.params)
    for n, (start, lo, hi) in enumerate(zip(starts, bounds, bounds[1:], strict=False)):
        params.update({f"k{n}": start.isoformat(), f"lo{n}": lo, f"hi{n}": hi})
    sql = f"""
        WITH b(k, lo, hi) AS (VALUES {values})
        SELECT k, (SELECT count(*) {walk} AND written_at >= b.lo AND written_at < b.hi) AS n
        FROM b"""
    return {key: n for key, n in _rows(con, sql, params) if n}


def first_held_day(con: sqlite3.Connection, f: Frame) -> str | None:
    sql = f"""SELECT min(day) FROM ({_sessions_local(f)}) WHERE status = 'held'"""
    day: str | None = con.execute(sql, f.params).fetchone()[0]
    return day
