"""Sessions of the chosen pair: upcoming first, then past, in both people's time zones.

From here: plan a session (a), open one in the editor (enter/e), the prep brief (b), mark
the selected one held (h) or cancelled (x) or delete it (del), each undone by u; answer
the check-in (k, the mentee).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from mentor_tui.models.enums import session_kind_label
from mentor_tui.models.tables import MentoringSession
from mentor_tui.screens.base import AreaScreen
from mentor_tui.services.actions import CarriedItem, carried_items
from mentor_tui.services.pairs import PairView, get_pair
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.sessions import (
    NextSession,
    SessionLists,
    list_sessions,
    next_session,
    set_session_status,
    when_text,
)
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import one_line, plain, status
from mentor_tui.wording import plural

PAST_SHOWN = 200  # the latest past sessions; `mentor session list` has them all


@dataclass(frozen=True)
class SessionsData:
    pair: PairView
    lists: SessionLists
    cadence: NextSession
    items: list[CarriedItem]
    today: date


def summary_text(data: SessionsData) -> Text:
    """The cadence in a line, the slip as a nudge (never a block), open action items."""
    text = Text()
    cadence = data.cadence
    text.append(f"Cadence: {data.pair.pair.cadence}", style="bold")
    if cadence.days_since_last is not None:
        text.append(f" · last session {plural(cadence.days_since_last, 'day')} ago")
    if cadence.planned is None and cadence.due_on:
        text.append(f" · next due {cadence.due_on:%a %d %b}")
    nudge = cadence.nudge(data.today)
    if nudge:
        text.append(f"  ⚠ {nudge}", style="bold yellow")
    stale = sum(1 for v in data.items if v.stale)
    text.append(f"\nOpen action items: {len(data.items)}")
    if stale:
        text.append(f" · {stale} stale", style="bold red")
    lists = data.lists
    if lists.past_total > len(lists.past):
        text.append(
            f" · the latest {len(lists.past)} of {plural(lists.past_total, 'past session')}",
            style="dim",
        )
    text.append("   b prep brief · a plan a session · enter open", style="dim")
    return text


class SessionsScreen(AreaScreen[SessionsData]):
    BINDINGS = [
        Binding("a", "new_session", "Plan"),
        Binding("e", "open_session", "Open"),
        Binding("b", "brief", "Prep brief"),
        Binding("h", "mark('held')", "Held"),
        Binding("x", "mark('cancelled')", "Cancel", show=False),
        Binding("delete", "delete_session", "Delete", key_display="del", show=False),
        Binding("k", "checkin", "Check-in"),
        Binding("K", "delete_checkin", "Delete my check-in", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="sessions-summary", classes="screen-summary")
        yield RecordTable(
            ["When (you · partner)", "Kind", "Status", "Agenda"],
            id="sessions-table",
            empty="No sessions yet. Press a to plan one.",
        )

    def load(self, pair_id: str | None) -> SessionsData:
        assert pair_id is not None
        pair = get_pair(self.store, pair_id)
        return SessionsData(
            pair,
            list_sessions(self.store, pair_id, past_limit=PAST_SHOWN),
            next_session(self.store, pair),
            carried_items(self.store, pair_id),
            viewer_today(self.store),
        )

    def show(self, data: SessionsData) -> None:
        self.data = data
        self.query_one("#sessions-summary", Static).update(summary_text(data))
        rows = []
        for session in [*data.lists.upcoming, *data.lists.past]:
            when = plain(when_text(session, data.pair), one_line=True)
            if session in data.lists.upcoming:
                when.stylize("bold")
            rows.append(
                (
                    session.id,
                    [
                        when,
                        Text(session_kind_label(session.kind)),
                        status(session.status),
                        Text(one_line(session.agenda, 50)),
                    ],
                )
            )
        self.query_one(RecordTable).fill(rows)

    def _selected(self) -> str | None:
        return self.query_one(RecordTable).selected_key

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_session()

    def action_open_session(self) -> None:
        from mentor_tui.screens.session_editor import SessionEditorScreen

        session_id = self._selected()
        if session_id:
            self.app.push_screen(SessionEditorScreen(session_id))

    def action_new_session(self) -> None:
        from mentor_tui.screens.session_forms import NewSessionScreen

        pair = self.app.pair
        if pair is not None:
            self.app.push_screen(NewSessionScreen(pair), self._planned)

    def _planned(self, session_id: str | None) -> None:
        if session_id:
            self.reload()

    def action_brief(self) -> None:
        from mentor_tui.screens.brief import BriefScreen

        if self.app.pair_id:
            self.app.push_screen(BriefScreen(self.app.pair_id))

    def action_checkin(self) -> None:
        from mentor_tui.screens.checkin import CheckInScreen

        pair = self.app.pair
        if pair is not None:
            self.app.push_screen(CheckInScreen(pair))

    def action_delete_checkin(self) -> None:
        """K: delete my latest check-in answers (u undoes; the trash restores later)."""
        from mentor_tui.services.checkins import delete_checkin, latest_own_checkin
        from mentor_tui.services.restore import restore_record

        pair_id = self.app.pair_id
        if pair_id is None:
            return
        found = latest_own_checkin(self.store, pair_id)
        if found is None:
            self.notify("You have no check-in answers in this pair.", timeout=3)
            return
        checkin_id = found.id
        self.app.undo.run(
            lambda store: delete_checkin(store, checkin_id),
            "Deleted your latest check-in answers",
            lambda store: restore_record(store, "checkin", checkin_id),
            then=self.reload,
        )

    def _selected_row(self) -> MentoringSession | None:
        key, data = self._selected(), getattr(self, "data", None)
        if not key or data is None:
            return None
        return next((r for r in [*data.lists.upcoming, *data.lists.past] if r.id == key), None)

    def action_mark(self, wanted: str) -> None:
        row = self._selected_row()
        if row is None:
            return
        session_id, before = row.id, row.status
        if before == wanted:
            self.notify(f"This session is already {wanted}.", timeout=3, markup=False)
            return
        when = one_line(when_text(row, self.data.pair), 40)
        self.app.undo.run(
            lambda store: set_session_status(store, session_id, wanted),
            f"Marked the session of {when} {wanted}",
            lambda store: set_session_status(store, session_id, before),
            then=self.reload,
        )

    def action_delete_session(self) -> None:
        from mentor_tui.services.restore import restore_record
        from mentor_tui.services.sessions import delete_session

        row = self._selected_row()
        if row is None:
            return
        session_id = row.id
        when = one_line(when_text(row, self.data.pair), 40)
        self.app.undo.run(
            lambda store: delete_session(store, session_id),
            f"Deleted the session of {when}",
            lambda store: restore_record(store, "session", session_id),
            then=self.reload,
        )


SCREEN = SessionsScreen
