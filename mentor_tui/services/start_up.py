"""What the app reads before it can show anything of the user's: the Store opened (the
storage stack imported on the way), who I am, my pairs. Called off the UI thread, after
the app's first frame; nothing here is imported before it is called.

Before that, `read_quickly` reads what the first screen shows through plain sqlite3 (the
quick path, models/start_sql.py): a preview drawn while SQLAlchemy and SQLModel are still
being imported, replaced by the screen's own read once the Store is open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    import sqlite3

    from mentor_tui.clock import Clock
    from mentor_tui.models.db import Store
    from mentor_tui.models.start_sql import PairRow, PersonRow
    from mentor_tui.services.dashboard_types import PersonLike
    from mentor_tui.services.journal_hits import JournalHit, QuickJournal
    from mentor_tui.services.pair_view import PairView

T = TypeVar("T")


@dataclass(frozen=True)
class Opened:
    """What the start-up worker read: who I am, my pairs, and the Store when it was opened
    (None after the light start: read_light)."""

    store: Store | None
    me: PersonLike | None
    pairs: list[PairView]


def open_and_read(source: Store | Callable[[], Store]) -> Opened:
    """Open the Store (or take the one given), read me and my pairs."""
    from mentor_tui.services.pairs import list_pairs
    from mentor_tui.services.profile import get_me

    store = source() if callable(source) else source
    me = get_me(store)
    return Opened(store, me, list_pairs(store) if me else [])


# ---- the light start: me and my pairs without the Store -------------------------------


def read_light(path: Path) -> Opened | None:
    """Me and my pairs as list_pairs reads them, on plain sqlite3, for the app to start on:
    it opens the Store only when a screen or a write needs it (MentorApp.store), so a
    session that only browses never imports the storage stack. None when the quick path
    cannot read the file (missing, another schema version, a storage problem: the Store then
    opens at once, migrates or says what is wrong) or no profile exists yet (the first run
    writes one through the Store)."""
    import sqlite3

    from mentor_tui.models.journal_quick import open_quick
    from mentor_tui.models.start_sql import read_me

    if not path.exists():
        return None
    conn = open_quick(str(path))
    if conn is None:
        return None
    try:
        conn.execute("BEGIN")  # one snapshot for both reads
        me = read_me(conn)
        return None if me is None else Opened(None, me, pair_views(conn, me.id))
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def pair_views(conn: sqlite3.Connection, me_id: str) -> list[PairView]:
    """My pairs as services/pairs.list_pairs reads them, from plain rows."""
    from mentor_tui.models.start_sql import read_pair_columns
    from mentor_tui.services.pair_view import PairView, in_list_order

    return in_list_order(
        PairView(pair, mentor, mentee, me_id) for pair, mentor, mentee in read_pair_columns(conn)
    )


# ---- the quick path: a preview before the Store is open ------------------------------


@dataclass(frozen=True)
class QuickStart:
    """Who I am and the pair the app will choose (as MentorApp._start does), read quickly."""

    conn: sqlite3.Connection
    me: PersonRow
    pair_id: str | None
    writer: PersonRow  # whose journal it is: the pair's mentee, or me without a pair
    now: datetime
    pairs: tuple[PairRow, ...] = ()  # all of mine, in list_pairs's order

    @property
    def pair(self) -> PairRow | None:
        return next((pair for pair in self.pairs if pair.id == self.pair_id), None)


def read_quickly(
    path: Path, prefer: str | None, clock: Clock, read: Callable[[QuickStart], T]
) -> T | None:
    """`read(start)` on a plain sqlite3 connection, or None when there is nothing to
    preview: no profile yet, a file the quick path does not know (another schema version:
    the Store migrates or refuses it), or any storage problem (the Store then says it in
    its one line)."""
    import sqlite3

    from mentor_tui.models.journal_quick import open_quick
    from mentor_tui.models.start_sql import read_me, read_pairs

    if not path.exists():
        return None  # never created here: the Store makes a new file its own way
    conn = open_quick(str(path))
    if conn is None:
        return None
    try:
        conn.execute("BEGIN")  # one snapshot for every read of the preview
        me = read_me(conn)
        if me is None:
            return None
        pairs = read_pairs(conn, me.id)
        ids = [pair.id for pair in pairs]
        pair_id = prefer if prefer in ids else (ids[0] if ids else None)
        pair = next((p for p in pairs if p.id == pair_id), None)
        writer = pair.mentee if pair else me
        return read(QuickStart(conn, me, pair_id, writer, clock.now(), tuple(pairs)))
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def first_journal_page(start: QuickStart, limit: int) -> tuple[list[JournalHit], int]:
    """The newest `limit` entries of the chosen pair (search_journal with no words and no
    dates) and the writer's streak (journal_streak), on the quick path."""
    from mentor_tui.models import journal_sql as q
    from mentor_tui.services.journal_hits import read_hits

    hits = read_hits(start.conn, q.make_query(None, pair_id=start.pair_id), limit)
    streak = q.streak_days(start.conn, start.writer.id, start.writer.timezone, start.now)
    return hits, streak


@contextmanager
def quick_journal(path: Path, clock: Clock) -> Iterator[QuickJournal | None]:
    """The Journal's reads on the quick path, in one snapshot, while the Store is not open;
    None when the quick path cannot read the file (the Store then reads it)."""
    import sqlite3

    from mentor_tui.models.journal_quick import open_quick
    from mentor_tui.services.journal_hits import QuickJournal

    conn = open_quick(str(path)) if path.exists() else None
    if conn is None:
        yield None
        return
    try:
        conn.execute("BEGIN")
        yield QuickJournal(conn, clock.now())
    finally:
        with suppress(sqlite3.Error):
            conn.close()


class EditedEntry(Protocol):
    """A journal entry as the editor reads it: models/tables.JournalEntry or EntryRow."""

    @property
    def title(self) -> str: ...
    @property
    def tags(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def shared(self) -> bool: ...
    @property
    def goal_id(self) -> str | None: ...
    @property
    def prompt(self) -> str: ...


@dataclass(frozen=True)
class EditorStart:
    """What the journal editor reads as it opens: the goals to choose from (as list_goals
    gives them: title, id) and the entry edited (get_journal_entry)."""

    goals: list[tuple[str, str]]
    entry: EditedEntry | None


def editor_start_quickly(
    path: Path, pair_id: str | None, entry_id: str | None
) -> EditorStart | None:
    """The journal editor's first reads on the quick path, while the Store is not open (the
    form opens it in the background meanwhile); None: the Store reads them (a file the
    quick path does not know, an entry gone)."""
    import sqlite3

    from mentor_tui.models import journal_sql as q
    from mentor_tui.models.dashboard_sql import goals as read_goals
    from mentor_tui.models.enums import GoalStatus
    from mentor_tui.models.journal_quick import open_quick

    conn = open_quick(str(path)) if path.exists() else None
    if conn is None:
        return None
    try:
        conn.execute("BEGIN")
        # As list_goals: those not dropped, by position then creation.
        rows = read_goals(conn, pair_id, hidden=GoalStatus.DROPPED) if pair_id else []
        goals = [(goal.title, goal.id) for goal in rows]
        if entry_id is None:
            return EditorStart(goals, None)
        found = q.fetch_rows(conn, [entry_id], live=True)
        return EditorStart(goals, found[0]) if found else None
    except sqlite3.Error:
        return None
    finally:
        conn.close()
