"""How the Progress screen looks on the demo pair at both terminal sizes (frozen clock,
workers finished: plotext draws the same characters every run)."""

from __future__ import annotations

from tests.ui.conftest import settle


async def _on_progress(pilot) -> None:
    await settle(pilot)
    await pilot.press("P")
    await settle(pilot)
    await settle(pilot)  # the words' heights settle the scroll area's layout


def test_progress_on_the_demo_pair(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_on_progress)


def test_progress_in_a_small_terminal(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_on_progress)
