"""First run: who am I, and in which time zone (detected, editable)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Label, Static

from mentor_tui.dates import detect_timezone
from mentor_tui.screens.form import EditorScreen, FormError, Job
from mentor_tui.services.drafts import DraftKey
from mentor_tui.services.profile import set_up_profile
from mentor_tui.widgets.footer import FittingFooter

WELCOME = (
    "Welcome to mentor: a workspace for you and your mentor or mentee.\n"
    "Everything stays on this machine unless you turn on sync.\n\n"
    "First, who are you? Your partner sees this name, and times are shown in your zone."
)


class FirstRunScreen(EditorScreen[bool]):
    """Without a profile there is nothing to go back to: Escape offers to clear what was
    typed (asking first) and the screen stays."""

    BINDINGS = [Binding("escape", "leave", "Clear", show=False)]
    LEAVE_QUESTION = "Clear what you typed?"
    LEAVE_YES, LEAVE_NO = "Clear", "Keep it"

    def draft_key(self) -> DraftKey:
        return DraftKey("profile")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="first-run", classes="form-card"):
            yield Static("Set up your profile", classes="form-title")
            yield Static(WELCOME, classes="form-help")
            yield Label("Your name")
            yield Input(placeholder="e.g. Ada Lovelace", id="name")
            yield Label("Your time zone (IANA name)")
            yield Input(value=detect_timezone(), id="timezone")
            yield FormError()
            yield Button("Start", id="save", variant="primary")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "name":
            self.query_one("#timezone", Input).focus()
        else:
            self.action_save()

    def save_job(self) -> Job:
        name = self.query_one("#name", Input).value
        zone = self.query_one("#timezone", Input).value
        return lambda store: set_up_profile(store, name, zone)

    def saved(self, _result: object) -> None:
        self.dismiss(True)

    def leave(self) -> None:
        """The profile cannot be skipped: back to the fields as they were at the start."""
        for name, value in self.clean_values().items():
            self.query_one(f"#{name}", Input).value = str(value)
        self.show_error("")
        self.query_one("#name", Input).focus()
