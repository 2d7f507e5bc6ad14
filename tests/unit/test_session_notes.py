"""Each member's own shared notes on a session (services/session_notes.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from mentor_tui.errors import InvalidInput, NotFound
from mentor_tui.models.tables import MentoringSession, SessionNote
from mentor_tui.services.session_notes import (
    my_session_note,
    session_notes,
    write_my_session_notes,
)
from mentor_tui.services.sessions import schedule_session
from mentor_tui.services.text import TEXT_LIMIT


@pytest.fixture
def planned(store, pair):
    return schedule_session(store, pair.id, "2026-11-24 15:00", agenda="Parser")


def _partner_session(store, pair) -> MentoringSession:
    """A session the partner scheduled, as sync stores it: origin set, read-only here."""
    with store.write(preserve_stamps=True) as session:
        row = MentoringSession(
            pair_id=pair.id,
            starts_at=datetime(2026, 11, 20, 14, tzinfo=UTC),
            timezone="Europe/Berlin",
            shared_notes="Ada's own summary",
            origin=pair.partner.id,
            revision=1,
            created_at=datetime(2026, 11, 10, tzinfo=UTC),
            updated_at=datetime(2026, 11, 10, tzinfo=UTC),
        )
        session.add(row)
    return row


def test_no_notes_yet(store, planned):
    assert session_notes(store, planned.id) == []
    assert my_session_note(store, planned.id) is None


def test_write_creates_then_updates_one_note_per_author(store, pair, planned, clock):
    first = write_my_session_notes(store, planned.id, "# Went well\n[bold]not markup[/]", "Ship")
    assert first.revision == 1 and first.author_id == pair.me.id
    clock.advance(hours=1)
    second = write_my_session_notes(store, planned.id, "Rewritten", "")
    assert second.id == first.id and second.revision == 2
    [view] = session_notes(store, planned.id)
    assert view.mine and view.origin == ""
    assert (view.author_name, view.role) == ("Grace Hopper", "mentor")
    assert (view.notes, view.takeaways) == ("Rewritten", "")
    assert view.updated_at == clock.now()
    with store.read() as session:
        assert len(session.exec(select(SessionNote)).all()) == 1


def test_text_is_kept_exactly_and_unchanged_text_makes_no_revision(store, planned):
    text = "  [red]x[/red] \x1b[31m é漢\n\n- item  "
    note = write_my_session_notes(store, planned.id, text, "\tTabs kept")
    again = write_my_session_notes(store, planned.id, text, "\tTabs kept")
    assert again.revision == note.revision == 1
    view = my_session_note(store, planned.id)
    assert view is not None and (view.notes, view.takeaways) == (text, "\tTabs kept")


def test_my_notes_on_the_partners_read_only_session(store, pair):
    theirs = _partner_session(store, pair)
    note = write_my_session_notes(store, theirs.id, "My view of it", "Practice estimates")
    assert note.origin == "" and note.session_id == theirs.id and note.pair_id == pair.id
    with store.read() as session:
        assert session.get(MentoringSession, theirs.id).shared_notes == "Ada's own summary"


def test_the_partners_note_is_listed_after_mine_and_not_mine(store, pair, planned):
    with store.write(preserve_stamps=True) as session:
        stamp = datetime(2026, 11, 1, tzinfo=UTC)
        session.add(
            SessionNote(
                pair_id=pair.id,
                session_id=planned.id,
                author_id=pair.partner.id,
                notes="Ada's side",
                takeaways="",
                origin=pair.partner.id,
                revision=3,
                created_at=stamp,
                updated_at=stamp,
            )
        )
    write_my_session_notes(store, planned.id, "Mine", "")
    views = session_notes(store, planned.id)
    assert [(v.author_name, v.role, v.mine) for v in views] == [
        ("Grace Hopper", "mentor", True),
        ("Ada Lovelace", "mentee", False),
    ]
    assert views[1].origin == pair.partner.id and views[1].notes == "Ada's side"
    # Writing mine never touches theirs.
    write_my_session_notes(store, planned.id, "Mine again", "")
    assert session_notes(store, planned.id)[1].notes == "Ada's side"


def test_deleted_notes_and_sessions(store, planned):
    write_my_session_notes(store, planned.id, "Soon gone", "")
    with store.write() as session:
        for note in session.exec(select(SessionNote)).all():
            note.deleted = True
            session.add(note)
    assert session_notes(store, planned.id) == []
    fresh = write_my_session_notes(store, planned.id, "A new one", "")
    assert fresh.revision == 1
    with pytest.raises(NotFound):
        write_my_session_notes(store, "no-such-session", "x", "")


def test_absurdly_long_text_is_refused_with_one_line(store, planned):
    with pytest.raises(InvalidInput, match="notes is over"):
        write_my_session_notes(store, planned.id, "x" * (TEXT_LIMIT + 1), "")
    assert session_notes(store, planned.id) == []
