"""Hostile stored text on every screen: Rich and Textual markup, unbalanced tags, terminal
escape sequences (CSI, OSC title/clipboard/hyperlink, DCS), BEL, bidi overrides, very long
text, emoji and combining marks, in every field a user or a partner can fill.

Every screen must open without an exception, and nothing the data holds may reach the
terminal raw. Two checks per screen:
- as the user sees it (the app's control-code filter on): the text the compositor sends
  for the whole screen (the screens behind a modal included) holds no ESC and no BEL;
- the screens' own work (the filter off): everything drawn, except the text boxes that
  hold a value being edited, holds no control character: stored text was made visible.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Input, Select, TextArea

from mentor_tui.app import MentorApp
from mentor_tui.clock import FrozenClock
from mentor_tui.models.db import Store
from mentor_tui.services.goals import create_goal
from mentor_tui.services.milestones import MilestoneView
from mentor_tui.services.pairs import create_pair
from mentor_tui.services.text import UNSAFE
from tests.conftest import FROZEN_NOW
from tests.ui.conftest import settle
from tests.ui.hostile_data import hostile, long_hostile, write_hostile_data


def drawn_by_screens(app: MentorApp) -> str:
    """Everything the current screen's widgets draw, but for the boxes being edited,
    with the app's last-guard filter off."""
    app.control_filter.enabled = False
    try:
        parts = []
        for widget in app.screen.query("*"):
            if not widget.display or widget.region.area == 0:
                continue
            if isinstance(widget, Input | TextArea) or any(
                isinstance(a, Input | TextArea) for a in widget.ancestors
            ):
                continue
            width, height = widget.region.size
            for strip in widget.render_lines(Region(0, 0, width, height)):
                parts.extend(segment.text for segment in strip if not segment.control)
        return "".join(parts)
    finally:
        app.control_filter.enabled = True


def sent_to_terminal(app: MentorApp) -> str:
    """The text of the whole screen as the terminal would be sent it, control filter on.

    The same full update `export_screenshot` renders, less its SVG: that export keeps the
    text of every segment but the control ones (Textual's own cursor moves), and the title.
    """
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    # Control segments included (the SVG leaves them out): the terminal gets them too.
    drawn = (segment.text for line in update.strips for strip in line for segment in strip)
    return app.title + "".join(drawn)


def assert_safe(app: MentorApp, where: str) -> None:
    assert app.is_running, f"{where}: the app stopped"
    sent = sent_to_terminal(app)
    assert "\x1b" not in sent and "\x07" not in sent, f"{where}: a raw escape reaches the terminal"
    drawn = drawn_by_screens(app)
    found = UNSAFE.search(drawn)
    assert found is None, f"{where}: {found[0]!r} drawn raw near {drawn[found.start() - 30 :]!r}"


def trash_some(store: Store, entry_id: str, milestone: MilestoneView) -> Screen[None]:
    """Recently deleted, with hostile titles in it."""
    from mentor_tui.screens.trash import TrashScreen
    from mentor_tui.services.journal import delete_journal_entry
    from mentor_tui.services.milestones import delete_milestone

    delete_journal_entry(store, entry_id)
    delete_milestone(store, milestone.milestone.id)
    return TrashScreen()


async def visit_every_screen(home: Path, ids: dict[str, str], size: tuple[int, int]) -> None:
    from mentor_tui.screens.brief import BriefScreen
    from mentor_tui.screens.goal_editor import GoalEditorScreen
    from mentor_tui.screens.journal_editor import JournalEditorScreen
    from mentor_tui.screens.milestone_forms import DoneScreen, MilestoneFormScreen
    from mentor_tui.screens.review import ReviewScreen
    from mentor_tui.screens.session_editor import SessionEditorScreen
    from mentor_tui.screens.templates import TemplatesScreen
    from mentor_tui.screens.wins import WinsScreen
    from mentor_tui.services.goals import list_goals
    from mentor_tui.services.milestones import goal_milestones
    from mentor_tui.widgets.confirm import ConfirmScreen
    from mentor_tui.widgets.record_table import RecordTable

    store = Store.open_home(home, FrozenClock(FROZEN_NOW))
    app = MentorApp(store=store, home=home)
    try:
        async with app.run_test(size=size, notifications=True) as pilot:
            await settle(pilot)
            assert_safe(app, "dashboard")
            for mode in ("goals", "milestones", "sessions", "journal", "sync", "progress"):
                app.switch_mode(mode)
                await settle(pilot)
                assert_safe(app, mode)
            app.switch_mode("dashboard")
            await settle(pilot)
            pair = app.pair
            assert pair is not None
            goals = list_goals(store, pair.id)
            milestone = next(v for v in goal_milestones(store, ids["goal"]))
            screens = {
                "goal editor": lambda: GoalEditorScreen(pair, ids["goal"]),
                "new milestone": lambda: MilestoneFormScreen(goals, None, ids["goal"]),
                "milestone form": lambda: MilestoneFormScreen(goals, milestone.milestone, None),
                "done form": lambda: DoneScreen(milestone.milestone),
                "session editor": lambda: SessionEditorScreen(ids["session"]),
                "partner's session": lambda: SessionEditorScreen(ids["theirs"]),
                "journal editor": lambda: JournalEditorScreen(pair, ids["entry"]),
                "review": lambda: ReviewScreen(ids["goal"]),
                "wins": WinsScreen,
                "brief": lambda: BriefScreen(ids["pair"]),
                "confirm": lambda: ConfirmScreen(f"Drop “{goals[0].goal.title}”?"),
                "templates": TemplatesScreen,
                # Last: it deletes the entry and the milestone the screens above open.
                "recently deleted": lambda: trash_some(store, ids["entry"], milestone),
            }
            for number, (where, build) in enumerate(screens.items()):
                # Each takes the last one's place over the dashboard: popping back to it in
                # between would reload it (as every showing does) a dozen times, unchecked,
                # on the same data, a third of the walk's time. Popped after the last.
                if number == 0:
                    await app.push_screen(build())
                else:
                    await app.switch_screen(build())
                await settle(pilot)
                assert_safe(app, where)
                for select in app.screen.query(Select):
                    select.expanded = True  # the options, stored titles among them
                    await settle(pilot)
                    assert_safe(app, f"{where}, {select.id} open")
                    select.expanded = False
                if where == "templates":  # the hostile one's title and text in the preview
                    table = app.screen.query_one("#templates-table", RecordTable)
                    table.move_cursor(row=table.get_row_index("agenda/hostile"))
                    await settle(pilot)
                    assert_safe(app, f"{where}, mine previewed")
                    assert "hostile" in str(table.selected_key)
                if where == "session editor":
                    tabs = app.screen.query_one("TabbedContent")
                    for tab in ("tab-notes", "tab-partner", "tab-actions", "tab-feedback"):
                        tabs.active = tab  # type: ignore[attr-defined]
                        await settle(pilot)
                        assert_safe(app, f"{where}, {tab}")
            app.pop_screen()
            await settle(pilot)
            for where, action in (
                ("charter", app.action_edit_charter),
                ("pair picker", app.action_pick_pair),
                ("help", app.action_help),
            ):
                action()
                await settle(pilot)
                assert_safe(app, where)
                app.pop_screen()
                await settle(pilot)
            app.notify(f"Pair started: {pair.label}", title=pair.label)
            await settle(pilot)
            assert_safe(app, "a toast")
            app.action_command_palette()
            await settle(pilot)
            await pilot.press(*"switch to")
            await settle(pilot)  # the search is a worker: settle waits for its hits
            assert_safe(app, "the palette, searched")
            await pilot.press("escape")
            await settle(pilot)
            assert_safe(app, "back on the dashboard")
    finally:
        store.close()


SIZES = ((120, 40), (80, 24))
EXPLOITS = [
    "\x1b]0;PWNED\x07\x1b[41m x",
    "\x1b[2J\x1b[H",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x1bP+q544e\x1b\\",
    "\u202eevil\u2066",
]
MARKUP = ["Eve [/y]", "[/z] Bad goal", "[OKR] Reduce p99", "[@click=app.quit]x[/]", "[bold]"]


def walk(size: tuple[int, int], strings: list[str], long: str) -> None:
    with tempfile.TemporaryDirectory() as where:
        home = Path(where)
        ids = write_hostile_data(home, strings, long)
        asyncio.run(visit_every_screen(home, ids, size))


# Each case is a whole walk through the app, about thirty screens and states: the two
# chosen cases and one generated one, each filling its thirty-odd fields with different
# hostile strings. Three tests rather than one, so that parallel workers share them. The
# renderers themselves get hundreds of generated strings in tests/unit/test_visible_text.py.
@pytest.mark.parametrize(
    ("size", "strings", "long"),
    [
        ((120, 40), EXPLOITS, "\x1b[41m" + "x" * 10_000),
        ((80, 24), MARKUP, "[bold]unclosed [/y]"),
    ],
    ids=["escapes-120x40", "markup-80x24"],
)
def test_hostile_text_on_every_screen(size: tuple[int, int], strings: list[str], long: str) -> None:
    walk(size, strings, long)


@settings(
    max_examples=1,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    size=st.sampled_from(SIZES),
    strings=st.lists(hostile, min_size=10, max_size=40),
    long=long_hostile,
)
def test_generated_hostile_text_on_every_screen(
    size: tuple[int, int], strings: list[str], long: str
) -> None:
    walk(size, strings, long)


async def test_partner_named_with_markup_then_n(make_app, store, me) -> None:
    create_pair(store, partner_name="Ada Lovelace", partner_timezone="UTC")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Eve [/y]", "ctrl+s")
        await settle(pilot)
        assert app.is_running
        assert "Eve [/y]" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("n")
        await settle(pilot)
        assert app.is_running


async def test_escape_codes_in_a_title_show_as_text(make_app, store, pair) -> None:
    create_goal(store, pair.id, title="\x1b]0;PWNED\x07\x1b[41m x")
    create_goal(store, pair.id, title="[OKR] Reduce p99")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        svg = app.export_screenshot().replace("&#160;", " ")
        assert "\x1b" not in svg and "\x07" not in svg
        assert "\\x1b]0;PWNED\\x07\\x1b[41m x" in svg
        assert "[OKR] Reduce p99" in svg


async def test_a_screens_toast_with_a_hostile_name_is_plain_text(make_app) -> None:
    """Screens call Widget.notify with f-strings holding names (matching, closing, intake,
    templates); it reaches MentorApp.notify, which turns markup off and shows escapes."""
    from mentor_tui.screens.matching import MatchingScreen
    from tests.program_view import coordinator_view
    from tests.ui.conftest import settle

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = MatchingScreen(coordinator_view())
        app.push_screen(screen)
        await settle(pilot)
        screen.notify("Proposed Eve [/y] \x1b]0;PWNED\x07 to mentor [b]x[/b]: both are invited.")
        await settle(pilot)
        shown = [n.message for n in app._notifications]
        assert shown[-1] == (
            "Proposed Eve [/y] \\x1b]0;PWNED\\x07 to mentor [b]x[/b]: both are invited."
        )
