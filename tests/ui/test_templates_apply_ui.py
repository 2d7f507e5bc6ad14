"""Templates applied in one key where they are used (issue 11): ctrl+t in the goal editor
fills only the empty fields from a goal template (a choice among several), the feedback
form shows a feedback prompt set, the assessment form shows the rubric; the Templates
screen shares mine (s) and copies the partner's (c). Assertions go through services."""

from __future__ import annotations

from textual.widgets import Input, Static, TextArea

from mentor_tui.models.tables import SharedTemplate
from mentor_tui.screens.goal_editor import GoalEditorScreen
from mentor_tui.screens.review import AssessScreen, ReviewScreen
from mentor_tui.screens.session_forms import FeedbackScreen
from mentor_tui.screens.template_picker import TemplatePickerScreen
from mentor_tui.screens.templates import TemplatesScreen
from mentor_tui.services import sessions as svc
from mentor_tui.services.goals import create_goal, list_goals
from mentor_tui.services.milestones import add_milestone, goal_milestones
from mentor_tui.services.shared_templates import shared_in_pair
from mentor_tui.services.templates import find_template, write_template
from mentor_tui.widgets.record_table import RecordTable
from tests.ui.conftest import settle


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_goal_template_fills_only_the_empty_fields(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, GoalEditorScreen)
        editor.query_one("#specific", TextArea).load_text("Typed by me")
        await pilot.press("ctrl+t")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, TemplatePickerScreen)  # two built-in goal templates
        assert [t.ref for t in picker.templates] == ["goal/lead-a-project", "goal/learn-a-skill"]
        await pilot.press("2")
        await settle(pilot)
        assert app.screen is editor
        values = editor.values()
        assert values["title"] == "Learn (the skill) well enough to use it at work"
        assert values["specific"] == "Typed by me"  # never overwritten
        assert values["measurable"].startswith("What will show it")
        assert values["relevant"].startswith("Why this skill")
        await pilot.press("ctrl+t", "1")  # every field has text now: nothing changes
        await settle(pilot)
        assert editor.values() == values
        await pilot.press("ctrl+s")
        await settle(pilot)
    [view] = list_goals(store, pair.id)
    assert view.goal.specific == "Typed by me"
    assert view.goal.title == "Learn (the skill) well enough to use it at work"
    assert [m.milestone.title for m in goal_milestones(store, view.goal.id)] == [
        "Pick the course, book or project to learn from",
        "Finish a first small exercise",
        "Use the skill on real work and get a review of it",
    ]


async def test_a_goal_template_on_a_full_goal_says_so_in_one_line(make_app, store, pair, home):
    write_template(home, "goal", "lead-a-project", "# Ours\n\n## Specific\nOurs\n")
    goal = create_goal(store, pair.id, title="Set", specific="Mine")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(GoalEditorScreen(pair, goal.id))
        await settle(pilot)
        editor = app.screen
        before = editor.values()
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, TemplatePickerScreen)
        await pilot.press("1")  # lead-a-project: only Specific, which has text
        await settle(pilot)
        assert editor.values() == before
        assert "Every field has text already" in str([n.message for n in app._notifications][-1])


async def test_the_feedback_form_shows_the_feedback_prompt_set(make_app, store, pair, home):
    session = svc.schedule_session(store, pair.id, "2026-11-24 08:00")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(FeedbackScreen(session.id))
        await settle(pilot)
        await pilot.press("ctrl+t")  # one prompt set is for feedback: shown at once
        await settle(pilot)
        shown = text_of(app, "#feedback-prompts")
        assert "Feedback prompts" in shown and "What did you observe?" in shown
        assert "What should Ada Lovelace keep doing?" in shown  # {partner} filled
        assert app.screen.query_one("#observation", Input).value == ""  # nothing typed for me
        write_template(home, "prompts", "my-feedback", "# [b]Mine[/b]\n- Ask {mentee}\n")
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, TemplatePickerScreen)
        assert [t.name for t in app.screen.templates] == ["feedback", "my-feedback"]
        await pilot.press("2")
        await settle(pilot)
        shown = text_of(app, "#feedback-prompts")
        assert "[b]Mine[/b]" in shown and "Ask Ada Lovelace" in shown  # literal


async def test_the_assessment_form_shows_the_rubric(make_app, store, pair, home):
    goal = create_goal(store, pair.id, title="Give a talk")
    add_milestone(store, goal.id, title="Outline")
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
        shown = text_of(app, "#rubric")
        assert "Milestone scores, 1 to 5" in shown and "5: done alone" in shown
        assert "ctrl+t" not in shown  # one rubric: nothing to choose
        await pilot.press("ctrl+t")  # the only one again
        await settle(pilot)
        assert isinstance(app.screen, AssessScreen)
        await pilot.press("escape")
        await settle(pilot)
        talks = "# Talk scores\n- 5: {mentee} would give it again\n"
        write_template(home, "rubric", "talks", talks)
        await pilot.press("a")
        await settle(pilot)
        assert "ctrl+t: another rubric" in text_of(app, "#rubric")
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, TemplatePickerScreen)
        await pilot.press("2")
        await settle(pilot)
        assert "5: Ada Lovelace would give it again" in text_of(app, "#rubric")
        assert app.screen.query_one("#score", Input).value == ""


async def test_share_mine_and_copy_the_partners_in_the_templates_screen(
    make_app, store, pair, home
):
    write_template(home, "agenda", "one-on-one", "# Our 1:1\n- wins\n")
    with store.write(preserve_stamps=False) as session:  # as Ada's synced record would
        session.add(
            SharedTemplate(
                pair_id=pair.id,
                kind="prompts",
                name="adas-questions",
                body="# Ada's questions\n- [red]what now?[/red]\n",
                shared_by=pair.partner.id,
                origin=pair.partner.id,
            )
        )
    app = make_app(start_in="templates")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TemplatesScreen)
        assert "1 from your partner" in text_of(app, "#templates-summary")
        table = screen.query_one(RecordTable)
        keys = [row.value for row in table.rows]
        table.move_cursor(row=keys.index("agenda/one-on-one"))
        await pilot.press("s")
        await settle(pilot)
        assert shared_in_pair(store, pair.id).mine == {"agenda/one-on-one"}
        assert "1 shared" in text_of(app, "#templates-summary")
        keys = [row.value for row in table.rows]
        table.move_cursor(row=keys.index("partner:prompts/adas-questions"))
        await settle(pilot)
        preview = text_of(app, "#template-preview")
        assert "from Ada Lovelace" in preview and "[red]what now?[/red]" in preview
        await pilot.press("c")
        await settle(pilot)
    copied = find_template(home, "prompts/adas-questions")
    assert copied.mine and copied.title == "Ada's questions"
