"""The app keeps up: what another connection commits (the CLI, a sync in another process)
shows without a key press; the app's own writes do not reload twice; a form in progress
is left alone. The check is called directly (the app's 1-second timer calls the same
method), so nothing here waits on the clock."""

from __future__ import annotations

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.models.db import Store
from mentor_tui.screens.journal import JournalScreen
from mentor_tui.screens.journal_editor import JournalEditorScreen
from mentor_tui.services.journal import add_journal_entry, list_journal
from mentor_tui.services.pairs import create_pair
from tests.ui.conftest import settle


@pytest.fixture(autouse=True)
def no_timer(monkeypatch):
    """The timer would race the direct calls below; the method is what it runs."""
    monkeypatch.setattr(MentorApp, "OUTSIDE_WRITES_EVERY", 3600.0)


@pytest.fixture
def outside(store, clock):
    """Another connection to the same file, as the CLI would open it."""
    other = Store(store.path, clock)
    yield other
    other.close()


async def _open_journal(pilot) -> None:
    await settle(pilot)
    await pilot.press("j")
    await settle(pilot)
    assert isinstance(pilot.app.screen, JournalScreen)


async def test_an_outside_journal_entry_shows_without_a_key(make_app, store, pair, outside):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_journal(pilot)
        table = app.screen.query_one("#journal-table")
        entry = add_journal_entry(outside, "Written from the CLI", pair_id=pair.id)
        await settle(pilot)
        assert entry.id not in table.rows  # not without a look at the database
        app.check_outside_writes()
        await settle(pilot)
        assert list(table.rows) == [entry.id]


async def test_the_apps_own_writes_are_not_outside_changes(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_journal(pilot)
        add_journal_entry(store, "Written by the app itself", pair_id=pair.id)
        assert app.outside_writes is not None
        assert not app.outside_writes.changed()


async def test_an_outside_write_is_seen_once(make_app, store, pair, outside):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_journal(pilot)
        add_journal_entry(outside, "One", pair_id=pair.id)
        add_journal_entry(store, "Two, by the app after it", pair_id=pair.id)
        assert app.outside_writes is not None
        assert app.outside_writes.changed()  # the outside one is not taken in with ours
        assert not app.outside_writes.changed()


async def test_a_new_outside_pair_joins_the_pair_list(make_app, store, pair, outside):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_journal(pilot)
        create_pair(outside, partner_name="Alan Turing")
        app.check_outside_writes()
        await settle(pilot)
        assert len(app.pairs) == 2
        assert app.pair_id == pair.id


async def test_a_form_in_progress_is_left_alone(make_app, store, pair, outside):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_journal(pilot)
        await pilot.press("a")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, JournalEditorScreen)
        await pilot.press(*"half a thought")
        entry = add_journal_entry(outside, "Meanwhile, from the CLI", pair_id=pair.id)
        app.check_outside_writes()
        await settle(pilot)
        assert app.screen is editor
        assert "half a thought" in editor.query_one("#entry-body").text
        # The area underneath shows it when it is on screen again.
        app.pop_screen()
        await settle(pilot)
        app.check_outside_writes()
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert list(app.screen.query_one("#journal-table").rows) == [entry.id]
    assert [e.id for e in list_journal(store, pair.id)] == [entry.id]
