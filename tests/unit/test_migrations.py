"""Migrations: a new database and an upgraded one end with the same schema, and the
schema matches tables.py; a database written by the first release opens without loss."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import SQLModel, select

import mentor_tui.models.tables as tables
from mentor_tui.errors import MentorError
from mentor_tui.models.db import Store
from mentor_tui.models.migrations import LATEST_VERSION

FIXTURE = Path(__file__).parent.parent / "fixtures" / "schema_v1_with_data.sql"


def columns(path: Path) -> dict[str, set[tuple[str, bool]]]:
    with sqlite3.connect(path) as con:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: {(row[1], bool(row[3])) for row in con.execute(f"PRAGMA table_info({name})")}
            for name in names
        }


def expected_columns() -> dict[str, set[tuple[str, bool]]]:
    return {
        table.name: {(column.name, not column.nullable) for column in table.columns}
        for table in SQLModel.metadata.sorted_tables
    }


def make_v1_database(path: Path) -> None:
    with sqlite3.connect(path) as con:
        con.executescript(FIXTURE.read_text(encoding="utf-8"))
        con.execute("PRAGMA user_version = 1")


def test_fresh_database_matches_the_tables(tmp_path, clock):
    store = Store(tmp_path / "fresh.db", clock)
    found = columns(store.path)
    for name, wanted in expected_columns().items():
        assert found[name] == wanted, name
    with sqlite3.connect(store.path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


def test_first_release_database_opens_without_loss(tmp_path, clock):
    path = tmp_path / "v1.db"
    make_v1_database(path)
    v1_tables = columns(path)
    with sqlite3.connect(path) as con:
        before = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in expected_columns()
            if t in v1_tables
        }  # later tables start empty
    store = Store(path, clock)
    upgraded = columns(path)
    for name, wanted in expected_columns().items():
        assert upgraded[name] == wanted, name
    with sqlite3.connect(path) as con:
        after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before
    with store.read() as session:
        entry = session.exec(select(tables.JournalEntry)).one()
        assert entry.body == "Learned about idempotency keys [bold]not markup[/bold] é漢"
        assert entry.written_at.isoformat() == "2026-09-02T08:00:00+00:00"
        session_row = session.exec(select(tables.MentoringSession)).one()
        assert session_row.private_notes == "PRIVATE-V1"
        milestone = session.exec(select(tables.Milestone)).one()
        assert str(milestone.done_on) == "2026-11-20"


def test_opening_twice_migrates_nothing_more(tmp_path, clock):
    path = tmp_path / "twice.db"
    Store(path, clock).close()
    before = columns(path)
    Store(path, clock).close()
    assert columns(path) == before


def test_database_from_a_newer_release_is_refused(tmp_path, clock):
    path = tmp_path / "newer.db"
    with sqlite3.connect(path) as con:
        con.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    with pytest.raises(MentorError, match="newer mentor-tui"):
        Store(path, clock)


def test_quick_paths_know_the_schema_this_release_writes():
    from mentor_tui.models.utc import SCHEMA_VERSION

    assert SCHEMA_VERSION == LATEST_VERSION
