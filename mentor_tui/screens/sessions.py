"""Sessions of the chosen pair: upcoming first, then past, in both people's time zones."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult

from mentor_tui.dates import city, format_instant
from mentor_tui.models.enums import session_kind_label
from mentor_tui.models.services.pairs import PairView, get_pair
from mentor_tui.models.services.sessions import SessionLists, list_sessions
from mentor_tui.screens.base import AreaScreen
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import one_line, status


class SessionsScreen(AreaScreen[tuple[PairView, SessionLists]]):
    def compose_body(self) -> ComposeResult:
        yield RecordTable(["When (you)", "Partner's time", "Kind", "Status", "Agenda"],
                          id="sessions-table", empty="No sessions yet.")

    def load(self, pair_id: str | None) -> tuple[PairView, SessionLists]:
        assert pair_id is not None
        return get_pair(self.store, pair_id), list_sessions(self.store, pair_id)

    def show(self, data: tuple[PairView, SessionLists]) -> None:
        pair, lists = data
        mine, theirs = pair.me.timezone, pair.partner.timezone
        rows = []
        for session in [*lists.upcoming, *lists.past]:
            kind = session_kind_label(session.kind)
            rows.append((session.id, [
                Text(f"{format_instant(session.starts_at, mine)} {city(mine)}"),
                Text(f"{format_instant(session.starts_at, theirs)} {city(theirs)}", style="dim"),
                Text(kind), status(session.status), Text(one_line(session.agenda, 40)),
            ]))
        self.query_one(RecordTable).fill(rows)


SCREEN = SessionsScreen
