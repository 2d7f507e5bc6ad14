"""The screen kit (screens/form.py) on every form and editor: Escape asks before losing
what was typed and leaves at once when nothing changed; a save runs in the write worker,
and a save that meets a locked database keeps the form open with its text and one line,
then goes through once the lock is released. Assertions read the database via services."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError as SAOperationalError
from textual.screen import Screen
from textual.widgets import Button, Input, Static, TextArea

from mentor_tui.errors import MentorError
from mentor_tui.models.storage import BUSY as STORE_BUSY
from mentor_tui.screens.charter import CharterScreen
from mentor_tui.screens.checkin import CheckInScreen
from mentor_tui.screens.first_run import FirstRunScreen
from mentor_tui.screens.form import SAVING_LABEL, failure_line
from mentor_tui.screens.goal_editor import GoalEditorScreen
from mentor_tui.screens.journal_editor import JournalEditorScreen
from mentor_tui.screens.milestone_forms import DoneScreen, MilestoneFormScreen
from mentor_tui.screens.review import AssessScreen
from mentor_tui.screens.session_editor import SessionEditorScreen
from mentor_tui.screens.session_forms import ActionItemScreen, FeedbackScreen, NewSessionScreen
from mentor_tui.screens.sync import PasswordScreen, SyncSetupScreen
from mentor_tui.services import actions
from mentor_tui.services.goals import create_goal, list_goals
from mentor_tui.services.journal import list_journal
from mentor_tui.services.milestones import add_milestone
from mentor_tui.services.profile import get_me
from mentor_tui.services.sessions import schedule_session
from mentor_tui.widgets.confirm import ConfirmScreen
from tests.ui.conftest import settle

# The Store's own words for a held lock, behind the form's "Could not save: ".
BUSY = f"Could not save: {STORE_BUSY}"


@pytest.fixture
def store(home, clock, monkeypatch: pytest.MonkeyPatch):
    """The test store with a short busy timeout, so a save against a held lock fails fast
    (the store reads the timeout when it opens its connections)."""
    from mentor_tui.models.db import Store

    monkeypatch.setattr("mentor_tui.models.db.BUSY_TIMEOUT_MS", 200)
    opened = Store.open_home(home, clock)
    yield opened
    opened.close()


@pytest.fixture
def records(store, pair) -> dict[str, str]:
    goal = create_goal(store, pair.id, title="Give a talk")
    milestone = add_milestone(store, goal.id, title="Outline")
    session = schedule_session(store, pair.id, "2026-11-20 10:00")
    return {"goal": goal.id, "milestone": milestone.id, "session": session.id}


def _milestone(app: Any, ids: dict[str, str]) -> Any:
    from mentor_tui.services.milestones import goal_milestones

    return goal_milestones(app.store, ids["goal"])[0].milestone


# Every form and editor: how to open it, and a field to type into.
FORMS: dict[str, tuple[Callable[[Any, dict[str, str]], Screen[Any]], str]] = {
    "check-in": (lambda app, ids: CheckInScreen(app.pair), "#lesson"),
    "milestone": (
        lambda app, ids: MilestoneFormScreen(list_goals(app.store, app.pair_id), None, ids["goal"]),
        "#title",
    ),
    "milestone-edit": (
        lambda app, ids: MilestoneFormScreen(
            list_goals(app.store, app.pair_id), _milestone(app, ids), None
        ),
        "#evidence",
    ),
    "done": (lambda app, ids: DoneScreen(_milestone(app, ids)), "#evidence"),
    "action-item": (lambda app, ids: ActionItemScreen(app.pair, ids["session"]), "#title"),
    "feedback": (lambda app, ids: FeedbackScreen(ids["session"]), "#observation"),
    "assess": (lambda app, ids: AssessScreen(ids["milestone"], "Outline", None), "#comment"),
    "plan-session": (lambda app, ids: NewSessionScreen(app.pair), "#when"),
    "sync-setup": (lambda app, ids: SyncSetupScreen(), "#where"),
    "password": (lambda app, ids: PasswordScreen("ada", "dav.example.org"), "#password"),
    "goal-editor": (lambda app, ids: GoalEditorScreen(app.pair, None), "#title"),
    "journal-editor": (lambda app, ids: JournalEditorScreen(app.pair, None), "#entry-body"),
    "charter": (lambda app, ids: CharterScreen(app.pair), "#purpose"),
    "session-editor": (lambda app, ids: SessionEditorScreen(ids["session"]), "#agenda"),
}


def typed(screen: Screen[Any], selector: str) -> str:
    widget = screen.query_one(selector)
    return widget.text if isinstance(widget, TextArea) else widget.value


def error_line(screen: Screen[Any]) -> str:
    return str(screen.query_one("#form-error", Static).render())


async def open_form(pilot: Any, name: str, ids: dict[str, str]) -> Screen[Any]:
    await settle(pilot)
    make, _ = FORMS[name]
    screen = make(pilot.app, ids)
    pilot.app.push_screen(screen)
    await settle(pilot)
    assert pilot.app.screen is screen
    return screen


@pytest.mark.parametrize("name", list(FORMS))
async def test_escape_asks_before_losing_what_was_typed(make_app, records, name):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(pilot, name, records)
        selector = FORMS[name][1]
        screen.query_one(selector).focus()
        await pilot.press(*"hello")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen), "changes: Escape asks"
        await pilot.press("n")  # stay
        await settle(pilot)
        assert app.screen is screen
        assert "hello" in typed(screen, selector), "staying keeps every typed character"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")  # discard
        await settle(pilot)
        assert screen not in app.screen_stack


@pytest.mark.parametrize("name", list(FORMS))
async def test_escape_without_changes_leaves_at_once(make_app, records, name):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(pilot, name, records)
        await pilot.press("escape")
        await settle(pilot)
        assert screen not in app.screen_stack
        assert not isinstance(app.screen, ConfirmScreen)


async def test_first_run_cannot_be_skipped_but_escape_clears_after_asking(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FirstRunScreen)
        await pilot.press("escape")  # nothing typed: nothing to skip to, nothing to ask
        await settle(pilot)
        assert app.screen is screen
        await pilot.press(*"Ada")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen and screen.query_one("#name", Input).value == "Ada"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen, "without a profile the first run stays"
        assert screen.query_one("#name", Input).value == ""
    assert get_me(store) is None


# ---- saving against a locked database ---------------------------------------------------


class WriteLock:
    """Another program holding the database's write lock (BEGIN IMMEDIATE)."""

    def __init__(self, store: Any) -> None:
        self.connection = sqlite3.connect(store.path, isolation_level=None)

    def __enter__(self) -> WriteLock:
        self.connection.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, *_exc: object) -> None:
        self.connection.execute("ROLLBACK")
        self.connection.close()


async def save_while_locked(pilot: Any, store: Any, screen: Screen[Any], selector: str) -> None:
    """ctrl+s under a held lock: the form stays, its text too, and says so in one line."""
    before = typed(screen, selector)
    assert before, "something was typed"
    with WriteLock(store):
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert typed(screen, selector) == before
        assert error_line(screen) == BUSY


async def test_journal_editor_keeps_the_entry_while_the_database_is_locked(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = JournalEditorScreen(app.pair, None)
        app.push_screen(screen)
        await settle(pilot)
        screen.query_one("#entry-title", Input).value = "Week 47"
        screen.query_one("#entry-body").focus()
        await pilot.press(*"Pairing helped [b]a lot[/b]")
        await save_while_locked(pilot, store, screen, "#entry-body")
        assert list_journal(store, pair.id) == []
        await pilot.press("ctrl+s")  # the lock is gone: the same text saves
        await settle(pilot)
        assert screen not in app.screen_stack
    (entry,) = list_journal(store, pair.id)
    assert (entry.title, entry.body) == ("Week 47", "Pairing helped [b]a lot[/b]")


async def test_action_item_form_keeps_its_text_while_the_database_is_locked(
    make_app, store, records, pair
):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(pilot, "action-item", records)
        screen.query_one("#title").focus()
        await pilot.press(*"Book the room")
        await save_while_locked(pilot, store, screen, "#title")
        assert str(screen.query_one("#save", Button).label) == "Save (ctrl+s)"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen not in app.screen_stack
    assert [view.item.title for view in actions.carried_items(store, pair.id)] == ["Book the room"]


async def test_goal_editor_keeps_the_goal_while_the_database_is_locked(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = GoalEditorScreen(app.pair, None)
        app.push_screen(screen)
        await settle(pilot)
        screen.query_one("#title").focus()
        await pilot.press(*"Speak up")
        await save_while_locked(pilot, store, screen, "#title")
        assert list_goals(store, pair.id) == []
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen, "the editor saves and stays"
        assert error_line(screen) == ""
        await pilot.press("escape")  # saved: nothing to ask
        await settle(pilot)
        assert screen not in app.screen_stack
    assert [view.goal.title for view in list_goals(store, pair.id)] == ["Speak up"]


async def test_one_save_at_a_time_and_escape_waits_for_it(
    make_app, store, records, pair, monkeypatch: pytest.MonkeyPatch
):
    """While a save runs the button says so, a second ctrl+s is ignored, and Escape
    leaves only once the save is through."""
    started, release = threading.Event(), threading.Event()
    calls: list[str] = []
    original = actions.add_action_item

    def slow_add(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[2])
        started.set()
        release.wait(30)
        return original(*args, **kwargs)

    monkeypatch.setattr("mentor_tui.screens.session_forms.add_action_item", slow_add)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(pilot, "action-item", records)
        screen.query_one("#title").focus()
        await pilot.press(*"Book the room", "ctrl+s")
        assert await asyncio.to_thread(started.wait, 30)
        await pilot.pause()
        assert str(screen.query_one("#save", Button).label) == SAVING_LABEL
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        assert app.screen is screen, "Escape waits for the save"
        release.set()
        await settle(pilot)
        assert screen not in app.screen_stack
    assert calls == ["Book the room"]
    assert [view.item.title for view in actions.carried_items(store, pair.id)] == ["Book the room"]


# ---- the one-line translation -----------------------------------------------------------


def test_failure_lines() -> None:
    reason = sqlite3.OperationalError("database is locked")
    locked = SAOperationalError("BEGIN IMMEDIATE", {}, reason)
    assert failure_line(locked) == BUSY
    assert failure_line(sqlite3.OperationalError("attempt to write a readonly database")) == (
        "Could not save: the database cannot be written: attempt to write a readonly database"
    )
    assert failure_line(MentorError("the title is empty"), "not saved: ") == (
        "not saved: the title is empty"
    )


def test_the_kit_binds_save_first_and_escape_last() -> None:
    keys = list(GoalEditorScreen._merged_bindings.key_to_bindings)
    assert keys.index("ctrl+s") < keys.index("ctrl+r") < keys.index("escape")


async def test_sync_set_up_space_ticks_encryption_and_enter_goes_ahead(make_app, pair):
    """The button says "Go (enter)": Enter on the Encrypt box goes ahead with what is
    ticked (Textual's Checkbox ticked or unticked it on Enter, silently)."""
    from textual.widgets import Checkbox

    answers: list[dict[str, str] | None] = []
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(SyncSetupScreen(), answers.append)
        await settle(pilot)
        await pilot.press(*"/srv/shared.git")
        box = app.screen.query_one("#encrypt", Checkbox)
        box.focus()
        await pilot.press("space")
        await settle(pilot)
        assert box.value is True and not answers
        await pilot.press("enter")
        await settle(pilot)
    assert answers == [
        {"how": "git", "where": "/srv/shared.git", "user": "", "password": "", "encrypt": "yes"}
    ]
