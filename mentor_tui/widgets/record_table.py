"""A DataTable of records: rows keyed by record id, cursor on rows, zebra stripes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.widgets import DataTable

from mentor_tui.widgets.render import plain


class RecordTable(DataTable[Text | str]):
    DEFAULT_CSS = """
    RecordTable { height: 1fr; }
    """

    def __init__(self, columns: Sequence[str], *, empty: str = "Nothing here yet.", **kwargs):
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._columns, self.empty = columns, empty

    def on_mount(self) -> None:
        self.add_columns(*self._columns)

    def fill(self, rows: Iterable[tuple[str, Sequence[Text | str]]]) -> None:
        """Replace the rows, keeping the cursor on the same record when it is still there."""
        keep = self.selected_key
        self.clear()
        for key, cells in rows:
            # DataTable reads a str cell as markup: a str here is text, never markup.
            self.add_row(*(plain(c) if isinstance(c, str) else c for c in cells), key=key)
        if self.row_count == 0:
            self.add_row(
                *([Text(self.empty, style="dim italic")] + [""] * (len(self._columns) - 1)), key=""
            )
        elif keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep))

    @property
    def selected_key(self) -> str | None:
        if self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:
            return None
        return key or None
