"""Small forms around a session: plan one, add an action item, add feedback (ctrl+t shows
a feedback prompt set to answer, a choice when there are several).

Each is a pop-up form (screens/form.py) that answers through dismiss with the new
record's id; the services check the input in the write worker and their one-line message
is shown under the fields (nothing typed is lost).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from mentor_tui.dates import local, parse_date, parse_local_datetime, side_by_side
from mentor_tui.errors import MentorError
from mentor_tui.models.enums import SessionKind
from mentor_tui.screens.form import FormModal, Job
from mentor_tui.screens.template_picker import offer
from mentor_tui.services.actions import add_action_item, add_feedback
from mentor_tui.services.drafts import DraftKey
from mentor_tui.services.pairs import PairView, get_pair
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.session_log import default_due
from mentor_tui.services.sessions import get_session, schedule_session
from mentor_tui.services.shared_templates import pair_library
from mentor_tui.services.template_apply import feedback_prompt_sets, help_text, placeholders
from mentor_tui.services.templates import Template
from mentor_tui.services.text import visible
from mentor_tui.widgets.quiet import update_static
from mentor_tui.widgets.render import plain


class SessionForm(FormModal[str | None]):
    """The layout these small forms share: a title, the fields, the error line, buttons.
    `save_job` returns a service call whose result is the new record's id."""

    TITLE_TEXT = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="modal-card session-form"):  # scrolls at 80x24
            yield Static(Text(self.TITLE_TEXT), classes="form-title")
            yield from self.fields()
            yield from self.error_and_buttons()

    def fields(self) -> ComposeResult:
        yield from ()

    def value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value


class NewSessionScreen(SessionForm):
    """Plan a session: a time typed in a zone, previewed in both people's zones."""

    TITLE_TEXT = "Plan a session"

    def __init__(self, pair: PairView) -> None:
        super().__init__()
        self.pair = pair

    def draft_key(self) -> DraftKey:
        return DraftKey("session-plan", None, self.pair.id)

    def fields(self) -> ComposeResult:
        zones = list(dict.fromkeys([self.pair.me.timezone, self.pair.partner.timezone]))
        with Horizontal(classes="form-row"):
            with Vertical(classes="when-box"):
                yield Label("When (date and time)")
                yield Input(id="when", placeholder='2026-11-24 15:00, "next tue 14:00"')
            with Vertical(classes="minutes-box"):
                yield Label("Minutes")
                yield Input("45", id="minutes", type="integer")
        with Horizontal(classes="form-row"):
            with Vertical():
                yield Label("In the time zone of")
                yield Select(
                    [(plain(zone, one_line=True), zone) for zone in zones],
                    value=zones[0],
                    allow_blank=False,
                    id="zone",
                )
            with Vertical():
                yield Label("Kind")
                yield Select(
                    [(kind.label, kind.value) for kind in SessionKind],
                    value=SessionKind.CHECK_IN.value,
                    allow_blank=False,
                    id="kind",
                )
        yield Static("", id="when-preview", classes="field-hint")

    def on_mount(self) -> None:
        self.query_one("#when", Input).focus()

    @on(Input.Changed, "#when")
    @on(Select.Changed, "#zone")
    def _preview(self) -> None:
        """Both people's wall clocks as they type: the daylight-saving check by eye."""
        preview = self.query_one("#when-preview", Static)
        text = self.value("when")
        if not text.strip():
            update_static(preview, "")
            return
        zone = str(self.query_one("#zone", Select).value)
        try:
            at = parse_local_datetime(text, zone, local(self.store.clock.now(), zone).date())
        except MentorError as problem:
            update_static(preview, Text(str(problem), style="dim"))
            return
        zones = [self.pair.me.timezone, self.pair.partner.timezone]
        update_static(preview, plain("→ " + side_by_side(at, zones, with_date=True), style="bold"))

    LEAVE_QUESTION = "Leave without planning this session?"

    def save_job(self) -> Job:
        minutes = self.value("minutes").strip()
        pair_id, when = self.pair.id, self.value("when")
        zone = str(self.query_one("#zone", Select).value)
        kind = str(self.query_one("#kind", Select).value)
        return lambda store: (
            schedule_session(
                store,
                pair_id,
                when,
                timezone=zone,
                kind=kind,
                minutes=int(minutes) if minutes.isdigit() else 0,
            ).id
        )


class ActionItemScreen(SessionForm):
    TITLE_TEXT = "New action item"

    def __init__(self, pair: PairView, session_id: str) -> None:
        super().__init__()
        self.pair, self.session_id = pair, session_id

    def draft_key(self) -> DraftKey:
        return DraftKey("action-item", None, self.pair.id, within=self.session_id)

    def fields(self) -> ComposeResult:
        yield Label("What")
        yield Input(id="title", placeholder="e.g. Send the RFC to the reviewers")
        yield Label("Due (enter saves; empty: no date)")
        yield Input(id="due", placeholder='e.g. 2026-11-30, "next friday"')
        yield Label("Owner")
        people = [
            (plain(f"{p.display_name} ({role})", one_line=True), p.id)
            for p, role in ((self.pair.mentee, "mentee"), (self.pair.mentor, "mentor"))
        ]
        yield Select(people, value=self.pair.mentee.id, allow_blank=False, id="owner")

    def on_mount(self) -> None:
        # Defaults that make "type the text, enter" a whole action item: the mentee owns
        # it (the Select's default), due the day before the next session.
        self.query_one("#due", Input).value = default_due(self.store, self.session_id).isoformat()
        self.query_one("#title", Input).focus()

    LEAVE_QUESTION = "Leave without saving this action item?"

    def save_job(self) -> Job:
        due_text = self.value("due").strip()
        due = parse_date(due_text, viewer_today(self.store)) if due_text else None
        pair_id, session_id, title = self.pair.id, self.session_id, self.value("title")
        owner_id = str(self.query_one("#owner", Select).value)
        return lambda store: (
            add_action_item(
                store, pair_id, title, session_id=session_id, owner_id=owner_id, due_on=due
            ).id
        )


class FeedbackScreen(SessionForm):
    TITLE_TEXT = "Feedback: specific, balanced, with a next step"
    BINDINGS = [Binding("ctrl+t", "prompts", "Prompts", priority=True)]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    def draft_key(self) -> DraftKey:
        return DraftKey("feedback", None, within=self.session_id)

    def fields(self) -> ComposeResult:
        yield Static(
            Text("ctrl+t: a feedback prompt set to answer", style="dim"),
            id="feedback-prompts",
            classes="field-prompt",
        )
        yield Label("Observation (what you saw or heard)")
        yield Input(id="observation")
        yield Label("Impact (what it led to)")
        yield Input(id="impact")
        yield Label("Suggested next step")
        yield Input(id="next_step")

    def on_mount(self) -> None:
        self.query_one("#observation", Input).focus()

    def action_prompts(self) -> None:
        pair_id = get_session(self.store, self.session_id).pair_id
        library = pair_library(self.store, self.mentor.home, pair_id, "prompts")

        def show(template: Template) -> None:
            values = placeholders(self.store, get_pair(self.store, pair_id))
            text = Text(visible(template.title, one_line=True), style="bold")
            text.append(f"\n{visible(help_text(template, values))}")
            self.query_one("#feedback-prompts", Static).update(text)

        offer(
            self,
            "Feedback prompts",
            feedback_prompt_sets(library.templates),
            show,
            "No prompt sets: `mentor template new prompts NAME` writes one.",
        )

    LEAVE_QUESTION = "Leave without saving this feedback?"

    def save_job(self) -> Job:
        session_id, observation = self.session_id, self.value("observation")
        impact, next_step = self.value("impact"), self.value("next_step")
        return lambda store: (
            add_feedback(store, session_id, observation, impact=impact, next_step=next_step).id
        )
