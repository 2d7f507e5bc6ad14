"""Every key: the app's, and those of the screen help was opened from."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def _rows(bindings: list[Binding]) -> list[tuple[str, str]]:
    rows = []
    for binding in bindings:
        if not binding.description:
            continue
        key = binding.key_display or binding.key.replace("_", " ")
        rows.append((key, binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss(None)", "Close")]

    def __init__(self, below: Screen) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        screen_name = self.below.__class__.__name__.removesuffix("Screen")
        sections = [
            (
                f"On this screen ({screen_name})",
                _rows([b for b in self.below.BINDINGS if isinstance(b, Binding)]),
            ),
            ("Everywhere", _rows([b for b in self.app.BINDINGS if isinstance(b, Binding)])),
            (
                "Always",
                [
                    ("ctrl+p", "Command palette: open any screen or command by name"),
                    ("tab", "Next field"),
                    ("ctrl+q", "Quit"),
                ],
            ),
        ]
        with VerticalScroll(classes="modal-card help-card"):
            yield Static("Keys", classes="form-title")
            for title, rows in sections:
                if not rows:
                    continue
                table = Table(box=None, show_header=False, padding=(0, 2), expand=True)
                table.add_column(style="bold cyan", no_wrap=True, width=16)
                table.add_column()
                for key, description in rows:
                    table.add_row(key, Text(description))
                yield Static(Text(title, style="bold underline"))
                yield Static(table, classes="help-section")
            yield Static("esc or ? to close", classes="form-help")
