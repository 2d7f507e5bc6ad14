"""At 80x24 every footer shows whole keys: none is cut at the edge or hidden under the
command palette's key, on every area and in the session editor."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from mentor_tui.areas import AREAS
from tests.ui.conftest import settle


def footer_line(app) -> str:
    strips = app.screen._compositor.render_strips()
    return "".join(segment.text for segment in strips[-1])


def assert_whole_keys(app) -> list[str]:
    keys = list(app.screen.query(FooterKey))
    palette = [key for key in keys if key.has_class("-command-palette")]
    edge = min([key.region.x for key in palette] or [app.size.width])
    line = footer_line(app)
    shown = []
    for key in keys:
        if key in palette:
            continue
        assert key.region.right <= edge, f"{key.key_display} {key.description} is cut: {line!r}"
        words = f"{key.key_display} {key.description}".strip()
        assert words in line, (words, line)
        shown.append(words)
    # The line ends on a whole word: after the last key only blanks up to the palette.
    assert line[:edge].rstrip().endswith(shown[-1]), line
    return shown


@pytest.mark.parametrize("area", [area.key for area in AREAS])
async def test_each_area_footer_fits_80_columns(demo_store, make_app, area):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(area)
        await settle(pilot)
        shown = assert_whole_keys(app)
        assert "? Help" in shown  # help lists every key that had no room
        here = next(a for a in AREAS if a.key == area)
        assert f"{here.key} {here.title}" not in shown  # the area on screen: no key to it


async def test_the_session_editor_footer_fits_80_columns(demo_store, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)  # the list is read in a worker: Enter needs its rows
        await pilot.press("enter")
        await settle(pilot)
        assert "alt+N Tab N" in assert_whole_keys(app)
        await pilot.press("alt+5")
        await settle(pilot)
        assert_whole_keys(app)
