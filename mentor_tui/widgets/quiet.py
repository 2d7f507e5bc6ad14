"""Updates that skip the work when nothing changed.

`Static.update` always asks for a new layout of the screen, even for the very content
the widget already shows; editors that re-show their hints on every key paid a layout
(and a full repaint of the form) per keystroke for hints that had not changed.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def _same(shown: object, content: str | Text) -> bool:
    if isinstance(shown, str) and isinstance(content, str):
        return shown == content
    if isinstance(shown, Text) and isinstance(content, Text):
        # Text's own == compares only the characters and spans, not the base style.
        return (shown.plain, shown.spans, shown.style, shown.justify, shown.no_wrap) == (
            content.plain,
            content.spans,
            content.style,
            content.justify,
            content.no_wrap,
        )
    return False


def update_static(widget: Static, content: str | Text) -> None:
    """Show `content` in `widget`, asking for a layout only when it differs."""
    if not _same(widget.content, content):
        widget.update(content)
