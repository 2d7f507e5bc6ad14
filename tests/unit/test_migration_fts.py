"""Migration step 2: a database at schema 1, with journal entries, becomes searchable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mentor_tui.models import journal_sql
from mentor_tui.models.db import Store
from mentor_tui.models.types import from_utc_text, to_utc_text
from mentor_tui.services.journal import search_journal

FIXTURE = Path(__file__).parent.parent / "fixtures" / "schema_v1_with_data.sql"


def test_schema_1_with_rows_migrates_to_searchable(tmp_path, clock):
    path = tmp_path / "v1.db"
    with sqlite3.connect(path) as con:
        con.executescript(FIXTURE.read_text(encoding="utf-8"))
        con.execute("PRAGMA user_version = 1")
        author, pair = con.execute("SELECT author_id, pair_id FROM journal_entry").fetchone()
        con.executemany(
            "INSERT INTO journal_entry (id, created_at, updated_at, revision, deleted, origin, "
            "pair_id, author_id, written_at, title, body, tags, goal_id, shared, prompt) "
            "VALUES (?, ?, ?, 1, 0, '', ?, ?, ?, ?, ?, ?, NULL, 0, '')",
            [
                (
                    f"00000000-0000-0000-0000-00000000000{n}",
                    f"2026-09-0{n}T08:00:00.000000Z",
                    f"2026-09-0{n}T08:00:00.000000Z",
                    pair,
                    author,
                    f"2026-09-0{n}T08:00:00.000000Z",
                    f"Old entry {n}",
                    f"Postmortem number {n}",
                    "incident",
                )
                for n in range(3, 6)
            ],
        )
    store = Store(path, clock)
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] >= 2
        assert con.execute("SELECT count(*) FROM journal_fts").fetchone()[0] == 4
    hits = search_journal(store, "idempotency", None)
    assert [h.entry.body for h in hits] == [
        "Learned about idempotency keys [bold]not markup[/bold] é漢"
    ]
    assert ("idempotency", True) in hits[0].snippet
    assert [h.entry.title for h in search_journal(store, "postmortem", None)] == [
        "Old entry 5",
        "Old entry 4",
        "Old entry 3",
    ]
    assert len(search_journal(store, "@incident", None)) == 3
    # The triggers keep the index in step with later writes.
    with store.write() as session:
        session.connection().exec_driver_sql(
            "UPDATE journal_entry SET body = 'rewritten' WHERE title = 'Old entry 4'"
        )
        session.connection().exec_driver_sql(
            "DELETE FROM journal_entry WHERE title = 'Old entry 5'"
        )
    assert [h.entry.title for h in search_journal(store, "postmortem", None)] == ["Old entry 3"]
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO journal_fts(journal_fts, rank) VALUES ('integrity-check', 1)")


def test_quick_path_knows_the_storage_format():
    """journal_sql reads and writes instants without models/types.py (no SQLAlchemy)."""
    from datetime import UTC, datetime

    moment = datetime(2026, 11, 16, 9, 30, 1, 5, tzinfo=UTC)
    assert journal_sql.to_utc_text(moment) == to_utc_text(moment)
    assert journal_sql.from_utc_text(to_utc_text(moment)) == from_utc_text(to_utc_text(moment))


def test_quick_path_columns_match_the_table():
    from mentor_tui.models.tables import JournalEntry

    assert sorted(journal_sql.COLUMNS) == sorted(JournalEntry.__table__.columns.keys())


def test_step_10_indexes_one_letter_prefixes(tmp_path, clock):
    """The search box's first key is a one-letter prefix: journal_fts has its index (step
    10), and the entries written before the step are found by it, and after it too."""
    path = tmp_path / "v1.db"
    with sqlite3.connect(path) as con:
        con.executescript(FIXTURE.read_text(encoding="utf-8"))
        con.execute("PRAGMA user_version = 1")
    store = Store(path, clock)
    with sqlite3.connect(path) as con:
        (sql,) = con.execute("SELECT sql FROM sqlite_master WHERE name = 'journal_fts'").fetchone()
        assert "prefix='1 2 3'" in sql
        triggers = con.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%journal_fts%'"
        ).fetchone()[0]
        assert triggers == 3
    assert [h.entry.body for h in search_journal(store, "i", None)] == [
        "Learned about idempotency keys [bold]not markup[/bold] é漢"
    ]
    with store.write() as session:
        session.connection().exec_driver_sql("UPDATE journal_entry SET body = 'zebra crossing'")
    with sqlite3.connect(path) as con:
        live = con.execute("SELECT count(*) FROM journal_entry WHERE deleted = 0").fetchone()[0]
    assert live > 0
    found = search_journal(store, "z", None)
    assert len(found) == len(search_journal(store, "zebra", None)) == live
    assert search_journal(store, "i", None) == []
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO journal_fts(journal_fts, rank) VALUES ('integrity-check', 1)")
