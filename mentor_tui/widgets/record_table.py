"""A DataTable of records: rows keyed by record id, cursor on rows, zebra stripes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.widgets import DataTable

from mentor_tui.widgets.render import plain

REBUILD_ABOVE = 3  # removals past which update_rows clears and refills instead


def _same(old: object, new: object) -> bool:
    """Text's == ignores its base style (italic, dim): compare that too."""
    if isinstance(old, Text) and isinstance(new, Text):
        return old.style == new.style and old == new
    return old == new


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
            message: list[Text | str] = [""] * len(self._columns)
            message[self._empty_column()] = Text(self.empty, style="dim italic")
            self.add_row(*message, key="")
        elif keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep))

    def _empty_column(self) -> int:
        """Where the empty table's message goes: the first column that grows with its text,
        or, when a screen fixed every width, the widest (a fixed 12-cell date column cut
        "No entries yet" to "No entries y")."""
        columns = self.ordered_columns
        growing = [i for i, column in enumerate(columns) if column.auto_width]
        if growing or not columns:
            return growing[0] if growing else 0
        return max(range(len(columns)), key=lambda i: columns[i].width)

    def update_rows(self, rows: Iterable[tuple[str, Sequence[Text | str]]]) -> None:
        """Show these rows, changing only what differs from what is shown (search as you
        type): a row whose record stays keeps its place in the table's caches and only its
        changed cells are set; the rest are removed or added, then put in the given order.
        The cursor stays on the same record when it is still there, else goes to the top."""
        wanted = [
            (key, [plain(c) if isinstance(c, str) else c for c in cells]) for key, cells in rows
        ]
        new_keys = {key for key, _ in wanted}
        gone = [k for k in self.rows if k.value not in new_keys]
        if len(gone) > REBUILD_ABOVE or len(gone) == self.row_count:
            # DataTable.remove_row re-indexes every row and re-checks the cursor: past a
            # few removals, clearing and adding the page again is cheaper.
            self.fill(wanted)
            return
        keep = self.selected_key
        for row_key in gone:
            self.remove_row(row_key)
        columns = [column.key for column in self.ordered_columns]
        for key, cells in wanted:
            if key not in self.rows:
                self.add_row(*cells, key=key)
                continue
            for column, old, new in zip(columns, self.get_row(key), cells, strict=False):
                if not _same(old, new):
                    self.update_cell(key, column, new)
        order = {key: index for index, (key, _) in enumerate(wanted)}
        if any(self.get_row_index(key) != index for key, index in order.items()):
            # sort() hands the key function a row's cells, not its key: find rows by the
            # identity of their first cell, which is unique to the row.
            where = {id(self.get_row(key)[0]): index for key, index in order.items()}
            self.sort(key=lambda cells: where[id(cells[0])])
            # `rows` iterates in the order rows were added: keep it the order shown.
            shown = {key.value: (key, row) for key, row in self.rows.items()}
            self.rows.clear()
            self.rows.update(shown[key] for key, _ in wanted)
        if keep is not None and keep in order:
            self.move_cursor(row=order[keep])
        else:
            self.move_cursor(row=0)

    @property
    def selected_key(self) -> str | None:
        if self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:
            return None
        return key or None
