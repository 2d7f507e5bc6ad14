"""A Markdown preview that follows a text box, re-rendering once typing pauses.

The source is rendered as Markdown with its escape codes made visible first: Markdown
formats the text, it never passes a terminal sequence through."""

from __future__ import annotations

from textual.timer import Timer
from textual.widgets import Markdown

from mentor_tui.services.text import visible

PREVIEW_DELAY = 0.3  # seconds after the last key: re-parsing on every key makes typing lag


class MarkdownPreview(Markdown):
    def __init__(self, placeholder: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.placeholder = placeholder
        self._pending: Timer | None = None
        self._text = ""

    def follow(self, text: str) -> None:
        """Show `text` once typing pauses."""
        self._text = text
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(PREVIEW_DELAY, self._render_now)

    def show_now(self, text: str) -> None:
        self._text = text
        self._render_now()

    def _render_now(self) -> None:
        self.update(visible(self._text) if self._text else self.placeholder)
