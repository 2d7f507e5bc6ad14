"""The app's quick start on a plain sqlite3 connection, standard library only: who I am and
my pairs, read before SQLAlchemy and SQLModel are imported (they take most of a second),
so the first screen can show its data while the Store is still being opened.

What is read here is only ever a preview: the app reads the same through the services once
the Store is open, and the screen then shows that.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from mentor_tui.models.enums import PairStatus
from mentor_tui.models.utc import from_utc_text


@dataclass(frozen=True)
class PersonRow:
    id: str
    display_name: str
    timezone: str


@dataclass(frozen=True)
class PairRow:
    """A pair as services/pairs.PairView sees it, as far as the quick start needs."""

    id: str
    status: str
    mentor: PersonRow
    mentee: PersonRow
    me_id: str

    @property
    def partner(self) -> PersonRow:
        return self.mentee if self.me_id == self.mentor.id else self.mentor

    @property
    def label(self) -> str:  # as PairView.label
        return f"{self.mentor.display_name} → {self.mentee.display_name}"

    @property
    def my_role(self) -> str | None:  # as PairView.my_role
        return {self.mentor.id: "mentor", self.mentee.id: "mentee"}.get(self.me_id)


def read_me(conn: sqlite3.Connection) -> PersonRow | None:
    """Who I am (services/profile.get_me), None before a profile exists."""
    row = conn.execute(
        "SELECT id, display_name, timezone FROM person WHERE is_me = 1 AND deleted = 0 LIMIT 1"
    ).fetchone()
    return PersonRow(*row) if row is not None else None


_ORDER: dict[str, int] = {PairStatus.ACTIVE: 0, PairStatus.PAUSED: 1, PairStatus.CLOSED: 2}


def read_pairs(conn: sqlite3.Connection, me_id: str) -> list[PairRow]:
    """The pairs in services/pairs.list_pairs's order: active ones first, then by the
    partner's name (sorted here, as there: SQLite's lower() knows only ASCII)."""
    rows = conn.execute(
        "SELECT p.id, p.status, m.id, m.display_name, m.timezone, e.id, e.display_name, "
        "e.timezone FROM pair p JOIN person m ON m.id = p.mentor_id "
        "JOIN person e ON e.id = p.mentee_id WHERE p.deleted = 0"
    ).fetchall()
    pairs = [
        PairRow(r[0], r[1], PersonRow(r[2], r[3], r[4]), PersonRow(r[5], r[6], r[7]), me_id)
        for r in rows
    ]
    return sorted(
        pairs,
        key=lambda p: (_ORDER.get(p.status, 3), p.partner.display_name.lower(), p.id),
    )


@dataclass(frozen=True)
class PairColumns:
    """A pair's own columns as services/pair_view.PairFacts reads them (models/tables.Pair),
    for the app's light start: my pairs, kept by the app, without the ORM."""

    id: str
    mentor_id: str
    mentee_id: str
    status: str
    cadence: str
    starts_on: date | None
    planned_end_on: date | None
    closed_at: datetime | None
    created_at: datetime | None
    revision: int
    purpose: str
    success_looks_like: str
    progress_measure: str
    communication_norms: str
    backup_channel: str
    goal_approver: str
    goal_approver_agreed: str
    partner_goal_approver: str


def read_pair_columns(conn: sqlite3.Connection) -> list[tuple[PairColumns, PersonRow, PersonRow]]:
    """Every live pair with its mentor and its mentee, in no order (services/pairs.list_pairs
    orders them)."""
    rows = conn.execute(
        "SELECT p.id, p.mentor_id, p.mentee_id, p.status, p.cadence, p.starts_on, "
        "p.planned_end_on, p.closed_at, p.created_at, p.revision, p.purpose, "
        "p.success_looks_like, p.progress_measure, p.communication_norms, p.backup_channel, "
        "p.goal_approver, p.goal_approver_agreed, p.partner_goal_approver, "
        "m.id, m.display_name, m.timezone, e.id, e.display_name, e.timezone "
        "FROM pair p JOIN person m ON m.id = p.mentor_id JOIN person e ON e.id = p.mentee_id "
        "WHERE p.deleted = 0"
    ).fetchall()
    return [
        (
            PairColumns(
                id=r[0],
                mentor_id=r[1],
                mentee_id=r[2],
                status=r[3],
                cadence=r[4],
                starts_on=day_of(r[5]),
                planned_end_on=day_of(r[6]),
                closed_at=instant_of(r[7]),
                created_at=instant_of(r[8]),
                revision=int(r[9]),
                purpose=r[10],
                success_looks_like=r[11],
                progress_measure=r[12],
                communication_norms=r[13],
                backup_channel=r[14],
                goal_approver=r[15],
                goal_approver_agreed=r[16],
                partner_goal_approver=r[17],
            ),
            PersonRow(*r[18:21]),
            PersonRow(*r[21:24]),
        )
        for r in rows
    ]


def day_of(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def instant_of(text: str | None) -> datetime | None:
    return from_utc_text(text) if text else None
