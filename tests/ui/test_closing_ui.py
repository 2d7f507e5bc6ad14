"""Closing from the app: the Final review form from the palette closes the pair; after
that a write is refused in the form's one error line; reopening from the palette."""

from __future__ import annotations

from textual.widgets import Static

from mentor_tui.models.enums import PairStatus
from mentor_tui.screens.closing import FinalReviewScreen
from mentor_tui.screens.goal_editor import GoalEditorScreen
from mentor_tui.services.closing import load_closing
from mentor_tui.services.goals import list_goals
from mentor_tui.services.pairs import get_pair
from tests.ui.conftest import settle

REFUSED = (
    "the mentorship with Ada Lovelace is closed (2026-11-16); reopen it with `mentor pair reopen`"
)


async def _palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*words)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_final_review_from_the_palette_then_the_record_is_read_only(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Final review")
        assert isinstance(app.screen, FinalReviewScreen)
        await pilot.press(*"the parser shipped", "enter", *"weekly notes", "enter")
        await pilot.press(*"more pairing", "enter", *"lead a review", "enter", "5", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, FinalReviewScreen)
        assert app.pair is not None and app.pair.pair.status == PairStatus.CLOSED
        # A write to the closed pair: the goal form stays open with the one line.
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, GoalEditorScreen)
        await pilot.press(*"One more", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalEditorScreen)
        line = str(app.screen.query_one("#form-error", Static).render())
        assert REFUSED in line
    mine = load_closing(store, pair.id).mine
    assert mine is not None
    assert (mine.achieved, mine.next_steps, mine.again) == (
        "the parser shipped",
        "lead a review",
        5,
    )
    assert list_goals(store, pair.id) == []


async def test_reopen_from_the_palette(make_app, store, pair):
    from mentor_tui.services.closing import close_pair

    close_pair(store, pair.id, achieved="done")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Reopen the mentorship")
        await settle(pilot)
        assert app.pair is not None and app.pair.pair.status == PairStatus.ACTIVE
    assert get_pair(store, pair.id).pair.status == PairStatus.ACTIVE


async def test_closing_with_a_hostile_partner_name_toasts_it_as_plain_text(make_app, store, me):
    """The real closing path's f-string toast (screens/closing.py `saved`) with a partner
    named in markup and escape codes: the app keeps running and shows the name literally
    (MentorApp.notify turns markup off for every toast, a screen's included)."""
    from mentor_tui.services.pairs import create_pair

    create_pair(store, partner_name="Eve [/y] \x1b]0;PWNED\x07", partner_timezone="UTC")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await _palette(pilot, "Final review")
        assert isinstance(app.screen, FinalReviewScreen)
        await pilot.press(*"shipped", "enter", *"notes", "enter", *"pairing", "enter")
        await pilot.press(*"a review", "enter", "5", "enter")
        await settle(pilot)
        assert app.is_running and app.pair is not None
        assert app.pair.pair.status == PairStatus.CLOSED
        shown = [n.message for n in app._notifications]
        assert (
            "Closed the mentorship with Eve [/y] \\x1b]0;PWNED\\x07: the record is now read-only."
            in shown
        )
