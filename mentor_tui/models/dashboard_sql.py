"""The Dashboard's rows on a plain sqlite3 connection, standard library only: read before
SQLAlchemy and SQLModel are imported (the app's quick start, services/dashboard_quick.py).

Only reads: which rows count (the next session, open items, wins...) is decided in
services/dashboard_rules.py, which passes the statuses it wants; nothing here is a rule.
Each query reads what the ORM's query in the services reads, in the same shape, so ties
come back in the same order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from mentor_tui.models.start_sql import PersonRow
from mentor_tui.models.start_sql import day_of as _day
from mentor_tui.models.start_sql import instant_of as _instant
from mentor_tui.models.utc import from_utc_text, to_utc_text

CHUNK = 500  # ids per IN (...), as services/actions.owner_words reads them


@dataclass(frozen=True)
class PairRecord:
    """The pair's own columns the Dashboard reads (models/tables.Pair)."""

    id: str
    status: str
    cadence: str
    starts_on: date | None
    planned_end_on: date | None
    closed_at: datetime | None
    created_at: datetime | None
    mentor: PersonRow
    mentee: PersonRow


def read_pair(conn: sqlite3.Connection, pair_id: str) -> PairRecord | None:
    row = conn.execute(
        "SELECT p.id, p.status, p.cadence, p.starts_on, p.planned_end_on, p.closed_at, "
        "p.created_at, m.id, m.display_name, m.timezone, e.id, e.display_name, e.timezone "
        "FROM pair p JOIN person m ON m.id = p.mentor_id JOIN person e ON e.id = p.mentee_id "
        "WHERE p.id = ? AND p.deleted = 0",
        (pair_id,),
    ).fetchone()
    if row is None:
        return None
    return PairRecord(
        row[0],
        row[1],
        row[2],
        _day(row[3]),
        _day(row[4]),
        _instant(row[5]),
        _instant(row[6]),
        PersonRow(row[7], row[8], row[9]),
        PersonRow(row[10], row[11], row[12]),
    )


@dataclass(frozen=True)
class SessionRow:
    id: str
    kind: str
    status: str
    starts_at: datetime
    timezone: str
    duration_minutes: int
    agenda: str


def pick_session(
    conn: sqlite3.Connection,
    pair_id: str,
    status: str,
    now: datetime,
    started: bool | None,
    newest: bool,
) -> SessionRow | None:
    """The pair's first live session of this status (the newest when `newest`), among those
    started before `now` (started), not yet started (not started), or all (None)."""
    where = "pair_id = ? AND deleted = 0 AND status = ?"
    params: list[object] = [pair_id, status]
    if started is not None:
        where += " AND starts_at < ?" if started else " AND starts_at >= ?"
        params.append(to_utc_text(now))
    order = "starts_at DESC" if newest else "starts_at"
    row = conn.execute(
        "SELECT id, kind, status, starts_at, timezone, duration_minutes, agenda "
        f"FROM mentoring_session WHERE {where} ORDER BY {order} LIMIT 1",
        params,
    ).fetchone()
    if row is None:
        return None
    return SessionRow(row[0], row[1], row[2], from_utc_text(row[3]), row[4], row[5], row[6])


@dataclass(frozen=True)
class ActionRow:
    id: str
    title: str
    owner_id: str | None
    due_on: date | None
    status: str
    closed_at: datetime | None
    created_at: datetime | None


@dataclass(frozen=True)
class WordRow:
    """An owner's word on an action item (models/tables.ActionItemStatus)."""

    action_item_id: str
    person_id: str
    status: str
    closed_at: datetime | None


def action_items(conn: sqlite3.Connection, pair_id: str) -> list[tuple[ActionRow, str | None]]:
    """The pair's live action items, each with its owner's name (None: no such person)."""
    rows = conn.execute(
        "SELECT a.id, a.title, a.owner_id, a.due_on, a.status, a.closed_at, a.created_at, "
        "p.display_name FROM action_item a LEFT OUTER JOIN person p ON p.id = a.owner_id "
        "WHERE a.pair_id = ? AND a.deleted = 0",
        (pair_id,),
    ).fetchall()
    return [
        (ActionRow(r[0], r[1], r[2], _day(r[3]), r[4], _instant(r[5]), _instant(r[6])), r[7])
        for r in rows
    ]


def status_words(conn: sqlite3.Connection, item_ids: list[str]) -> Iterator[WordRow]:
    """The live status records on these items, oldest change first, CHUNK ids at a time."""
    for start in range(0, len(item_ids), CHUNK):
        ids = item_ids[start : start + CHUNK]
        rows = conn.execute(
            "SELECT action_item_id, person_id, status, closed_at FROM action_item_status "
            f"WHERE action_item_id IN ({','.join('?' * len(ids))}) AND deleted = 0 "
            "ORDER BY updated_at",
            ids,
        ).fetchall()
        for r in rows:
            yield WordRow(r[0], r[1], r[2], _instant(r[3]))


@dataclass(frozen=True)
class GoalRow:
    id: str
    title: str
    status: str
    due_on: date | None


def goals(conn: sqlite3.Connection, pair_id: str, hidden: str) -> list[GoalRow]:
    """The pair's live goals but those of status `hidden`, by position then creation."""
    rows = conn.execute(
        "SELECT id, title, status, due_on FROM goal WHERE pair_id = ? AND deleted = 0 "
        "AND status != ? ORDER BY position, created_at",
        (pair_id, hidden),
    ).fetchall()
    return [GoalRow(r[0], r[1], r[2], _day(r[3])) for r in rows]


def status_changes(conn: sqlite3.Connection, goal_ids: list[str], field: str) -> dict[str, str]:
    """goal id -> the new value of its latest live change of `field`."""
    if not goal_ids:
        return {}
    rows = conn.execute(
        "SELECT goal_id, new_value FROM goal_change "
        f"WHERE goal_id IN ({','.join('?' * len(goal_ids))}) AND field = ? AND deleted = 0 "
        "ORDER BY changed_at, created_at",
        [*goal_ids, field],
    ).fetchall()
    return {goal_id: value for goal_id, value in rows}  # the latest wins


def milestone_statuses(conn: sqlite3.Connection, goal_ids: list[str]) -> list[tuple[str, str]]:
    """(goal id, status) of every live milestone of these goals."""
    if not goal_ids:
        return []
    rows = conn.execute(
        "SELECT goal_id, status FROM milestone "
        f"WHERE goal_id IN ({','.join('?' * len(goal_ids))}) AND deleted = 0",
        goal_ids,
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def milestones_of_status(
    conn: sqlite3.Connection, pair_id: str, status: str
) -> list[tuple[str, str, date | None, datetime, str]]:
    """(title, its goal's title, done on, updated at, evidence) of the pair's live
    milestones of this status."""
    rows = conn.execute(
        "SELECT m.title, g.title, m.done_on, m.updated_at, m.evidence FROM milestone m "
        "JOIN goal g ON g.id = m.goal_id "
        "WHERE m.pair_id = ? AND m.status = ? AND m.deleted = 0",
        (pair_id, status),
    ).fetchall()
    return [(r[0], r[1], _day(r[2]), from_utc_text(r[3]), r[4]) for r in rows]


def goals_of_status(
    conn: sqlite3.Connection, pair_id: str, status: str
) -> list[tuple[str, datetime | None, datetime]]:
    """(title, achieved at, updated at) of the pair's live goals of this status."""
    rows = conn.execute(
        "SELECT title, achieved_at, updated_at FROM goal "
        "WHERE pair_id = ? AND status = ? AND deleted = 0",
        (pair_id, status),
    ).fetchall()
    return [(r[0], _instant(r[1]), from_utc_text(r[2])) for r in rows]
