"""The Journal's list: newest first, a page at a time, searched as you type.

The list never holds every entry: it reads PAGE entries and the next page when the cursor
nears the end. Typing in the search box (words, @tags) or the date boxes reloads the
first page; matches are highlighted from the spans the service returns (never markup).
The keys that act on an entry are the screen's (screens/journal.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import DataTable, Input, Static
from textual.worker import NoActiveWorker, Worker, WorkerState, get_current_worker

from mentor_tui.dates import local, parse_date
from mentor_tui.errors import MentorError
from mentor_tui.screens.base import LOAD_GROUP, AreaScreen
from mentor_tui.screens.journal_rows import Row, Widths, render_row
from mentor_tui.services.text import visible
from mentor_tui.widgets.record_table import RecordTable

if TYPE_CHECKING:
    # Services import the storage stack: off the first frame (the app opens it in a worker).
    from mentor_tui.screens.journal_rows import Hit
    from mentor_tui.services.journal_hits import JournalReads
    from mentor_tui.services.start_up import QuickStart

T = TypeVar("T")

PAGE = 40  # a screenful and a bit: the next page comes as the cursor nears the end
COLUMNS = ("Written", "Entry", "Tags", "Sharing")
ROWS_KEPT = 2000  # rendered rows remembered for the next keystrokes (then forgotten)


@dataclass(frozen=True)
class Filters:
    words: str = ""
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class JournalPage:
    hits: Sequence[Hit]
    filters: Filters
    streak: int
    prompt: str
    more: bool
    whose: str = ""  # whose streak, when not mine
    pair_id: str | None = None
    # The hits as table rows, rendered in the worker for these column widths: the UI
    # thread only puts them in the table (see JournalScreen.rows_of).
    rows: tuple[Row, ...] = ()
    widths: Widths | None = None
    zone: str = ""  # my zone, in the start-up preview (read before app.me)


class FilterBox(Input):
    """An Input whose typing repaints it without laying the screen out again. Input sets its
    virtual size to its text's width on every key, and Widget's virtual_size is a reactive
    that asks for a layout: a reflow and a repaint of the whole screen, most of a
    keystroke's time on the UI thread. The box's size is fixed by the CSS (the text scrolls
    inside it), so a repaint is enough."""

    virtual_size = Reactive(Size(0, 0), repaint=True, layout=False)


NO_ENTRIES = "No entries yet. Press a, or `mentor journal add` from a shell."
NO_MATCH = "Nothing matches. Esc clears the search."


def _cancelled() -> bool:
    """Has a newer load replaced this one (an exclusive worker, cancelled by the next
    key)? Its result would be dropped: a stale query is better not run at all."""
    try:
        return get_current_worker().is_cancelled
    except NoActiveWorker:  # called directly, not in a worker
        return False


class JournalList(AreaScreen[JournalPage]):
    filters = Filters()
    AUTO_FOCUS = "#journal-table"  # keys act on the list; / (or a click) goes to the search

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="journal-filters"):
            yield FilterBox(id="journal-search", placeholder="search as you type: words, @tag")
            yield FilterBox(id="journal-since", placeholder="since (e.g. 2 weeks ago)")
            yield FilterBox(id="journal-until", placeholder="until")
        yield Static("", id="journal-summary", classes="screen-summary")
        yield RecordTable(COLUMNS, id="journal-table", empty=NO_ENTRIES)

    def on_mount(self) -> None:
        self.hits: list[Hit] = []
        self.more = False
        self._last: JournalPage | None = None
        self._typing = False
        self._page_filters = Filters()
        self._summary = Text()
        self._rendered: dict[tuple[Hit, Widths, str], Row] = {}
        super().on_mount()
        self.query_one(RecordTable).focus()

    preview_zone = "UTC"

    @property
    def zone(self) -> str:
        return self.app.me.timezone if self.app.me else self.preview_zone

    def load(self, pair_id: str | None) -> JournalPage:
        return self._reading(lambda reads: self._read(reads, pair_id))

    def _reading(self, read: Callable[[JournalReads], T]) -> T:
        """`read` on the quick path until something needs the Store: the same rows, without
        importing the storage stack (MentorApp.store); through the Store once it is open."""
        if not self.app.store_open:
            from mentor_tui.paths import database_path
            from mentor_tui.services.start_up import quick_journal

            with quick_journal(database_path(self.app.home), self.app.clock) as quick:
                if quick is not None:
                    return read(quick)
        from mentor_tui.services.journal import StoreJournal

        return read(StoreJournal(self.store))

    def _read(self, reads: JournalReads, pair_id: str | None) -> JournalPage:
        from mentor_tui.models.journal_sql import prompt_of_week

        filters, zone, last = self.filters, self.zone, self._last
        stale = JournalPage([], filters, 0, "", False, pair_id=pair_id)  # never shown
        if _cancelled():
            return stale  # a newer key came while this waited for a thread: skip the query
        hits = reads.search(
            filters.words,
            pair_id,
            limit=PAGE,
            zone=zone,
            since=filters.since,
            until=filters.until,
        )
        if self._typing and last is not None and last.pair_id == pair_id:
            # A keystroke in the filters: only the list changes.
            return self.rows_of(replace(last, hits=hits, filters=filters, more=len(hits) == PAGE))
        if _cancelled():
            return stale
        # The mentee keeps the journal: their streak, in their zone (mine when it is me).
        pair = self.app.pair
        writer = pair.mentee if pair else self.app.me
        streak = reads.streak(writer.id, writer.timezone) if writer else 0
        today = local(self.app.clock.now(), zone).date()
        whose = (
            ""
            if writer is None or writer.id == getattr(self.app.me, "id", None)
            else f"{writer.display_name.split()[0]}: "
        )
        return self.rows_of(
            JournalPage(
                hits, filters, streak, prompt_of_week(today), len(hits) == PAGE, whose, pair_id
            )
        )

    def rows_of(self, page: JournalPage) -> JournalPage:
        """The page with its rows rendered (in the worker: Rich text, no widget touched)."""
        widths, zone = self._widths(), self.zone
        rows = tuple(self._row(hit, widths, zone) for hit in page.hits)
        return replace(page, rows=rows, widths=widths)

    def quick_load(self, start: QuickStart) -> JournalPage | None:
        """The first page as `load` reads it on opening (no filters), on the quick path."""
        from mentor_tui.models.journal_sql import prompt_of_week
        from mentor_tui.services.start_up import first_journal_page

        if start.pair_id is None or self.filters != Filters():
            return None  # no pair: the app asks for one; typed already: load reads that
        hits, streak = first_journal_page(start, PAGE)
        writer = start.writer
        whose = "" if writer.id == start.me.id else f"{writer.display_name.split()[0]}: "
        today = local(start.now, start.me.timezone).date()
        page = JournalPage(
            hits,
            Filters(),
            streak,
            prompt_of_week(today),
            len(hits) == PAGE,
            whose,
            start.pair_id,
            zone=start.me.timezone,
        )
        widths = self._widths()
        rows = tuple(render_row(hit, widths, start.me.timezone) for hit in hits)
        return replace(page, rows=rows, widths=widths)

    def preview(self, data: JournalPage) -> None:
        self.preview_zone = data.zone
        super().preview(data)
        self._last, self.more = None, False  # the next page waits for the Store

    def show(self, data: JournalPage) -> None:
        if data.filters != self.filters:
            return  # typed on meanwhile: a newer load is coming
        self._last, self._typing = data, False
        self.hits, self.more = list(data.hits), data.more
        summary = Text()
        summary.append(
            visible(data.whose, one_line=True)
            + (f"🔥 {data.streak}-day streak" if data.streak else "no streak yet"),
            style="bold",
        )
        # One line, the count before the prompt: at 80 columns the count came after it,
        # wrapped, and pushed the table down a row with the first key typed.
        if data.filters != Filters():
            summary.append(
                f"   {len(data.hits)}{'+' if data.more else ''} matching", style="bold cyan"
            )
        summary.append("   Prompt of the week: ", style="dim")
        summary.append(data.prompt, style="italic")
        if summary != self._summary:  # an update lays the screen out again: only on change
            self._summary = summary
            self.query_one("#journal-summary", Static).update(summary)
        table = self.query_one(RecordTable)
        table.empty = NO_ENTRIES if data.filters == Filters() else NO_MATCH
        keep = table.selected_key
        widths = self._widths()
        if [c.width for c in table.ordered_columns] != list(widths):
            table.clear(columns=True)  # fixed widths: never stretched by an earlier page
            for name, width in zip(COLUMNS, widths, strict=True):
                table.add_column(name, width=width)
        if data.widths == widths:
            table.update_rows(data.rows)
        else:  # resized since the worker rendered them
            table.update_rows(self._row(hit, widths, self.zone) for hit in data.hits)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))

    def _widths(self) -> Widths:
        """Written, Entry, Tags, Visibility: the entry takes what the others leave, so the
        visibility column always shows (2 cells of padding per column, 2 for the bar)."""
        # A screen built ahead and loaded while hidden has no size yet: it will have the
        # app's, as every screen does.
        width = self.size.width or self.app.size.width
        narrow = width < 100
        written, tags = (12, 12) if narrow else (21, 20)
        return written, max(20, width - written - tags - 7 - 10), tags, 7

    def _row(self, hit: Hit, widths: Widths, zone: str) -> Row:
        """A hit as a table row. Rows rendered before are reused: typing on usually finds
        the same entries with the same matches, and the table then changes nothing."""
        known = self._rendered.get((hit, widths, zone))
        if known is not None:
            return known
        row = render_row(hit, widths, zone)
        if len(self._rendered) >= ROWS_KEPT:
            self._rendered.clear()
        self._rendered[hit, widths, zone] = row
        return row

    # ---- paging: the next page when the cursor nears the end ---------------------------

    @on(DataTable.RowHighlighted, "#journal-table")
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        table = self.query_one(RecordTable)
        if self.more and event.cursor_row >= table.row_count - 10 and self.hits:
            self.more = False  # one page at a time
            last, filters, pair_id, zone = self.hits[-1], self.filters, self.app.pair_id, self.zone
            self._page_filters = filters
            self.run_worker(
                lambda: self._reading(
                    lambda reads: reads.search(
                        filters.words,
                        pair_id,
                        limit=PAGE,
                        before=last.cursor,
                        zone=zone,
                        since=filters.since,
                        until=filters.until,
                    )
                ),
                thread=True,
                group="page",
                exit_on_error=False,
            )

    @on(Worker.StateChanged)
    def _page_loaded(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "page" or event.state != WorkerState.SUCCESS:
            return
        if self._page_filters != self.filters:
            return  # the search changed meanwhile: this page belongs to the old one
        page = cast("list[Hit]", event.worker.result)
        table = self.query_one(RecordTable)
        known = set(table.rows)
        for hit in page:
            if hit.entry.id not in known:
                key, cells = self._row(hit, self._widths(), self.zone)
                table.add_row(*cells, key=key)
        self.hits += page
        self.more = len(page) == PAGE

    # ---- search and filters ------------------------------------------------------------

    @on(Input.Changed, "#journal-filters Input")
    def _filters_changed(self) -> None:
        today = local(self.app.clock.now(), self.zone).date()  # the viewer's today
        dates: dict[str, date | None] = {}
        for name in ("since", "until"):
            text = self.query_one(f"#journal-{name}", Input).value.strip()
            try:
                dates[name] = parse_date(text, today) if text else None
            except MentorError:
                dates[name] = getattr(self.filters, name)  # keep the last good one while typing
        wanted = replace(
            self.filters, words=self.query_one("#journal-search", Input).value, **dates
        )
        if wanted != self.filters:
            self.filters, self._typing = wanted, True
            self._search()

    def _search(self) -> None:
        """A keystroke's load: AreaScreen.reload without redrawing the header (the same pair
        and day; each Static.update lays the whole screen out again)."""
        pair_id = self.app.pair_id
        if not self.app.ready or (self.NEEDS_PAIR and pair_id is None):
            return  # reload() shows the screen then; nothing to search yet
        self.run_worker(
            lambda: self.load(pair_id),
            thread=True,
            exclusive=True,  # a newer key cancels the stale query
            group=LOAD_GROUP,
            exit_on_error=False,
        )

    @on(Input.Submitted, "#journal-filters Input")
    def _to_results(self) -> None:
        self.query_one(RecordTable).focus()

    def action_search(self) -> None:
        self.query_one("#journal-search", Input).focus()

    def action_clear_search(self) -> None:
        for box in self.query("#journal-filters Input").results(Input):
            box.value = ""
        self.query_one(RecordTable).focus()
