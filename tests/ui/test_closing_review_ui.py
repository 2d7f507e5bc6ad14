"""The closing review side by side from the app: the palette opens it, the partner's
column waits for sync, e changes my review (prefilled), and on an open pair it says that
writing the review closes it."""

from __future__ import annotations

from textual.widgets import Input

from mentor_tui.models.enums import PairStatus
from mentor_tui.screens.closing import FinalReviewScreen
from mentor_tui.screens.closing_review import ClosingReviewScreen
from mentor_tui.services.closing import load_closing
from mentor_tui.services.pairs import get_pair
from tests.ui.closing_story import closed_pair
from tests.ui.conftest import settle
from tests.ui.test_closing_end_ui import screen_text


async def _palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*words)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_e_changes_my_review_from_the_side_by_side(make_app, store, pair):
    closed_pair(store, pair, partner=False)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Final reviews side by side")
        assert isinstance(app.screen, ClosingReviewScreen)
        shown = screen_text(app)
        assert "waiting for Ada Lovelace's review (it arrives with sync)" in shown
        assert "Would do it again: 5/5" in shown
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FinalReviewScreen)
        assert form.query_one("#next_steps", Input).value == "Own a design review end to end."
        again = form.query_one("#again", Input)
        assert again.value == "5"
        again.focus()
        await pilot.press("backspace", "3", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClosingReviewScreen)
        assert "Would do it again: 3/5" in screen_text(app)
    mine = load_closing(store, pair.id).mine
    assert mine is not None and mine.again == 3
    assert mine.next_steps == "Own a design review end to end."


async def test_an_open_pair_side_by_side_says_the_review_closes_it(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Final reviews side by side")
        assert isinstance(app.screen, ClosingReviewScreen)
        shown = screen_text(app)
        assert "Still open: writing your final review (e) closes it" in shown
        assert "You have not written your final review yet: e writes it." in shown
        assert "Next mentorship" not in shown  # n only once closed
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ClosingReviewScreen)
    assert get_pair(store, pair.id).pair.status == PairStatus.ACTIVE
