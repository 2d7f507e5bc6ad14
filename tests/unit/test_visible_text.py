"""Showing stored text: services/text.visible (the CLI, the exports and the screens share
it), the Rich and markup helpers of widgets/render.py, and the app's last-guard filter."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from textual.color import Color
from textual.content import Content

from mentor_tui.cli.common import clean_for_terminal
from mentor_tui.services.text import UNSAFE, visible
from mentor_tui.widgets.control_filter import ControlCodeFilter
from mentor_tui.widgets.render import markup_escape, one_line, plain

# Any text, lone surrogates (which SQLite cannot take but a JSON import might) included.
anything = st.lists(
    st.text() | st.sampled_from(["\ud800", "\udfff", "\x1b[2J", "\u202e", "\r\n", "[/y]"]),
    max_size=8,
).map("".join)
markupish = st.text(alphabet="[]/\\$@=#:ab OKR\x1b\x07\n")


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("\x1b]0;PWNED\x07 x", "\\x1b]0;PWNED\\x07 x"),
        ("\x1b[2J\x1b[41m", "\\x1b[2J\\x1b[41m"),
        ("\x1b]52;c;cHduZWQ=\x07", "\\x1b]52;c;cHduZWQ=\\x07"),
        ("\x1bP+q544e\x1b\\", "\\x1bP+q544e\\x1b\\"),
        ("\x9b31m C1", "\\x9b31m C1"),
        ("del\x7f nul\x00 bs\x08", "del\\x7f nul\\x00 bs\\x08"),
        ("abc\u202eevil\u2066x\u2069", "abc\\u202eevil\\u2066x\\u2069"),
        ("lone \ud800", "lone \ufffd"),
        ("two\nlines\tand a tab", "two\nlines\tand a tab"),
        ("windows\r\nline end", "windows\nline end"),
        ("carriage\rreturn", "carriage\\x0dreturn"),
        ("[bold]not markup[/] [OKR] é 😀 e\u0301", "[bold]not markup[/] [OKR] é 😀 e\u0301"),
    ],
)
def test_visible_shows_controls_as_escapes(stored: str, shown: str) -> None:
    assert visible(stored) == shown


def test_one_line_flattens_whitespace_then_escapes() -> None:
    assert visible("a\n\n b\t\r\nc\x1b[2J", one_line=True) == "a b c\\x1b[2J"
    assert one_line("  first\nsecond\x07  ", 80) == "first second\\x07"
    assert one_line("x" * 100, 10) == "x" * 9 + "…"


def test_the_cli_shares_the_rule() -> None:
    assert clean_for_terminal is visible


@given(anything)
def test_visible_leaves_nothing_a_terminal_acts_on(text: str) -> None:
    shown = visible(text)
    assert not UNSAFE.search(shown.replace("\n", "").replace("\t", ""))
    shown.encode("utf-8")  # no lone surrogate left: printable everywhere
    flat = visible(text, one_line=True)
    assert not UNSAFE.search(flat)
    assert visible(shown) == shown and visible(flat, one_line=True) == flat  # idempotent


@given(st.text())
def test_visible_keeps_ordinary_text_as_typed(text: str) -> None:
    if not UNSAFE.search(text.replace("\n", "").replace("\t", "")):
        assert visible(text) == text


@given(markupish)
def test_markup_escape_survives_textual_markup(text: str) -> None:
    """The palette parses its titles as markup: escaped text comes out as it went in."""
    assert Content.from_markup(markup_escape(text)).plain == visible(text, one_line=True)


@given(anything)
def test_plain_is_never_markup_and_renders_no_escape(text: str) -> None:
    assert plain(text).plain == visible(text)  # Rich drops nothing, parses nothing
    console = Console(width=60, color_system=None, file=None, force_terminal=False)
    with console.capture() as capture:
        console.print(plain(text, one_line=True))
    assert "\x1b" not in capture.get() and "\x07" not in capture.get()


def test_the_last_guard_drops_controls_and_keeps_the_layout() -> None:
    segments = [
        Segment("ok "),
        Segment("\x1b]0;PWNED\x07ti\u202etle\ud800", None),
        Segment("\x1b[0m", None, [(1,)]),  # a control segment is Textual's own: kept
    ]
    out = ControlCodeFilter().apply(segments, Color(0, 0, 0))
    assert [s.text for s in out] == ["ok ", "]0;PWNEDtitle\ufffd", "\x1b[0m"]
    assert sum(s.cell_length for s in out if not s.control) == sum(
        s.cell_length for s in segments if not s.control
    )
    clean = [Segment("nothing to do")]
    assert ControlCodeFilter().apply(clean, Color(0, 0, 0)) is clean
