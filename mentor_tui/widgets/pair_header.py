"""The header: the app's name, the chosen pair (and my role in it), today's date."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from mentor_tui.services.text import visible
from mentor_tui.widgets.quiet import update_static


def caption(
    label: str, my_role: str | None, status: str, position: int, count: int, demo: bool
) -> Text:
    """The chosen pair in the header, in one wording whether it was read by the Store or
    by the start-up preview (MentorApp.pair_caption): nothing jumps as the Store opens."""
    shown = Text(visible(label, one_line=True), style="bold")
    if my_role:
        shown.append(f" · you: {my_role}", style="dim")
    if status != "active":
        shown.append(f" · {status}", style="bold yellow")
    if count > 1:
        shown.append(f" · {position}/{count}", style="dim")
    if demo:
        shown.append(" · DEMO", style="bold magenta")
    return shown


class PairHeader(Horizontal):
    DEFAULT_CSS = """
    PairHeader { height: 1; dock: top; background: $panel; color: $foreground; }
    PairHeader #brand {
        width: auto; padding: 0 1; background: $primary; color: $text; text-style: bold;
    }
    PairHeader #pair { width: 1fr; padding: 0 1; }
    PairHeader #today { width: auto; padding: 0 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static("mentor", id="brand")
        yield Static(id="pair")
        yield Static(id="today")

    def show(self, pair_label: Text, today: str) -> None:
        # Every reload shows it again, mostly unchanged: no new layout for the same text.
        update_static(self.query_one("#pair", Static), pair_label)
        update_static(self.query_one("#today", Static), today)
