"""The milestone forms: add or edit one, and mark one done with its evidence.

Pop-up forms (screens/form.py) that collect text; the milestone services check and save
it in the write worker. A refused value shows as one line under the form and everything
typed stays.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, Static

from mentor_tui.dates import due_text
from mentor_tui.errors import MentorError
from mentor_tui.models.enums import MilestoneStatus
from mentor_tui.models.tables import Milestone
from mentor_tui.screens.form import FormModal, Job
from mentor_tui.services.drafts import DraftKey
from mentor_tui.services.goals import GoalView
from mentor_tui.services.milestones import (
    add_milestone,
    mark_milestone_done,
    update_milestone,
)
from mentor_tui.services.profile import ViewerToday
from mentor_tui.services.smart import resolve_due
from mentor_tui.widgets.quiet import update_static
from mentor_tui.widgets.render import one_line, plain


class MilestoneFormScreen(FormModal[bool]):
    """Add a milestone (milestone=None) or edit one; dismisses True when saved."""

    def __init__(
        self, goals: list[GoalView], milestone: Milestone | None, goal_id: str | None
    ) -> None:
        super().__init__()
        self.goals, self.milestone = goals, milestone
        self.goal_id = milestone.goal_id if milestone else goal_id
        self._viewer_today: ViewerToday | None = None

    def draft_key(self) -> DraftKey:
        if self.milestone is not None:
            return DraftKey("milestone", self.milestone.id)
        return DraftKey("milestone", None, within=self.goal_id)

    def compose(self) -> ComposeResult:
        m = self.milestone
        with VerticalScroll(classes="modal-card", id="milestone-form"):
            yield Static("Edit milestone" if m else "New milestone", classes="form-title")
            if m is None:
                yield Label("Goal")
                options = [(plain(one_line(v.goal.title, 60)), v.goal.id) for v in self.goals]
                yield Select(
                    options,
                    id="goal",
                    allow_blank=False,
                    value=self.goal_id
                    if self.goal_id in [o[1] for o in options]
                    else options[0][1],
                )
            yield Label("Title")
            yield Input(
                m.title if m else "",
                id="title",
                placeholder="a concrete task, e.g. Send the outline to Grace",
            )
            yield Label("Due (a date or a phrase)")
            yield Input(
                m.due_on.isoformat() if m and m.due_on else "",
                id="due",
                placeholder='e.g. next friday, "in 2 weeks", 2027-01-15',
            )
            yield Static("", id="due-hint", classes="field-hint")
            yield Label("Status")
            yield Select(
                [(s.label, s.value) for s in MilestoneStatus],
                id="status",
                allow_blank=False,
                value=m.status if m else MilestoneStatus.PLANNED,
            )
            yield Label("Evidence")
            yield Input(
                m.evidence if m else "",
                id="evidence",
                placeholder="a URL, a commit, a file path or a few words",
            )
            yield from self.error_and_buttons()

    def on_mount(self) -> None:
        self._due_hint()
        self.query_one("#title", Input).focus()

    def _today(self) -> date:
        if self._viewer_today is None:  # the due hint asks on every key
            self._viewer_today = ViewerToday(self.store)
        return self._viewer_today()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "due":
            self._due_hint()

    def _due_hint(self) -> None:
        text = self.query_one("#due", Input).value
        day, reason = resolve_due(text, self._today())
        hint = self.query_one("#due-hint", Static)
        if reason:
            update_static(hint, Text(reason, style="red"))
        elif day is not None:
            update_static(
                hint, Text(f"→ {day:%a %d %b %Y} ({due_text(day, self._today())})", style="green")
            )
        else:
            update_static(hint, "")

    ERROR_PREFIX = "not saved: "
    LEAVE_QUESTION = "Leave without saving? Your changes to this milestone are lost."

    def save_job(self) -> Job:
        due_on, reason = resolve_due(self.query_one("#due", Input).value, self._today())
        if reason:
            raise MentorError(reason)
        title = self.query_one("#title", Input).value
        status = str(self.query_one("#status", Select).value)
        evidence = self.query_one("#evidence", Input).value
        if self.milestone is None:
            goal_id = str(self.query_one("#goal", Select).value)
            return lambda store: add_milestone(
                store, goal_id, title=title, due_on=due_on, status=status, evidence=evidence
            )
        milestone_id = self.milestone.id
        return lambda store: update_milestone(
            store, milestone_id, title=title, due_on=due_on, status=status, evidence=evidence
        )

    def saved(self, _result: object) -> None:
        self.dismiss(True)


class DoneScreen(FormModal[bool]):
    """Mark a milestone done, with its evidence."""

    def __init__(self, milestone: Milestone) -> None:
        super().__init__()
        self.milestone = milestone

    def draft_key(self) -> DraftKey:
        return DraftKey("milestone-done", self.milestone.id)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="modal-card", id="done-form"):
            title = Text("Done: ", style="bold")
            title.append(one_line(self.milestone.title, 60))
            yield Static(title, classes="form-title")
            yield Label("Evidence")
            yield Static(
                "A URL, a commit hash, a file path, or a few words on what shows it.",
                classes="field-prompt",
            )
            yield Input(self.milestone.evidence, id="evidence")
            yield from self.error_and_buttons()

    def on_mount(self) -> None:
        self.query_one("#evidence", Input).focus()

    LEAVE_QUESTION = "Leave without saving the evidence you typed?"

    def save_job(self) -> Job:
        milestone_id, evidence = self.milestone.id, self.query_one("#evidence", Input).value
        return lambda store: mark_milestone_done(store, milestone_id, evidence=evidence)

    def saved(self, _result: object) -> None:
        self.dismiss(True)
