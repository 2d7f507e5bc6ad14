"""The Dashboard's quick start (services/dashboard_quick.py, models/dashboard_sql.py): read
on plain sqlite3 before the storage stack is imported, it renders every panel, the
sparkline and the lines under the next session exactly as the Store's read does."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from rich.console import Console, Group

from mentor_tui.clock import FrozenClock
from mentor_tui.demo.cache import demo_homes
from mentor_tui.models.db import Store
from mentor_tui.models.tables import ActionItem, ActionItemStatus, Goal, GoalChange
from mentor_tui.paths import database_path
from mentor_tui.screens.dashboard import (
    PANELS,
    DashboardData,
    DashboardScreen,
    ending_line,
    sync_line,
)
from mentor_tui.services.actions import add_action_item, complete_action_item
from mentor_tui.services.dashboard import load_dashboard
from mentor_tui.services.pairs import PairView, list_pairs, update_charter
from mentor_tui.services.progress import session_trend
from mentor_tui.services.sessions import schedule_session
from mentor_tui.services.start_up import read_quickly
from mentor_tui.sync.state import sync_times
from tests.conftest import FROZEN_NOW
from tests.ui.closing_story import closed_pair


def _text(renderable: object) -> str:
    """As a terminal shows it, styles included (ANSI), 110 columns wide."""
    console = Console(width=110, force_terminal=True, color_system="truecolor")
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()


def rendered(data: DashboardData) -> dict[str, object]:
    shown: dict[str, object] = {
        panel_id: _text(render(data.dashboard)) for panel_id, _title, render in PANELS
    }
    under = [ending_line(data.dashboard), sync_line(data)]
    shown["under"] = _text(Group(*(line for line in under if line is not None)))
    shown["open items"] = len(data.dashboard.action_items)
    assert data.trend is not None
    shown["trend"] = (data.trend.held, data.trend.cadence)
    return shown


def full_read(store: Store, home: Path, pair_id: str) -> DashboardData:
    """What DashboardScreen.load reads once the Store is open."""
    return DashboardData(
        load_dashboard(store, pair_id), *sync_times(home, pair_id), session_trend(store, pair_id)
    )


def quick_read(home: Path, pair_id: str, clock: FrozenClock) -> DashboardData:
    """What DashboardScreen.quick_load reads at start-up (the screen needs only the home)."""
    screen = SimpleNamespace(app=SimpleNamespace(home=home))
    data = read_quickly(
        database_path(home),
        pair_id,
        clock,
        lambda start: DashboardScreen.quick_load(screen, start),  # type: ignore[arg-type]
    )
    assert data is not None
    return data


def assert_same(store: Store, home: Path, pair_id: str, clock: FrozenClock) -> dict[str, object]:
    full = rendered(full_read(store, home, pair_id))
    assert rendered(quick_read(home, pair_id, clock)) == full
    return full


def test_the_demo_dashboards_read_quickly_as_the_store_reads_them(
    tmp_path: Path, demo_cache: Path
) -> None:
    clock = FrozenClock(FROZEN_NOW)
    homes = demo_homes(tmp_path / "demo", clock, demo_cache)
    for side in ("mentor", "mentee"):
        home = homes.home_for(side)
        store = Store.open_home(home, clock)
        try:
            views = list_pairs(store)
            assert views
            for view in views:
                shown = assert_same(store, home, view.id, clock)
            if side == "mentee":  # the comparison has something to compare
                assert shown["open items"] and "Synced" in str(shown["under"])
                assert "★" in str(shown["wins"]) and "#" in str(shown["journal"])
        finally:
            store.close()


def test_a_new_pair_reads_quickly_as_the_store_reads_it(
    store: Store, home: Path, clock: FrozenClock, pair: PairView
) -> None:
    shown = assert_same(store, home, pair.id, clock)
    assert "Nothing scheduled." in str(shown["next-session"])


def test_a_closed_pair_reads_quickly_as_the_store_reads_it(
    store: Store, home: Path, clock: FrozenClock, pair: PairView
) -> None:
    closed_pair(store, pair)
    shown = assert_same(store, home, pair.id, clock)
    assert "Closed" in str(shown["under"])


def test_the_owners_word_the_approvers_word_and_an_end_in_sight_read_quickly_too(
    store: Store, home: Path, clock: FrozenClock, pair: PairView
) -> None:
    today = FROZEN_NOW.date()
    update_charter(
        store, pair.id, starts_on=today - timedelta(days=60), planned_end_on=today + timedelta(3)
    )
    # Planned a month ago, never marked held: unrecorded, and the cadence slipped.
    schedule_session(store, pair.id, "2026-10-15 10:00", kind="check-in")
    partner, me = pair.partner.id, pair.me.id
    theirs = add_action_item(store, pair.id, "Theirs, done by their word", owner_id=partner)
    not_mine = add_action_item(store, pair.id, "Theirs, my word does not count", owner_id=partner)
    with store.write() as session:
        raised = ActionItem(pair_id=pair.id, title="Raised by them, mine", owner_id=me)
        raised.origin = partner
        drafted = Goal(pair_id=pair.id, title="[b]Their draft[/b]", status="draft")
        drafted.origin = partner
        session.add_all([raised, drafted])
        for item, who in ((theirs, partner), (not_mine, me)):
            word = ActionItemStatus(
                pair_id=pair.id, action_item_id=item.id, person_id=who, status="done"
            )
            word.origin = partner if who == partner else ""
            session.add(word)
        session.add(
            GoalChange(
                goal_id=drafted.id,
                changed_at=FROZEN_NOW,
                changed_by_id=me,
                field="status",
                new_value="approved",
            )
        )
    complete_action_item(store, raised.id)  # my word, in a record of my own
    shown = assert_same(store, home, pair.id, clock)
    assert "planned end" in str(shown["under"]) and "⚠" in str(shown["next-session"])
    assert shown["open items"] == 1 and "my word does not count" in str(shown["action-items"])
    assert "approved" in str(shown["goals"])
