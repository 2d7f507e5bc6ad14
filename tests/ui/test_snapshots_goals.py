"""How goals and milestones look on the demo pair (Ada's side, the mentee): the goals list,
the SMART editor with hints, the milestone tracker and its timeline, the review and the
wins wall. Frozen clock, no cursor blink, workers finished."""

from __future__ import annotations

import pytest

from tests.ui.conftest import settle


@pytest.fixture
def demo_mentee(store):
    from mentor_tui.demo.builder import write_demo

    write_demo(store, as_role="mentee")
    return store


def _keys(*keys: str, text: str = ""):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if text:
            for line in text.split("\t"):
                await pilot.press(*[{" ": "space"}.get(c, c) for c in line])
                await pilot.press("tab")
            await settle(pilot)

    return run_before


def test_goals_list(snap_compare, demo_mentee, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_keys("g"))


def test_goals_list_small(snap_compare, demo_mentee, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_keys("g"))


def test_editor_with_hints(snap_compare, demo_mentee, make_app):
    typed = "Speak up\tget better at communication\tpeople listen to me\t\t\tsomeday"
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_keys("g", "a", text=typed))


def test_milestones_tracker(snap_compare, demo_mentee, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_keys("m"))


def test_milestones_timeline(snap_compare, demo_mentee, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_keys("m", "t"))


def test_review(snap_compare, demo_mentee, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_keys("g", "r", "down"))


def test_review_small(snap_compare, demo_mentee, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_keys("g", "r", "down"))


def test_wins_wall(snap_compare, demo_mentee, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_keys("g", "w"))


def test_editor_with_the_diff_since_approval(snap_compare, demo_mentee, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_keys("g", "enter"))
