"""Search everything by keyboard: / opens it, results appear as you type with the match
highlighted, ctrl+t filters by kind, ctrl+r orders by date, enter opens the hit where it
lives, escape closes. Expected rows come from the service."""

from __future__ import annotations

import pytest

from mentor_tui.screens.dashboard import DashboardScreen
from mentor_tui.screens.goal_editor import GoalEditorScreen
from mentor_tui.screens.journal_editor import JournalEditorScreen
from mentor_tui.screens.search import PAGE, SearchScreen
from mentor_tui.screens.session_editor import SessionEditorScreen
from mentor_tui.services.goals import create_goal
from mentor_tui.services.journal import add_journal_entry
from mentor_tui.services.milestones import add_milestone
from mentor_tui.services.search import search
from mentor_tui.services.session_notes import write_my_session_notes
from mentor_tui.services.sessions import schedule_session
from tests.ui.conftest import settle


@pytest.fixture
def records(store, pair):
    meeting = schedule_session(store, pair.id, "2026-11-20 15:00", agenda="Plan the walrus talk")
    write_my_session_notes(store, meeting.id, "Ada's walrus draft is good", "")
    goal = create_goal(store, pair.id, title="Give a walrus talk", specific="At a meetup")
    milestone = add_milestone(store, goal.id, title="Book the walrus venue")
    entry = add_journal_entry(store, "Walrus notes. Practised the walrus talk", pair_id=pair.id)
    return {"session": meeting.id, "goal": goal.id, "milestone": milestone.id, "entry": entry.id}


async def _search(pilot, *keys: str) -> SearchScreen:
    await settle(pilot)
    await pilot.press("slash", *keys)
    await settle(pilot)
    assert isinstance(pilot.app.screen, SearchScreen)
    return pilot.app.screen


def _keys(screen: SearchScreen) -> list[str]:
    return [str(key.value) for key in screen.query_one("#search-results").rows if key.value]


async def test_results_appear_as_you_type_and_filter_by_kind(make_app, store, records):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _search(pilot, *"walru")
        expected = [hit.record_id for hit in search(store, "walru", limit=PAGE)]
        assert _keys(screen) == expected and len(expected) == 5
        table = screen.query_one("#search-results")
        row = table.get_row(records["entry"])
        marked = [
            cell.plain[span.start : span.end]
            for cell in row[2:]
            for span in cell.spans
            if "yellow" in str(span.style)
        ]
        assert marked and all(word.lower() == "walrus" for word in marked)
        await pilot.press("ctrl+t")  # all -> journal
        await settle(pilot)
        assert _keys(screen) == [records["entry"]]
        for _ in range(5):  # journal -> session -> note -> feedback -> action -> goal
            await pilot.press("ctrl+t")
        await settle(pilot)
        assert _keys(screen) == [records["goal"]]
        await pilot.press("ctrl+t", "ctrl+t")  # milestone -> all
        await settle(pilot)
        await pilot.press("ctrl+r")  # newest first
        await settle(pilot)
        assert _keys(screen) == [h.record_id for h in search(store, "walru", newest=True)]
        await pilot.press("space", *"zzz")
        await settle(pilot)
        assert _keys(screen) == []


async def test_enter_opens_the_hit_and_escape_comes_back(make_app, store, records):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _search(pilot, *"practised")
        await pilot.press("enter")  # from the search box: the first hit
        await settle(pilot)
        assert isinstance(app.screen, JournalEditorScreen)
        assert app.screen.entry_id == records["entry"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("ctrl+a", "ctrl+k", *"draft")  # a session note: its session
        await settle(pilot)
        await pilot.press("down", "enter")  # from the results
        await settle(pilot)
        assert isinstance(app.screen, SessionEditorScreen)
        assert app.screen.session_id == records["session"]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"meetup", "enter")
        await settle(pilot)
        assert isinstance(app.screen, GoalEditorScreen)
        assert app.screen.goal_id == records["goal"]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_a_milestone_opens_on_the_milestones_screen(make_app, store, records):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _search(pilot, *"venue")
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "milestones"
        table = app.screen.query_one("#milestones-table")
        for _ in range(40):  # the cursor moves once the screen has loaded its rows
            if table.selected_key == records["milestone"]:
                break
            await pilot.pause(0.05)
        assert table.selected_key == records["milestone"]


async def test_hostile_text_is_shown_not_obeyed(make_app, store, pair):
    add_journal_entry(store, "Walrus [bold]x[/bold] \x1b[31mred\x1b[0m", title="T", pair_id=pair.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _search(pilot, *"walrus")
        cell = screen.query_one("#search-results").get_row_at(0)[3]
        assert "[bold]x[/bold]" in cell.plain and "\\x1b[31m" in cell.plain
        assert "\x1b" not in cell.plain


async def test_one_page_of_rows_then_the_next_as_the_cursor_nears_the_end(
    make_app, store, pair, clock
):
    from datetime import timedelta

    for i in range(70):
        add_journal_entry(
            store, f"Walrus sighting {i}", pair_id=pair.id, written_at=clock.now() - timedelta(i)
        )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _search(pilot, *"walrus")
        shown = len(_keys(screen))
        assert shown == screen.request.page and 20 < shown < 70  # what the table can show
        await pilot.press("down", *["down"] * (shown - 2))
        await settle(pilot)
        assert len(_keys(screen)) > shown
        assert _keys(screen) == [
            h.record_id for h in search(store, "walrus", limit=len(_keys(screen)))
        ]
