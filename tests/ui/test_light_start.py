"""The light start (services/start_up.read_light): the app reads me and my pairs on the
quick path and opens the Store only when a screen or a write needs it, so a session that
only browses the Dashboard and the Journal never imports the storage stack."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from mentor_tui.app import MentorApp
from mentor_tui.clock import FrozenClock
from mentor_tui.models.db import Store
from mentor_tui.paths import database_path
from mentor_tui.screens.dashboard import DashboardScreen
from mentor_tui.screens.journal import JournalScreen
from mentor_tui.screens.journal_editor import JournalEditorScreen
from mentor_tui.services.closing import close_pair
from mentor_tui.services.journal import add_journal_entry, list_journal
from mentor_tui.services.pair_view import PairView
from mentor_tui.services.pairs import create_pair, list_pairs, update_charter
from mentor_tui.services.start_up import read_light
from mentor_tui.widgets.record_table import RecordTable
from tests.conftest import FROZEN_NOW
from tests.ui.conftest import settle

FACTS = (
    "id",
    "status",
    "cadence",
    "starts_on",
    "planned_end_on",
    "closed_at",
    "created_at",
    "revision",
    "purpose",
    "success_looks_like",
    "progress_measure",
    "communication_norms",
    "backup_channel",
    "goal_approver",
    "goal_approver_agreed",
    "partner_goal_approver",
)


def seen(view: PairView) -> tuple[object, ...]:
    people = [(p.id, p.display_name, p.timezone) for p in (view.mentor, view.mentee)]
    facts = [getattr(view.pair, name) for name in FACTS]
    return (view.label, view.my_role, view.me.id, view.partner.id, *people, *facts)


def test_the_light_start_reads_my_pairs_as_the_store_does(
    store: Store, home: Path, pair: PairView
) -> None:
    update_charter(
        store,
        pair.id,
        purpose="Grow into [b]staff[/b]\x1b[2J",
        backup_channel="signal",
        planned_end_on=date(2027, 6, 30),
        goal_approver="mentee",
    )
    closed = create_pair(store, partner_name="Zoë Émile", my_role="mentee", cadence="weekly")
    close_pair(store, closed.id, achieved="A year of [i]growth[/i]")
    create_pair(store, partner_name="éve apple", partner_timezone="Asia/Tokyo")
    gone = create_pair(store, partner_name="Gone Person")
    with store.connection(write=True) as conn:  # deleted (as a partner's delete arrives)
        conn.exec_driver_sql("UPDATE pair SET deleted = 1 WHERE id = ?", (gone.id,))
    light = read_light(database_path(home))
    assert light is not None and light.store is None
    assert light.me is not None and light.me.id == pair.me.id
    assert [seen(view) for view in light.pairs] == [seen(view) for view in list_pairs(store)]
    assert len(light.pairs) == 3


def test_no_light_start_for_a_file_the_quick_path_does_not_know(store: Store, home: Path) -> None:
    path = database_path(home)
    assert read_light(path) is None  # no profile yet: the first run writes one
    assert read_light(home / "missing.db") is None
    assert not (home / "missing.db").exists()


def _light_app(home: Path, **options: object) -> MentorApp:
    def open_store() -> Store:
        return Store.open_home(home, FrozenClock(FROZEN_NOW))

    return MentorApp(open_store=open_store, home=home, clock=FrozenClock(FROZEN_NOW), **options)  # type: ignore[arg-type]


def _titles(app: MentorApp) -> list[str]:
    table = app.screen.query_one(RecordTable)
    return [str(table.get_row(key)[1]) for key in table.rows]


async def test_browsing_reads_on_the_quick_path_and_a_write_opens_the_store(
    store: Store, home: Path, pair: PairView
) -> None:
    add_journal_entry(store, "Read without the Store.", pair_id=pair.id)
    app = _light_app(home, start_in="journal")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.ready and not app.store_open
        assert isinstance(app.screen, JournalScreen)
        assert _titles(app) == ["Read without the Store."]
        assert app.pair is not None and app.pair.label == pair.label
        await pilot.press("slash", *"without")
        await settle(pilot)
        assert _titles(app) == ["Read without the Store."]
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert not app.store_open
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, JournalEditorScreen)
        await pilot.press(*"Written after a light start")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert app.store_open
        assert sorted(_titles(app)) == ["Read without the Store.", "Written after a light start"]
    titles = sorted(entry.title for entry in list_journal(store, pair.id))
    assert titles == ["Read without the Store.", "Written after a light start"]


async def test_a_write_elsewhere_shows_while_the_store_is_closed(
    store: Store, home: Path, pair: PairView
) -> None:
    """The app watches the file from its light start on (models/data_version.py)."""
    app = _light_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and not app.store_open
        add_journal_entry(
            store, "From the CLI meanwhile.", pair_id=pair.id, written_at=FROZEN_NOW - timedelta(1)
        )
        create_pair(store, partner_name="Newly Made")
        app.check_outside_writes()
        await settle(pilot)
        assert [view.label for view in app.pairs] == [view.label for view in list_pairs(store)]
        panel = app.screen.query_one("#journal", Static)
        lines = panel.render_lines(panel.region.reset_offset)
        assert "From the CLI meanwhile." in "".join(s.text for line in lines for s in line)
        assert not app.store_open


# One browsing session in a process of its own (this one has the storage stack imported
# already): the Dashboard, the Journal built ahead, a search, back; then the Goals, which
# have no quick path and open the Store.
SESSION = """
import asyncio, sys
from pathlib import Path
from mentor_tui.app import MentorApp

HOME = Path(sys.argv[1])
HEAVY = {"sqlalchemy", "sqlmodel", "pydantic"}

def heavy():
    return sorted({name.split(".")[0] for name in sys.modules} & HEAVY)

def open_store():
    from mentor_tui.models.db import Store
    return Store.open_home(HOME)

async def settle(app, pilot):
    for _ in range(4):
        await app.workers.wait_for_complete()
        await pilot.pause()

async def main():
    app = MentorApp(open_store=open_store, home=HOME)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for _ in range(200):  # the Journal is built ahead at idle
            if app.is_screen_installed("area-journal"):
                break
            await pilot.pause(0.01)
        await settle(app, pilot)
        await pilot.press("j")
        await settle(app, pilot)
        await pilot.press("slash", *"thought")
        await settle(app, pilot)
        rows = app.screen.query_one("#journal-table").row_count
        await pilot.press("escape", "d")
        await settle(app, pilot)
        print("BROWSED", app.screen.__class__.__name__, rows, app.store_open, heavy())
        await pilot.press("g")
        await settle(app, pilot)
        print("GOALS", app.screen.__class__.__name__, app.store_open, heavy())

asyncio.run(main())
"""


def test_a_session_that_only_browses_never_imports_the_storage_stack(
    store: Store, home: Path, pair: PairView
) -> None:
    for day in range(3):
        add_journal_entry(
            store,
            f"A thought on day {day}",
            pair_id=pair.id,
            written_at=FROZEN_NOW - timedelta(day),
        )
    store.close()
    done = subprocess.run(
        [sys.executable, "-c", SESSION, str(home)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert lines["BROWSED"] == "DashboardScreen 3 False []"
    assert lines["GOALS"] == "GoalsScreen True ['pydantic', 'sqlalchemy', 'sqlmodel']"


async def test_the_journals_next_page_comes_on_the_quick_path_too(
    store: Store, home: Path, pair: PairView
) -> None:
    for number in range(50):
        add_journal_entry(
            store,
            f"Entry {number:02d}",
            pair_id=pair.id,
            written_at=FROZEN_NOW - timedelta(hours=number),
        )
    app = _light_app(home, start_in="journal")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(_titles(app)) == 40  # a page
        await pilot.press("pagedown", "pagedown")  # the cursor nears the end: the next page
        await settle(pilot)
        assert _titles(app) == [f"Entry {number:02d}" for number in range(50)]
        assert not app.store_open


async def test_the_journal_editor_opens_without_waiting_for_the_store(
    store: Store, home: Path, pair: PairView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its first reads (the goals to choose from, the entry edited) come on the quick path;
    the Store opens in the background meanwhile (here: not at all, to see that the editor
    never needed it), and the save opens it if it is not open yet."""
    from textual.widgets import Input, Select, TextArea

    from mentor_tui.services.goals import create_goal, drop_goal

    monkeypatch.setattr(MentorApp, "open_store_soon", lambda _app: None)
    goal = create_goal(store, pair.id, title="Ship the [b]search[/b]")
    dropped = create_goal(store, pair.id, title="Dropped one")
    drop_goal(store, dropped.id)
    entry = add_journal_entry(store, "Edited later @growth", pair_id=pair.id, goal_id=goal.id)
    app = _light_app(home, start_in="journal")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, JournalEditorScreen) and not app.store_open
        assert editor.query_one("#entry-title", Input).value == entry.title
        assert editor.query_one("#entry-body", TextArea).text == entry.body
        select = editor.query_one("#entry-goal", Select)
        assert select.value == goal.id
        assert [value for _label, value in select._options][1:] == [goal.id]  # not the dropped
        editor.query_one("#entry-body", TextArea).load_text("Edited after a light start")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen) and app.store_open
    from mentor_tui.services.journal import get_journal_entry

    assert get_journal_entry(store, entry.id).body == "Edited after a light start"
