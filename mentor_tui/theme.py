"""The app's theme: calm on dark terminals, enough contrast for 80x24 and big screens."""

from __future__ import annotations

from textual.theme import Theme

MENTOR_THEME = Theme(
    name="mentor",
    primary="#5FA8D3",
    secondary="#9B8AFB",
    accent="#F2B66D",
    warning="#F2B66D",
    error="#E5676B",
    success="#7BC47F",
    foreground="#E6E6E6",
    background="#15191E",
    surface="#1D232A",
    panel="#262E37",
    dark=True,
)
