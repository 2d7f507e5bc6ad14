"""Whether a screen works without a chosen pair is said twice: in areas.py (the app's keys
and `--open` read it without importing the screen) and by the screen (NEEDS_PAIR, read as
it loads). They must agree."""

from __future__ import annotations

import importlib

from mentor_tui.areas import AREAS, OVERLAYS


def test_areas_and_their_screens_agree_on_needing_a_pair():
    for area in AREAS:
        screen = importlib.import_module(area.module).SCREEN
        assert area.needs_pair == screen.NEEDS_PAIR, area.mode


def test_overlays_and_their_screens_agree_on_needing_a_pair():
    for shown in OVERLAYS:
        screen = getattr(importlib.import_module(shown.module), shown.class_name)
        if hasattr(screen, "NEEDS_PAIR"):  # an area-like screen (others ask for no pair)
            assert shown.needs_pair == screen.NEEDS_PAIR, shown.name
