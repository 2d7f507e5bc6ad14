"""A session logged in a minute: the keys it takes are counted (text typed is counted
apart), the tabs have keys of their own, and Tab only ever lands on something that takes
text. Assertions read the database through services."""

from __future__ import annotations

from datetime import UTC, date, datetime

from textual import events
from textual.pilot import Pilot
from textual.widgets import TabbedContent, TextArea

from mentor_tui.models.tables import MentoringSession
from mentor_tui.screens.checkin import CheckInScreen
from mentor_tui.screens.dashboard import DashboardScreen
from mentor_tui.screens.session_editor import SessionEditorScreen
from mentor_tui.screens.session_forms import ActionItemScreen
from mentor_tui.services import checkins
from mentor_tui.services import sessions as svc
from mentor_tui.services.actions import carried_items
from mentor_tui.services.pairs import create_pair
from mentor_tui.services.profile import set_up_profile
from tests.ui.conftest import settle

SESSION_BUDGET = 10  # keys besides the text: the target
CHECKIN_BUDGET = 5


class Keyboard:
    """Presses keys and types text, counting each apart."""

    def __init__(self, pilot: Pilot) -> None:
        self.pilot, self.keys, self.typed = pilot, [], 0

    async def key(self, *keys: str) -> None:
        for key in keys:
            self.keys.append(key)
            await self.pilot.press(key)
            await settle(self.pilot)

    async def type(self, text: str) -> None:
        self.typed += len(text)
        await self.pilot.press(*text)


async def test_a_session_logged_from_the_dashboard_in_ten_keys(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        keyboard = Keyboard(pilot)
        await keyboard.key("t")  # today's session: none yet, so one is planned for now
        assert isinstance(app.screen, SessionEditorScreen)
        await keyboard.type("Review the RFC")  # the cursor starts in the agenda
        await keyboard.key("alt+2")
        await keyboard.type("Ada walked through the design")
        await keyboard.key("alt+4")
        await keyboard.type("Ask for review early")
        await keyboard.key("alt+5", "a")
        assert isinstance(app.screen, ActionItemScreen)
        await keyboard.type("Send the RFC to the reviewers")
        await keyboard.key("tab")  # to the due date, typed over the default
        await keyboard.type("2026-11-27")
        await keyboard.key("enter")  # saves the item; the owner is the mentee by default
        assert isinstance(app.screen, SessionEditorScreen)
        await keyboard.key("ctrl+s")
        assert keyboard.keys == ["t", "alt+2", "alt+4", "alt+5", "a", "tab", "enter", "ctrl+s"]
        assert len(keyboard.keys) <= SESSION_BUDGET
        session_id = app.screen.session_id
    row = svc.get_session(store, session_id)
    assert (row.agenda, row.shared_notes, row.takeaways) == (
        "Review the RFC",
        "Ada walked through the design",
        "Ask for review early",
    )
    assert row.starts_at == store.clock.now().replace(minute=30)  # 09:30, now
    [item] = carried_items(store, pair.id)
    assert (item.item.title, item.item.owner_id, item.item.due_on) == (
        "Send the RFC to the reviewers",
        pair.mentee.id,
        date(2026, 11, 27),
    )
    assert item.item.session_id == session_id


async def test_t_opens_the_session_already_planned_today(make_app, store, pair):
    today = svc.schedule_session(store, pair.id, "2026-11-16 08:00")  # New York: 13:00 UTC
    svc.schedule_session(store, pair.id, "2026-11-17 08:00")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, SessionEditorScreen)
        assert app.screen.session_id == today.id
        app.screen.query_one(TabbedContent).active = "tab-actions"
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        # The default due date: the day before the next session.
        assert app.screen.query_one("#due").value == "2026-11-16"
    assert len(svc.list_sessions(store, pair.id).upcoming) == 2


async def test_a_checkin_in_five_keys(make_app, store):
    set_up_profile(store, "Ada Lovelace", "Europe/Berlin")
    pair = create_pair(
        store, partner_name="Grace Hopper", partner_timezone="America/New_York", my_role="mentee"
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        keyboard = Keyboard(pilot)
        await keyboard.key("s", "k")
        assert isinstance(app.screen, CheckInScreen)
        await keyboard.type("Ask early")
        await keyboard.key("enter")  # enter moves on to the next question
        await keyboard.type("Send the RFC")
        await keyboard.key("enter")
        await keyboard.type("4")
        await keyboard.key("enter")  # the last one saves
        assert not isinstance(app.screen, CheckInScreen)
        assert keyboard.keys == ["s", "k", "enter", "enter", "enter"]
        assert len(keyboard.keys) <= CHECKIN_BUDGET
    answered = checkins.latest_checkin(store, pair.id)
    assert answered is not None
    assert (answered.lesson, answered.next_goal, answered.last_goal_rating) == (
        "Ask early",
        "Send the RFC",
        4,
    )


# Every tab: the fields Tab goes through, in order, and round again.
TAB_ORDER = {
    1: ("tab-agenda", ["agenda"]),
    2: ("tab-notes", ["shared_notes"]),
    3: ("tab-private", ["private_notes"]),
    4: ("tab-outcomes", ["takeaways", "accomplishments", "roadblocks"]),
    5: ("tab-actions", ["items-table"]),
    6: ("tab-feedback", ["feedback-table"]),  # the table of entries (del deletes one)
}


async def test_tab_order_in_every_tab_of_the_editor(make_app, store, pair):
    session = svc.schedule_session(store, pair.id, "2026-11-16 08:00")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(SessionEditorScreen(session.id))
        await settle(pilot)
        for number, (pane, fields) in TAB_ORDER.items():
            await pilot.press(f"alt+{number}")
            await settle(pilot)
            assert app.screen.query_one(TabbedContent).active == pane
            seen = [app.focused.id if app.focused else None]
            for _ in range(len(fields)):
                await pilot.press("tab")
                seen.append(app.focused.id if app.focused else None)
            assert seen == [*fields, fields[0]], pane
            if len(fields) > 1 or number <= 4:
                assert all(isinstance(w, TextArea) for w in app.screen.focus_chain), pane
            for _ in range(len(fields)):
                await pilot.press("shift+tab")
            assert app.focused is not None and app.focused.id == fields[0]


async def test_alt_digit_from_a_terminal_switches_tabs_and_types_nothing(make_app, store, pair):
    """A terminal sends alt+1 as ESC 1: a key that also carries the character "1", which a
    focused TextArea would insert. The tab keys are priority bindings: nothing is typed."""
    session = svc.schedule_session(store, pair.id, "2026-11-16 08:00")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(SessionEditorScreen(session.id))
        await settle(pilot)
        editor = app.screen
        assert app.focused is not None and app.focused.id == "agenda"
        app.post_message(events.Key("alt+4", "4"))
        await settle(pilot)
        assert editor.query_one(TabbedContent).active == "tab-outcomes"
        assert app.focused is not None and app.focused.id == "takeaways"
        assert editor.query_one("#agenda", TextArea).text == ""
        assert editor.query_one("#takeaways", TextArea).text == ""
        assert not editor.is_dirty()


async def test_tab_order_on_a_session_my_partner_scheduled(make_app, store, pair):
    """Their fields are read-only beside my notes: Tab goes between my two fields only."""
    from tests.ui.test_session_notes_ui import _as_synced

    theirs = _as_synced(
        store,
        MentoringSession(
            pair_id=pair.id,
            starts_at=datetime(2026, 11, 20, 14, tzinfo=UTC),
            timezone="Europe/Berlin",
            shared_notes="Ada's summary",
            origin=pair.partner.id,
        ),
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(SessionEditorScreen(theirs.id))
        await settle(pilot)
        seen = [app.focused.id if app.focused else None]
        for _ in range(2):
            await pilot.press("tab")
            seen.append(app.focused.id if app.focused else None)
        assert seen == ["my_notes", "my_takeaways", "my_notes"]
        await pilot.press("alt+2")
        await settle(pilot)
        assert app.screen.query_one(TabbedContent).active == "tab-actions"
        assert app.focused is not None and app.focused.id == "items-table"


async def test_the_same_session_with_keys_every_terminal_sends(make_app, store, pair):
    """xterm, tmux and most terminals send alt+4 as ESC 4, which Textual reads as "¢" (the
    macOS option character): ctrl+pagedown moves to the next tab everywhere."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keyboard = Keyboard(pilot)
        await keyboard.key("t")
        await keyboard.type("Review the RFC")
        await keyboard.key("ctrl+pagedown")
        await keyboard.type("Ada walked through the design")
        await keyboard.key("ctrl+pagedown", "ctrl+pagedown")  # past the private notes
        await keyboard.type("Ask for review early")
        await keyboard.key("ctrl+pagedown", "a")
        assert isinstance(app.screen, ActionItemScreen)
        await keyboard.type("Send the RFC to the reviewers")
        await keyboard.key("enter")
        assert isinstance(app.screen, SessionEditorScreen)
        await keyboard.key("ctrl+s")
        assert len(keyboard.keys) <= SESSION_BUDGET
        session_id = app.screen.session_id
    row = svc.get_session(store, session_id)
    assert row.agenda == "Review the RFC"
    assert row.shared_notes == "Ada walked through the design"
    assert row.takeaways == "Ask for review early"


async def test_ctrl_pageup_goes_back_a_tab_and_wraps(make_app, store, pair):
    session = svc.schedule_session(store, pair.id, "2026-11-16 08:00")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(SessionEditorScreen(session.id))
        await settle(pilot)
        tabs = app.screen.query_one(TabbedContent)
        await pilot.press("ctrl+pageup")
        await settle(pilot)
        assert tabs.active == "tab-feedback"
        await pilot.press("ctrl+pagedown")
        await settle(pilot)
        assert tabs.active == "tab-agenda"
        assert app.focused is not None and app.focused.id == "agenda"
