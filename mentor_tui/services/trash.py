"""Recently deleted: my deleted records of a pair, newest first, each restorable
(services/restore.py). Dropped action items and dropped goals are listed too: they come
back the same way. Titles are the stored text as typed; screens show them through
widgets/render.plain, the CLI through clean_for_terminal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from mentor_tui.dates import local
from mentor_tui.models.db import Store
from mentor_tui.models.enums import ActionStatus, GoalStatus, session_kind_label
from mentor_tui.models.record import stamped
from mentor_tui.models.tables import (
    ActionItem,
    CheckIn,
    Feedback,
    Goal,
    JournalEntry,
    MentoringSession,
    Milestone,
)
from mentor_tui.services.restore import Kind

TRASH_LIMIT = 200  # per kind: the latest ones; older ones restore from the shell by id


@dataclass(frozen=True)
class Trashed:
    kind: Kind
    id: str
    title: str  # stored text: shown through the one safe path
    when: datetime  # when it was deleted (or dropped), UTC
    state: str = "deleted"  # or "dropped"


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _title(kind: Kind, row: Any, zone: str) -> str:
    if kind == "journal":
        return str(row.title or _first_line(row.body))
    if kind == "session":
        when = local(row.starts_at, zone).strftime("%d %b %Y")
        agenda = _first_line(row.agenda)
        return f"{session_kind_label(row.kind)} {when}" + (f": {agenda}" if agenda else "")
    if kind == "feedback":
        return _first_line(row.observation)
    if kind == "checkin":
        return _first_line(row.lesson) or _first_line(row.next_goal) or "(ratings only)"
    return str(row.title)


def _rows(
    session: Session, kind: Kind, model: Any, pair_id: str, zone: str, *where: Any
) -> list[Trashed]:
    rows = session.exec(
        select(model)
        .where(model.pair_id == pair_id, model.origin == "", *where)
        .order_by(col(model.updated_at).desc())
        .limit(TRASH_LIMIT)
    ).all()
    return [
        Trashed(
            kind,
            row.id,
            _title(kind, row, zone),
            stamped(row.updated_at),
            "deleted" if row.deleted else "dropped",
        )
        for row in rows
    ]


_DELETABLE: tuple[tuple[Kind, Any], ...] = (
    ("journal", JournalEntry),
    ("session", MentoringSession),
    ("feedback", Feedback),
    ("action", ActionItem),
    ("milestone", Milestone),
    ("checkin", CheckIn),
)


def list_trash(store: Store, pair_id: str, zone: str = "UTC") -> list[Trashed]:
    """My deleted records of the pair (and my dropped action items and goals), newest first."""
    found: list[Trashed] = []
    with store.read() as session:
        for kind, model in _DELETABLE:
            found += _rows(session, kind, model, pair_id, zone, col(model.deleted) == True)  # noqa: E712
        found += _rows(
            session,
            "action",
            ActionItem,
            pair_id,
            zone,
            col(ActionItem.deleted) == False,  # noqa: E712
            col(ActionItem.status) == ActionStatus.DROPPED,
        )
        found += _rows(
            session,
            "goal",
            Goal,
            pair_id,
            zone,
            col(Goal.deleted) == False,  # noqa: E712
            col(Goal.status) == GoalStatus.DROPPED,
        )
    # Newest first; records deleted in the same instant in a fixed order (kind, title, id),
    # never by their random ids alone.
    by_name = sorted(found, key=lambda t: (t.kind, t.title, t.id))
    return sorted(by_name, key=lambda t: t.when, reverse=True)
