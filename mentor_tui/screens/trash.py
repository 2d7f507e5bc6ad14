"""Recently deleted: my deleted records of the chosen pair (and my dropped action items and
goals), newest first, with when each went, in my zone. enter (or r) restores the
highlighted one; u takes the restore back, as for any one-key change (screens/undo.py).
From the palette, or `mentor --open trash`; `mentor trash` and `mentor restore` in a shell."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from mentor_tui.dates import local
from mentor_tui.screens.base import AreaScreen
from mentor_tui.screens.undo import Service
from mentor_tui.services.restore import delete_record, restore_record, say
from mentor_tui.services.trash import Trashed, list_trash
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import one_line
from mentor_tui.wording import plural

COLUMNS = ("Deleted", "Kind", "Title")
DATE_FORMAT = "%a %d %b %Y %H:%M"
DATE_WIDTH = len("Tue 17 Nov 2026 04:30")
KIND_WIDTH = len("action item (dropped)")


@dataclass(frozen=True)
class TrashData:
    rows: list[Trashed]
    zone: str


def kind_cell(row: Trashed) -> Text:
    cell = Text(say(row.kind))
    if row.state != "deleted":
        cell.append(f" ({row.state})", style="dim")
    return cell


def _take_back(row: Trashed) -> Service:
    """What puts a restored record back where it was: deleted, or dropped again."""
    from mentor_tui.services.actions import drop_action_item
    from mentor_tui.services.goals import drop_goal

    if row.state == "deleted":
        return lambda store: delete_record(store, row.kind, row.id)
    if row.kind == "goal":
        return lambda store: drop_goal(store, row.id)
    return lambda store: drop_action_item(store, row.id)


class TrashScreen(AreaScreen[TrashData]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("r", "restore", "Restore"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="trash-summary", classes="screen-summary")
        yield RecordTable(COLUMNS, id="trash-table", empty="Nothing deleted in this pair.")

    def load(self, pair_id: str | None) -> TrashData:
        assert pair_id is not None
        zone = self.app.me.timezone if self.app.me else "UTC"
        return TrashData(list_trash(self.store, pair_id, zone), zone)

    def show(self, data: TrashData) -> None:
        self.data = data
        summary = Text("Recently deleted", style="bold")
        summary.append(f"   {plural(len(data.rows), 'record')} · enter or r restores", style="dim")
        self.query_one("#trash-summary", Static).update(summary)
        self._columns()
        title_width = self.query_one(RecordTable).ordered_columns[2].width
        self.query_one(RecordTable).fill(
            (
                f"{row.kind}:{row.id}",
                [
                    Text(local(row.when, data.zone).strftime(DATE_FORMAT)),
                    kind_cell(row),
                    Text(one_line(row.title, title_width)),
                ],
            )
            for row in data.rows
        )

    def _columns(self) -> None:
        """Fixed widths (as on the search screen): the title takes what the others leave
        (2 cells of padding per column, 2 for the scrollbar)."""
        table = self.query_one(RecordTable)
        total = max(60, self.size.width or 120)
        widths = [DATE_WIDTH, KIND_WIDTH, max(20, total - DATE_WIDTH - KIND_WIDTH - 3 * 2 - 2)]
        if [c.width for c in table.ordered_columns] != widths:
            table.clear(columns=True)
            for name, width in zip(COLUMNS, widths, strict=True):
                table.add_column(name, width=width)

    def on_resize(self) -> None:
        data: TrashData | None = getattr(self, "data", None)
        if data is not None:
            self.show(data)

    def _selected(self) -> Trashed | None:
        key = self.query_one(RecordTable).selected_key
        data: TrashData | None = getattr(self, "data", None)
        if not key or data is None:
            return None
        return next((row for row in data.rows if f"{row.kind}:{row.id}" == key), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_restore()

    def action_restore(self) -> None:
        row = self._selected()
        if row is None:
            return
        self.app.undo.run(
            lambda store: restore_record(store, row.kind, row.id),
            f"Restored {say(row.kind)} “{one_line(row.title, 40)}”",
            _take_back(row),
            then=self.reload,
        )


SCREEN = TrashScreen
