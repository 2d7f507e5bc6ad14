"""Helpers for Pilot and snapshot tests: an app on the test's store, and a way to let it
settle (workers finished, cursor blink off) instead of sleeping."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from mentor_tui.app import MentorApp


@pytest.fixture
def make_app(store, home):
    def make(**options) -> MentorApp:
        return MentorApp(store=store, home=home, **options)

    return make


async def settle(pilot: Pilot) -> None:
    """Wait until every worker is done and the screen has been refreshed."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()
