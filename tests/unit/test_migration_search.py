"""Migration step 4: search over every kind. Fresh and upgraded files end with the same
schema (indexes, triggers and virtual tables included), rows an older file already has
become searchable, and the search tables are nothing sync would ever publish."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine

from mentor_tui.models.db import Store
from mentor_tui.models.migrations import MIGRATIONS
from mentor_tui.services.search import search

FIXTURE = Path(__file__).parent.parent / "fixtures" / "schema_v1_with_data.sql"
SESSION = "66666666-6666-4666-8666-666666666666"


def schema(path: Path) -> set[tuple[str, str, str]]:
    with sqlite3.connect(path) as con:
        return set(con.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


def make_database_at(path: Path, version: int) -> None:
    """The first release's file with its rows, then the steps up to `version`."""
    with sqlite3.connect(path) as con:
        con.executescript(FIXTURE.read_text(encoding="utf-8"))
        con.execute("PRAGMA user_version = 1")
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn, conn.begin():
        for step_version, _about, step in MIGRATIONS:
            if 1 < step_version <= version:
                step(conn)
                conn.exec_driver_sql(f"PRAGMA user_version = {step_version}")
    engine.dispose()


def test_fresh_and_upgraded_files_have_the_same_schema(tmp_path, clock):
    Store(tmp_path / "fresh.db", clock).close()
    for version in (1, 3):
        path = tmp_path / f"v{version}.db"
        make_database_at(path, version)
        Store(path, clock).close()
        assert schema(path) == schema(tmp_path / "fresh.db"), version


def test_rows_of_an_older_file_become_searchable(tmp_path, clock):
    path = tmp_path / "v3.db"
    make_database_at(path, 3)
    with sqlite3.connect(path) as con:
        con.execute(
            "INSERT INTO session_note VALUES ('77777777-7777-4777-8777-77777777777a', "
            "'2026-09-02T12:00:00.000000Z', '2026-09-02T12:00:00.000000Z', 1, 0, '', "
            "'33333333-3333-4333-8333-333333333333', ?, "
            "'11111111-1111-4111-8111-111111111111', 'Notes on the tapir', '')",
            (SESSION,),
        )
        con.execute(
            "INSERT INTO goal (id, created_at, updated_at, revision, deleted, origin, pair_id, "
            "title, specific, measurable, achievable, relevant, status, position) "
            "SELECT 'deleted-goal', created_at, updated_at, 1, 1, '', pair_id, 'Gone tapir', "
            "'', '', '', '', 'draft', 1 FROM goal"
        )
    store = Store(path, clock)
    kinds = {
        word: [(hit.kind, hit.when.isoformat()) for hit in search(store, word)]
        for word in ("charter", "PRIVATE", "rollback", "SRE", "reviewers", "rfc", "tapir")
    }
    session_start = "2026-09-01T14:00:00+00:00"
    assert kinds["charter"] == [("session", session_start)]
    assert kinds["PRIVATE"] == [("session", session_start)]  # private notes, found locally
    assert kinds["rollback"] == [("feedback", session_start)]  # dated by its session
    assert kinds["SRE"] == [("action", session_start)]
    assert sorted(kinds["reviewers"]) == [
        ("feedback", session_start),
        ("goal", "2026-09-01T12:00:00+00:00"),
    ]
    assert sorted(kind for kind, _ in kinds["rfc"]) == ["feedback", "milestone"]
    assert kinds["tapir"] == [("note", session_start)]  # not the deleted goal
    assert [hit.kind for hit in search(store, "idempotency")] == ["journal"]
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")


def test_the_search_tables_are_no_records_and_no_sync_kind(store):
    from mentor_tui.models.tables import ALL_TABLES
    from mentor_tui.sync.records import KIND_BY_TABLE

    with sqlite3.connect(store.path) as con:
        names = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
    search_tables = {name for name in names if name.startswith(("search_", "journal_fts"))}
    assert {"search_doc", "search_fts"} <= search_tables
    assert not search_tables & {model.__tablename__ for model in ALL_TABLES}
    assert not search_tables & set(KIND_BY_TABLE)
