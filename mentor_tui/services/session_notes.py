"""Each member's own shared notes on a session.

A session is one record, written by whoever scheduled it; sync gives the other member a
read-only copy. So that both can write about the same session, each member's notes on it
are a record of their own (tables.SessionNote, one per author per session), published on
sync and shown on the other side next to the session. These are shared notes: private
notes stay on the session (MentoringSession.private_notes) and never cross.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from mentor_tui.models.db import Store
from mentor_tui.models.record import stamped
from mentor_tui.models.tables import SessionNote
from mentor_tui.services.pairs import get_pair
from mentor_tui.services.sessions import get_session
from mentor_tui.services.text import long_text


@dataclass(frozen=True)
class SessionNoteView:
    id: str
    author_id: str
    author_name: str
    role: str  # "mentor" | "mentee" | "" (someone no longer in the pair)
    mine: bool
    notes: str
    takeaways: str
    updated_at: datetime
    origin: str  # "" for mine; the partner's member id when it came through sync

    @property
    def empty(self) -> bool:
        return not (self.notes.strip() or self.takeaways.strip())


def write_my_session_notes(
    store: Store, session_id: str, notes: str, takeaways: str
) -> SessionNote:
    """Create or update my notes on a session: mine or my partner's (the note is mine
    either way). Text is stored exactly as typed."""
    row = get_session(store, session_id)  # NotFound for an unknown or deleted session
    me = get_pair(store, row.pair_id).me_id
    notes, takeaways = long_text(notes, "notes"), long_text(takeaways, "takeaways")
    with store.write() as session:
        note = session.exec(
            select(SessionNote).where(
                SessionNote.session_id == session_id,
                SessionNote.author_id == me,
                SessionNote.origin == "",
                SessionNote.deleted == False,  # noqa: E712
            )
        ).first()
        if note is None:
            note = SessionNote(pair_id=row.pair_id, session_id=session_id, author_id=me)
        elif note.notes == notes and note.takeaways == takeaways:
            return note  # unchanged: no new revision, nothing to publish again
        note.notes, note.takeaways = notes, takeaways
        session.add(note)
    return note


def my_session_note(store: Store, session_id: str) -> SessionNoteView | None:
    return next((view for view in session_notes(store, session_id) if view.mine), None)


def session_notes(store: Store, session_id: str) -> list[SessionNoteView]:
    """Every member's notes on the session: mine first, then my partner's."""
    row = get_session(store, session_id)
    pair = get_pair(store, row.pair_id)
    with store.read() as session:
        notes = session.exec(
            select(SessionNote)
            .where(
                SessionNote.session_id == session_id,
                SessionNote.deleted == False,  # noqa: E712
            )
            .order_by(col(SessionNote.created_at))
        ).all()
    views = []
    for note in notes:
        person = pair.person(note.author_id)
        role = pair.role_of(note.author_id)
        views.append(
            SessionNoteView(
                id=note.id,
                author_id=note.author_id,
                author_name=person.display_name if person else "someone",
                role=role.value if role else "",
                mine=note.author_id == pair.me_id and note.origin == "",
                notes=note.notes,
                takeaways=note.takeaways,
                updated_at=stamped(note.updated_at),
                origin=note.origin,
            )
        )
    return sorted(views, key=lambda view: not view.mine)
