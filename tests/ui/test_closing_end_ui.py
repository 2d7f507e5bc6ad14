"""A program length in the charter, and the Dashboard near the planned end: one choice
sets the planned end from the start (the date stays editable); within two weeks of it the
Dashboard says so and f opens the final review; once closed, f shows both side by side.
Nothing closes on its own."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Select

from mentor_tui.models.enums import PairStatus
from mentor_tui.screens.charter import CharterScreen
from mentor_tui.screens.closing import FinalReviewScreen
from mentor_tui.screens.closing_review import ClosingReviewScreen
from mentor_tui.services.closing import close_pair
from mentor_tui.services.pairs import get_pair, list_pairs, update_charter
from tests.ui.conftest import settle


def screen_text(app) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def _choose(pilot, select_id: str, ups: int) -> None:
    pilot.app.screen.query_one(select_id, Select).focus()
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press(*["up"] * ups, "enter")
    await settle(pilot)


async def test_a_length_sets_the_planned_end_and_the_date_stays_editable(make_app, store, me):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CharterScreen)
        await pilot.press(*"Ada Lovelace")
        ends = screen.query_one("#planned_end_on", Input)
        length = screen.query_one("#length", Select)
        assert (length.value, ends.value) == ("open", "")
        await _choose(pilot, "#length", 3)  # open-ended -> a year -> six months -> a quarter
        assert length.value == "quarter"
        assert ends.value == "2027-02-16"  # today (16 Nov in New York) + a quarter
        # The start moves: a chosen length moves the end with it.
        starts = screen.query_one("#starts_on", Input)
        starts.value = "2026-11-30"
        await settle(pilot)
        assert ends.value == "2027-02-28"
        # A date typed by hand is a date of one's own.
        ends.value = "2027-03-15"
        await settle(pilot)
        assert length.value == Select.NULL
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CharterScreen)
    (view,) = list_pairs(store)
    assert (view.pair.starts_on, view.pair.planned_end_on) == (
        date(2026, 11, 30),
        date(2027, 3, 15),
    )


async def test_editing_a_charter_shows_its_length(make_app, store, pair):
    update_charter(store, pair.id, starts_on=date(2026, 6, 1), planned_end_on=date(2027, 6, 1))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.query_one("#length", Select).value == "year"


async def test_the_dashboard_says_the_end_is_near_and_offers_the_final_review(
    make_app, store, pair
):
    update_charter(store, pair.id, planned_end_on=date(2026, 11, 21))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        # In the Next session panel (it wraps there at 120 columns).
        assert "The planned end is in 5 days (Sat 21 Nov): time for" in shown
        assert "the final review (f)." in shown
        assert " f Final review " in shown  # the footer offers the key
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FinalReviewScreen)
        await pilot.press("escape")
        await settle(pilot)
    assert get_pair(store, pair.id).pair.status == PairStatus.ACTIVE  # nothing closed


async def test_far_from_the_end_the_dashboard_says_nothing_and_f_does_nothing(
    make_app, store, pair
):
    update_charter(store, pair.id, planned_end_on=date(2027, 5, 16))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "planned end" not in screen_text(app)
        assert "Final review" not in screen_text(app)
        await pilot.press("f")
        await settle(pilot)
        assert not isinstance(app.screen, FinalReviewScreen)


async def test_a_closed_pair_dashboard_opens_both_reviews(make_app, store, pair):
    close_pair(store, pair.id, achieved="the parser shipped", again=4)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Closed Mon 16 Nov: read-only. Final reviews (f)." in screen_text(app)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, ClosingReviewScreen)
        shown = screen_text(app)
        assert "the parser shipped" in shown
        assert "waiting for Ada Lovelace's review (it arrives with sync)" in shown
