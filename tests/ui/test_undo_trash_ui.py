"""Delete, undo and restore by keyboard: del on every list, u takes back the last one-key
change (delete, drop, done, cancel) while its notice is up, and Recently deleted restores
what is older. Assertions read the database through services; no timing: the undo
window's clock is the helper's `now`, set by the test."""

from __future__ import annotations

from datetime import UTC, date, datetime

from textual.widgets import TabbedContent

from mentor_tui.models.enums import ActionStatus, GoalStatus, SessionStatus
from mentor_tui.models.tables import ActionItem, Feedback, JournalEntry
from mentor_tui.screens.session_editor import SessionEditorScreen
from mentor_tui.screens.trash import TrashScreen
from mentor_tui.screens.undo import UNDO_SECONDS
from mentor_tui.services import actions
from mentor_tui.services import sessions as svc
from mentor_tui.services.goals import (
    approve_goal,
    create_goal,
    drop_goal,
    get_goal,
    mark_goal_achieved,
    propose_goal,
)
from mentor_tui.services.journal import add_journal_entry, delete_journal_entry, list_journal
from mentor_tui.services.milestones import add_milestone, delete_milestone, goal_milestones
from mentor_tui.services.trash import list_trash
from tests.ui.conftest import settle

SMART = {
    "specific": "Give a 20-minute talk on our sync design at the guild",
    "measurable": "1 talk given, 10 or more attendees",
    "achievable": "Two evenings a week; Grace reviews the slides",
    "relevant": "The charter's aim of speaking up in design discussions",
    "due_on": date(2027, 1, 29),
}


def _said(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _deleted(store, model, record_id) -> bool:
    with store.read() as session:
        return session.get(model, record_id).deleted


async def test_journal_delete_and_undo(make_app, store, pair):
    entry = add_journal_entry(store, "Retries need [b]jitter[/b]", pair_id=pair.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert _deleted(store, JournalEntry, entry.id)
        assert "Deleted journal entry “Retries need [b]jitter[/b]” — press u to undo" in _said(app)
        assert app.screen.query_one("#journal-table").row_count == 1  # the empty line
        await pilot.press("u")
        await settle(pilot)
        assert not _deleted(store, JournalEntry, entry.id)
        assert any(m.startswith("Undone: Deleted journal entry") for m in _said(app))
        assert app.screen.query_one("#journal-table").get_row_at(0)[1].plain.startswith("Retries")
    assert [e.id for e in list_journal(store, pair.id)] == [entry.id]


async def test_the_partners_entry_is_refused_in_one_line(make_app, store, pair):
    theirs = JournalEntry(
        pair_id=pair.id,
        author_id=pair.partner.id,
        title="Ada's",
        written_at=datetime(2026, 11, 10, tzinfo=UTC),
        shared=True,
        origin=pair.partner.id,
    )
    with store.write() as session:
        session.add(theirs)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)  # the list is read in a worker: the key needs its rows
        await pilot.press("delete")
        await settle(pilot)
        assert any("partner's side" in m and "\n" not in m for m in _said(app))
        await pilot.press("u")
        await settle(pilot)
        assert any(m.startswith("Nothing to undo now") for m in _said(app))
    assert not _deleted(store, JournalEntry, theirs.id)


async def test_sessions_cancel_and_delete_are_undone(make_app, store, pair):
    meeting = svc.schedule_session(store, pair.id, "2026-11-20 15:00", agenda="Retro")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)  # the list is read in a worker: the key needs its rows
        await pilot.press("x")
        await settle(pilot)
        assert svc.get_session(store, meeting.id).status == SessionStatus.CANCELLED
        assert any("cancelled — press u to undo" in m for m in _said(app))
        await pilot.press("u")
        await settle(pilot)
        assert svc.get_session(store, meeting.id).status == SessionStatus.PLANNED
        await pilot.press("delete")
        await settle(pilot)
        assert svc.list_sessions(store, pair.id).upcoming == []
        assert any(m.startswith("Deleted the session of Fri 20 Nov") for m in _said(app))
        await pilot.press("u")
        await settle(pilot)
    assert [s.id for s in svc.list_sessions(store, pair.id).upcoming] == [meeting.id]


async def test_session_editor_items_and_feedback(make_app, store, pair):
    meeting = svc.schedule_session(store, pair.id, "2026-11-20 15:00")
    item = actions.add_action_item(store, pair.id, "Book the room", session_id=meeting.id)
    note = actions.add_feedback(store, meeting.id, "Clear demo", next_step="Record it")

    def status() -> str:
        with store.read() as session:
            return session.get(ActionItem, item.id).status

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)  # the list is read in a worker: Enter needs its rows
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionEditorScreen)
        app.screen.query_one(TabbedContent).active = "tab-actions"
        await settle(pilot)
        app.screen.query_one("#items-table").focus()
        for key, closed in (("d", ActionStatus.DONE), ("x", ActionStatus.DROPPED)):
            await pilot.press(key)
            await settle(pilot)
            assert status() == closed, key
            await pilot.press("u")
            await settle(pilot)
            assert status() == ActionStatus.OPEN, key
        await pilot.press("delete")
        await settle(pilot)
        assert _deleted(store, ActionItem, item.id)
        assert "Deleted action item “Book the room” — press u to undo" in _said(app)
        await pilot.press("u")
        await settle(pilot)
        assert not _deleted(store, ActionItem, item.id)
        assert list(app.screen.query_one("#items-table").rows) == [item.id]

        app.screen.query_one(TabbedContent).active = "tab-feedback"
        await settle(pilot)
        table = app.screen.query_one("#feedback-table")
        assert list(table.rows) == [note.id]
        table.focus()
        await pilot.press("delete")
        await settle(pilot)
        assert _deleted(store, Feedback, note.id)
        assert "Deleted feedback “Clear demo” — press u to undo" in _said(app)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, SessionEditorScreen)
    assert not _deleted(store, Feedback, note.id)


async def test_goal_drop_is_undone_and_the_window_closes(make_app, store, pair):
    goal = create_goal(store, pair.id, title="Give a talk")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        clock = [1000.0]
        app.undo.now = lambda: clock[0]
        await settle(pilot)
        await pilot.press("g", "X")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert get_goal(store, goal.id).goal.status == GoalStatus.DROPPED
        await pilot.press("u")
        await settle(pilot)
        assert get_goal(store, goal.id).goal.status == GoalStatus.DRAFT
        await pilot.press("X")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        clock[0] += UNDO_SECONDS + 1  # the notice is gone: the change stays
        await pilot.press("u")
        await settle(pilot)
        assert any(m.startswith("Nothing to undo now") for m in _said(app))
    assert get_goal(store, goal.id).goal.status == GoalStatus.DROPPED


async def test_an_achieved_goal_reopens_with_o(make_app, store, pair):
    goal = create_goal(store, pair.id, title="Give a talk", **SMART)
    propose_goal(store, goal.id)
    approve_goal(store, goal.id)
    mark_goal_achieved(store, goal.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g", "O")
        await settle(pilot)
        assert get_goal(store, goal.id).goal.status == GoalStatus.APPROVED
        assert any(
            m.startswith("Reopened goal “Give a talk” (it was achieved)") for m in _said(app)
        )
        await pilot.press("u")
        await settle(pilot)
        assert get_goal(store, goal.id).goal.status == GoalStatus.ACHIEVED
        # Reopened again, then approved: nothing to reopen, said in one line. The second O
        # waits for the first one's write (a worker): pressed together on a busy machine,
        # it met the goal still achieved, and the service refused in its own words.
        await pilot.press("O")
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        assert any(m == "Only a dropped or achieved goal is reopened." for m in _said(app))
    assert get_goal(store, goal.id).goal.status == GoalStatus.APPROVED


async def test_trash_restores_the_highlighted_one(make_app, store, pair, clock):
    goal = create_goal(store, pair.id, title="Give a talk")
    milestone = add_milestone(store, goal.id, title="Outline")
    entry = add_journal_entry(store, "An old thought", pair_id=pair.id)
    delete_journal_entry(store, entry.id)
    clock.advance(minutes=5)
    delete_milestone(store, milestone.id)  # the newest: first in the list
    app = make_app(start_in="trash")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TrashScreen)
        table = app.screen.query_one("#trash-table")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows == [
            ["Mon 16 Nov 2026 04:35", "milestone", "Outline"],
            ["Mon 16 Nov 2026 04:30", "journal entry", "An old thought"],
        ]
        await pilot.press("enter")
        await settle(pilot)
        assert [v.milestone.id for v in goal_milestones(store, goal.id)] == [milestone.id]
        assert "Restored milestone “Outline” — press u to undo" in _said(app)
        assert app.screen.query_one("#trash-table").row_count == 1
        await pilot.press("u")  # the restore taken back: deleted again
        await settle(pilot)
        assert goal_milestones(store, goal.id) == []
        drop_goal(store, create_goal(store, pair.id, title="Dropped one").id)
        app.screen.reload()
        await settle(pilot)
        assert app.screen.query_one("#trash-table").row_count == 3
    assert {t.kind for t in list_trash(store, pair.id)} == {"goal", "milestone", "journal"}


async def test_my_checkin_is_deleted_with_shift_k_and_undone(make_app, store, me):
    from mentor_tui.models.tables import CheckIn
    from mentor_tui.services.checkins import answer_checkin
    from mentor_tui.services.pairs import create_pair

    mine = create_pair(store, partner_name="Grace", partner_timezone="UTC", my_role="mentee")
    answered = answer_checkin(store, mine.id, lesson="Ask early", rating=4)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s", "K")
        await settle(pilot)
        assert _deleted(store, CheckIn, answered.id)
        assert any("Deleted your latest check-in answers" in m for m in _said(app))
        await pilot.press("u")
        await settle(pilot)
        assert not _deleted(store, CheckIn, answered.id)
