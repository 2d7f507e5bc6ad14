"""Goals by keyboard: write a goal, fail and pass the SMART check, propose and approve,
unsaved changes and drafts, the review with both sides. Assertions go through services."""

from __future__ import annotations

from datetime import date

import pytest
from rich.text import Text
from textual.widgets import Static

from mentor_tui.models.enums import GoalStatus
from mentor_tui.screens.goal_editor import GoalEditorScreen
from mentor_tui.screens.goals import GoalsScreen
from mentor_tui.screens.review import AssessScreen, ReviewScreen
from mentor_tui.services.goal_drafts import load_goal_draft
from mentor_tui.services.goal_history import changes_since_approval
from mentor_tui.services.goals import create_goal, list_goals, propose_goal
from mentor_tui.services.milestones import add_milestone, mark_milestone_done
from mentor_tui.services.pairs import create_pair
from mentor_tui.services.review import assess_milestone, review_rows
from mentor_tui.widgets.confirm import ConfirmScreen
from mentor_tui.widgets.record_table import RecordTable
from tests.ui.conftest import settle

MARKUP = "[bold]x[/bold] [link=http://x]y[/]"


@pytest.fixture
def mentee_pair(store, me):
    """I (Grace, in this store) am the mentee; my mentor approves goals."""
    return create_pair(
        store, partner_name="Katherine Johnson", my_role="mentee", purpose="Lead a design review"
    )


def hint(app, name: str) -> str:
    return str(app.screen.query_one(f"#{name}-hint", Static).render())


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(c, c) for c in text])


async def test_write_a_smart_goal_from_nothing_by_keyboard(make_app, store, mentee_pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, GoalEditorScreen)
        await type_text(pilot, "Speak up")
        await pilot.press("tab")
        await type_text(pilot, "improve")
        await pilot.press("tab")
        await type_text(pilot, "people listen")
        await settle(pilot)
        assert hint(app, "specific").startswith('✗ vague: "improve"')
        assert hint(app, "measurable").startswith("✗ no number")
        assert hint(app, "due_on").startswith("✗ no date")
        # Proposing a vague goal saves it as a draft and says why it cannot go further.
        await pilot.press("ctrl+r")
        await settle(pilot)
        (view,) = list_goals(store, mentee_pair.id)
        assert (view.goal.title, view.goal.specific) == ("Speak up", "improve")
        assert view.goal.status == GoalStatus.DRAFT
        error = str(app.screen.query_one("#form-error", Static).render())
        assert error.startswith("cannot propose yet: not SMART yet: Specific: vague")
        # Follow the hints, field by field.
        await pilot.press("shift+tab")
        await pilot.press(*["backspace"] * len("improve"))
        await type_text(pilot, "Give a 20 minute talk on the retry design at the guild")
        await pilot.press("tab", "end")
        await type_text(pilot, ": 1 talk, 10 attendees")
        await pilot.press("tab")
        await type_text(pilot, "Two evenings a week, Katherine reviews the slides")
        await pilot.press("tab")
        await type_text(pilot, "The charter aim: lead a design review")
        await pilot.press("tab")
        await type_text(pilot, "someday")
        await settle(pilot)
        assert hint(app, "due_on").startswith("✗ cannot read 'someday' as a date")
        assert app.screen.query_one("#due_on").value == "someday", "the typed text stays"
        await pilot.press(*["backspace"] * len("someday"))
        await type_text(pilot, "in 6 weeks")
        await settle(pilot)
        assert hint(app, "due_on").startswith("→ Mon 28 Dec 2026 (in 6 weeks) ✓")
        for name in ("specific", "measurable", "achievable", "relevant"):
            assert hint(app, name) == "✓", name
        await pilot.press("ctrl+r")
        await settle(pilot)
        (view,) = list_goals(store, mentee_pair.id)
        assert view.goal.status == GoalStatus.PROPOSED
        assert view.goal.due_on == date(2026, 12, 28)
        assert view.goal.measurable == "people listen: 1 talk, 10 attendees"
        state = str(app.screen.query_one("#goal-state", Static).render())
        assert "waiting for the mentor (Katherine Johnson) to approve" in state
        assert not app.screen.query_one("#advance").display, "the mentee cannot approve"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)


async def test_the_mentor_approves_and_sees_the_diff_since(make_app, store, pair):
    goal = create_goal(
        store,
        pair.id,
        title="Talk",
        specific="Give a 20 minute talk at the guild",
        measurable="1 talk given",
        achievable="two evenings a week",
        relevant="the charter aim of speaking up",
        due_on=date(2027, 1, 29),
    )
    propose_goal(store, goal.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GoalEditorScreen)
        assert str(app.screen.query_one("#advance").label) == "Approve (ctrl+r)"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert list_goals(store, pair.id)[0].goal.status == GoalStatus.APPROVED
        assert not app.screen.query_one("#goal-changes").display
        app.screen.query_one("#measurable").focus()
        await pilot.press("end", *["backspace"] * len("1 talk given"))
        await type_text(pilot, "2 talks given")
        await pilot.press("ctrl+s")
        await settle(pilot)
        changes = app.screen.query_one("#goal-changes", Static)
        assert changes.display
        # The removed words (struck through) next to the added ones.
        assert "Measurable: 1 talk→2 talks given" in str(changes.render())
    (diff,) = changes_since_approval(store, goal.id)
    assert diff.plain() == "[-1 talk-]{+2 talks+} given"


async def test_unsaved_changes_ask_first_and_a_draft_survives_a_crash(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("a")
        await type_text(pilot, "Half-written goal")
        await pilot.press("tab")
        await type_text(pilot, "[bold]x[/bold]")
        await pilot.pause(0.8)  # the autosave runs half a second after the last key
        await settle(pilot)
        draft = load_goal_draft(store, None, pair.id)
        assert draft["title"] == "Half-written goal" and draft["specific"] == "[bold]x[/bold]"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, GoalEditorScreen), "keep editing"
        # The app dies here: nothing was saved to the database...
    assert list_goals(store, pair.id) == []
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        # ... and the next open brings the typing back.
        assert app.screen.query_one("#title").value == "Half-written goal"
        assert app.screen.query_one("#specific").text == "[bold]x[/bold]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert load_goal_draft(store, None, pair.id) is None, "saving discards the draft"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen), "nothing unsaved: no question"
    assert [v.goal.title for v in list_goals(store, pair.id)] == ["Half-written goal"]


async def test_bad_input_in_the_editor_keeps_the_text(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#specific").load_text("s" * 10_000)
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(app.screen.query_one("#form-error", Static).render())
        assert error == "not saved: the goal's title is empty; type a few words"
        assert app.screen.query_one("#specific").text == "s" * 10_000
        await type_text(pilot, MARKUP)
        await pilot.press("ctrl+s")
        await pilot.press("escape")
        await settle(pilot)
        cell = app.screen.query_one(RecordTable).get_row_at(0)[0]
        assert isinstance(cell, Text) and cell.plain == MARKUP
    (view,) = list_goals(store, pair.id)
    assert (view.goal.title, len(view.goal.specific)) == (MARKUP, 10_000)


async def test_assess_from_both_sides_and_see_the_disagreement(make_app, store, pair):
    goal = create_goal(store, pair.id, title="Give a talk")
    outline = add_milestone(store, goal.id, title="Outline")
    add_milestone(store, goal.id, title="Slides")
    mark_milestone_done(store, outline.id, evidence="docs/outline.md")
    # Ada's self-assessment, as her synced record would bring it.
    assess_milestone(store, outline.id, score=5, comment="nailed it", person_id=pair.mentee.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AssessScreen)
        await type_text(pilot, "9")
        await pilot.press("enter")
        await settle(pilot)
        error = str(app.screen.query_one("#form-error", Static).render())
        assert error == "a score is a whole number from 1 to 5, not '9'"
        await pilot.press("backspace")
        await type_text(pilot, "2")
        await pilot.press("tab")
        await type_text(pilot, "too long for 20 minutes")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        title = str(app.screen.query_one("#review-title", Static).render())
        assert "1 disagreement" in title
        first = app.screen.query_one(RecordTable).get_row_at(0)
        assert first[0].plain.startswith("≠ Outline")
        detail = str(app.screen.query_one("#review-detail", Static).render())
        assert "They disagree: marked done, but the mentor scored it 2/5" in detail
        assert "Self-assessment: 5/5 nailed it" in detail
    row = review_rows(store, goal.id).rows[0]
    assert (row.mentee.score, row.mentor.score, row.mentor.comment) == (
        5,
        2,
        "too long for 20 minutes",
    )


async def test_the_partners_synced_goal_is_read_only_but_approvable(make_app, store, pair):
    from mentor_tui.models.tables import Goal

    goal = create_goal(
        store,
        pair.id,
        title="Ada's talk",
        specific="Give a 20 minute talk",
        measurable="1 talk given",
        achievable="two evenings a week",
        relevant="the charter aim of speaking up",
        due_on=date(2027, 1, 29),
    )
    with store.write() as session:  # as sync brings it from Ada's folder
        row = session.get(Goal, goal.id)
        row.origin, row.status = pair.mentee.id, "proposed"
        session.add(row)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#specific").read_only
        assert app.screen.query_one("#title").disabled
        assert "Ada Lovelace's goal, read-only here" in str(
            app.screen.query_one("#goal-state", Static).render()
        )
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(RecordTable).get_row_at(0)[1].plain == "approved"
    assert list_goals(store, pair.id)[0].goal.status == GoalStatus.APPROVED
