"""Undo a delete, and find a record by id prefix for the commands that delete and restore.

Deleting is soft (the `deleted` flag), so restoring is the flag set back. Only my own
records (origin "") come back here: the partner's are theirs to delete and restore. A
published record that was deleted went out as a tombstone; restored, it is published again
like any edit (a new revision), so sync needs nothing of its own.
"""

from __future__ import annotations

from typing import Literal

from sqlmodel import col, select

from mentor_tui.errors import InvalidInput, NotFound
from mentor_tui.models.db import Store, require_local, spoken_name
from mentor_tui.models.record import Record
from mentor_tui.models.tables import ActionItem, Feedback, JournalEntry, MentoringSession

Kind = Literal["journal", "session", "feedback", "action"]
RESTORABLE: tuple[Kind, ...] = ("journal", "session", "feedback")
_MODELS: dict[Kind, type[Record]] = {
    "journal": JournalEntry,
    "session": MentoringSession,
    "feedback": Feedback,
    "action": ActionItem,
}
_SAY = {"journal": "journal entry", "action": "action item"}
MIN_PREFIX = 4


def _say(kind: Kind) -> str:
    return _SAY.get(kind, kind)


def find_record(store: Store, kind: Kind, ref: str, *, deleted: bool = False) -> Record:
    """The record of this kind whose id is `ref` or starts with it (at least 4 characters),
    among the live ones, or the deleted ones when `deleted` (for restore)."""
    model = _MODELS[kind]
    needle = ref.strip().lower()
    state = "deleted " if deleted else ""
    if len(needle) < MIN_PREFIX:
        raise InvalidInput(f"give at least {MIN_PREFIX} characters of the {_say(kind)}'s id")
    with store.read() as session:
        rows = session.exec(
            select(model)
            .where(col(model.id).startswith(needle), col(model.deleted) == deleted)
            .limit(2)
        ).all()
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise NotFound(f"no {state}{_say(kind)} matches {ref!r}")
    raise InvalidInput(f"{ref!r} matches several {state}{_say(kind)}s; type more of the id")


def restore_record(store: Store, kind: Kind, record_id: str) -> Record:
    """Bring back a deleted journal entry, session or feedback of my own."""
    if kind not in RESTORABLE:
        raise InvalidInput(f"a {_say(kind)} cannot be restored")
    model = _MODELS[kind]
    with store.write() as session:
        row = session.get(model, record_id)
        if row is None:
            raise NotFound(f"no {spoken_name(model)} with id {record_id}")
        require_local(session, row)  # the partner's: read-only here, in the Store's words
        if not row.deleted:
            raise InvalidInput(f"this {_say(kind)} is not deleted; there is nothing to restore")
        row.deleted = False
        session.add(row)
    return row
