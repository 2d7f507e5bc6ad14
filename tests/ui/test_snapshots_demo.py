"""How `mentor --demo` looks from each side: Grace's home (Ada's shared records, read-only,
none of her private ones) and Ada's own. A copy of the cached two-home build, the frozen
clock, no cursor blink, workers finished."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.clock import FrozenClock
from mentor_tui.demo.cache import demo_homes
from mentor_tui.demo.homes import DemoHomes
from mentor_tui.models.db import Store
from tests.conftest import FROZEN_NOW
from tests.ui.conftest import settle


@pytest.fixture
def homes(tmp_path: Path, demo_cache: Path) -> DemoHomes:
    return demo_homes(tmp_path / "demo", FrozenClock(FROZEN_NOW), demo_cache)


@pytest.fixture
def demo_app(homes: DemoHomes) -> Iterator:
    stores: list[Store] = []

    def make(side: str, start_in: str = "dashboard") -> MentorApp:
        home = homes.home_for(side)
        stores.append(Store.open_home(home, FrozenClock(FROZEN_NOW)))
        return MentorApp(store=stores[-1], home=home, demo=True, start_in=start_in)

    yield make
    for store in stores:
        store.close()


def test_demo_dashboard_as_grace(snap_compare, demo_app):
    assert snap_compare(demo_app("mentor"), terminal_size=(120, 40), run_before=settle)


def test_demo_dashboard_as_ada(snap_compare, demo_app):
    assert snap_compare(demo_app("mentee"), terminal_size=(120, 40), run_before=settle)


def test_demo_journal_as_grace_shows_only_what_ada_shared(snap_compare, demo_app):
    assert snap_compare(demo_app("mentor", "journal"), terminal_size=(120, 40), run_before=settle)
