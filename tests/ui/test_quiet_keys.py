"""A keystroke in an editor stays cheap: no database read for the live hints, and hints
that did not change ask for no new layout."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets import Static

from mentor_tui.screens.goal_editor import GoalEditorScreen
from mentor_tui.services import profile
from mentor_tui.services.profile import ViewerToday
from mentor_tui.widgets.quiet import update_static
from tests.ui.conftest import settle


def test_viewer_today_reads_the_zone_once_and_follows_the_clock(store, me, clock, monkeypatch):
    reads: list[object] = []
    real = profile.get_me
    monkeypatch.setattr(profile, "get_me", lambda s: reads.append(s) or real(s))
    today = ViewerToday(store)
    first = today()
    assert first == profile.viewer_today(store)  # New York: the same day as the service
    clock.advance(hours=24)
    assert (today() - first).days == 1  # midnight still moves it
    assert len(reads) == 2  # once for ViewerToday, once for the service above


async def test_typing_in_the_goal_editor_reads_no_profile(make_app, store, pair, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(GoalEditorScreen(pair, None))
        await settle(pilot)
        reads: list[object] = []
        monkeypatch.setattr(profile, "get_me", lambda s: reads.append(s))
        await pilot.press(*"Talk")
        app.screen.query_one("#due_on").focus()
        await pilot.press(*"in 6 weeks")
        await settle(pilot)
        assert reads == []
        hint = str(app.screen.query_one("#due_on-hint", Static).render())
        assert hint.startswith("→ ") and "✓" in hint  # the hint still follows the typing


@pytest.mark.parametrize(
    ("before", "after", "updated"),
    [
        ("same", "same", False),
        (Text("same", style="green"), Text("same", style="green"), False),
        (Text("same", style="green"), Text("same", style="red"), True),  # Text == ignores it
        (Text("same"), Text.assemble(("same", "bold")), True),
        ("same", Text("same"), True),
        ("", "now", True),
    ],
)
def test_update_static_skips_only_what_shows_the_same(
    before: str | Text, after: str | Text, updated: bool
) -> None:
    class Counting(Static):
        updates = 0

        def update(self, content="", *, layout: bool = True) -> None:  # type: ignore[override]
            self.updates += 1

    widget = Counting(before)
    update_static(widget, after)
    assert widget.updates == int(updated)
