"""How the closing review looks side by side: both reviews at 120x40, and at 80x24 while
the partner's review has not arrived. Stored text is shown literally (no markup)."""

from __future__ import annotations

from tests.ui.closing_story import closed_pair
from tests.ui.conftest import settle


async def _open_review(pilot) -> None:
    from mentor_tui.screens.palette import open_closing_review

    await settle(pilot)
    open_closing_review(pilot.app, pilot.app.pair_id)
    await settle(pilot)


def test_closing_review_side_by_side(snap_compare, store, pair, make_app):
    closed_pair(store, pair)
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_open_review)


def test_closing_review_waiting_for_the_partner_small(snap_compare, store, pair, make_app):
    closed_pair(store, pair, partner=False)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_open_review)


def test_dashboard_near_the_planned_end_small(snap_compare, demo_store, make_app):
    from datetime import date

    from mentor_tui.services.pairs import list_pairs, update_charter

    for view in list_pairs(demo_store):
        update_charter(demo_store, view.id, planned_end_on=date(2026, 11, 21))

    async def settled(pilot) -> None:
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=settled)
