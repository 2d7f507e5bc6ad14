"""Small Rich renderers shared by screens. User text always goes in as Text, never markup."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from mentor_tui.dates import due_text


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
    """The first line of free text, flattened and cut to `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


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
