"""The two sides of a session's notes in the session editor: my own shared notes on a
session my partner scheduled (MyNotes), and my partner's notes, read-only (PartnerNotes).

Partner text is data: Markdown rendered by Textual's Markdown widget, headings as
rich Text, never Rich markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Markdown, Static, TextArea

from mentor_tui.services.session_notes import SessionNoteView
from mentor_tui.services.sessions import SessionDetail
from mentor_tui.services.text import visible
from mentor_tui.widgets.render import plain

# The session's own fields, written by whoever scheduled it.
SESSION_SECTIONS = (
    ("agenda", "Agenda"),
    ("shared_notes", "Shared notes"),
    ("takeaways", "Takeaways"),
    ("accomplishments", "Accomplishments"),
    ("roadblocks", "Roadblocks"),
)
MY_FIELDS = ("my_notes", "my_takeaways")


def literal(text: str) -> Content:
    """A label made of user text (a person's name): never markup, escapes visible."""
    return Content(visible(text, one_line=True))


def partner_sections(detail: SessionDetail, notes: list[SessionNoteView]) -> list[tuple[str, str]]:
    """(heading, Markdown) for everything the partner wrote on this session: the session
    itself when they scheduled it (never its private notes), then their own note on it."""
    sections: list[tuple[str, str]] = []
    theirs = detail.session.origin != ""
    if theirs:
        sections += [(label, getattr(detail.session, name)) for name, label in SESSION_SECTIONS]
    for view in notes:
        if not view.mine:
            more = "Further " if theirs else ""
            sections += [
                (f"{more}notes".capitalize(), view.notes),
                (f"{more}takeaways".capitalize(), view.takeaways),
            ]
    return [(heading, text) for heading, text in sections if text.strip()]


class PartnerNotes(VerticalScroll):
    """The partner's notes on a session, rendered, read-only."""

    DEFAULT_CSS = """
    PartnerNotes { width: 1fr; padding: 0 1; }
    PartnerNotes.beside { border-left: solid $primary 40%; }
    PartnerNotes .partner-notes-title { text-style: bold; color: $accent; }
    PartnerNotes .partner-section { text-style: bold; margin-top: 1; }
    PartnerNotes Markdown { margin: 0; padding: 0; }
    """

    def __init__(self, partner_name: str, sections: list[tuple[str, str]], **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.partner_name = partner_name
        self.sections = sections

    def compose(self) -> ComposeResult:
        name = visible(self.partner_name, one_line=True)
        yield Static(Text(f"{name}'s notes (read-only)"), classes="partner-notes-title")
        if not self.sections:
            yield Static(
                Text(f"{name} has not written notes on this session yet.", style="dim italic")
            )
        for heading, text in self.sections:
            yield Static(plain(heading), classes="partner-section")
            yield Markdown(visible(text))  # Markdown, with its escape codes made visible


class MyNotes(Vertical):
    """My own shared notes and takeaways on a session my partner scheduled."""

    DEFAULT_CSS = """
    MyNotes { width: 1fr; }
    MyNotes .my-notes-title { text-style: bold; }
    MyNotes #my_notes { height: 1fr; min-height: 5; }
    MyNotes #my_takeaways { height: 6; }
    """

    def __init__(self, partner_name: str, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.partner_name = partner_name

    def compose(self) -> ComposeResult:
        yield Static(
            plain(
                f"My notes on this session (shared with {self.partner_name} on sync)",
                one_line=True,
            ),
            classes="my-notes-title",
        )
        yield TextArea(id="my_notes", soft_wrap=True, tab_behavior="focus")
        yield Label("My takeaways")
        yield TextArea(
            id="my_takeaways", soft_wrap=True, tab_behavior="focus", classes="outcome-text"
        )  # app.tcss: a few lines high

    def values(self) -> dict[str, str]:
        return {name: self.query_one(f"#{name}", TextArea).text for name in MY_FIELDS}

    def load(self, view: SessionNoteView | None) -> dict[str, str]:
        texts = {
            "my_notes": view.notes if view else "",
            "my_takeaways": view.takeaways if view else "",
        }
        for name, value in texts.items():
            self.query_one(f"#{name}", TextArea).load_text(value)
        return texts
