"""The CLI's quick path to the journal: a plain sqlite3 connection, who I am and which
pair an entry goes to, and the insert itself, without SQLAlchemy (see journal_sql.py for
why). The rules and the searches themselves are in journal_sql.py."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from typing import NamedTuple

from mentor_tui.models.journal_sql import COLUMNS, Draft, EntryRow
from mentor_tui.models.utc import SCHEMA_VERSION, from_utc_text, to_utc_text

# PairStatus.CLOSED (models/enums.py, whose import costs `journal add` more than its
# INSERT; a test keeps the two equal).
CLOSED = "closed"


def new_id() -> str:
    """A random UUID (version 4) as text, as str(uuid.uuid4()) makes it, without importing
    uuid (which loads platform and _uuid for what is 16 random bytes)."""
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40  # version 4
    raw[8] = raw[8] & 0x3F | 0x80  # the RFC 4122 variant
    hexed = raw.hex()
    return f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"


def open_quick(path: str) -> sqlite3.Connection | None:
    """A connection for the CLI's quick path, or None when the database is not one it
    knows (missing, at another schema version than this release writes, or journal_entry
    has other columns): the caller then takes the full path, which migrates or refuses."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=10, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        columns = tuple(r[1] for r in conn.execute("PRAGMA table_info(journal_entry)"))
        if version != SCHEMA_VERSION or sorted(columns) != sorted(COLUMNS):
            conn.close()
            return None
    except sqlite3.Error:
        conn.close()
        return None
    return conn


class QuickIdentity(NamedTuple):
    """Who I am and the pair the quick path files under (None: there is no pair at all)."""

    me_id: str
    zone: str
    pair_id: str | None


def quick_me(conn: sqlite3.Connection) -> tuple[str, str] | None:
    """My id and time zone; None before a profile exists."""
    row = conn.execute("SELECT id, timezone FROM person WHERE is_me = 1 AND deleted = 0").fetchone()
    return (row[0], row[1]) if row is not None else None


def quick_identity(conn: sqlite3.Connection, current: str | None) -> QuickIdentity | None:
    """Who I am, and the pair commands default to as services/pairs.current_pair picks it:
    the current pair (`current`, from the config) while it is a live pair of mine, else the
    only active one (the only one, when all are closed). None before a profile exists, or
    with several pairs and none current: the full path then says why, in one line."""
    me = quick_me(conn)
    if me is None:
        return None
    # A closed pair is read-only: the full path says so in one line (services/closed_guard).
    if current:
        mine = conn.execute(
            "SELECT id, status FROM pair WHERE id = ? AND deleted = 0 "
            "AND ? IN (mentor_id, mentee_id)",
            (current, me[0]),
        ).fetchone()
        if mine is not None:
            return None if mine[1] == CLOSED else QuickIdentity(me[0], me[1], mine[0])
    pairs = conn.execute("SELECT id, status FROM pair WHERE deleted = 0").fetchall()
    active = [row[0] for row in pairs if row[1] != CLOSED]
    if len(active) > 1 or (pairs and not active):
        return None
    return QuickIdentity(me[0], me[1], active[0] if active else None)


def quick_add(
    conn: sqlite3.Connection,
    draft: Draft,
    *,
    author_id: str,
    pair_id: str | None,
    shared: bool,
    now: datetime,
) -> EntryRow:
    """Insert a prepared entry. Stamps as models/db.py sets them for every new record."""
    stamp = to_utc_text(now)
    row = EntryRow(
        new_id(),
        from_utc_text(stamp),
        draft.title,
        draft.body,
        draft.tags,
        shared,
        pair_id,
        None,
        "",
    )
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            f"INSERT INTO journal_entry ({', '.join(COLUMNS)}) "
            "VALUES (?, ?, ?, 1, 0, '', ?, ?, ?, ?, ?, ?, NULL, ?, '')",
            (
                row.id,
                stamp,
                stamp,
                pair_id,
                author_id,
                stamp,
                row.title,
                row.body,
                row.tags,
                shared,
            ),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return row
