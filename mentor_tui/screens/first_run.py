"""First run: who am I, and in which time zone (detected, editable)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from mentor_tui.dates import detect_timezone
from mentor_tui.errors import MentorError
from mentor_tui.services.profile import set_up_profile

WELCOME = (
    "Welcome to mentor: a workspace for you and your mentor or mentee.\n"
    "Everything stays on this machine unless you turn on sync.\n\n"
    "First, who are you? Your partner sees this name, and times are shown in your zone."
)


class FirstRunScreen(Screen[bool]):
    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="first-run", classes="form-card"):
            yield Static("Set up your profile", classes="form-title")
            yield Static(WELCOME, classes="form-help")
            yield Label("Your name")
            yield Input(placeholder="e.g. Ada Lovelace", id="name")
            yield Label("Your time zone (IANA name)")
            yield Input(value=detect_timezone(), id="timezone")
            yield Static("", id="error", classes="form-error")
            yield Button("Start", id="save", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "name":
            self.query_one("#timezone", Input).focus()
        else:
            self.action_save()

    def on_button_pressed(self, _event: Button.Pressed) -> None:
        self.action_save()

    def action_save(self) -> None:
        name = self.query_one("#name", Input).value
        zone = self.query_one("#timezone", Input).value
        try:
            set_up_profile(self.app.store, name, zone)  # type: ignore[attr-defined]
        except MentorError as problem:
            self.query_one("#error", Static).update(Text(str(problem)))
            return
        self.dismiss(True)
