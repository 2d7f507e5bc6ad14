"""The development journal: the list (screens/journal_list.py) and the keys that act on its
entries. a writes an entry, enter/e edits, v shares or unshares, del deletes (u undoes),
/ searches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import DataTable
from textual.worker import Worker, WorkerState

from mentor_tui.screens.journal_list import PAGE, JournalList, JournalPage
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import one_line

if TYPE_CHECKING:
    from mentor_tui.models.db import Store

__all__ = ["PAGE", "SCREEN", "JournalScreen"]

SHARE_GROUP = "share"


class JournalScreen(JournalList):
    BINDINGS = [
        Binding("a", "new_entry", "Write"),
        Binding("e", "edit_entry", "Edit"),
        Binding("v", "toggle_share", "Share/unshare"),
        Binding("delete", "delete_entry", "Delete", key_display="del", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("escape", "clear_search", "Clear", show=False),
    ]

    def show(self, data: JournalPage) -> None:
        super().show(data)
        # `a` pressed on the preview's list: the editor, now that the Store is open.
        shown = data.filters == self.filters  # else a newer load is coming
        if shown and self._write_once_open and self.app.ready:
            self._write_once_open = False
            self.call_later(self.action_new_entry)

    def _selected(self) -> str | None:
        if not self.app.ready:
            return None  # the preview's rows: nothing to act on until the Store is open
        return self.query_one(RecordTable).selected_key

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit_entry()

    _write_once_open = False

    def action_new_entry(self) -> None:
        if not self.app.ready:
            # The preview's list shows before the Store is open: the editor opens as
            # soon as it is (a moment), rather than ignoring the key. Nothing is imported
            # before then: the editor imports SQLAlchemy, which the worker is importing,
            # and two threads importing it at once fail ("partially initialized module").
            self._write_once_open = True
            return
        from mentor_tui.screens.journal_editor import JournalEditorScreen

        self.app.push_screen(JournalEditorScreen(self.app.pair, None))

    def action_edit_entry(self) -> None:
        entry_id = self._selected()  # None before the Store is open: import nothing then
        if entry_id:
            from mentor_tui.screens.journal_editor import JournalEditorScreen

            self.app.push_screen(JournalEditorScreen(self.app.pair, entry_id))

    def action_toggle_share(self) -> None:
        entry_id = self._selected()
        if not entry_id:
            return

        def toggle() -> tuple[str, bool]:
            store = self.store  # opened here at its first use, before the import below
            from mentor_tui.services.journal import toggle_shared

            return entry_id, toggle_shared(store, entry_id).shared

        self.run_worker(toggle, thread=True, group=SHARE_GROUP, exit_on_error=False)

    @on(Worker.StateChanged)
    def _share_toggled(self, event: Worker.StateChanged) -> None:
        if event.worker.group != SHARE_GROUP:
            return
        if event.state == WorkerState.ERROR:
            self.notify(str(event.worker.error), severity="warning")
        if event.state != WorkerState.SUCCESS:
            return
        entry_id, shared = cast("tuple[str, bool]", event.worker.result)
        self.notify(
            "Shared with your partner (on the next sync)." if shared else "Private again.",
            timeout=3,
        )
        table = self.query_one(RecordTable)
        if entry_id in table.rows:
            table.update_cell(
                entry_id,
                table.ordered_columns[3].key,
                Text("shared", style="bold green") if shared else Text("private", style="dim"),
            )

    def action_delete_entry(self) -> None:
        entry_id = self._selected()  # None before the Store is open: import nothing then
        hit = next((h for h in self.hits if h.entry.id == entry_id), None)
        if entry_id is None or hit is None:
            return
        entry = hit.entry
        title = one_line(entry.title or entry.body, 40)

        # The services are imported in the worker, once the Store is open (light start).
        def delete(store: Store) -> None:
            from mentor_tui.services.journal import delete_journal_entry

            delete_journal_entry(store, entry_id)

        def restore(store: Store) -> None:
            from mentor_tui.services.restore import restore_record

            restore_record(store, "journal", entry_id)

        self.app.undo.run(delete, f"Deleted journal entry “{title}”", restore, then=self.reload)


SCREEN = JournalScreen
