"""The templates library: every template, built in and mine (the home's templates
folder, in bold), by kind, with the highlighted one's text beside the list, shown
literally. Mine are edited as files (`mentor template new`, then $EDITOR); ctrl+t in a
session's Agenda tab puts its kind's agenda in."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from mentor_tui.screens.base import AreaScreen
from mentor_tui.services.templates import KINDS, Library, Template, load_library
from mentor_tui.services.text import visible
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import one_line
from mentor_tui.wording import plural

COLUMNS = ["Template"]  # kind/name; the title heads the preview


def preview(template: Template) -> Text:
    """The template as it is written: its title, where it lives, then its text."""
    text = Text(visible(template.title, one_line=True), style="bold")
    text.append(f"\n{template.ref} · {template.source}", style="dim")
    if template.path is not None:
        text.append(f" · {visible(str(template.path), one_line=True)}", style="dim")
    if template.shadows:
        text.append("\nin place of the built-in one", style="dim italic")
    text.append(f"\n{KINDS[template.kind]}\n\n", style="dim italic")
    text.append(visible(template.body.rstrip("\n")))
    return text


class TemplatesScreen(AreaScreen[Library]):
    NEEDS_PAIR = False  # the library is the user's, not a pair's
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]
    DEFAULT_CSS = """
    #templates-body { height: 1fr; }
    #templates-table { width: 32; }
    #template-scroll { width: 1fr; padding: 0 1; }
    """

    def compose_body(self) -> ComposeResult:
        yield Static("", id="templates-summary", classes="screen-summary")
        with Horizontal(id="templates-body"):
            yield RecordTable(COLUMNS, id="templates-table", empty="No templates.")
            with VerticalScroll(id="template-scroll"):
                yield Static("", id="template-preview")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#template-scroll").can_focus = False
        self.library = Library([])

    def load(self, pair_id: str | None) -> Library:
        return load_library(self.app.home)

    def show(self, data: Library) -> None:
        self.library = data
        mine = sum(t.mine for t in data.templates)
        summary = Text("Templates", style="bold")
        summary.append(
            f"   {plural(len(data.templates), 'template')}, {mine} of them mine",
            style="dim",
        )
        for problem in data.problems:
            summary.append(f"\n{visible(problem, one_line=True)}", style="yellow")
        self.query_one("#templates-summary", Static).update(summary)
        self.query_one(RecordTable).fill(
            (
                t.ref,
                [Text(one_line(t.ref, 28), style="bold" if t.mine else "")],
            )
            for t in data.templates
        )
        self._preview()

    def _preview(self) -> None:
        key = self.query_one(RecordTable).selected_key
        found = next((t for t in self.library.templates if t.ref == key), None)
        self.query_one("#template-preview", Static).update(preview(found) if found else Text(""))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._preview()


SCREEN = TemplatesScreen
