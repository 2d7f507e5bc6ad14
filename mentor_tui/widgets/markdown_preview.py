"""A Markdown preview that follows a text box, re-rendering once typing pauses."""

from __future__ import annotations

from textual.timer import Timer
from textual.widgets import Markdown

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
        self.update(self._text or self.placeholder)
