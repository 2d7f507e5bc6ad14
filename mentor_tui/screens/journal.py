"""The development journal, newest first (a page at a time)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult

from mentor_tui.dates import local
from mentor_tui.models.services.journal import list_journal
from mentor_tui.models.tables import JournalEntry
from mentor_tui.screens.base import AreaScreen
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import one_line

PAGE = 100


class JournalScreen(AreaScreen[list[JournalEntry]]):
    def compose_body(self) -> ComposeResult:
        yield RecordTable(["Written", "Entry", "Tags", "Visibility"], id="journal-table",
                          empty="No entries yet. `mentor journal add` works from the shell too.")

    def load(self, pair_id: str | None) -> list[JournalEntry]:
        return list_journal(self.store, pair_id, limit=PAGE)

    def show(self, data: list[JournalEntry]) -> None:
        zone = self.app.me.timezone if self.app.me else "UTC"
        rows = []
        for entry in data:
            rows.append((entry.id, [
                Text(local(entry.written_at, zone).strftime("%a %d %b %Y %H:%M"), style="dim"),
                Text(one_line(entry.title or entry.body, 60)),
                Text(" ".join(f"#{t}" for t in entry.tags.split()), style="cyan"),
                Text("shared", style="green") if entry.shared else Text("private", style="dim"),
            ]))
        self.query_one(RecordTable).fill(rows)


SCREEN = JournalScreen
