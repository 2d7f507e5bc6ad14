"""Search everything: journal entries, sessions, notes, feedback, action items, goals and
milestones, as you type.

Each keystroke starts a thread worker (exclusive: a newer keystroke cancels the older
search, and a result for an older query is dropped); the worker returns hits and the
table is refilled on the UI thread with one page of rows. Matches are highlighted from
the spans the service returns, never from markup. ctrl+t picks the kind (or the Select),
ctrl+r switches best match / newest first; enter opens the hit where it lives.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static
from textual.worker import Worker, WorkerState

from mentor_tui.dates import local
from mentor_tui.services.search import KINDS, Hit, Spans, clip, match_expression, search
from mentor_tui.services.text import visible
from mentor_tui.widgets.footer import FittingFooter
from mentor_tui.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from mentor_tui.app import MentorApp

PAGE = 40  # rows read before the table has a size; then a screenful (see page)
MATCH_STYLE = "bold black on yellow"
KIND_LABELS = {
    "journal": "Journal",
    "session": "Session",
    "note": "Notes",
    "feedback": "Feedback",
    "action": "Action",
    "goal": "Goal",
    "milestone": "Milestone",
}
DATE_FORMATS = {9: "%d %b %y", 11: "%d %b %Y"}  # by the Date column's width
ALL = "all"
EMPTY = "Type a word to search everything."
SEARCH_GROUP = "search"


@dataclass(frozen=True)
class Request:
    words: str = ""
    kind: str = ALL
    newest: bool = False
    offset: int = 0
    page: int = PAGE  # rows to read: what the table shows (only those are rendered)


def spans_cell(spans: Spans, width: int, style: str = "") -> Text:
    """Spans as one line of Text, the first match in view and highlighted."""
    cell = Text(style=style, no_wrap=True, overflow="ellipsis")
    for part, matched in clip(spans, width):
        cell.append(visible(part, one_line=True), style=MATCH_STYLE if matched else "")
    return cell


class SearchScreen(Screen[None]):
    app: MentorApp

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("enter", "open_hit", "Open"),
        Binding("ctrl+t", "next_kind", "Kind", priority=True),
        Binding("ctrl+r", "toggle_order", "Best/newest", priority=True),
        Binding("down", "to_results", "Results", show=False),
        Binding("slash", "to_query", "Search", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.request = Request()
        self.hits: list[Hit] = []
        self.more = False

    def compose(self) -> ComposeResult:
        yield Static(Text("Search everything", style="bold"), id="search-head")
        with Horizontal(id="search-bar"):
            yield Input(
                id="search-query", placeholder="type to search: journal, sessions, goals, ..."
            )
            yield Select(
                [("All kinds", ALL), *((KIND_LABELS[k], k) for k in KINDS)],
                value=ALL,
                allow_blank=False,
                id="search-kind",
            )
        yield Static("", id="search-summary", classes="screen-summary")
        yield RecordTable(
            ("Kind", "Date", "Title", "Match"),
            id="search-results",
            empty=EMPTY,
        )
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#search-query", Input).focus()
        self._columns()
        self._summary()

    def on_screen_resume(self) -> None:
        if self.request.words:  # back from an editor: show what changed there
            self._run(replace(self.request, offset=0))

    @property
    def zone(self) -> str:
        return self.app.me.timezone if self.app.me else "UTC"

    # ---- searching ----------------------------------------------------------------------

    @on(Input.Changed, "#search-query")
    def _typed(self, event: Input.Changed) -> None:
        self._run(replace(self.request, words=event.value, offset=0))

    @on(Select.Changed, "#search-kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        kind = str(event.value)
        if kind != self.request.kind:
            self._run(replace(self.request, kind=kind, offset=0))

    def action_next_kind(self) -> None:
        order = [ALL, *KINDS]
        kind = order[(order.index(self.request.kind) + 1) % len(order)]
        self.query_one("#search-kind", Select).value = kind  # Select.Changed runs it

    def action_toggle_order(self) -> None:
        self._run(replace(self.request, newest=not self.request.newest, offset=0))

    def _run(self, request: Request) -> None:
        rows_in_view = self.query_one(RecordTable).size.height - 1  # less the header
        request = replace(request, page=rows_in_view if rows_in_view >= 5 else PAGE)
        self.request = request
        if match_expression(request.words) is None:
            self.workers.cancel_group(self, SEARCH_GROUP)
            self._show(request, [])
            return
        app = self.app
        kinds = None if request.kind == ALL else [request.kind]

        def find() -> tuple[Request, list[Hit]]:
            # The Store is fetched here: after the light start it opens at its first use,
            # which must not hold up the typing.
            return request, search(
                app.store,
                request.words,
                kinds=kinds,
                limit=request.page + 1,  # one more than shown: is there a next page?
                offset=request.offset,
                newest=request.newest,
            )

        self.run_worker(find, thread=True, exclusive=True, group=SEARCH_GROUP, exit_on_error=False)

    @on(Worker.StateChanged)
    def _found(self, event: Worker.StateChanged) -> None:
        if event.worker.group != SEARCH_GROUP:
            return
        if event.state == WorkerState.ERROR:
            self.query_one("#search-summary", Static).update(
                Text(f"Search failed: {event.worker.error}", style="bold red")
            )
        if event.state != WorkerState.SUCCESS:
            return
        found: tuple[Request, list[Hit]] = event.worker.result  # type: ignore[assignment]
        request, hits = found
        if request != self.request:
            return  # typed on meanwhile: a newer search is coming
        self._show(request, hits)

    def _show(self, request: Request, hits: list[Hit]) -> None:
        more, hits = len(hits) > request.page, hits[: request.page]
        table = self.query_one(RecordTable)
        if request.offset == 0:
            self.hits = hits
            table.empty = EMPTY if match_expression(request.words) is None else "Nothing matches."
            table.fill(self._row(hit) for hit in hits)
            if hits:
                table.move_cursor(row=0)
        else:  # the next page, below the rows already there
            known = set(table.rows)
            fresh = [hit for hit in hits if hit.record_id not in known]
            for key, cells in map(self._row, fresh):
                table.add_row(*cells, key=key)
            self.hits += fresh
        self.more = more
        self._summary()

    def _summary(self) -> None:
        request = self.request
        summary = Text()
        if match_expression(request.words) is None:
            summary.append("Every word must match; the last one counts as a prefix.", "dim")
        else:
            count = f"{len(self.hits)}{'+' if self.more else ''}"
            summary.append(f"{count} found", "bold cyan")
            if self.hits:
                summary.append("   enter opens", "dim")
        summary.append("   kind: ", "dim")
        summary.append(
            KIND_LABELS.get(request.kind, "all").lower() if request.kind != ALL else "all"
        )
        summary.append("   order: ", "dim")
        summary.append("newest first" if request.newest else "best match first")
        self.query_one("#search-summary", Static).update(summary)

    # ---- rows ---------------------------------------------------------------------------

    def _widths(self) -> tuple[int, int, int, int]:
        """Kind, Date, Title, Match: the match takes what the others leave (2 cells of
        padding per column, 2 for the scrollbar)."""
        total = max(60, self.size.width or 120)
        date, title = (9, 24) if total < 100 else (11, 40)
        return 9, date, title, max(20, total - 9 - date - title - 4 * 2 - 2)

    def _columns(self) -> None:
        table = self.query_one(RecordTable)
        widths = self._widths()
        if [c.width for c in table.ordered_columns] != list(widths):
            table.clear(columns=True)  # fixed widths: rows never measure themselves
            for name, width in zip(("Kind", "Date", "Title", "Match"), widths, strict=True):
                table.add_column(name, width=width)

    def on_resize(self) -> None:
        self._columns()
        if self.hits:
            self.query_one(RecordTable).fill(self._row(hit) for hit in self.hits)

    def _row(self, hit: Hit) -> tuple[str, list[Text]]:
        _, date_width, title_width, match_width = self._widths()
        detail = visible(" ".join(hit.detail.split()))
        if detail and len(detail) <= title_width // 3:  # a status, "shared": beside the title
            title = spans_cell(hit.title, title_width - len(detail) - 3)
            title.append(f" · {detail}", style="dim")
        else:
            title = spans_cell(hit.title, title_width)
        return hit.record_id, [
            Text(KIND_LABELS[hit.kind], style="bold"),
            Text(local(hit.when, self.zone).strftime(DATE_FORMATS[date_width]), style="dim"),
            title,
            spans_cell(hit.snippet, match_width, style="dim"),
        ]

    @on(DataTable.RowHighlighted, "#search-results")
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        if self.more and event.cursor_row >= len(self.hits) - 3:
            self.more = False  # one page at a time
            self._run(replace(self.request, offset=len(self.hits)))

    # ---- keys ---------------------------------------------------------------------------

    def action_close(self) -> None:
        self.workers.cancel_group(self, SEARCH_GROUP)
        self.dismiss(None)

    def action_to_results(self) -> None:
        self.query_one(RecordTable).focus()

    def action_to_query(self) -> None:
        self.query_one("#search-query", Input).focus()

    @on(Input.Submitted, "#search-query")
    def _submitted(self) -> None:
        self.action_open_hit()

    @on(DataTable.RowSelected, "#search-results")
    def _selected(self) -> None:
        self.action_open_hit()

    def action_open_hit(self) -> None:
        key = self.query_one(RecordTable).selected_key
        hit = next((h for h in self.hits if h.record_id == key), None)
        if hit is not None:
            self._open(hit)

    def _open(self, hit: Hit) -> None:
        """The hit where it lives: the journal, session or goal editor above this screen
        (back here on escape); a milestone on the Milestones screen of its pair."""
        app = self.app
        view = next((pair for pair in app.pairs if pair.id == hit.pair_id), None)
        session_id = (
            hit.parent_id if hit.kind in ("session", "note", "feedback", "action") else None
        )
        if hit.kind == "journal":
            from mentor_tui.screens.journal_editor import JournalEditorScreen

            app.push_screen(JournalEditorScreen(view, hit.record_id))
        elif session_id:
            from mentor_tui.screens.session_editor import SessionEditorScreen

            app.push_screen(SessionEditorScreen(session_id))
        elif hit.kind == "goal" and view is not None:
            from mentor_tui.screens.goal_editor import GoalEditorScreen

            app.push_screen(GoalEditorScreen(view, hit.record_id))
        elif view is not None:  # a milestone, or an action item raised outside a session
            area = "milestones" if hit.kind == "milestone" else "sessions"
            self.dismiss(None)
            app.choose_pair(view.id)
            app.action_open(area)
            if hit.kind == "milestone":
                _select_when_shown(app, "MilestonesScreen", hit.record_id)
        else:
            self.notify("That pair is not among yours any more.", severity="warning")


def _select_when_shown(app: MentorApp, screen: str, key: str, tries: int = 40) -> None:
    """Put the cursor on `key` once that area screen has loaded its rows (it loads in a
    worker of its own, so poll a few times rather than reach into it)."""

    def attempt() -> None:
        nonlocal tries
        tries -= 1
        if type(app.screen).__name__ == screen:
            table = app.screen.query(RecordTable)
            if table and key in table.first().rows:
                table.first().move_cursor(row=table.first().get_row_index(key))
                timer.stop()
                return
        if tries <= 0:
            timer.stop()

    timer = app.set_interval(0.05, attempt)
