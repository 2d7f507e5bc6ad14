"""Start-up as the CLI does it: the frame first, the Store opened in a worker after it."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.clock import FrozenClock
from mentor_tui.errors import MentorError
from mentor_tui.models.db import Store
from mentor_tui.screens.dashboard import DashboardScreen
from mentor_tui.widgets.pair_header import PairHeader
from tests.conftest import FROZEN_NOW
from tests.ui.conftest import settle


def header_text(app: MentorApp) -> str:
    """The header's words as the terminal shows them."""
    parts = []
    for part in app.screen.query_one(PairHeader).query("Static"):
        for strip in part.render_lines(part.region.reset_offset):
            parts.extend(segment.text for segment in strip)
    return "".join(parts)


@pytest.mark.usefixtures("full_start")
async def test_the_frame_shows_before_the_store_opens(
    home: Path, pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No quick preview here (it names the pair in the header as soon as it is read: see
    test_quick_start.py), so that what shows before the Store is the frame alone."""
    monkeypatch.setattr(MentorApp, "_quick_preview", lambda _app: None)
    release = threading.Event()

    def slow_open() -> Store:
        release.wait(timeout=30)
        return Store.open_home(home, FrozenClock(FROZEN_NOW))

    app = MentorApp(open_store=slow_open, home=home, clock=FrozenClock(FROZEN_NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert not app.ready
        assert "opening…" in header_text(app)
        assert "Next pair" not in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("n")  # a new pair needs the Store: not yet
        assert isinstance(app.screen, DashboardScreen)
        release.set()
        await settle(pilot)
        assert app.ready
        assert "Ada Lovelace" in header_text(app)
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "Ada Lovelace" in shown
        assert "Next pair" in shown  # the footer offers the keys that need the Store


async def test_a_store_that_cannot_open_ends_the_app_with_its_error(home: Path) -> None:
    def broken() -> Store:
        raise MentorError("the database is busy: another program is writing to it")

    app = MentorApp(open_store=broken, home=home, clock=FrozenClock(FROZEN_NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert str(app.start_error) == "the database is busy: another program is writing to it"


@pytest.mark.usefixtures("full_start")
async def test_the_journal_shows_its_first_page_before_the_store_opens(
    store: Store, home: Path, pair
) -> None:
    """The quick path's preview (plain sqlite3), then the Store's read: the same rows."""
    from mentor_tui.screens.journal import JournalScreen
    from mentor_tui.services.journal import add_journal_entry
    from mentor_tui.widgets.record_table import RecordTable

    for hours, title in ((2, "First [b]thought[/b]."), (1, "Second thought.")):
        add_journal_entry(
            store, title, pair_id=pair.id, written_at=FROZEN_NOW - timedelta(hours=hours)
        )
    release = threading.Event()

    def slow_open() -> Store:
        release.wait(timeout=30)
        return Store.open_home(home, FrozenClock(FROZEN_NOW))

    def rows(app: MentorApp) -> list[tuple[object, ...]]:
        table = app.screen.query_one(RecordTable)
        return [(key.value, *(str(cell) for cell in table.get_row(key))) for key in table.rows]

    app = MentorApp(
        open_store=slow_open, home=home, clock=FrozenClock(FROZEN_NOW), start_in="journal"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        for _ in range(500):  # the preview is read in the worker before it opens the Store
            if screen.hits:
                break
            await pilot.pause()
        assert not app.ready
        preview = rows(app)
        assert [row[2] for row in preview] == ["Second thought.", "First [b]thought[/b]."]
        await pilot.press("v")  # acting on a row needs the Store: not yet
        await pilot.press("enter")
        assert app.screen is screen
        release.set()
        await settle(pilot)
        assert app.ready
        assert rows(app) == preview
        assert "Ada Lovelace" in header_text(app)


def dashboard_text(app: MentorApp) -> dict[str, object]:
    """The Dashboard's panels, trend words and sparkline as the terminal shows them."""
    from textual.widgets import Sparkline, Static

    from mentor_tui.screens.dashboard import PANELS

    shown: dict[str, object] = {}
    for selector in [f"#{panel_id}" for panel_id, _title, _render in PANELS] + [
        "#progress-trend .trend-words"
    ]:
        widget = app.screen.query_one(selector, Static)
        lines = widget.render_lines(widget.region.reset_offset)
        shown[selector] = [(widget.border_title, "".join(s.text for s in line)) for line in lines]
    shown["sparkline"] = list(app.screen.query_one(Sparkline).data or [])
    return shown


@pytest.mark.usefixtures("full_start")
async def test_the_dashboard_shows_its_data_before_the_store_opens(
    store: Store, home: Path, pair
) -> None:
    """The quick path's preview, then the Store's read: the same panels, trend and words."""
    from mentor_tui.services.actions import add_action_item
    from mentor_tui.services.goals import create_goal
    from mentor_tui.services.journal import add_journal_entry

    add_journal_entry(store, "Seen [b]before[/b] the Store.", pair_id=pair.id)
    add_action_item(store, pair.id, "Read the RFC", owner_id=pair.partner.id)
    create_goal(store, pair.id, title="Lead a design review")
    release = threading.Event()

    def slow_open() -> Store:
        release.wait(timeout=30)
        return Store.open_home(home, FrozenClock(FROZEN_NOW))

    app = MentorApp(open_store=slow_open, home=home, clock=FrozenClock(FROZEN_NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, DashboardScreen)
        for _ in range(500):  # the preview is read in the worker before it opens the Store
            if "Seen [b]before[/b]" in str(dashboard_text(app)["#journal"]):
                break
            await pilot.pause()
        assert not app.ready
        preview = dashboard_text(app)
        assert "Read the RFC" in str(preview["#action-items"])
        assert "Lead a design review" in str(preview["#goals"])
        release.set()
        await settle(pilot)
        assert app.ready
        assert dashboard_text(app) == preview


@pytest.mark.usefixtures("full_start")
async def test_writing_from_the_preview_opens_the_editor_once_the_store_is_open(
    store: Store, home: Path, pair
) -> None:
    """`a` on the previewed Journal (before the Store is open) is not lost, and never opens
    an editor that has no Store (that crashed the app): the editor opens once it is open."""
    from mentor_tui.screens.journal import JournalScreen
    from mentor_tui.screens.journal_editor import JournalEditorScreen
    from mentor_tui.services.journal import add_journal_entry

    add_journal_entry(store, "Seen in the preview.", pair_id=pair.id)
    release = threading.Event()

    def slow_open() -> Store:
        release.wait(timeout=30)
        return Store.open_home(home, FrozenClock(FROZEN_NOW))

    app = MentorApp(
        open_store=slow_open, home=home, clock=FrozenClock(FROZEN_NOW), start_in="journal"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        for _ in range(500):
            if screen.hits:
                break
            await pilot.pause()
        assert not app.ready and screen.hits
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is screen and app.is_running
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, JournalEditorScreen)
        assert app.is_running


async def test_the_journal_is_built_ahead_once_the_dashboard_shows_its_data(
    store: Store, home: Path, pair
) -> None:
    """Its key then only switches to it: composing, styling and a first read were done at
    idle. What it shows at once is then read again, as every showing is."""
    from mentor_tui.screens.journal import JournalScreen
    from mentor_tui.services.journal import add_journal_entry
    from mentor_tui.widgets.record_table import RecordTable

    add_journal_entry(store, "Built ahead.", pair_id=pair.id)

    def open_store() -> Store:
        return Store.open_home(home, FrozenClock(FROZEN_NOW))

    app = MentorApp(open_store=open_store, home=home, clock=FrozenClock(FROZEN_NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        # Built at idle after the first data's refresh: settle may return before that.
        for _ in range(200):
            if app.is_screen_installed("area-journal"):
                break
            await pilot.pause(0.01)
        built = app.get_screen("area-journal")
        assert isinstance(built, JournalScreen) and built.is_running
        for _ in range(200):  # its first read, at idle too
            if built.hits:
                break
            await pilot.pause(0.01)
        table = built.query_one(RecordTable)
        assert [str(table.get_row(key)[1]) for key in table.rows] == ["Built ahead."]
        # Written after that read (here by another connection): shown once j reads again.
        add_journal_entry(app.store, "Written since.", pair_id=pair.id)
        await pilot.press("j")
        await settle(pilot)
        assert app.screen is built
        rows = [str(table.get_row(key)[1]) for key in table.rows]
        assert sorted(rows) == ["Built ahead.", "Written since."]  # same time (frozen clock)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("j")
        assert app.screen is built


async def test_the_journal_built_ahead_has_its_footer_keys_before_it_is_shown(
    store: Store, home: Path, pair
) -> None:
    """Its footer composed its keys while hidden (for the Journal: no `j`, which goes
    nowhere there), so `j` mounts none; they are the keys a Journal opened by hand shows."""
    from textual.widget import Widget
    from textual.widgets._footer import FooterKey

    def open_store() -> Store:
        return Store.open_home(home, FrozenClock(FROZEN_NOW))

    def shown_keys(app: MentorApp) -> list[str]:
        return [key.key_display for key in app.screen.query(FooterKey)]

    app = MentorApp(open_store=open_store, home=home, clock=FrozenClock(FROZEN_NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(200):
            if app.is_screen_installed("area-journal"):
                break
            await pilot.pause(0.01)
        await settle(pilot)
        built = app.get_screen("area-journal")
        ahead = [key.key_display for key in built.query(FooterKey)]
        assert "j" not in ahead and "d" in ahead
        mounted: list[Widget] = []
        original = Widget._post_mount

        def noted(widget: Widget) -> None:
            mounted.append(widget)
            original(widget)

        Widget._post_mount = noted  # type: ignore[method-assign]
        try:
            await pilot.press("j")
            await settle(pilot)
        finally:
            Widget._post_mount = original  # type: ignore[method-assign]
        assert app.screen is built
        assert not [widget for widget in mounted if isinstance(widget, FooterKey)]
        assert shown_keys(app) == ahead
    # The same keys as a Journal that was never built ahead (opened at start).
    direct = MentorApp(store=store, home=home, start_in="journal")
    async with direct.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert shown_keys(direct) == ahead
