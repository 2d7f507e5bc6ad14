"""The Journal's search as you type, by EXPLAIN QUERY PLAN: for each shape that matters
(words, few matches or many; words with a pair; words with a date range; a tag; no words;
the marks of a page) the FTS index or the written_at index drives, and journal_entry is
never scanned whole nor sorted whole."""

from __future__ import annotations

import re
import sqlite3
from datetime import date

import pytest

from mentor_tui.models import journal_sql as q

STAMP = "2026-{:02d}-{:02d}T{:02d}:00:00.000000Z"


@pytest.fixture
def entries(store, pair, me):
    """DENSE + 100 entries that say heron, a few that say walrus, written straight in (the
    triggers index them)."""
    rows = []
    for i in range(q.DENSE + 100):
        at = STAMP.format(1 + i // 300 % 10, 1 + i % 28, i % 24)
        word = "walrus" if i % 400 == 0 else "heron"
        rows.append((f"j{i:05d}", at, at, pair.id, me.id, at, f"Entry {i}", f"a {word} @bird"))
    with sqlite3.connect(store.path) as con:
        con.executemany(
            "INSERT INTO journal_entry (id, created_at, updated_at, revision, deleted, origin, "
            "pair_id, author_id, written_at, title, body, tags, goal_id, shared, prompt) "
            "VALUES (?, ?, ?, 1, 0, '', ?, ?, ?, ?, ?, 'bird', NULL, 0, '')",
            rows,
        )
    return pair.id


class Spy:
    """A connection that records each statement's plan before running it."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.plans: list[tuple[str, list[str]]] = []

    def execute(self, sql: str, params: object = ()) -> sqlite3.Cursor:
        steps = [r[3] for r in self.con.execute("EXPLAIN QUERY PLAN " + sql, params)]
        self.plans.append((sql, steps))
        return self.con.execute(sql, params)


SHAPES = {
    "few words": dict(text="walr"),
    "many words": dict(text="hero"),
    "words and pair": dict(text="heron", pair=True),
    "few words and pair": dict(text="walrus ", pair=True),
    "words and dates": dict(text="hero", since=date(2026, 3, 1), until=date(2026, 4, 30)),
    "few words and dates": dict(text="walr", since=date(2026, 1, 1), until=date(2026, 12, 31)),
    "words and a tag": dict(text="heron @bird", pair=True),
    "no words": dict(text="", pair=True),
    "no words, dates": dict(text="", since=date(2026, 3, 1), until=date(2026, 4, 30)),
    "a tag only": dict(text="@bird"),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_journal_search_plans_use_the_indexes(store, entries, shape):
    options = dict(SHAPES[shape])
    text = str(options.pop("text"))
    pair_id = entries if options.pop("pair", False) else None
    query = q.make_query(text, pair_id=pair_id, **options)  # type: ignore[arg-type]
    with sqlite3.connect(store.path) as con:
        spy = Spy(con)
        ids = q.find_ids(spy, query, 40)  # type: ignore[arg-type]
        assert ids, "every shape here finds something"
        q.find_marks(spy, query, ids)  # type: ignore[arg-type]
    for sql, steps in spy.plans:
        if " MATCH " in sql:  # the FTS index answers the words
            assert any(re.search(r"VIRTUAL TABLE INDEX \d+:M", s) for s in steps), (sql, steps)
        for step in steps:
            if re.match(r"SCAN (e|journal_entry)\b", step):
                # the only scan allowed: the walk down written_at that stops after a page
                assert "ix_journal_entry_written_at" in step, (shape, sql, steps)
    pages = [(sql, steps) for sql, steps in spy.plans if "LIMIT :limit" in sql]
    assert len(pages) == 1
    ((sql, steps),) = pages
    sparse = "JOIN journal_entry" in sql
    assert sparse == (shape.startswith("few")), "few matches are read by rowid, many walked"
    if sparse:  # few matches: read by rowid, sort just those
        assert "SEARCH e USING INTEGER PRIMARY KEY (rowid=?)" in steps, steps
    else:  # many or none: the date index gives the order, nothing is sorted
        # (ties on written_at are ordered by id: a sort of a few equal stamps is fine)
        assert "USE TEMP B-TREE FOR ORDER BY" not in steps, steps
        assert any("ix_journal_entry_written_at" in s for s in steps), steps
    if options.get("since") and not sparse:
        assert any(re.search(r"written_at>\? AND written_at<\?", s) for s in steps), steps
