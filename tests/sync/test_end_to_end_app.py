"""The end-to-end flow from the app, through each backend: each side syncs from its own
app by keys (y, then r), the mentor assesses from the Review screen by keys, and the
mentee's Review screen shows the mentor's column, with the disagreement marked."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.sync.helpers import connect
from tests.ui.conftest import settle


@pytest.fixture(params=["git", "webdav"])
def remote(request, bare_repo):
    if request.param == "git":
        return "git", bare_repo
    return "webdav", request.getfixturevalue("dav")


async def _settle(pilot) -> None:
    await settle(pilot)  # workers (a sync included) done, and a quiet screen


async def _sync_from_the_app(side) -> str:
    """Open the app on this side's home, press y then r, and return what it reported."""
    from mentor_tui.app import MentorApp

    app = MentorApp(store=side.store, home=side.home)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("y")
        await _settle(pilot)
        await pilot.press("r")
        await _settle(pilot)
        return str(app.screen.query_one("#sync-progress", Static).render())


async def test_two_homes_from_the_app(remote, mentor, mentee):
    from mentor_tui.app import MentorApp
    from mentor_tui.screens.review import ReviewScreen
    from mentor_tui.services.goals import create_goal
    from mentor_tui.services.journal import add_journal_entry
    from mentor_tui.services.milestones import add_milestone, mark_milestone_done
    from mentor_tui.services.review import assess_milestone, review_rows

    kind, where = remote
    connect(kind, mentor, mentee, where)
    goal = create_goal(mentee.store, mentee.pair.id, title="Ship the parser rewrite")
    milestone = add_milestone(mentee.store, goal.id, title="Benchmarks [bold]first[/]")
    mark_milestone_done(mentee.store, milestone.id, evidence="https://example.com/pr/42")
    assess_milestone(mentee.store, milestone.id, score=5, comment="Nailed it")
    add_journal_entry(mentee.store, "Arenas beat malloc here.", shared=True, pair_id=mentee.pair.id)

    assert "Published" in await _sync_from_the_app(mentee)
    assert "Took in " in await _sync_from_the_app(mentor)  # "Nothing new from ..." when none

    # The mentor sees the mentee's milestone in the review and assesses it by keys.
    app = MentorApp(store=mentor.store, home=mentor.home)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        app.push_screen(ReviewScreen(goal.id))
        await _settle(pilot)
        assert "Benchmarks [bold]first[/]" in str(
            app.screen.query_one("#review-table").get_row_at(0)[0]
        )
        await pilot.press("a")
        await _settle(pilot)
        await pilot.press("2", "tab", *"Numbers without a baseline", "enter")
        await _settle(pilot)
        assert isinstance(app.screen, ReviewScreen)

    await _sync_from_the_app(mentor)
    assert "Took in " in await _sync_from_the_app(mentee)
    [row] = review_rows(mentee.store, goal.id).rows
    assert row.mentor is not None and row.mentor.score == 2
    assert row.mentor.comment == "Numbers without a baseline"
    assert row.disagreement  # marked done and self-scored 5, the mentor says 2
