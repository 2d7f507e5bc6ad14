"""The templates library: every template, built in and mine (the home's templates
folder, in bold), by kind, with the highlighted one's text beside the list, shown
literally. a applies the highlighted one: a goal template starts a draft goal with its
milestones; an agenda, checklist or prompt set goes into the next planned session's
agenda (u takes either back: the goal is dropped). Mine are edited as files (`mentor
template new`, then $EDITOR); ctrl+t in a session's Agenda tab puts its kind's agenda in.

s shares one of mine with the current pair's partner (or stops sharing it); the
partner's shared ones are listed in italics, "from <name>", read-only; c copies one into
my templates folder (services/shared_templates.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from mentor_tui.screens.base import AreaScreen
from mentor_tui.services.goals import drop_goal
from mentor_tui.services.sessions import update_session
from mentor_tui.services.shared_templates import (
    copy_template,
    pair_library,
    share_template,
    unshare_template,
)
from mentor_tui.services.template_apply import apply_goal, apply_to_next_session
from mentor_tui.services.templates import KINDS, Library, Template, delete_template
from mentor_tui.services.text import visible
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import one_line
from mentor_tui.wording import plural

if TYPE_CHECKING:
    from mentor_tui.models.db import Store

COLUMNS = ["Template"]  # kind/name; the title heads the preview
REF_WIDTH = 27


def row_cell(template: Template) -> Text:
    """kind/name; mine in bold (marked when shared), the partner's in italics."""
    if template.partner:
        return Text(one_line(f"{template.ref} · theirs", REF_WIDTH), style="italic")
    if template.shared:
        return Text(one_line(f"{template.ref} · shared", REF_WIDTH), style="bold")
    return Text(one_line(template.ref, REF_WIDTH), style="bold" if template.mine else "")


def preview(template: Template) -> Text:
    """The template as it is written: its title, where it lives, then its text."""
    text = Text(visible(template.title, one_line=True), style="bold")
    text.append(f"\n{template.ref} · {visible(template.source, one_line=True)}", style="dim")
    if template.path is not None:
        text.append(f" · {visible(str(template.path), one_line=True)}", style="dim")
    if template.shadows:
        text.append("\nin place of the built-in one", style="dim italic")
    if template.partner:
        text.append("\nread-only: c copies it into your templates", style="dim italic")
    text.append(f"\n{KINDS[template.kind]}\n\n", style="dim italic")
    text.append(visible(template.body.rstrip("\n")))
    return text


class TemplatesScreen(AreaScreen[Library]):
    NEEDS_PAIR = False  # the library is the user's, not a pair's
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "apply", "Apply"),
        Binding("s", "share", "Share"),
        Binding("c", "copy", "Copy"),
    ]
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
        return pair_library(self.store, self.app.home, pair_id)

    def show(self, data: Library) -> None:
        self.library = data
        mine = sum(t.mine for t in data.templates)
        shared = sum(t.shared for t in data.templates)
        theirs = sum(bool(t.partner) for t in data.templates)
        summary = Text("Templates", style="bold")
        words = f"   {plural(len(data.templates), 'template')}, {mine} of them mine"
        words += f", {shared} shared" if shared else ""
        words += f", {theirs} from your partner" if theirs else ""
        summary.append(words, style="dim")
        for problem in data.problems:
            summary.append(f"\n{visible(problem, one_line=True)}", style="yellow")
        self.query_one("#templates-summary", Static).update(summary)
        table = self.query_one(RecordTable)
        if [c.width for c in table.ordered_columns] != [REF_WIDTH]:
            # Set here, not left to the table's mount: show may come first (a fast load).
            table.clear(columns=True)
            table.add_column(COLUMNS[0], width=REF_WIDTH)
        table.fill((t.key, [row_cell(t)]) for t in data.templates)
        self._preview()

    def _preview(self) -> None:
        found = self._selected()
        self.query_one("#template-preview", Static).update(preview(found) if found else Text(""))

    def _selected(self) -> Template | None:
        key = self.query_one(RecordTable).selected_key
        return next((t for t in self.library.templates if t.key == key), None)

    def action_apply(self) -> None:
        """A goal template: a new draft goal with its milestones. The others: into the
        next planned session's agenda (an agenda only into an empty one). u undoes."""
        template, pair_id = self._selected(), self.app.pair_id
        if template is None or pair_id is None:
            return
        if template.kind == "rubric":
            self.notify("A rubric is read, not applied: it says what each score means.")
            return
        made: dict[str, Any] = {}
        if template.kind == "goal":

            def new_goal(store: Store) -> None:
                made["goal"], _milestones = apply_goal(store, pair_id, template)

            self.app.undo.run(
                new_goal,
                f"New draft goal from {template.ref}",
                lambda store: drop_goal(store, made["goal"].id),  # goals are dropped
            )
            return

        def into_agenda(store: Store) -> None:
            made["session"], made["before"] = apply_to_next_session(store, pair_id, template)

        self.app.undo.run(
            into_agenda,
            f"{template.ref} is in the next session's agenda",
            lambda store: update_session(store, made["session"].id, agenda=made["before"]),
        )

    def action_share(self) -> None:
        """Share my template with the current pair's partner, or stop sharing it."""
        template, pair_id, home = self._selected(), self.app.pair_id, self.app.home
        if template is None or pair_id is None:
            return
        if not template.mine:
            self.notify(f"Only templates of yours are shared; this one is {template.source}.")
            return
        ref = template.ref

        def share(store: Store) -> None:
            share_template(store, home, pair_id, ref)

        def unshare(store: Store) -> None:
            unshare_template(store, pair_id, ref)

        if template.shared:
            self.app.undo.run(unshare, f"{ref} is no longer shared", share, self.reload)
        else:
            said = f"{ref} is shared with your partner from the next sync"
            self.app.undo.run(share, said, unshare, self.reload)

    def action_copy(self) -> None:
        """Copy the partner's shared template into my templates folder."""
        template, pair_id, home = self._selected(), self.app.pair_id, self.app.home
        if template is None or pair_id is None:
            return
        if not template.partner:
            self.notify("c copies a template your partner shares; this one is yours already.")
            return
        ref = template.ref

        def copy(store: Store) -> None:
            copy_template(store, home, pair_id, ref)

        self.app.undo.run(
            copy,
            f"{ref} is copied into your templates",
            lambda store: delete_template(home, ref),
            self.reload,
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._preview()


SCREEN = TemplatesScreen
