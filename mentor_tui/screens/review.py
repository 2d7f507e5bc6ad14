"""The side-by-side review of one goal: per milestone, the mentee's status, self-score and
evidence on the left, the mentor's score and comment on the right, disagreements marked.

It shows whatever assessments the database holds, whoever recorded them (with sync the
partner's come in as read-only records). `a` records my own assessment of a milestone;
its form shows the evaluation rubric (the milestone-score one first; ctrl+t picks
another when there are several).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Label, Static

from mentor_tui.models.tables import Assessment
from mentor_tui.screens.base import AreaScreen
from mentor_tui.screens.form import FormModal, Job
from mentor_tui.screens.template_picker import offer
from mentor_tui.services.drafts import DraftKey
from mentor_tui.services.goals import GoalView, list_goals
from mentor_tui.services.pairs import get_pair
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.review import Review, ReviewRow, assess_milestone, review_rows
from mentor_tui.services.shared_templates import pair_library
from mentor_tui.services.template_apply import help_text, milestone_rubrics, placeholders
from mentor_tui.services.templates import Template
from mentor_tui.services.text import visible
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import one_line, status
from mentor_tui.wording import plural


@dataclass(frozen=True)
class ReviewData:
    goals: list[GoalView]
    review: Review | None
    today: date


def score_cell(assessment: Assessment | None) -> Text:
    if assessment is None:
        return Text("–", style="dim")
    style = "bold green" if assessment.score >= 4 else "bold red" if assessment.score <= 2 else ""
    return Text(f"{assessment.score}/5", style=style)


class AssessScreen(FormModal[bool]):
    """My score (1-5) and comment for one milestone; the service checks and saves."""

    LEAVE_QUESTION = "Leave without saving this assessment?"
    BINDINGS = [Binding("ctrl+t", "rubric", "Rubric", priority=True)]

    def __init__(self, milestone_id: str, title: str, mine: Assessment | None) -> None:
        super().__init__()
        self.milestone_id, self.title_text, self.mine = milestone_id, title, mine
        self.rubrics: list[Template] = []

    def draft_key(self) -> DraftKey:
        return DraftKey("assessment", None, within=self.milestone_id)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="modal-card", id="assess-card"):
            yield Static(Text(f"Assess: {self.title_text}"), classes="form-title")
            yield Label("Score, 1 (far off) to 5 (excellent)")
            yield Static("", id="rubric", classes="field-prompt")
            yield Input(str(self.mine.score) if self.mine else "", id="score", max_length=2)
            yield Label("Comment")
            yield Input(
                self.mine.comment if self.mine else "",
                id="comment",
                placeholder="what was good, what would make it a 5",
            )
            yield from self.error_and_buttons(save="Save (enter)")

    def on_mount(self) -> None:
        self.rubrics = self._rubrics()
        if self.rubrics:
            self._show_rubric(self.rubrics[0])
        self.query_one("#score", Input).focus()

    def _rubrics(self) -> list[Template]:
        library = pair_library(self.store, self.mentor.home, self.mentor.pair_id, "rubric")
        return milestone_rubrics(library.templates)

    def _show_rubric(self, template: Template) -> None:
        pair_id = self.mentor.pair_id
        values = placeholders(self.store, get_pair(self.store, pair_id)) if pair_id else {}
        text = Text(visible(template.title, one_line=True), style="bold")
        if len(self.rubrics) > 1:
            text.append("   ctrl+t: another rubric", style="dim")
        text.append(f"\n{visible(help_text(template, values))}")
        self.query_one("#rubric", Static).update(text)

    def action_rubric(self) -> None:
        offer(
            self,
            "Rubric for the score",
            self.rubrics,
            self._show_rubric,
            "No rubrics: `mentor template new rubric NAME` writes one.",
        )

    def save_job(self) -> Job:
        milestone_id = self.milestone_id
        score = self.query_one("#score", Input).value
        comment = self.query_one("#comment", Input).value
        return lambda store: assess_milestone(store, milestone_id, score=score, comment=comment)

    def saved(self, _result: object) -> None:
        self.dismiss(True)


class ReviewScreen(AreaScreen[ReviewData]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "assess", "Assess"),
        Binding("greater_than_sign", "goal(1)", "Next goal", key_display=">"),
        Binding("less_than_sign", "goal(-1)", "Prev goal", key_display="<"),
    ]

    def __init__(self, goal_id: str | None = None) -> None:
        super().__init__()
        self.goal_id = goal_id
        self.data: ReviewData | None = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="review-title", classes="screen-summary")
        yield Static(
            Text.assemble(
                ("mentee ", "bold"),
                ("status · self-score · evidence", "dim"),
                ("   ║   ", "dim"),
                ("mentor ", "bold"),
                ("score · comment", "dim"),
            ),
            id="review-legend",
        )
        yield RecordTable(
            ["Milestone", "Status", "Self", "Evidence", "║ Mentor", "Comment"],
            id="review-table",
            empty="This goal has no milestones yet.",
        )
        yield Static("", id="review-detail")

    def load(self, pair_id: str | None) -> ReviewData:
        assert pair_id is not None
        goals = list_goals(self.store, pair_id, include_dropped=True)
        ids = [view.goal.id for view in goals]
        if self.goal_id not in ids:
            with_milestones = [v.goal.id for v in goals if v.milestones_total]
            candidates = with_milestones or ids
            self.goal_id = candidates[0] if candidates else None
        review = review_rows(self.store, self.goal_id) if self.goal_id else None
        return ReviewData(goals, review, viewer_today(self.store))

    def show(self, data: ReviewData) -> None:
        self.data = data
        title = Text()
        if data.review is None:
            title.append("No goals yet: write one on the Goals screen (g, then a).")
        else:
            title.append("Review: ", style="bold")
            title.append(one_line(data.review.goal.title, 70), style="bold")
            count = data.review.disagreements
            title.append(
                f"   {plural(count, 'disagreement')}",
                style="bold red" if count else "green",
            )
            position = [v.goal.id for v in data.goals].index(data.review.goal.id) + 1
            title.append(f"   goal {position}/{len(data.goals)} (< >)", style="dim")
        self.query_one("#review-title", Static).update(title)
        narrow = self.size.width < 100
        title_width, evidence_width, comment_width = (20, 10, 12) if narrow else (32, 20, 30)
        rows = []
        for row in data.review.rows if data.review else ():
            milestone = row.milestone
            name = Text("≠ ", style="bold red") if row.disagreement else Text("  ")
            name.append(one_line(milestone.title, title_width))
            rows.append(
                (
                    milestone.id,
                    [
                        name,
                        status(milestone.status),
                        score_cell(row.mentee),
                        Text(one_line(milestone.evidence, evidence_width), style="dim"),
                        Text("║ ", style="dim") + score_cell(row.mentor),
                        Text(one_line(row.mentor.comment if row.mentor else "", comment_width)),
                    ],
                )
            )
        self.query_one(RecordTable).fill(rows)
        self._show_detail()

    def _selected(self) -> ReviewRow | None:
        if self.data is None or self.data.review is None:
            return None
        key = self.query_one(RecordTable).selected_key
        return next((r for r in self.data.review.rows if r.milestone.id == key), None)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        row = self._selected()
        detail = Text()
        if row is not None:
            if row.disagreement:
                detail.append("≠ They disagree: ", style="bold red")
                detail.append(row.disagreement + "\n")
            for label, assessment in (("Self-assessment", row.mentee), ("Mentor", row.mentor)):
                detail.append(f"{label}: ", style="bold")
                if assessment is None:
                    detail.append("not scored yet\n", style="dim")
                else:
                    detail.append(f"{assessment.score}/5 ")
                    detail.append(one_line(assessment.comment, 200) or "(no comment)")
                    detail.append("\n")
            if row.milestone.evidence:
                detail.append("Evidence: ", style="bold")
                detail.append(one_line(row.milestone.evidence, 200))
        detail.rstrip()
        self.query_one("#review-detail", Static).update(detail)

    def action_goal(self, step: int) -> None:
        if self.data is None or not self.data.goals or self.data.review is None:
            return
        ids = [view.goal.id for view in self.data.goals]
        self.goal_id = ids[(ids.index(self.data.review.goal.id) + step) % len(ids)]
        self.reload()

    def action_assess(self) -> None:
        row = self._selected()
        if row is None or self.app.pair is None:
            return
        me = self.app.pair.me_id
        mine = next((a for a in (row.mentee, row.mentor) if a and a.assessor_id == me), None)

        def saved(ok: bool | None) -> None:
            if ok:
                self.notify("Assessment saved.")
                self.reload()

        self.app.push_screen(
            AssessScreen(row.milestone.id, one_line(row.milestone.title, 60), mine), saved
        )


SCREEN = ReviewScreen
