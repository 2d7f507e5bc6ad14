"""Schema migrations, run at start-up, keyed on SQLite's PRAGMA user_version.

Every database, new or old, is built by the same steps: a new file runs them all, an
older one runs those it has not seen. So the schema a fresh user gets is exactly the
schema an upgraded user gets, and tests/unit/test_migrations.py checks that it matches
the tables in tables.py.

To change the schema: change tables.py, then append a step here. Never edit a step
that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from mentor_tui.errors import StorageError
from mentor_tui.models.storage import refusal

if TYPE_CHECKING:
    from mentor_tui.models.db import Store


def _v1_initial(conn: Connection) -> None:
    from mentor_tui.models.schema_v1 import SCHEMA_V1

    for statement in SCHEMA_V1.split(";"):
        if statement.strip():
            conn.exec_driver_sql(statement)


# Step 2 (issue 4): full-text search over journal entries. An external-content FTS5 table
# (the text lives once, in journal_entry) kept in step by triggers, and filled for the rows
# an older database already has. It is keyed on journal_entry's rowid, which VACUUM keeps
# for this table in the SQLite versions we use; services.journal.rebuild_search_index
# restores it should it ever drift. Only title, body or tags changes touch the index.
JOURNAL_FTS = (
    """CREATE VIRTUAL TABLE journal_fts USING fts5(
        title, body, tags,
        content='journal_entry', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER journal_fts_insert AFTER INSERT ON journal_entry BEGIN
        INSERT INTO journal_fts(rowid, title, body, tags)
        VALUES (new.rowid, new.title, new.body, new.tags);
    END""",
    """CREATE TRIGGER journal_fts_delete AFTER DELETE ON journal_entry BEGIN
        INSERT INTO journal_fts(journal_fts, rowid, title, body, tags)
        VALUES ('delete', old.rowid, old.title, old.body, old.tags);
    END""",
    """CREATE TRIGGER journal_fts_update AFTER UPDATE OF title, body, tags ON journal_entry
    BEGIN
        INSERT INTO journal_fts(journal_fts, rowid, title, body, tags)
        VALUES ('delete', old.rowid, old.title, old.body, old.tags);
        INSERT INTO journal_fts(rowid, title, body, tags)
        VALUES (new.rowid, new.title, new.body, new.tags);
    END""",
    "INSERT INTO journal_fts(journal_fts) VALUES ('rebuild')",
)


def _v2_journal_search(conn: Connection) -> None:
    for statement in JOURNAL_FTS:
        conn.exec_driver_sql(statement)


# Step 3 (issue 5): each member's own shared notes on a session, so the member who did not
# schedule it (whose copy of it is read-only) can write theirs too. Exactly what
# SQLAlchemy creates for tables.SessionNote.
SESSION_NOTE = (
    """CREATE TABLE session_note (
        id VARCHAR(36) NOT NULL,
        created_at VARCHAR(27) NOT NULL,
        updated_at VARCHAR(27) NOT NULL,
        revision INTEGER NOT NULL,
        deleted BOOLEAN NOT NULL,
        origin VARCHAR NOT NULL,
        pair_id VARCHAR NOT NULL,
        session_id VARCHAR NOT NULL,
        author_id VARCHAR NOT NULL,
        notes VARCHAR NOT NULL,
        takeaways VARCHAR NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(pair_id) REFERENCES pair (id),
        FOREIGN KEY(session_id) REFERENCES mentoring_session (id),
        FOREIGN KEY(author_id) REFERENCES person (id)
    )""",
    "CREATE INDEX ix_session_note_deleted ON session_note (deleted)",
    "CREATE INDEX ix_session_note_pair_id ON session_note (pair_id)",
    "CREATE INDEX ix_session_note_session_id ON session_note (session_id)",
)


def _v3_session_notes(conn: Connection) -> None:
    for statement in SESSION_NOTE:
        conn.exec_driver_sql(statement)


def _v4_search_everything(conn: Connection) -> None:
    # Step 4 (issue "search everywhere"): sessions, notes, feedback, action items, goals
    # and milestones join the journal in full-text search; the DDL is in search_schema.py.
    from mentor_tui.models.search_schema import SEARCH_INDEX

    for statement in SEARCH_INDEX:
        conn.exec_driver_sql(statement)


# Step 5 (issue: a shared record no one can forge): decision rights change only when both
# members agree. The rights in force and the partner's word, beside my own word
# (goal_approver); "" means "as goal_approver" and "not heard yet".
DECISION_RIGHTS = (
    "ALTER TABLE pair ADD COLUMN goal_approver_agreed VARCHAR NOT NULL DEFAULT ''",
    "ALTER TABLE pair ADD COLUMN partner_goal_approver VARCHAR NOT NULL DEFAULT ''",
)


def _v5_decision_rights(conn: Connection) -> None:
    for statement in DECISION_RIGHTS:
        conn.exec_driver_sql(statement)


# Step 6 (issue: a shared record no one can forge): the owner of an action item the partner
# raised closes it in a record of their own. Exactly what SQLAlchemy creates for
# tables.ActionItemStatus.
ACTION_ITEM_STATUS = (
    """CREATE TABLE action_item_status (
        id VARCHAR(36) NOT NULL,
        created_at VARCHAR(27) NOT NULL,
        updated_at VARCHAR(27) NOT NULL,
        revision INTEGER NOT NULL,
        deleted BOOLEAN NOT NULL,
        origin VARCHAR NOT NULL,
        pair_id VARCHAR NOT NULL,
        action_item_id VARCHAR NOT NULL,
        person_id VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        closed_at VARCHAR(27),
        PRIMARY KEY (id),
        FOREIGN KEY(pair_id) REFERENCES pair (id),
        FOREIGN KEY(action_item_id) REFERENCES action_item (id),
        FOREIGN KEY(person_id) REFERENCES person (id)
    )""",
    "CREATE INDEX ix_action_item_status_action_item_id ON action_item_status (action_item_id)",
    "CREATE INDEX ix_action_item_status_deleted ON action_item_status (deleted)",
    "CREATE INDEX ix_action_item_status_pair_id ON action_item_status (pair_id)",
)


def _v6_action_item_status(conn: Connection) -> None:
    for statement in ACTION_ITEM_STATUS:
        conn.exec_driver_sql(statement)


# Step 7 (issue 11, Progress): journal activity by week or month counts ranges of one
# pair's live entries on an index, instead of reading 100,000 rows (models/progress_sql).
JOURNAL_PAIR_WRITTEN = (
    "CREATE INDEX ix_journal_entry_pair_written ON journal_entry (pair_id, deleted, written_at)"
)


def _v7_journal_by_pair(conn: Connection) -> None:
    conn.exec_driver_sql(JOURNAL_PAIR_WRITTEN)


# Step 8 (issue 11, closing): each member's final review of a closed mentorship, and the
# link from a next mentorship back to the one it continues. Exactly what SQLAlchemy
# creates for tables.FinalReview and Pair.previous_pair_id.
FINAL_REVIEW = (
    """CREATE TABLE final_review (
        id VARCHAR(36) NOT NULL,
        created_at VARCHAR(27) NOT NULL,
        updated_at VARCHAR(27) NOT NULL,
        revision INTEGER NOT NULL,
        deleted BOOLEAN NOT NULL,
        origin VARCHAR NOT NULL,
        pair_id VARCHAR NOT NULL,
        person_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        achieved VARCHAR NOT NULL,
        keep_doing VARCHAR NOT NULL,
        change VARCHAR NOT NULL,
        next_steps VARCHAR NOT NULL,
        again INTEGER,
        answered_at VARCHAR(27) NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(pair_id) REFERENCES pair (id),
        FOREIGN KEY(person_id) REFERENCES person (id)
    )""",
    "CREATE INDEX ix_final_review_deleted ON final_review (deleted)",
    "CREATE INDEX ix_final_review_pair_id ON final_review (pair_id)",
    "ALTER TABLE pair ADD COLUMN previous_pair_id VARCHAR REFERENCES pair (id)",
)


def _v8_final_review(conn: Connection) -> None:
    for statement in FINAL_REVIEW:
        conn.exec_driver_sql(statement)


# Step 9 (issue 11, shared templates): the templates a member shares with the partner,
# and the partner's copies (read-only). Exactly what SQLAlchemy creates for
# tables.SharedTemplate.
SHARED_TEMPLATE = (
    """CREATE TABLE shared_template (
        id VARCHAR(36) NOT NULL,
        created_at VARCHAR(27) NOT NULL,
        updated_at VARCHAR(27) NOT NULL,
        revision INTEGER NOT NULL,
        deleted BOOLEAN NOT NULL,
        origin VARCHAR NOT NULL,
        pair_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        body VARCHAR NOT NULL,
        shared_by VARCHAR NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(pair_id) REFERENCES pair (id),
        FOREIGN KEY(shared_by) REFERENCES person (id)
    )""",
    "CREATE INDEX ix_shared_template_deleted ON shared_template (deleted)",
    "CREATE INDEX ix_shared_template_pair_id ON shared_template (pair_id)",
)


def _v9_shared_template(conn: Connection) -> None:
    for statement in SHARED_TEMPLATE:
        conn.exec_driver_sql(statement)


# Step 10 (issue 13): journal_fts gains a prefix index of one character. The first key typed
# in the Journal's search box is a one-letter prefix, and without that index FTS5 merges
# the doclists of every word starting with the letter: 60 ms a look-up at 100,000 entries,
# two look-ups a key; with it, one doclist, 1 ms. The index grows by about a quarter. FTS5
# options cannot be altered: the table is made again as step 2 made it but for the prefix
# option, and refilled; the triggers on journal_entry name it, so they go on working.
JOURNAL_FTS_PREFIX_1 = (
    "DROP TABLE journal_fts",
    """CREATE VIRTUAL TABLE journal_fts USING fts5(
        title, body, tags,
        content='journal_entry', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
    )""",
    "INSERT INTO journal_fts(journal_fts) VALUES ('rebuild')",
)


def _v10_journal_prefix_1(conn: Connection) -> None:
    for statement in JOURNAL_FTS_PREFIX_1:
        conn.exec_driver_sql(statement)


# (version it brings the database to, what it does, the step)
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial schema", _v1_initial),
    (2, "full-text search over journal entries", _v2_journal_search),
    (3, "each member's own notes on a session", _v3_session_notes),
    (4, "search over every kind", _v4_search_everything),
    (5, "decision rights agreed by both members", _v5_decision_rights),
    (6, "the owner's word on an action item the partner raised", _v6_action_item_status),
    (7, "an index of each pair's live journal entries by time", _v7_journal_by_pair),
    (8, "final reviews, and the link to the mentorship a pair continues", _v8_final_review),
    (9, "templates shared with the partner, and the partner's", _v9_shared_template),
    (10, "one-letter prefixes in the journal's search index", _v10_journal_prefix_1),
]

LATEST_VERSION = MIGRATIONS[-1][0]


def schema_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)


def _refuse(store: Store, conn: Connection, found: int) -> None:
    """A file this release must not touch, in one line."""
    # Counting the tables is only needed for a version-0 file.
    tables = found == 0 and bool(
        conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    )
    refused = refusal(store.path, found, LATEST_VERSION, has_tables=tables)
    if refused is not None:
        raise StorageError(refused)


def migrate(store: Store, found: int | None = None) -> int:
    """Bring the store's database up to LATEST_VERSION. Returns the version found.

    A database already current is only read (no write lock, nothing written), so it opens
    on a read-only disk, and beside an app that is writing."""
    if found is None:
        found = store.schema_version()
    if found == LATEST_VERSION:
        return found
    with store.connection() as conn:
        _refuse(store, conn, found)
    if store.read_only:
        raise StorageError(
            f"{store.read_only} (this release must upgrade it first: open it once where it "
            "can be written)"
        )
    with store.connection(write=True) as conn:
        found = schema_version(conn)  # again under the lock: another process may have begun
        _refuse(store, conn, found)
        for version, _about, step in MIGRATIONS:
            if version > found:
                step(conn)
                conn.exec_driver_sql(f"PRAGMA user_version = {version}")
    return found
