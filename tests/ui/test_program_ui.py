"""The coordinator's screens driven by keys: Program (filter, sort, find, charts) and
Matching (suggestions, rules, proposing), from a fixture view; names shown literally."""

from __future__ import annotations

from dataclasses import replace

from mentor_tui.screens.matching import MatchingScreen
from mentor_tui.screens.program import ProgramScreen
from mentor_tui.widgets.record_table import RecordTable
from tests.program_view import HOSTILE, coordinator_view
from tests.ui.conftest import settle


def keys(table: RecordTable) -> list[str]:
    return [key.value or "" for key in table.rows]


async def test_program_filters_and_sorts(make_app, pair) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = ProgramScreen(coordinator_view())
        app.push_screen(screen)
        await settle(pilot)
        table = screen.query_one(RecordTable)
        assert set(keys(table)) == {f"p{n}" for n in range(1, 9)}
        assert keys(table)[:2] == ["p2", "p3"]  # most flags first, then the mentee's name
        await pilot.press("f")  # the first flag: no session for 21 days
        await settle(pilot)
        assert keys(table) == ["p2"]
        await pilot.press("f", "f")  # overdue milestones
        await settle(pilot)
        assert keys(table) == ["p3"]
        await pilot.press("x", "s")  # the first site, alphabetically: Berlin
        await settle(pilot)
        assert set(keys(table)) == {"p1", "p2", "p4", "p7"}
        await pilot.press("x", "h")  # the first cohort: 2026-H1
        await settle(pilot)
        assert set(keys(table)) == {"p6", "p7"}
        await pilot.press("x", "o")  # sort by mentee
        await settle(pilot)
        assert keys(table) == [f"p{n}" for n in range(1, 9)]
        table.move_cursor(row=7)  # Oli, with Pam
        await pilot.press("m")
        await settle(pilot)
        assert keys(table) == ["p8"]
        await pilot.press("m", "slash", *"ev")
        await settle(pilot)
        assert keys(table) == ["p3"]
        await pilot.press("escape", "g", "g")  # back to the table; the charts cycle
        await settle(pilot)
        assert screen.chart == "outcomes"
        svg = app.export_screenshot().replace("&#160;", " ")
        assert "\x1b" not in svg and "\x07" not in svg
        assert "Eve [/y]\\x1b]0;x\\x07" in svg
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ProgramScreen)


async def test_program_without_a_program_says_so(make_app, pair) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ProgramScreen())  # no program package, or no program in this home
        await settle(pilot)
        svg = app.export_screenshot().replace("&#160;", " ")
        assert "No program here: `mentor program setup`" in svg


async def test_matching_ranks_and_proposes(make_app, pair) -> None:
    proposed: list[tuple[str, str]] = []
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        screen = MatchingScreen(
            coordinator_view(), on_propose=lambda mentee, mentor: proposed.append((mentee, mentor))
        )
        app.push_screen(screen)
        await settle(pilot)
        mentees = screen.query_one("#match-mentees", RecordTable)
        suggestions = screen.query_one("#match-suggestions", RecordTable)
        # Kim (her pair closed: rotation), Quinn, Rae (her proposal was declined) and Tia
        # (either); not Oli, whose proposal is pending.
        assert keys(mentees) == ["kim", "quinn", "rae", "tia"]
        assert keys(suggestions)[-1] == "lou"  # Kim's mentor before: last
        assert "paired before" not in str(screen.query_one("#match-reasons").render())
        await pilot.press("down")
        await settle(pilot)
        assert keys(suggestions)[0] == "sam"
        svg = app.export_screenshot().replace("&#160;", " ")
        assert "skills: Python, SQL wanted here and offered there" in svg
        await pilot.press("enter")  # to the suggestions
        await pilot.press("enter")  # propose Sam for Quinn
        await settle(pilot)
        assert proposed == [("quinn", "sam")]
        assert keys(mentees) == ["kim", "rae", "tia"]  # Quinn is in a pending pair now
        # The rules: capacity off, then the site rule moves along.
        await pilot.press("k", "t")
        await settle(pilot)
        assert not screen.rules.respect_capacity and screen.rules.same_site == "prefer"


async def test_matching_says_when_proposing_is_not_possible(make_app, pair) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = MatchingScreen(coordinator_view())  # the program package is not there
        app.push_screen(screen)
        await settle(pilot)
        await pilot.press("tab", "a")
        await settle(pilot)
        shown = " ".join(str(n.message) for n in app._notifications)
        assert "`mentor program setup`" in shown


async def test_open_program_with_no_pair_of_ones_own(make_app, me) -> None:
    """`mentor --open program` for a coordinator without a pair: the Program screen, not
    the new-pair charter."""
    app = make_app(start_in="program")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProgramScreen)


async def test_matching_shows_a_hostile_name_literally(make_app, pair) -> None:
    view = coordinator_view()
    zed = replace(view.participants["quinn"], person_id="zed", name=HOSTILE + " [b]x")
    view.participants["zed"] = zed
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(MatchingScreen(view))
        await settle(pilot)
        svg = app.export_screenshot().replace("&#160;", " ")
        assert "\x1b" not in svg and "\x07" not in svg
        assert "Eve [/y]\\x1b]0;x\\x07 [b]x" in svg
        assert app.is_running


def coordinate_a_program(home, me) -> None:
    """`me` coordinates a program (its state only: no remote is read by these tests)."""
    import uuid

    from mentor_tui.program.state import ProgramState, save_state

    save_state(
        home,
        ProgramState(
            str(uuid.uuid4()), "coordinator", "git", "/nowhere", me.id, me.id, "", name="P"
        ),
    )


async def test_a_coordinator_without_a_pair_starts_on_the_program(make_app, me, home) -> None:
    """A coordinator has no pair of their own: the app opens on their program, not on the
    new-pair form, and says in the header whom they are."""
    from mentor_tui.screens.charter import CharterScreen

    coordinate_a_program(home, me)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProgramScreen)
        assert not any(isinstance(s, CharterScreen) for s in app.screen_stack)
        assert "coordinating" in app.pair_caption().plain


async def test_a_coordinator_without_a_pair_sees_no_pair_keys(make_app, me, home) -> None:
    """Without a pair, the area keys, the pair switch and the charter do nothing: the footer
    does not offer them, and pressing them leaves the Program screen where it is."""
    coordinate_a_program(home, me)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProgramScreen)
        shown = {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}
        # (g, m and s are the Program screen's own keys: charts, mentor, site)
        assert not shown & {"j", "d", "P", "y", "right_square_bracket", "c"}
        for key in ("j", "d", "right_square_bracket", "c"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, ProgramScreen)
            assert app.is_running


async def test_the_cohort_in_words_scrolls_in_a_small_terminal(make_app, pair) -> None:
    """At 80x24 the figures in words do not fit beside the plot: they scroll, by keyboard."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ProgramScreen(coordinator_view()))
        await settle(pilot)
        words = app.screen.query_one("#program-words-scroll")
        assert words.max_scroll_y > 0
        words.focus()
        await pilot.press("end")
        # "end" scrolls after the next refresh, animated: waiting for "idle" alone saw it at
        # 0.0 and 3.8 of 4 on a busy machine. Wait for that refresh (the scroll has begun:
        # callbacks run in order), then for the animation to end.
        await words.wait_for_refresh()
        await pilot.wait_for_scheduled_animations()
        await settle(pilot)
        assert words.scroll_y == words.max_scroll_y > 0
