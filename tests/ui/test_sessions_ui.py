"""Sessions by keyboard: scheduling across zones (a daylight-saving week), the editor with
carry-forward, the prep brief turned into an agenda in one key, the check-in. Assertions
read the database through services."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Static, TabbedContent

from mentor_tui.screens.brief import BriefScreen
from mentor_tui.screens.session_editor import SessionEditorScreen
from mentor_tui.screens.session_forms import NewSessionScreen
from mentor_tui.screens.sessions import SessionsScreen
from mentor_tui.services import actions, checkins
from mentor_tui.services import sessions as svc
from mentor_tui.services.pairs import create_pair, find_pair
from mentor_tui.services.profile import set_up_profile
from tests.ui.conftest import settle


async def test_planning_a_session_in_the_week_between_the_clock_changes(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, NewSessionScreen)
        await pilot.press(*"2027-03-17 09:00")
        await settle(pilot)
        preview = str(app.screen.query_one("#when-preview", Static).render())
        assert "Wed 17 Mar 09:00 New York · 14:00 Berlin" in preview  # 5 hours, not 6
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
    planned = svc.list_sessions(store, pair.id).upcoming
    assert [s.starts_at for s in planned] == [datetime(2027, 3, 17, 13, 0, tzinfo=UTC)]


async def test_a_time_the_clocks_skip_is_refused_in_place(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s", "a")
        await settle(pilot)
        await pilot.press(*"2027-03-14 02:30", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewSessionScreen), "the form stays, nothing typed is lost"
        assert "does not exist" in str(app.screen.query_one("#form-error", Static).render())
    assert svc.list_sessions(store, pair.id).upcoming == []


async def test_editor_shows_carried_items_and_closes_them(make_app, store, pair):
    old = svc.schedule_session(store, pair.id, "2026-10-01 10:00")
    svc.set_session_status(store, old.id, "held")
    item = actions.add_action_item(
        store, pair.id, "Draft the RFC", session_id=old.id, owner_id=pair.mentee.id
    )
    for day in ("2026-10-15", "2026-10-29", "2026-11-12"):
        svc.set_session_status(
            store, svc.schedule_session(store, pair.id, f"{day} 10:00").id, "held"
        )
    nxt = svc.schedule_session(store, pair.id, "2026-11-20 10:00")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("enter")  # the cursor starts on the next session
        await settle(pilot)
        assert isinstance(app.screen, SessionEditorScreen)
        assert app.screen.session_id == nxt.id
        app.screen.query_one(TabbedContent).active = "tab-actions"
        await settle(pilot)
        table = app.screen.query_one("#items-table")
        assert list(table.rows) == [item.id]
        cells = [str(c) for c in table.get_row(item.id)]
        assert "carried 3 sessions  stale" in cells
        table.focus()
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Book the room", "ctrl+s")
        await settle(pilot)
        table = app.screen.query_one("#items-table")
        assert table.row_count == 2
        table.focus()
        table.move_cursor(row=table.get_row_index(item.id))
        await pilot.press("d")
        await settle(pilot)
        # Notes typed in the editor are saved exactly.
        app.screen.query_one(TabbedContent).active = "tab-private"
        await settle(pilot)
        app.screen.query_one("#private_notes").focus()
        await pilot.press(*"[b]mine[/b]", "ctrl+s")
        await settle(pilot)
    assert [v.item.title for v in actions.carried_items(store, pair.id)] == ["Book the room"]
    assert svc.get_session(store, nxt.id).private_notes == "[b]mine[/b]"


async def test_prep_brief_becomes_the_agenda_in_one_key(make_app, demo_store, clock):
    ada = find_pair(demo_store, "Ada")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen)
        shown = app.screen.query_one("#brief-markdown").source
        assert "### Open action items" in shown and "### Check-in" in shown
        await pilot.press("a")
        await settle(pilot)
        assert "Agenda written" in str(app.screen.query_one("#brief-result", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionEditorScreen)
    planned = svc.next_session(demo_store, ada).planned
    assert planned is not None and "## Prep brief" in planned.agenda
    assert "### Open action items" in planned.agenda


async def test_checkin_by_the_mentee(make_app, store):
    set_up_profile(store, "Ada Lovelace", "Europe/Berlin")
    pair = create_pair(
        store, partner_name="Grace Hopper", partner_timezone="America/New_York", my_role="mentee"
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s", "k")
        await settle(pilot)
        await pilot.press(*"Ask early", "tab", *"Send the RFC", "tab", "7", "ctrl+s")
        await settle(pilot)
        assert "from 1 to 5" in str(app.screen.query_one("#form-error", Static).render())
        app.screen.query_one("#last_goal_rating").value = ""
        app.screen.query_one("#last_goal_rating").focus()
        await pilot.press("4", "ctrl+s")
        await settle(pilot)
    answered = checkins.latest_checkin(store, pair.id)
    assert (answered.lesson, answered.next_goal, answered.last_goal_rating) == (
        "Ask early",
        "Send the RFC",
        4,
    )
