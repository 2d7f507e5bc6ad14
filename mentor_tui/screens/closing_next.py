"""The next mentorship, from a closed one (issue 11): `mentor pair new --from` in the app.

The same partner or someone new, a start date, and a checklist of what to carry: each
open goal with its unfinished milestones, and the open action items. The carrying is
services/closing.start_next_pair's (the CLI's too); the new charter links back to the
closed record and opens with both reviews' "what next".
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select, Static

from mentor_tui.dates import local, parse_date
from mentor_tui.errors import InvalidInput
from mentor_tui.models.enums import Role
from mentor_tui.screens.form import Job
from mentor_tui.screens.session_forms import SessionForm
from mentor_tui.services.closing import OPEN_GOALS, Closing, start_next_pair
from mentor_tui.services.drafts import DraftKey
from mentor_tui.services.pairs import PairView
from mentor_tui.services.profile import viewer_today
from mentor_tui.widgets.render import plain

SAME, NEW = "same", "new"


class NextMentorshipScreen(SessionForm):
    """Dismisses with the new pair's id once it is started."""

    TITLE_TEXT = "The next mentorship"
    LEAVE_QUESTION = "Leave without starting the next mentorship?"

    def __init__(self, closing: Closing) -> None:
        super().__init__()
        self.closing = closing
        self.goal_boxes: dict[str, str] = {}  # checkbox id -> goal id
        self.milestone_boxes: dict[str, tuple[str, str]] = {}  # id -> (goal id, milestone id)

    def draft_key(self) -> DraftKey | None:
        return None  # a checklist of ids is no draft worth keeping

    @property
    def old(self) -> PairView:
        return self.closing.pair

    def link_back(self) -> Text:
        closed = self.old.pair.closed_at
        when = f"closed {local(closed, self.old.me.timezone):%d %b %Y}" if closed else "closed"
        line = Text("Continues ")
        line.append_text(plain(self.old.label, style="bold", one_line=True))
        line.append(
            f" ({when}): the new charter links back to it and opens with both reviews' 'what next'."
        )
        return line

    def fields(self) -> ComposeResult:
        partner = self.old.partner.display_name
        yield Static(self.link_back(), classes="form-help")
        yield Label("With")
        yield Select(
            [(plain(f"the same partner: {partner}", one_line=True), SAME), ("someone new", NEW)],
            value=SAME,
            allow_blank=False,
            id="partner_choice",
        )
        with Horizontal(classes="form-row", id="new-partner"):
            with Vertical():
                yield Label("Their name")
                yield Input(id="partner", placeholder="e.g. Ada Lovelace", disabled=True)
            with Vertical():
                yield Label("Their time zone")
                yield Input(id="partner_timezone", value=self.old.partner.timezone, disabled=True)
            with Vertical():
                yield Label("I am the")
                yield Select(
                    [(role.value, role.value) for role in Role],
                    value=self.old.my_role or Role.MENTOR.value,
                    allow_blank=False,
                    id="my_role",
                    disabled=True,
                )
        yield Label("Starts (date or phrase)")
        yield Input("today", id="starts")
        yield Label("Carry over (space ticks; unticked stays behind)")
        yield from self.checklist()

    def checklist(self) -> ComposeResult:
        goals = [view for view in self.closing.goals if view.goal.status in OPEN_GOALS]
        if not goals:
            yield Static(Text("No open goals to carry.", style="dim italic"))
        for n, view in enumerate(goals):
            box_id = f"goal-{n}"
            self.goal_boxes[box_id] = view.goal.id
            label = plain(view.goal.title, one_line=True)
            label.append(f" ({view.goal.status})", style="dim")
            yield Checkbox(label, True, id=box_id, classes="carry-goal", compact=True)
            for m, milestone in enumerate(self.closing.open_milestones):
                if milestone.milestone.goal_id != view.goal.id:
                    continue
                milestone_id = f"milestone-{n}-{m}"
                self.milestone_boxes[milestone_id] = (view.goal.id, milestone.milestone.id)
                title = plain(milestone.milestone.title, one_line=True)
                yield Checkbox(
                    title, True, id=milestone_id, classes="carry-milestone", compact=True
                )
        count = len(self.closing.open_actions)
        yield Checkbox(
            f"the open action items ({count})",
            count > 0,
            id="carry_actions",
            disabled=not count,
            compact=True,
        )

    def on_mount(self) -> None:
        self.query_one("#partner_choice", Select).focus()

    def form_values(self) -> dict[str, object]:
        values = super().form_values()
        values.update({box.id: box.value for box in self.query(Checkbox) if box.id})
        return values

    @on(Select.Changed, "#partner_choice")
    def _choose_partner(self, event: Select.Changed) -> None:
        new = event.value == NEW
        for widget_id in ("#partner", "#partner_timezone", "#my_role"):
            self.query_one(widget_id).disabled = not new
        if new:
            self.query_one("#partner", Input).focus()

    @on(Checkbox.Changed, ".carry-goal")
    def _goal_ticked(self, event: Checkbox.Changed) -> None:
        """A goal left behind takes its milestones with it."""
        goal_id = self.goal_boxes.get(event.checkbox.id or "")
        for box_id, (owner, _milestone) in self.milestone_boxes.items():
            if owner == goal_id:
                self.query_one(f"#{box_id}", Checkbox).disabled = not event.value

    def _ticked(self, box_id: str) -> bool:
        return self.query_one(f"#{box_id}", Checkbox).value

    def save_job(self) -> Job:
        new = self.query_one("#partner_choice", Select).value == NEW
        name = self.value("partner").strip() if new else None
        if new and not name:
            raise InvalidInput("who is the new partner? Give their name")
        zone = self.value("partner_timezone")
        role = str(self.query_one("#my_role", Select).value) if new else None
        starts_text = self.value("starts").strip()
        starts_on = parse_date(starts_text, viewer_today(self.store)) if starts_text else None
        goal_ids = [goal for box, goal in self.goal_boxes.items() if self._ticked(box)]
        milestone_ids = [
            milestone
            for box, (_goal, milestone) in self.milestone_boxes.items()
            if self._ticked(box)
        ]
        carry_actions = self._ticked("carry_actions")
        old_id = self.old.id
        return lambda store: start_next_pair(
            store,
            old_id,
            partner_name=name,
            partner_timezone=zone,
            my_role=role,
            goal_ids=goal_ids,
            milestone_ids=milestone_ids,
            carry_actions=carry_actions,
            starts_on=starts_on,
        )

    def saved(self, result: PairView) -> None:
        self.notify(
            f"Started the next mentorship: {result.label}. It links back to the closed one."
        )
        self.dismiss(result.id)
