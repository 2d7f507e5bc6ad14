"""Migration step 4's DDL: one full-text index over every kind of text but the journal's
(which keeps journal_fts, step 2). Shipped: never edit; a later change is a new step.

search_doc holds one row per live record (deleted = 0): its kind, id, pair, the instant
it is dated by, a title and the rest of its text; search_fts indexes title and body with
search_doc as external content, keyed on search_doc's INTEGER PRIMARY KEY (stable under
VACUUM). Triggers on each source table keep search_doc in step: a soft delete removes the
row, an undo puts it back. Both tables stay on this machine: they are no Record and no
sync kind, so private notes are searchable here and nowhere else.

Dates: a session by its start, notes, feedback and action items by their session's start
(else their creation), goals, milestones by their creation.
"""

from __future__ import annotations

from dataclasses import dataclass

_NL = " || char(10) || "


@dataclass(frozen=True)
class _Source:
    table: str
    kind: str
    title: str  # SQL over new.<column>
    body: tuple[str, ...]  # text columns joined by newlines
    at: str  # SQL: the instant the row is dated by
    at_columns: tuple[str, ...]  # the row's columns `at` reads

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns whose change re-indexes the row."""
        named = {self.title, *self.body} - {"''"}
        return (*sorted(named), "deleted", "pair_id", *self.at_columns)

    def values(self, row: str) -> str:
        def col(name: str) -> str:
            return name if name == "''" else f"{row}.{name}"

        body = _NL.join(col(name) for name in self.body) if self.body else "''"
        return (
            f"'{self.kind}', {row}.id, {row}.pair_id, {self.at.replace('new.', row + '.')}, "
            f"{col(self.title)}, {body}"
        )


# Notes, feedback and action items are dated by their session (else their creation).
_SESSION_START = (
    "coalesce((SELECT starts_at FROM mentoring_session WHERE id = new.session_id), new.created_at)"
)
_BY_SESSION = ("session_id", "created_at")

SOURCES = (
    _Source(
        "mentoring_session",
        "session",
        "''",
        (
            "agenda",
            "shared_notes",
            "private_notes",
            "takeaways",
            "accomplishments",
            "roadblocks",
        ),
        "new.starts_at",
        ("starts_at",),
    ),
    _Source("session_note", "note", "''", ("notes", "takeaways"), _SESSION_START, _BY_SESSION),
    _Source(
        "feedback",
        "feedback",
        "''",
        ("observation", "impact", "next_step"),
        _SESSION_START,
        _BY_SESSION,
    ),
    _Source("action_item", "action", "title", (), _SESSION_START, _BY_SESSION),
    _Source(
        "goal",
        "goal",
        "title",
        ("specific", "measurable", "achievable", "relevant"),
        "new.created_at",
        ("created_at",),
    ),
    _Source("milestone", "milestone", "title", ("evidence",), "new.created_at", ("created_at",)),
)

_INSERT = "INSERT INTO search_doc (kind, record_id, pair_id, at, title, body)"


def _source_statements(source: _Source) -> list[str]:
    name, kind = source.table, source.kind
    return [
        f"""CREATE TRIGGER search_{name}_insert AFTER INSERT ON {name} WHEN new.deleted = 0
        BEGIN
            {_INSERT} VALUES ({source.values("new")});
        END""",
        f"""CREATE TRIGGER search_{name}_update AFTER UPDATE OF {", ".join(source.columns)}
        ON {name} BEGIN
            DELETE FROM search_doc WHERE record_id = old.id AND kind = '{kind}';
            {_INSERT} SELECT {source.values("new")} WHERE new.deleted = 0;
        END""",
        f"""CREATE TRIGGER search_{name}_delete AFTER DELETE ON {name} BEGIN
            DELETE FROM search_doc WHERE record_id = old.id AND kind = '{kind}';
        END""",
        _fill(source),
    ]


def _fill(source: _Source) -> str:
    """search_doc's rows for the live records of one source table."""
    return f"{_INSERT} SELECT {source.values(source.table)} FROM {source.table} WHERE deleted = 0"


# A session moved (or arriving after its notes, as a sync may bring them): the rows dated
# by it follow.
_DATED_BY_SESSION = """UPDATE search_doc SET at = new.starts_at WHERE record_id IN (
            SELECT id FROM session_note WHERE session_id = new.id
            UNION ALL SELECT id FROM feedback WHERE session_id = new.id
            UNION ALL SELECT id FROM action_item WHERE session_id = new.id
        ) AND kind IN ('note', 'feedback', 'action')"""

SEARCH_INDEX: tuple[str, ...] = (
    """CREATE TABLE search_doc (
        doc INTEGER PRIMARY KEY,
        kind VARCHAR NOT NULL,
        record_id VARCHAR NOT NULL,
        pair_id VARCHAR,
        at VARCHAR(27) NOT NULL,
        title VARCHAR NOT NULL,
        body VARCHAR NOT NULL
    )""",
    "CREATE INDEX ix_search_doc_record_id ON search_doc (record_id)",
    "CREATE INDEX ix_search_doc_at ON search_doc (at)",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body,
        content='search_doc', content_rowid='doc',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER search_doc_insert AFTER INSERT ON search_doc BEGIN
        INSERT INTO search_fts(rowid, title, body) VALUES (new.doc, new.title, new.body);
    END""",
    """CREATE TRIGGER search_doc_delete AFTER DELETE ON search_doc BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
        VALUES ('delete', old.doc, old.title, old.body);
    END""",
    """CREATE TRIGGER search_doc_update AFTER UPDATE OF title, body ON search_doc BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
        VALUES ('delete', old.doc, old.title, old.body);
        INSERT INTO search_fts(rowid, title, body) VALUES (new.doc, new.title, new.body);
    END""",
    *(statement for source in SOURCES for statement in _source_statements(source)),
    f"""CREATE TRIGGER search_session_moved AFTER UPDATE OF starts_at ON mentoring_session
    BEGIN
        {_DATED_BY_SESSION};
    END""",
    f"""CREATE TRIGGER search_session_arrived AFTER INSERT ON mentoring_session BEGIN
        {_DATED_BY_SESSION};
    END""",
)

# Refill search_doc (and so search_fts) from the source tables: a repair, should the
# index ever drift (services.search.rebuild_search_index).
REFILL: tuple[str, ...] = (
    "DELETE FROM search_doc",
    *(_fill(source) for source in SOURCES),
)
