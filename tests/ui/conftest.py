"""Helpers for Pilot and snapshot tests: an app on the test's store, and a way to let it
settle (workers finished, cursor blink off) instead of sleeping."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from textual.worker import Worker, WorkerCancelled, WorkerError, WorkerFailed

from mentor_tui.app import MentorApp


@pytest.fixture
def make_app(store, home):
    def make(**options) -> MentorApp:
        return MentorApp(store=store, home=home, **options)

    return make


async def _finished(worker: Worker[object]) -> None:
    """Wait for one worker, however it ends. A worker that fails or is cancelled on purpose
    is the app's to handle (a refused write becomes a toast); one that fails unhandled stops
    the app, and the test sees that when it leaves `run_test`. Worker.wait raises for those
    ends, and for a worker not started yet: on a busy machine the wait can reach a worker
    before it has started or ended, where a quiet one finds it gone (the next round waits
    for it)."""
    with contextlib.suppress(WorkerFailed, WorkerCancelled, WorkerError):
        await worker.wait()


async def workers_finished(pilot: Pilot) -> None:
    """Every worker of the app ended (app.workers.wait_for_complete, but not raising for
    the failures the app handles itself)."""
    await asyncio.gather(*[_finished(worker) for worker in list(pilot.app.workers)])


async def settle(pilot: Pilot) -> None:
    """Wait until the Store is open, every worker is done (workers that start others
    included) and the screen has been refreshed."""
    app = pilot.app
    quiet_rounds = 0
    for round_number in range(200):
        await workers_finished(pilot)
        await pilot.pause()
        # A busy machine can finish the Store's opening in the last of a fixed number of
        # rounds, before the screen's load worker has even started: wait for a quiet spell.
        opening = getattr(app, "ready", True) is False and getattr(app, "start_error", 1) is None
        quiet_rounds = 0 if len(app.workers) or opening else quiet_rounds + 1
        if round_number >= 2 and quiet_rounds >= 2:
            break
    blinking = [
        widget
        for widget in pilot.app.screen.query("Input, TextArea")
        if isinstance(widget, Input | TextArea) and widget.cursor_blink
    ]
    for widget in blinking:
        widget.cursor_blink = False
    if blinking:  # else the loop's last pause has already refreshed the quiet screen
        await pilot.pause()
