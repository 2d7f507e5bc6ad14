"""The program's intake, answered in the app: one field per question the program asks, with
the coordinator's prompt as its label, prefilled from my last answers (or the role I
enrolled as). ctrl+s sends it through program.service.submit_intake in the write worker
(it reaches the shared place); a refused answer is one line under the form, and every
typed character stays."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from mentor_tui.errors import InvalidInput
from mentor_tui.program.intake_local import IntakeForm, load_form
from mentor_tui.program.state import load_state, programs
from mentor_tui.screens.form import EditorScreen, Job, widget_value
from mentor_tui.services.intake_form import LONG_KEYS, YES_NO_KEYS
from mentor_tui.services.profile import get_me
from mentor_tui.services.program_types import IntakeAnswers
from mentor_tui.widgets.footer import FittingFooter
from mentor_tui.widgets.render import plain

NOT_IN_A_PROGRAM = (
    "This home is in no program as a participant: `mentor program join CODE` enrols you."
)
ROLES = (("a mentor", "mentor"), ("a mentee", "mentee"), ("either", "either"))
YES_NO = (("yes", "yes"), ("no", "no"))


def participant_form(home: Path) -> tuple[str, IntakeForm] | None:
    """(program name, what its intake asks) for the first program this home takes part in
    as a participant; None when there is none. Local files only: no network."""
    for program_id in programs(home):
        state = load_state(home, program_id)
        if state is not None and state.role == "participant" and not state.withdrawn:
            return state.name, load_form(home, program_id, state.role_wanted)
    return None


def field_id(key: str) -> str:
    return f"intake-{key}"


class IntakeScreen(EditorScreen[IntakeAnswers | None]):
    """Dismisses with the answers sent, None when left without sending."""

    LEAVE_QUESTION = "Leave without sending your intake? What you typed is lost."
    SAVE_BINDING: ClassVar[Binding] = Binding("ctrl+s", "save", "Send", priority=True)
    form: IntakeForm | None = None

    def compose(self) -> ComposeResult:
        found = participant_form(self.mentor.home)
        with VerticalScroll(id="intake", classes="form-card"):
            if found is None:
                yield Static(Text("The program's intake"), classes="form-title")
                yield Static(Text(NOT_IN_A_PROGRAM), id="intake-none")
            else:
                name, self.form = found
                me = get_me(self.store)
                if me is not None and not self.form.answers.get("timezone"):
                    self.form.answers["timezone"] = me.timezone  # my profile's, to start with
                yield Static(plain(f"Intake: {name}", one_line=True), classes="form-title")
                yield Static(
                    Text("Your answers go to the program's coordinator only."),
                    classes="form-help",
                )
                for key, prompt in self.form.questions:
                    yield Label(plain(prompt, one_line=True))
                    yield self._field(key, self.form.answers.get(key, ""))
            yield from self.error_and_buttons(save="Send (ctrl+s)")
        yield FittingFooter()

    def _field(self, key: str, value: str) -> Widget:
        if key == "role_wanted" or key in YES_NO_KEYS:
            options = ROLES if key == "role_wanted" else YES_NO
            known = value in {v for _, v in options}
            prompt = "choose one" if key == "role_wanted" else "yes or no"
            return Select(
                options, id=field_id(key), value=value if known else Select.NULL, prompt=prompt
            )
        if key in LONG_KEYS:
            return TextArea(value, id=field_id(key), soft_wrap=True, classes="charter-text")
        return Input(value, id=field_id(key))

    def on_mount(self) -> None:
        if self.form is not None:
            self.query_one(f"#{field_id(self.form.questions[0][0])}").focus()

    def action_save(self) -> None:
        if self.form is not None:  # no program: the screen said so already, nothing to send
            super().action_save()

    def save_job(self) -> Job:
        from mentor_tui.program.service import submit_intake

        if self.form is None:
            raise InvalidInput(NOT_IN_A_PROGRAM)
        raw: dict[str, str] = {}
        for key, _ in self.form.questions:
            value = widget_value(self.query_one(f"#{field_id(key)}"))
            if value is not None:
                raw[key] = str(value)
        home, program_id = self.mentor.home, self.form.program_id
        return lambda store: submit_intake(store, home, raw, program_id=program_id)

    def saved(self, result: IntakeAnswers) -> None:
        self.notify(f"Intake sent to the coordinator (as {result.role_wanted}).", timeout=3)
        self.dismiss(result)
