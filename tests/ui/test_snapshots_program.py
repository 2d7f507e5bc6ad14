"""How the coordinator's screens look on the fixture program (eight pairs, four people to
match, a hostile name) at both terminal sizes: frozen clock, workers finished."""

from __future__ import annotations

from mentor_tui.screens.matching import MatchingScreen
from mentor_tui.screens.program import ProgramScreen
from tests.program_view import coordinator_view
from tests.ui.conftest import settle


async def _on_program(pilot) -> None:
    await settle(pilot)
    pilot.app.push_screen(ProgramScreen(coordinator_view()))
    await settle(pilot)
    await settle(pilot)  # the plot's size settles with the layout


async def _on_matching(pilot) -> None:
    await settle(pilot)
    pilot.app.push_screen(MatchingScreen(coordinator_view()))
    await settle(pilot)
    await pilot.press("down")  # Quinn: the suggestions with every kind of reason
    await settle(pilot)


def test_program(snap_compare, pair, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_on_program)


def test_program_in_a_small_terminal(snap_compare, pair, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_on_program)


def test_matching(snap_compare, pair, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_on_matching)


def test_matching_in_a_small_terminal(snap_compare, pair, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_on_matching)
