"""RecordTable.update_rows: rows that stay are kept (only changed cells set), the others
removed or added, all in the order given, the cursor on the same record when it stays."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from mentor_tui.widgets.record_table import RecordTable


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield RecordTable(("Name", "Note"), empty="Nothing.")


def _shown(table: RecordTable) -> list[tuple[str, str]]:
    return [(str(a), str(b)) for a, b in (table.get_row_at(i) for i in range(table.row_count))]


async def test_update_rows_changes_only_the_difference() -> None:
    app = TableApp()
    async with app.run_test() as pilot:
        table = app.query_one(RecordTable)
        table.update_rows([("a", ["A", "1"]), ("b", ["B", "2"]), ("c", ["C", "3"])])
        await pilot.pause()
        table.move_cursor(row=2)  # on c
        kept = table.get_row("c")[0]
        table.update_rows([("d", ["D", "4"]), ("c", [Text("C"), "3!"]), ("a", ["A", "1"])])
        await pilot.pause()
        assert _shown(table) == [("D", "4"), ("C", "3!"), ("A", "1")]
        assert [k.value for k in table.rows] == ["d", "c", "a"]
        assert table.get_row("c")[0] is kept  # an unchanged cell is left as it was
        assert table.selected_key == "c"
        table.update_rows([("e", [Text("E", style="italic"), "5"])])
        await pilot.pause()
        assert _shown(table) == [("E", "5")] and table.selected_key == "e"
        table.update_rows([("e", [Text("E", style="bold"), "5"])])  # only the style changed
        assert table.get_row("e")[0].style == "bold"
        table.update_rows([])
        await pilot.pause()
        assert _shown(table) == [("Nothing.", "")] and table.selected_key is None
        table.update_rows([("a", ["A", "1"])])
        assert _shown(table) == [("A", "1")]


async def test_many_removals_refill_and_keep_the_cursor_on_its_record() -> None:
    app = TableApp()
    async with app.run_test() as pilot:
        table = app.query_one(RecordTable)
        table.update_rows([(f"r{i}", [f"R{i}", ""]) for i in range(8)])
        table.move_cursor(row=6)
        await pilot.pause()
        table.update_rows([("x", ["X", ""]), ("r6", ["R6", "kept"])])  # 7 go: refilled
        await pilot.pause()
        assert _shown(table) == [("X", ""), ("R6", "kept")]
        assert table.selected_key == "r6"
