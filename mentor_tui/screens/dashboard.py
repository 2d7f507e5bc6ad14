"""The Dashboard: next session, open action items, goals, wins and the journal, at a glance.

t opens today's session in the editor, planning a check-in for now when there is none:
the first key of logging a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Sparkline, Static
from textual.worker import Worker, WorkerState

from mentor_tui.dates import local, relative_day, relative_instant
from mentor_tui.models.enums import session_kind_label
from mentor_tui.screens.base import AreaScreen
from mentor_tui.widgets.render import due, one_line, plain, progress_bar, status

if TYPE_CHECKING:
    # Services import the storage stack: off the first frame (the app opens it in a worker).
    from mentor_tui.services.dashboard_rules import Dashboard
    from mentor_tui.services.progress_frame import Trend
    from mentor_tui.services.start_up import QuickStart

NARROW_BELOW = 100  # columns: below this the panels stack in one column


def _table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1, 0, 0), expand=True)
    return table


def _empty(words: str) -> Text:
    return Text(words, style="dim italic")


@dataclass(frozen=True)
class DashboardData:
    """The pair's dashboard, and when sync last ran (None, None without sync)."""

    dashboard: Dashboard
    last_sync: datetime | None
    partner_changed: datetime | None
    trend: Trend | None = None  # sessions held per month, for the sparkline


def sync_line(data: DashboardData) -> Text | None:
    if data.last_sync is None:
        return None
    now = data.dashboard.now
    line = Text(f"Synced {relative_instant(data.last_sync, now)}", style="dim")
    if data.partner_changed is not None:
        name = one_line(data.dashboard.pair.partner.display_name.split()[0], 40)
        line.append(
            f" · {name} last published {relative_instant(data.partner_changed, now)}", style="dim"
        )
    return line


def next_session_panel(data: Dashboard) -> Group:
    from mentor_tui.services.dashboard_rules import when_text  # no ORM: the preview draws it

    pair, nxt, today = data.pair, data.next_session, data.today
    lines: list[Text] = []
    if nxt.planned is not None:
        session = nxt.planned
        kind = session_kind_label(session.kind)
        lines.append(plain(when_text(session, pair), style="bold", one_line=True))
        starts = local(session.starts_at, pair.me.timezone).date()
        lines.append(
            Text(
                f"{kind}, {session.duration_minutes} min, {relative_day(starts, today)}",
                style="dim",
            )
        )
        if session.agenda.strip():
            lines.append(Text("Agenda: ", style="dim") + Text(one_line(session.agenda, 70)))
    else:
        lines.append(_empty("Nothing scheduled."))
    cadence = Text(f"Cadence: {pair.cadence.value}", style="dim")
    if nxt.days_since_last is not None:
        cadence.append(
            f" · last session {relative_day(nxt.last_held.starts_at.date(), today)}"
            if nxt.last_held
            else "",
            style="dim",
        )
    lines.append(cadence)
    slipped = nxt.slipped_days(today)
    if pair.pair.status == "closed":
        pass  # no session is due in a closed mentorship: the closing line below says so
    elif slipped and nxt.due_on is not None:
        lines.append(
            Text(
                f"⚠ A session was due {relative_day(nxt.due_on, today)} by the "
                f"{pair.cadence.value} cadence. Schedule one (s).",
                style="bold yellow",
            )
        )
    elif nxt.planned is None and nxt.due_on is not None:
        lines.append(
            Text(
                f"Next one due {nxt.due_on:%a %d %b} ({relative_day(nxt.due_on, today)})",
                style="yellow",
            )
        )
    return Group(*lines)


def action_items_panel(data: Dashboard) -> Table | Text:
    if not data.action_items:
        return _empty("No open action items.")
    table = _table()
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    for view in data.action_items[:8]:
        table.add_row(
            Text(one_line(view.item.title, 60)),
            plain(view.owner_name, style="dim", one_line=True),
            due(view.item.due_on, data.today),
        )
    if len(data.action_items) > 8:
        table.add_row(_empty(f"… and {len(data.action_items) - 8} more (s)"), "", "")
    return table


def goals_panel(data: Dashboard) -> Table | Text:
    if not data.goals:
        return _empty("No goals yet. Draft one on the Goals screen (g).")
    table = _table()
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    for view in data.goals:
        goal = view.goal
        bar = progress_bar(view.progress)
        bar.append(f" {view.milestones_done}/{view.milestones_total}", style="dim")
        done = goal.status == "achieved"
        table.add_row(
            Text(one_line(goal.title, 50)),
            status(goal.status),
            bar,
            due(goal.due_on, data.today, done=done),
        )
    return table


def wins_panel(data: Dashboard) -> Table | Text:
    if not data.wins:
        return _empty("No wins yet: the first finished milestone shows here.")
    table = _table()
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(no_wrap=True, justify="right")
    for win in data.wins:
        mark = Text("★ " if win.kind == "goal" else "✓ ", style="bold green")
        table.add_row(
            mark, Text(one_line(win.title, 60)), Text(relative_day(win.on, data.today), style="dim")
        )
    return table


def journal_panel(data: Dashboard) -> Table | Text:
    if not data.journal:
        return _empty("No journal entries yet (j, or `mentor journal add` from the shell).")
    zone = data.pair.me.timezone
    table = _table()
    table.add_column(no_wrap=True, style="dim")
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(no_wrap=True)
    for entry in data.journal:
        title = entry.title or one_line(entry.body, 70)
        line = Text(one_line(title, 70))
        if entry.tags:
            tags = " ".join(f"#{tag}" for tag in entry.tags.split())
            line.append("  " + one_line(tags, 200), style="cyan")
        table.add_row(
            local(entry.written_at, zone).strftime("%a %d %b"),
            line,
            Text("shared", style="green") if entry.shared else Text("private", style="dim"),
        )
    return table


PANELS = (
    ("next-session", "Next session", next_session_panel),
    ("action-items", "Open action items", action_items_panel),
    ("goals", "Goals", goals_panel),
    ("wins", "Recent wins", wins_panel),
    ("journal", "Latest journal entries", journal_panel),
)


TODAY_GROUP = "today"


def ending_line(data: Dashboard) -> Text | None:
    """The planned end near or passed (an open pair), or the closed record: both point at
    the final review (f). Nothing closes on its own."""
    from mentor_tui.services.closing_end import end_in_sight

    pair = data.pair.pair
    if pair.status == "closed":
        when = f" {local(pair.closed_at, data.pair.me.timezone):%a %d %b}" if pair.closed_at else ""
        return Text(f"Closed{when}: read-only. Final reviews (f).", style="bold")
    end = end_in_sight(pair, data.today)
    if end is None:
        return None
    return Text(f"{end.words(data.today)}: time for the final review (f).", style="bold yellow")


class DashboardScreen(AreaScreen[DashboardData]):
    BINDINGS = [Binding("t", "today", "Today"), Binding("f", "final_review", "Final review")]

    ending: Text | None = None  # what the Dashboard says about the end, when it says it

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "final_review":
            # Offered when the end is near, or closed; not on the preview (no Store yet).
            return self.ending is not None and self.app.ready
        return True

    def action_final_review(self) -> None:
        """The closing review: my final review of an open pair, both side by side once
        it is closed."""
        from mentor_tui.screens.closing import FinalReviewScreen
        from mentor_tui.screens.closing_review import ClosingReviewScreen

        pair = self.app.pair
        if pair is None:
            return
        if pair.pair.status == "closed":
            self.app.push_screen(ClosingReviewScreen(pair.id))
        else:
            self.app.push_screen(FinalReviewScreen(pair), self._review_saved)

    def _review_saved(self, pair_id: str | None) -> None:
        if pair_id:
            self.app.reload_pairs(prefer=pair_id)

    def action_today(self) -> None:
        """Open today's session, or plan one for now (a write: in a thread worker)."""
        from mentor_tui.services.session_log import open_or_plan_today

        pair_id = self.app.pair_id
        if pair_id is None:
            return
        self.run_worker(
            lambda: open_or_plan_today(self.store, pair_id),
            thread=True,
            exclusive=True,
            group=TODAY_GROUP,
            exit_on_error=False,
        )

    @on(Worker.StateChanged)
    def _today_ready(self, event: Worker.StateChanged) -> None:
        if event.worker.group != TODAY_GROUP:
            return
        if event.state == WorkerState.ERROR:
            self.notify(str(event.worker.error), severity="error")
        elif event.state == WorkerState.SUCCESS and event.worker.result is not None:
            from mentor_tui.screens.session_editor import SessionEditorScreen

            session, planned = event.worker.result
            if planned:
                self.notify("Planned a check-in for now.", timeout=2)
            self.app.push_screen(SessionEditorScreen(session.id))

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="dashboard-scroll"):
            with Horizontal(id="progress-trend"):
                yield Static("Sessions a month", classes="trend-label")
                yield Sparkline([], summary_function=max)
                yield Static("", classes="trend-words")
            with Grid(id="dashboard-grid"):
                for panel_id, title, _render in PANELS:
                    panel = Static(id=panel_id, classes="panel")
                    panel.border_title = title
                    yield panel

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "narrow")

    def load(self, pair_id: str | None) -> DashboardData:
        assert pair_id is not None
        if not self.app.store_open:
            # Until something needs the Store, on the quick path: the same Dashboard (a
            # test renders both), without importing the storage stack (MentorApp.store).
            quick = self._read_quickly(pair_id)
            if quick is not None:
                return quick
        from mentor_tui.services.dashboard import load_dashboard
        from mentor_tui.services.progress import session_trend
        from mentor_tui.sync.state import sync_times

        last_sync, partner_changed = sync_times(self.app.home, pair_id)
        return DashboardData(
            load_dashboard(self.store, pair_id),
            last_sync,
            partner_changed,
            session_trend(self.store, pair_id),
        )

    def _read_quickly(self, pair_id: str) -> DashboardData | None:
        from mentor_tui.paths import database_path
        from mentor_tui.services.start_up import read_quickly

        def of_this_pair(start: QuickStart) -> DashboardData | None:
            return self.quick_load(start) if start.pair_id == pair_id else None

        return read_quickly(database_path(self.app.home), pair_id, self.app.clock, of_this_pair)

    def quick_load(self, start: QuickStart) -> DashboardData | None:
        """What `load` reads, on the quick path (plain sqlite3) before the Store is open."""
        from mentor_tui.services.dashboard_quick import quick_dashboard
        from mentor_tui.sync.state import sync_times

        read = quick_dashboard(start)
        if read is None or start.pair_id is None:
            return None  # no pair: the app asks for one once the Store is open
        dashboard, trend = read
        return DashboardData(dashboard, *sync_times(self.app.home, start.pair_id), trend)

    def show(self, data: DashboardData) -> None:
        self.ending = ending_line(data.dashboard)
        self.refresh_bindings()
        if data.trend is not None:
            self.query_one(Sparkline).data = data.trend.held
            words = f"{data.trend.cadence} (P: progress)"
            self.query_one("#progress-trend .trend-words", Static).update(words)
        for panel_id, title, render in PANELS:
            panel = self.query_one(f"#{panel_id}", Static)
            rendered = render(data.dashboard)
            if panel_id == "next-session":
                extra = [line for line in (self.ending, sync_line(data)) if line is not None]
                rendered = Group(rendered, *extra) if extra else rendered
            panel.update(rendered)
            if panel_id == "action-items":
                panel.border_title = f"{title} ({len(data.dashboard.action_items)})"

    def show_no_pair(self) -> None:
        self.ending = None
        self.refresh_bindings()
        for panel_id, _title, _render in PANELS:
            self.query_one(f"#{panel_id}", Static).update(
                _empty("No pair yet. Press n to start a mentorship, or y to join your partner's.")
            )


SCREEN = DashboardScreen
