"""Drafts through the form kit: what is typed in an editor or a pop-up is kept while typing,
survives the app going away without a save, comes back (and says so) when the same form
opens again, and goes once saved or discarded. "The app goes away" here is leaving
run_test with the form still open; tests/ui/test_drafts_killed.py kills a real process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Switch, TextArea

from mentor_tui.screens.form import FormModal, Job
from mentor_tui.screens.journal import JournalScreen
from mentor_tui.screens.journal_editor import JournalEditorScreen
from mentor_tui.screens.session_editor import SessionEditorScreen
from mentor_tui.screens.session_forms import ActionItemScreen
from mentor_tui.screens.sync import SyncSetupScreen
from mentor_tui.services import actions
from mentor_tui.services import sessions as svc
from mentor_tui.services.drafts import Draft, DraftKey, drafts_folder, load_draft, save_draft
from mentor_tui.services.journal import add_journal_entry, get_journal_entry, list_journal
from mentor_tui.widgets.confirm import ConfirmScreen
from tests.conftest import FROZEN_NOW
from tests.ui.conftest import settle, workers_finished

RESTORED = "Restored your unsaved draft from 04:30"  # 09:30 UTC in Grace's New York


async def wait_for_draft(
    pilot: Any, home: Path, key: DraftKey, ready: Callable[[Draft], bool] = lambda _d: True
) -> Draft:
    """Until the debounced writer has put the draft on disk (polled, never timed)."""
    for _ in range(600):
        draft = load_draft(home, key)
        if draft is not None and ready(draft):
            return draft
        await pilot.pause(0.1)
        await workers_finished(pilot)
    raise AssertionError(f"no draft for {key}")


def notices(app: Any) -> list[str]:
    return [str(notice.message) for notice in app._notifications]


async def open_journal_editor(pilot: Any, key: str = "a") -> JournalEditorScreen:
    await settle(pilot)
    await pilot.press("j")
    await settle(pilot)
    assert isinstance(pilot.app.screen, JournalScreen)
    await pilot.press(key)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, JournalEditorScreen)
    return screen


async def test_a_new_journal_entry_survives_and_is_offered_back(make_app, store, home, pair):
    key = DraftKey("journal", None, pair.id)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_journal_editor(pilot)
        await pilot.press(*"Pairing helped [b]a lot[/b]")
        screen.query_one("#entry-title", Input).value = "Week 47"
        screen.query_one("#entry-share", Switch).value = True
        draft = await wait_for_draft(
            pilot, home, key, lambda d: d.values.get("entry-share") is True
        )
        assert draft.values["entry-body"] == "Pairing helped [b]a lot[/b]"
        assert draft.saved_at == FROZEN_NOW
        # The terminal goes away here: nothing was saved.
    assert list_journal(store, pair.id) == []
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_journal_editor(pilot)
        assert screen.query_one("#entry-body", TextArea).text == "Pairing helped [b]a lot[/b]"
        assert screen.query_one("#entry-title", Input).value == "Week 47"
        assert screen.query_one("#entry-share", Switch).value is True
        assert any(RESTORED in notice for notice in notices(app))
        assert screen.is_dirty(), "a restored draft is not saved yet"
        await pilot.press("escape")  # discard it, explicitly
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert load_draft(home, key) is None, "discarded: the draft goes"
        offered = sum(RESTORED in notice for notice in notices(app))
        screen = await open_journal_editor(pilot)
        assert screen.query_one("#entry-body", TextArea).text == ""
        assert not screen.is_dirty()
        assert sum(RESTORED in notice for notice in notices(app)) <= offered
    assert list_journal(store, pair.id) == []


async def test_an_edited_entry_keeps_its_own_draft_until_saved(make_app, store, home, pair):
    entry = add_journal_entry(store, "Stored text", pair_id=pair.id, title="Stored")
    key = DraftKey("journal", entry.id, pair.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal_editor(pilot, "e")
        assert screen.entry_id == entry.id
        screen.query_one("#entry-body", TextArea).focus()
        await pilot.press("end", *" and more")
        # Every key typed: on a busy machine the draft can be written mid-typing (0.5 s
        # without a key), and the app would leave before the next one.
        await wait_for_draft(
            pilot, home, key, lambda d: d.values.get("entry-body") == "Stored text and more"
        )
    assert load_draft(home, DraftKey("journal", None, pair.id)) is None, "not the new one's"
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_journal_editor(pilot, "e")
        assert screen.query_one("#entry-body", TextArea).text == "Stored text and more"
        assert any(RESTORED in notice for notice in notices(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert load_draft(home, key) is None, "saved: the draft goes"
    assert get_journal_entry(store, entry.id).body == "Stored text and more"


async def test_a_hostile_draft_restores_only_what_fits_the_form(make_app, home, pair):
    key = DraftKey("journal", None, pair.id)
    values = {
        "entry-body": "kept \x1b[2J",
        "entry-goal": "no-such-goal",  # not a choice: the stored (blank) one stays
        "entry-share": "yes",  # not a switch's value
        "save": "not a field",
    }
    save_draft(home, key, values, FROZEN_NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal_editor(pilot)
        assert screen.query_one("#entry-body", TextArea).text == "kept \x1b[2J"
        assert screen.query_one("#entry-share", Switch).value is False
        assert screen.form_values()["entry-goal"] is None


async def test_session_notes_survive_and_save_drops_the_draft(make_app, store, home, pair):
    session = svc.schedule_session(store, pair.id, "2026-11-20 10:00")
    key = DraftKey("session", session.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(SessionEditorScreen(session.id))
        await settle(pilot)
        app.screen.query_one("#agenda", TextArea).focus()
        await pilot.press(*"1. The RFC [b]review[/b]")
        await wait_for_draft(
            pilot, home, key, lambda d: d.values.get("agenda") == "1. The RFC [b]review[/b]"
        )
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        screen = SessionEditorScreen(session.id)
        app.push_screen(screen)
        await settle(pilot)
        assert screen.query_one("#agenda", TextArea).text == "1. The RFC [b]review[/b]"
        assert any(RESTORED in notice for notice in notices(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen, "the editor saves and stays"
        assert load_draft(home, key) is None
    assert svc.get_session(store, session.id).agenda == "1. The RFC [b]review[/b]"


async def test_a_draft_that_matches_the_stored_record_is_dropped_quietly(
    make_app, store, home, pair
):
    session = svc.schedule_session(store, pair.id, "2026-11-20 10:00")
    svc.update_session(store, session.id, agenda="Same")
    key = DraftKey("session", session.id)
    save_draft(home, key, {"agenda": "Same"}, FROZEN_NOW)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        screen = SessionEditorScreen(session.id)
        app.push_screen(screen)
        await settle(pilot)
        assert not screen.is_dirty()
        assert not any("draft" in notice for notice in notices(app))
    assert load_draft(home, key) is None


async def test_an_action_item_draft_belongs_to_its_session(make_app, store, home, pair):
    first = svc.schedule_session(store, pair.id, "2026-11-20 10:00")
    second = svc.schedule_session(store, pair.id, "2026-12-04 10:00")
    key = DraftKey("action-item", None, pair.id, within=first.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ActionItemScreen(app.pair, first.id))
        await settle(pilot)
        await pilot.press(*"Book the room")
        app.screen.query_one("#due", Input).value = "next friday"
        await wait_for_draft(pilot, home, key, lambda d: d.values.get("due") == "next friday")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        other = ActionItemScreen(app.pair, second.id)
        app.push_screen(other)
        await settle(pilot)
        assert other.query_one("#title", Input).value == "", "another session: its own form"
        await pilot.press("escape")
        await settle(pilot)
        assert load_draft(home, key) is not None, "leaving the other form keeps this draft"
        screen = ActionItemScreen(app.pair, first.id)
        app.push_screen(screen)
        await settle(pilot)
        assert screen.query_one("#title", Input).value == "Book the room"
        assert screen.query_one("#due", Input).value == "next friday"
        assert any(RESTORED in notice for notice in notices(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen not in app.screen_stack
        assert load_draft(home, key) is None
    assert [v.item.title for v in actions.carried_items(store, pair.id)] == ["Book the room"]


class SecretForm(FormModal[None]):
    """A form with a draft and a password field in it."""

    def compose(self) -> ComposeResult:
        yield Input(id="user")
        yield Input(id="secret", password=True)

    def draft_key(self) -> DraftKey:
        return DraftKey("test-secret")

    def save_job(self) -> Job:
        return lambda _store: None


async def test_passwords_are_never_kept_in_a_draft(make_app, home, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(SecretForm())
        await settle(pilot)
        app.screen.query_one("#secret", Input).value = "hunter2"
        app.screen.query_one("#user", Input).value = "ada"
        draft = await wait_for_draft(pilot, home, DraftKey("test-secret"))
        assert draft.values == {"user": "ada"}
        # The sync set-up (an invite code, a password) keeps no draft at all.
        app.push_screen(SyncSetupScreen())
        await settle(pilot)
        app.screen.query_one("#password", Input).value = "hunter2"
        app.screen.query_one("#where", Input).value = "https://dav.example.org/x"
        await pilot.pause(1.0)
        await settle(pilot)
    for path in drafts_folder(home).iterdir():
        assert b"hunter2" not in path.read_bytes()
        assert b"dav.example.org" not in path.read_bytes()
