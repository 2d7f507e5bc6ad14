"""A journal page's hits on any sqlite3 connection, standard library only: the Store's
(services/journal.py) and the quick path's (the app before the Store is open) read the same
rows the same way, so the Journal shows the same page either way."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from mentor_tui.models import journal_sql as q
from mentor_tui.models.journal_sql import Spans


@dataclass(frozen=True)
class JournalHit:
    # The columns as read, not an ORM record: the Journal reads a page per keystroke, and
    # building 40 records costs more than the query (edits go through get_journal_entry).
    entry: q.EntryRow
    title: Spans  # the whole title, matches marked
    snippet: Spans  # a few words of the body around the first match (empty when none)

    @property
    def cursor(self) -> tuple[datetime, str]:
        return (self.entry.written_at, self.entry.id)


def read_hits(conn: sqlite3.Connection, query: q.Query, limit: int) -> list[JournalHit]:
    """The newest `limit` entries the query finds, matches marked."""
    ids = q.find_ids(conn, query, limit)
    if not ids:
        return []
    marks = q.find_marks(conn, query, ids)
    rows = q.fetch_rows(conn, ids)
    return [JournalHit(row, *marks.get(row.id, (((row.title, False),), ()))) for row in rows]


class JournalReads(Protocol):
    """What the Journal screen reads: QuickJournal here, StoreJournal (services/journal.py)."""

    def search(
        self,
        words: str,
        pair_id: str | None,
        *,
        limit: int,
        zone: str,
        since: date | None,
        until: date | None,
        before: tuple[datetime, str] | None = None,
    ) -> list[JournalHit]: ...

    def streak(self, author_id: str, zone: str) -> int: ...


@dataclass(frozen=True)
class QuickJournal:
    """The Journal screen's two reads (services/journal.search_journal and journal_streak)
    on the quick path's connection, one snapshot."""

    conn: sqlite3.Connection
    now: datetime

    def search(
        self,
        words: str,
        pair_id: str | None,
        *,
        limit: int,
        zone: str,
        since: date | None,
        until: date | None,
        before: tuple[datetime, str] | None = None,
    ) -> list[JournalHit]:
        query = q.make_query(
            words, pair_id=pair_id, since=since, until=until, zone=zone, before=before
        )
        return read_hits(self.conn, query, limit)

    def streak(self, author_id: str, zone: str) -> int:
        return q.streak_days(self.conn, author_id, zone, self.now)
