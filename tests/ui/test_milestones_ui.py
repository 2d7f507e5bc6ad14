"""The milestone tracker by keyboard: add, done with evidence, reorder, delete with a
confirmation, filters and the timeline. Assertions go through services."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from mentor_tui.screens.milestone_forms import DoneScreen, MilestoneFormScreen
from mentor_tui.screens.milestones import MilestonesScreen
from mentor_tui.services.goals import create_goal, get_goal
from mentor_tui.services.milestones import add_milestone, goal_milestones
from mentor_tui.widgets.record_table import RecordTable
from tests.ui.conftest import settle

MARKUP = "[bold]x[/bold] [link=http://x]y[/]"


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(c, c) for c in text])


def titles(store, goal_id: str) -> list[str]:
    return [v.milestone.title for v in goal_milestones(store, goal_id)]


async def open_milestones(pilot) -> None:
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MilestonesScreen)


async def test_add_then_mark_done_with_evidence(make_app, store, pair):
    goal = create_goal(store, pair.id, title="Give a talk")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_milestones(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, MilestoneFormScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(app.screen.query_one("#form-error", Static).render())
        assert error == "not saved: the milestone's title is empty; type a few words"
        await type_text(pilot, "Send the outline")
        await pilot.press("tab")
        await type_text(pilot, "next fri")
        await settle(pilot)
        assert str(app.screen.query_one("#due-hint", Static).render()) == (
            "→ Fri 20 Nov 2026 (in 4 days)"
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MilestonesScreen)
        (view,) = goal_milestones(store, goal.id)
        assert (view.milestone.title, view.milestone.due_on) == (
            "Send the outline",
            date(2026, 11, 20),
        )
        assert app.screen.query_one(RecordTable).get_row_at(0)[2].plain == "at risk"
        await pilot.press("space")
        await settle(pilot)
        assert isinstance(app.screen, DoneScreen)
        await type_text(pilot, MARKUP)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MilestonesScreen)
        row = app.screen.query_one(RecordTable).get_row_at(0)
        assert row[5].plain == "[bold]x[/bold] [lin…", "evidence shown as typed (cut)"
        assert not row[5].spans, "no markup was interpreted"
    (view,) = goal_milestones(store, goal.id)
    assert (view.milestone.status, view.milestone.done_on) == ("done", date(2026, 11, 16))
    assert view.milestone.evidence == MARKUP
    assert get_goal(store, goal.id).progress == 1.0


async def test_reorder_within_a_goal_and_delete_with_undo(make_app, store, pair):
    goal = create_goal(store, pair.id, title="Give a talk")
    for title in ("Outline", "Slides", "Rehearse"):
        add_milestone(store, goal.id, title=title)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_milestones(pilot)
        await pilot.press("shift+down")
        await settle(pilot)
        assert titles(store, goal.id) == ["Outline", "Slides", "Rehearse"], "needs one goal"
        await pilot.press("o")  # the goal filter: its own order, which shift+arrows change
        await settle(pilot)
        await pilot.press("shift+down")
        await settle(pilot)
        assert titles(store, goal.id) == ["Slides", "Outline", "Rehearse"]
        await pilot.press("shift+down")
        await settle(pilot)
        assert titles(store, goal.id) == ["Slides", "Rehearse", "Outline"]
        table = app.screen.query_one(RecordTable)
        assert [table.get_row_at(i)[0].plain for i in range(3)] == ["Slides", "Rehearse", "Outline"]
        assert table.cursor_row == 2, "the cursor follows the moved milestone"
        # Delete at once, with a notice that u takes it back (no question to answer).
        await pilot.press("x")
        await settle(pilot)
        assert titles(store, goal.id) == ["Slides", "Rehearse"]
        assert any("Deleted milestone “Outline”" in str(n.message) for n in app._notifications)
        await pilot.press("u")
        await settle(pilot)
        assert titles(store, goal.id) == ["Slides", "Rehearse", "Outline"]
        await pilot.press("delete")  # the Delete key does the same as x
        await settle(pilot)
    assert len(titles(store, goal.id)) == 2


async def test_filters_and_timeline(make_app, store, pair):
    talk = create_goal(store, pair.id, title="Give a talk")
    post = create_goal(store, pair.id, title="Write a post")
    add_milestone(store, talk.id, title="Outline", due_on=date(2026, 11, 18))
    add_milestone(store, talk.id, title="Slides", due_on=date(2026, 11, 25), status="in_progress")
    add_milestone(store, post.id, title="Draft", due_on=date(2026, 11, 10))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_milestones(pilot)
        table = app.screen.query_one(RecordTable)

        def first_column() -> list[str]:
            return [table.get_row_at(i)[0].plain for i in range(table.row_count)]

        assert first_column() == ["Draft", "Outline", "Slides"]
        summary = str(app.screen.query_one("#milestone-filters", Static).render())
        assert summary.startswith("3 milestones · 1 overdue · 1 at risk")
        await pilot.press("f", "f")  # any -> planned -> in progress
        await settle(pilot)
        assert first_column() == ["Slides"]
        await pilot.press("f", "f", "f", "o", "o")  # back to any status; the second goal
        await settle(pilot)
        assert first_column() == ["Draft"]
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert first_column() == [
            "▸ 2026-W46  09 Nov – 15 Nov",
            "Draft",
            "▸ 2026-W47  16 Nov – 22 Nov",
            "Outline",
            "▸ 2026-W48  23 Nov – 29 Nov",
            "Slides",
        ]
        progress = str(app.screen.query_one("#goal-progress", Static).render())
        assert "0/2 Give a talk" in progress and "0/1 Write a post" in progress


async def test_the_partners_milestone_says_read_only_before_any_form(make_app, store, pair):
    from mentor_tui.models.tables import Milestone
    from mentor_tui.screens.milestones import MilestonesScreen
    from mentor_tui.services.goals import create_goal
    from mentor_tui.services.milestones import add_milestone

    goal = create_goal(store, pair.id, title="Ada's goal")
    theirs = add_milestone(store, goal.id, title="Ada's milestone")
    with store.write(preserve_stamps=True) as session:  # as sync stores the partner's record
        session.get(Milestone, theirs.id).origin = pair.mentee.id
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        for key in ("space", "e", "x"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, MilestonesScreen), key
        messages = [str(n.message) for n in app._notifications]
        assert any("comes from Ada Lovelace's side (sync) and is read-only" in m for m in messages)
