"""The Progress screen: P opens it on the chosen pair, the figures in words beside each
chart are the service's sentences, w switches weeks and months; plotext stays off the
app's first frame."""

from __future__ import annotations

import subprocess
import sys

from textual.widgets import Sparkline, Static

from mentor_tui.screens.progress import CHARTS, ProgressScreen
from mentor_tui.services.progress import load_progress
from tests.ui.conftest import settle


async def test_progress_shows_charts_and_the_figures_in_words(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        progress = load_progress(demo_store, app.pair_id)
        shown = " ".join(
            str(screen.query_one(f"#words-{chart.name}", Static).render()) for chart in CHARTS
        )
        flat = " ".join(shown.split())
        for words in progress.sentences.values():
            assert words in flat
        assert "cadence kept 83%" in flat
        head = str(screen.query_one("#progress-head", Static).render())
        assert head.startswith("Progress by month")
        await pilot.press("w")
        await settle(pilot)
        assert str(screen.query_one("#progress-head", Static).render()).startswith(
            "Progress by week"
        )
        await pilot.press("d")
        await settle(pilot)
        assert app.current_mode == "dashboard"


async def test_progress_of_a_pair_with_nothing_yet(pair, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        head = str(screen.query_one("#progress-head", Static).render())
        assert head.startswith("Progress by month · 1 month ·")
        words = str(screen.query_one("#words-sessions", Static).render())
        assert "cadence kept: too early to say" in " ".join(words.split())
        assert not app._notifications  # nothing failed to load


async def test_the_dashboard_has_a_sparkline_of_sessions(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sparkline = app.screen.query_one(Sparkline)
        assert list(sparkline.data or []) == [0] * 8 + [1, 2, 2, 0]  # Dec 2025 to Nov 2026
        words = str(app.screen.query_one("#progress-trend .trend-words", Static).render())
        assert words == "cadence kept 83% (P: progress)"


def test_plotext_is_not_loaded_for_the_first_frame(tmp_path):
    script = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from mentor_tui.app import MentorApp\n"
        "from mentor_tui.models.db import Store\n"
        "from mentor_tui.demo.builder import write_demo\n"
        f"home = Path({str(tmp_path / 'home')!r})\n"
        "store = Store.open_home(home)\n"
        "write_demo(store, as_role='mentor')\n"
        "async def main():\n"
        "    app = MentorApp(store=store, home=home)\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await app.workers.wait_for_complete()\n"
        "        await pilot.pause()\n"
        "        print('textual_plotext' in sys.modules, 'plotext' in sys.modules)\n"
        "asyncio.run(main())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False False"
