"""The journal by keyboard: search as you type with highlighted matches, filters, paging
as you scroll, the share toggle, writing an entry. Assertions read the database through
services."""

from __future__ import annotations

import threading
from datetime import timedelta

from mentor_tui.screens.journal import PAGE, JournalScreen
from mentor_tui.screens.journal_editor import JournalEditorScreen
from mentor_tui.services.journal import (
    add_journal_entry,
    get_journal_entry,
    list_journal,
    search_journal,
)
from tests.ui.conftest import settle


def _entries(store, pair, clock, n: int) -> None:
    for i in range(n):
        add_journal_entry(
            store,
            f"Entry number {i}. About {'kafka' if i % 2 else 'design'}",
            pair_id=pair.id,
            tags=["odd" if i % 2 else "even"],
            written_at=clock.now() - timedelta(hours=i),
        )


async def _open_journal(pilot) -> None:
    await settle(pilot)
    await pilot.press("j")
    await settle(pilot)
    assert isinstance(pilot.app.screen, JournalScreen)


async def test_search_as_you_type_highlights_matches(make_app, store, pair, clock):
    _entries(store, pair, clock, 6)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_journal(pilot)
        await pilot.press("slash", *"kaf")
        await settle(pilot)
        table = app.screen.query_one("#journal-table")
        expected = [h.entry.id for h in search_journal(store, "kaf", pair.id)]
        assert list(table.rows) == expected and len(expected) == 3
        cell = table.get_row(expected[0])[1]
        assert [cell.plain[s.start : s.end] for s in cell.spans if "yellow" in str(s.style)] == [
            "kafka"
        ]
        await pilot.press(*"ka @odd")
        await settle(pilot)
        assert table.row_count == 3
        await pilot.press("escape")
        await settle(pilot)
        assert table.row_count == 6


async def test_a_search_that_matches_nothing_says_so(make_app, store, pair, clock):
    """Not "No entries yet": there are entries, none match."""
    _entries(store, pair, clock, 2)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_journal(pilot)
        await pilot.press("slash", *"zzzq")
        await settle(pilot)
        table = app.screen.query_one("#journal-table")
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "Nothing matches" in shown and "No entries yet" not in shown
        await pilot.press("escape")
        await settle(pilot)
        assert table.row_count == 2


async def test_date_filters(make_app, store, pair, clock):
    add_journal_entry(store, "Old one", pair_id=pair.id, written_at=clock.now() - timedelta(30))
    add_journal_entry(store, "New one", pair_id=pair.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_journal(pilot)
        app.screen.query_one("#journal-since").focus()
        await pilot.press(*"1 week ago")
        await settle(pilot)
        table = app.screen.query_one("#journal-table")
        assert [str(table.get_row(k)[1]) for k in table.rows] == ["New one"]


async def test_the_list_pages_as_you_scroll(make_app, store, pair, clock):
    _entries(store, pair, clock, PAGE + 15)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_journal(pilot)
        table = app.screen.query_one("#journal-table")
        assert table.row_count == PAGE
        await pilot.press("pagedown", "pagedown")  # the cursor nears the end: the next page
        await settle(pilot)
        assert table.row_count == PAGE + 15
        assert list(table.rows) == [e.id for e in list_journal(store, pair.id, limit=500)]


async def test_share_toggle_shows_in_the_list(make_app, store, pair, clock):
    entry = add_journal_entry(store, "Private by default", pair_id=pair.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_journal(pilot)
        table = app.screen.query_one("#journal-table")
        assert str(table.get_row(entry.id)[3]) == "private"
        await pilot.press("v")
        await settle(pilot)
        assert get_journal_entry(store, entry.id).shared
        assert str(table.get_row(entry.id)[3]) == "shared"
        await pilot.press("v")
        await settle(pilot)
    assert not get_journal_entry(store, entry.id).shared


async def test_writing_an_entry_with_tags_prompt_and_share(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_journal(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, JournalEditorScreen)
        await pilot.press("ctrl+t", *"Pairing helped [red]a lot[/red] @pairing")
        app.screen.query_one("#entry-title").value = "Week 47"
        app.screen.query_one("#entry-tags").value = "growth"
        app.screen.query_one("#entry-share").value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
    entry = list_journal(store, pair.id)[0]
    assert entry.title == "Week 47" and entry.shared
    assert entry.tags == "growth pairing"
    assert entry.prompt
    assert entry.body == f"{entry.prompt}\n\nPairing helped [red]a lot[/red] @pairing"


async def test_leaving_unsaved_asks_first(make_app, store, pair):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_journal(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"half a thought", "escape")
        await settle(pilot)
        await pilot.press("n")  # stay
        await settle(pilot)
        assert isinstance(app.screen, JournalEditorScreen)
    assert list_journal(store, pair.id) == []


async def test_external_editor_without_one_is_a_message(make_app, store, pair, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_journal(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("ctrl+e")  # no $EDITOR
        await settle(pilot)
        monkeypatch.setenv("EDITOR", "true")
        await pilot.press("ctrl+e")  # headless: the app cannot step aside
        await settle(pilot)
        assert isinstance(app.screen, JournalEditorScreen)
        messages = [str(n.message) for n in app._notifications]
        assert any("Set $EDITOR" in m for m in messages)


async def test_typing_fast_ends_with_the_last_querys_rows_only(
    make_app, store, pair, clock, monkeypatch
):
    """A stale search that answers after a newer one must not leave its rows behind: the
    search for "ka" is held until the last query has been answered, then let go."""
    import mentor_tui.services.journal as journal_service

    _entries(store, pair, clock, 8)
    add_journal_entry(store, "Designing the kafka queue", pair_id=pair.id)
    real = journal_service.search_journal
    last_answered = threading.Event()

    def held(store_, query, *args, **kwargs):
        if query == "ka":
            last_answered.wait(timeout=10)
        hits = real(store_, query, *args, **kwargs)
        if query == "desi":
            last_answered.set()
        return hits

    monkeypatch.setattr(journal_service, "search_journal", held)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_journal(pilot)
        await pilot.press("slash", "k", "a", "backspace", "backspace", *"desi")
        await settle(pilot)
        table = app.screen.query_one("#journal-table")
        expected = [h.entry.id for h in real(store, "desi", pair.id)]
        assert len(expected) == 5
        assert list(table.rows) == expected
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == [
            table.get_row(key)[0] for key in expected
        ]
        assert last_answered.is_set()


async def test_the_empty_message_shows_whole_after_the_last_entry_goes(make_app, store, pair):
    """The Journal fixes its column widths: the empty table's words go in the wide column,
    not the 12-cell date column that cut them to "No entries y"."""
    add_journal_entry(store, "The only one", pair_id=pair.id)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_journal(pilot)
        await pilot.press("delete")
        await settle(pilot)
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "No entries yet" in shown


async def test_typing_repaints_without_laying_the_screen_out(
    make_app, store, pair, clock, monkeypatch
):
    """A key in the search box repaints the box and, when the rows change, the table; it
    never reflows the whole screen (which took most of a keystroke's time at 100,000
    entries). A text longer than the box still scrolls to show its end."""
    from textual.screen import Screen

    _entries(store, pair, clock, 6)
    layouts: list[str] = []
    real = Screen._refresh_layout

    def counted(screen, *args, **kwargs):
        layouts.append(type(screen).__name__)
        return real(screen, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_journal(pilot)
        await pilot.press("slash", "k")
        await settle(pilot)
        table = app.screen.query_one("#journal-table")
        first = [table.get_row(key)[1] for key in table.rows]
        del layouts[:]
        await pilot.press(*"afka")  # the same three entries, the same matches
        await settle(pilot)
        assert layouts == []
        assert [table.get_row(key)[1] for key in table.rows] == first and len(first) == 3
        await pilot.press(*" and a long tail of words past the box's right edge END")
        await settle(pilot)
        box = app.screen.query_one("#journal-search")
        assert box.scroll_offset.x > 0
        assert "END" in app.export_screenshot().replace("&#160;", " ")
