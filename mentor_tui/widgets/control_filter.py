"""The last guard between stored text and the terminal: a line filter on every widget.

Screens show stored text through widgets/render.py, which makes escape codes visible.
What they cannot reach is text being edited: an Input or TextArea holds the value exactly
as stored (or pasted), and Textual would send an ESC in it to the terminal as is. This
filter drops such characters from what is drawn (they take no cell, so nothing moves);
the value itself is untouched. Textual's own escape codes come from styles, never from
segment text, so nothing it needs is lost.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from mentor_tui.services.text import UNSAFE


def drawable(text: str) -> str:
    """Zero-width controls (C0, C1, DEL, bidi overrides) dropped, so nothing moves; a
    lone surrogate, one cell wide and unencodable, becomes U+FFFD."""
    return UNSAFE.sub(lambda found: "\ufffd" if found[0] >= "\ud800" else "", text)


class ControlCodeFilter(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(UNSAFE.search(segment.text) for segment in segments):
            return segments
        return [
            segment
            if segment.control or not UNSAFE.search(segment.text)
            else Segment(drawable(segment.text), segment.style)
            for segment in segments
        ]
