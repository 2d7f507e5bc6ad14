"""How search everything looks on the demo pair, wide and small. Frozen clock, no cursor
blink, workers finished."""

from __future__ import annotations

from tests.ui.conftest import settle


async def _search_retry(pilot) -> None:
    await settle(pilot)
    await pilot.press("slash", *"retry")
    await settle(pilot)


def test_search_everything(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_search_retry)


def test_search_everything_small(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_search_retry)
