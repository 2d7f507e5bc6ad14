"""Small Rich renderers shared by screens. Stored text always goes in through `plain` (or
`one_line`): a Text, never markup, with its escape codes made visible (services/text.py)."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from mentor_tui.dates import due_text
from mentor_tui.services.text import visible


def progress_bar(fraction: float, width: int = 10) -> Text:
    fraction = min(max(fraction, 0.0), 1.0)
    filled = round(fraction * width)
    bar = Text("█" * filled, style="green")
    bar.append("░" * (width - filled), style="dim")
    return bar


def due(day: date | None, today: date, *, done: bool = False) -> Text:
    words = due_text(day, today, done=done)
    if words.startswith("overdue"):
        return Text(words, style="bold red")
    if day is not None and not done and (day - today).days <= 3:
        return Text(words, style="yellow")
    return Text(words, style="dim" if done or day is None else "")


def one_line(text: str, limit: int = 80) -> str:
    """Free text flattened to one line, safe to show, cut to `limit` characters."""
    flat = visible(text, one_line=True).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def plain(text: str, style: str = "", *, one_line: bool = False) -> Text:
    """Stored text as a Rich Text: never parsed as markup, escape codes made visible."""
    return Text(visible(text, one_line=one_line), style=style)


def markup_escape(text: str) -> str:
    """Stored text for the few places that only take Textual markup (the command
    palette's titles and help): one line, escapes visible, every `[` literal. Rich's
    `escape` is not enough there: Textual reads `[OKR]` and `[$x]` as tags too."""
    return visible(text, one_line=True).replace("[", "\\[")


STATUS_STYLES = {
    "done": "green",
    "achieved": "green",
    "approved": "cyan",
    "in_progress": "cyan",
    "proposed": "yellow",
    "draft": "dim",
    "planned": "",
    "blocked": "bold red",
    "dropped": "dim strike",
    "open": "",
    "held": "dim",
    "cancelled": "dim strike",
}


def status(value: str) -> Text:
    return Text(value.replace("_", " "), style=STATUS_STYLES.get(value, ""))
