"""Delete, restore and edit from the shell: `mentor journal delete|restore`, `mentor session
reschedule|delete|restore`, `mentor action edit|reopen`, `mentor feedback
edit|delete|restore`. Each is checked through the services; a bad id and the partner's
record are one-line errors (in process, on the frozen clock: Monday 2026-11-16)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mentor_tui.models.db import Store
from mentor_tui.models.enums import ActionStatus
from mentor_tui.models.record import Record
from mentor_tui.models.tables import ActionItem, Feedback, JournalEntry, MentoringSession
from mentor_tui.services.actions import (
    add_action_item,
    add_feedback,
    carried_items,
    complete_action_item,
)
from mentor_tui.services.journal import add_journal_entry
from mentor_tui.services.pairs import PairView
from mentor_tui.services.restore import restore_record
from mentor_tui.services.sessions import schedule_session
from tests.cli.helpers import assert_one_line_error, mentor

EARLIER = datetime(2026, 11, 10, 12, tzinfo=UTC)


def _row(store: Store, model: type[Record], record_id: str) -> Record:
    with store.read() as session:
        found = session.get(model, record_id)
        assert found is not None
        return found


def _theirs(store: Store, record: Record) -> Record:
    """A record as sync files it: written on the partner's side."""
    with store.write() as session:
        session.add(record)
    return record


@pytest.fixture
def meeting(store: Store, pair: PairView) -> MentoringSession:
    return schedule_session(store, pair.id, "2026-11-20 15:00", agenda="Retro")


# -- journal ------------------------------------------------------------------------------


def test_journal_delete_and_restore(store, pair):
    entry = add_journal_entry(store, "Retries need jitter \x1b[31m", pair_id=pair.id)
    done = mentor("journal", "delete", entry.id[:6])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Deleted ({entry.id[:8]}): Retries need jitter")
    assert "\x1b" not in done.stdout
    assert len(done.stdout.splitlines()) == 1
    assert _row(store, JournalEntry, entry.id).deleted
    assert entry.id[:8] not in mentor("journal", "list", "--search", "jitter").stdout
    assert "Retries" not in mentor("search", "jitter").stdout
    assert "no journal entry" in assert_one_line_error(mentor("journal", "delete", entry.id))

    back = mentor("journal", "restore", entry.id[:6])
    assert back.returncode == 0, back.stderr
    assert back.stdout.startswith(f"Restored ({entry.id[:8]})")
    assert not _row(store, JournalEntry, entry.id).deleted
    # back in both search indexes, as it left them
    assert entry.id[:8] in mentor("journal", "list", "--search", "jitter").stdout
    assert "Retries need jitter" in mentor("search", "jitter").stdout
    assert "no deleted journal entry" in assert_one_line_error(
        mentor("journal", "restore", entry.id)
    )


def test_journal_bad_ids(store, pair):
    assert "no journal entry" in assert_one_line_error(mentor("journal", "delete", "ffffffff"))
    assert "at least 4" in assert_one_line_error(mentor("journal", "restore", "ab"))


def test_journal_partners_entry_is_refused(store, pair):
    theirs = _theirs(
        store,
        JournalEntry(
            pair_id=pair.id,
            author_id=pair.partner.id,
            title="Ada's",
            written_at=EARLIER,
            shared=True,
            origin=pair.partner.id,
        ),
    )
    gone = _theirs(
        store,
        JournalEntry(
            pair_id=pair.id,
            author_id=pair.partner.id,
            title="Gone",
            written_at=EARLIER,
            deleted=True,
            origin=pair.partner.id,
        ),
    )
    assert "partner" in assert_one_line_error(mentor("journal", "delete", theirs.id))
    assert "read-only" in assert_one_line_error(mentor("journal", "restore", gone.id))
    assert not _row(store, JournalEntry, theirs.id).deleted
    assert _row(store, JournalEntry, gone.id).deleted


# -- sessions -----------------------------------------------------------------------------


def test_session_reschedule(store, pair, meeting):
    done = mentor("session", "reschedule", meeting.id[:6], "--at", "2026-11-24 10:00")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Moved ({meeting.id[:8]}): Tue 24 Nov 10:00 New York · 16:00 Berlin\n"
    moved = _row(store, MentoringSession, meeting.id)
    assert moved.starts_at == datetime(2026, 11, 24, 15, tzinfo=UTC)

    mentor("session", "reschedule", meeting.id, "--at", "2026-11-25 09:00", "--tz", "Europe/Berlin")
    moved = _row(store, MentoringSession, meeting.id)
    assert (moved.starts_at, moved.timezone) == (
        datetime(2026, 11, 25, 8, tzinfo=UTC),
        "Europe/Berlin",
    )
    assert (
        "time zone"
        in assert_one_line_error(
            mentor(
                "session", "reschedule", meeting.id, "--at", "2026-11-25 09:00", "--tz", "Mars/Base"
            )
        ).lower()
    )
    assert "no session" in assert_one_line_error(
        mentor("session", "reschedule", "ffffffff", "--at", "2026-11-25 09:00")
    )


def test_session_delete_and_restore(store, pair, meeting):
    done = mentor("session", "delete", meeting.id[:6])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Deleted session {meeting.id[:8]} (Fri 20 Nov 15:00 New York")
    assert _row(store, MentoringSession, meeting.id).deleted
    assert "No sessions yet" in mentor("session", "list").stdout
    assert "no session" in assert_one_line_error(mentor("session", "delete", meeting.id))

    back = mentor("session", "restore", meeting.id[:6])
    assert back.returncode == 0, back.stderr
    assert back.stdout.startswith(f"Restored session {meeting.id[:8]} (Fri 20 Nov")
    assert not _row(store, MentoringSession, meeting.id).deleted
    assert meeting.id[:8] in mentor("session", "list").stdout
    assert "no deleted session" in assert_one_line_error(mentor("session", "restore", meeting.id))


def test_session_partners_session_is_refused(store, pair):
    theirs = _theirs(
        store,
        MentoringSession(
            pair_id=pair.id,
            starts_at=datetime(2026, 11, 20, 14, tzinfo=UTC),
            timezone="Europe/Berlin",
            origin=pair.partner.id,
        ),
    )
    gone = _theirs(
        store,
        MentoringSession(
            pair_id=pair.id,
            starts_at=datetime(2026, 11, 21, 14, tzinfo=UTC),
            timezone="Europe/Berlin",
            origin=pair.partner.id,
            deleted=True,
        ),
    )
    for argv in (
        ("session", "delete", theirs.id),
        ("session", "reschedule", theirs.id, "--at", "2026-11-24 10:00"),
        ("session", "restore", gone.id),
    ):
        assert "read-only" in assert_one_line_error(mentor(*argv))
    assert not _row(store, MentoringSession, theirs.id).deleted
    assert _row(store, MentoringSession, theirs.id).starts_at == datetime(
        2026, 11, 20, 14, tzinfo=UTC
    )
    assert _row(store, MentoringSession, gone.id).deleted


# -- action items -------------------------------------------------------------------------


def test_action_edit(store, pair, meeting):
    item = add_action_item(store, pair.id, "Email the team", session_id=meeting.id)
    done = mentor(
        "action",
        "edit",
        item.id[:6],
        "--title",
        "Email \x1b[31mthe team",
        "--due",
        "2026-12-01",
        "--owner",
        "partner",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"Changed action item {item.id[:8]}: Email \\x1b[31mthe team, due 2026-12-01\n"
    )
    changed = _row(store, ActionItem, item.id)
    assert (changed.title, changed.due_on, changed.owner_id) == (
        "Email \x1b[31mthe team",
        date(2026, 12, 1),
        pair.partner.id,
    )
    assert mentor("action", "edit", item.id, "--due", "none", "--owner", "me").returncode == 0
    changed = _row(store, ActionItem, item.id)
    assert (changed.due_on, changed.owner_id) == (None, pair.me.id)
    assert "no action item" in assert_one_line_error(
        mentor("action", "edit", "ffff", "--title", "x")
    )
    assert "--title" in assert_one_line_error(mentor("action", "edit", item.id), code=2)
    assert "empty" in assert_one_line_error(mentor("action", "edit", item.id, "--title", " "))


def test_action_reopen(store, pair):
    item = add_action_item(store, pair.id, "Read the RFC")
    complete_action_item(store, item.id)
    assert carried_items(store, pair.id) == []
    done = mentor("action", "reopen", item.id[:6])
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Open again ({item.id[:8]}): Read the RFC\n"
    assert [v.item.id for v in carried_items(store, pair.id)] == [item.id]
    assert _row(store, ActionItem, item.id).status == ActionStatus.OPEN
    assert "no action item" in assert_one_line_error(mentor("action", "reopen", "ffffffff"))


def test_action_partners_item_is_refused(store, pair):
    theirs = _theirs(store, ActionItem(pair_id=pair.id, title="Theirs", origin=pair.partner.id))
    assert "read-only" in assert_one_line_error(mentor("action", "edit", theirs.id, "--title", "x"))
    assert "read-only" in assert_one_line_error(mentor("action", "reopen", theirs.id))
    assert _row(store, ActionItem, theirs.id).title == "Theirs"


# -- feedback -----------------------------------------------------------------------------


def test_feedback_edit_delete_restore(store, pair, meeting):
    entry = add_feedback(store, meeting.id, "The demo was clear", impact="People followed")
    done = mentor(
        "feedback",
        "edit",
        entry.id[:6],
        "--text",
        "The demo was \x1b[2Jclear",
        "--next-step",
        "Record it",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Changed feedback {entry.id[:8]}: The demo was \\x1b[2Jclear\n"
    changed = _row(store, Feedback, entry.id)
    assert (changed.observation, changed.impact, changed.next_step) == (
        "The demo was \x1b[2Jclear",
        "People followed",
        "Record it",
    )
    assert "observation" in assert_one_line_error(
        mentor("feedback", "edit", entry.id, "--text", "  ")
    )
    assert "--text" in assert_one_line_error(mentor("feedback", "edit", entry.id), code=2)

    gone = mentor("feedback", "delete", entry.id[:6])
    assert gone.returncode == 0, gone.stderr
    assert gone.stdout.startswith(f"Deleted feedback {entry.id[:8]}: The demo was \\x1b[2Jclear;")
    assert _row(store, Feedback, entry.id).deleted
    assert "no feedback" in assert_one_line_error(mentor("feedback", "delete", entry.id))

    back = mentor("feedback", "restore", entry.id[:6])
    assert back.returncode == 0, back.stderr
    assert back.stdout == f"Restored feedback {entry.id[:8]}: The demo was \\x1b[2Jclear\n"
    assert not _row(store, Feedback, entry.id).deleted
    assert "no deleted feedback" in assert_one_line_error(mentor("feedback", "restore", entry.id))
    assert "no feedback" in assert_one_line_error(mentor("feedback", "edit", "ffff", "--text", "x"))


def test_feedback_partners_is_refused(store, pair, meeting):
    def feedback(**extra: object) -> Feedback:
        row = Feedback(
            pair_id=pair.id,
            session_id=meeting.id,
            author_id=pair.partner.id,
            observation="Ada's",
            origin=pair.partner.id,
            **extra,
        )
        _theirs(store, row)
        return row

    theirs, gone = feedback(), feedback(deleted=True)
    for argv in (
        ("feedback", "edit", theirs.id, "--text", "mine now"),
        ("feedback", "delete", theirs.id),
        ("feedback", "restore", gone.id),
    ):
        assert "read-only" in assert_one_line_error(mentor(*argv))
    assert _row(store, Feedback, theirs.id).observation == "Ada's"
    assert not _row(store, Feedback, theirs.id).deleted
    assert _row(store, Feedback, gone.id).deleted


# -- the service --------------------------------------------------------------------------


def test_restore_record_refuses_what_it_cannot_restore(store, pair, meeting):
    item = add_action_item(store, pair.id, "Open")
    from mentor_tui.errors import InvalidInput, NotFound

    # An open action item has nothing to restore (a dropped one reopens: unit/test_restore.py).
    with pytest.raises(InvalidInput, match="is open; there is nothing to restore"):
        restore_record(store, "action", item.id)
    with pytest.raises(NotFound, match="no session with id nope"):
        restore_record(store, "session", "nope")
    with pytest.raises(InvalidInput, match="not deleted"):
        restore_record(store, "session", meeting.id)
