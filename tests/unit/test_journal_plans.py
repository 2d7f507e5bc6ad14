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
    pages = [(sql, steps) for sql, steps in spy.plans if "ORDER BY e.written_at DESC" in sql]
    assert len(pages) == 1
    ((sql, steps),) = pages
    sparse = "e.rowid IN (" in sql
    assert sparse == (shape.startswith("few")), "few matches are read by rowid, many walked"
    if sparse:  # few matches: read by rowid, sort just those
        assert "SEARCH e USING INTEGER PRIMARY KEY (rowid=?)" in steps, steps
    else:  # many or none: the date index gives the order, nothing is sorted
        # (ties on written_at are ordered by id: a sort of a few equal stamps is fine)
        assert "USE TEMP B-TREE FOR ORDER BY" not in steps, steps
        assert any("ix_journal_entry_written_at" in s for s in steps), steps
    if options.get("since") and not sparse:
        assert any(re.search(r"written_at>\? AND written_at<\?", s) for s in steps), steps
    searches = [(sql, steps) for sql, steps in spy.plans if " MATCH " in sql]
    if text.strip():
        # The page's matches: the newest DENSE by rowid, in the FTS index's own order, then
        # (many) only short rowid ranges; never every match, which costs more than a page.
        first, *more = searches
        assert f"ORDER BY rowid DESC LIMIT {q.DENSE}" in first[0], first
        assert not any("TEMP B-TREE" in s for s in first[1]), first
        for sql, steps in more:
            assert "rowid BETWEEN" in sql, sql
            assert any(re.search(r"VIRTUAL TABLE INDEX \d+:M\d*[<>]{2}", s) for s in steps), steps


def test_many_matches_out_of_rowid_order_come_newest_first(store, pair, me):
    """The walk over many matches asks the FTS index for rowid ranges: entries written in
    any order (an import, an edited date) still come exactly newest first, page by page."""
    import random

    rng = random.Random(7)
    stamps = [STAMP.format(1 + n % 12, 1 + n % 28, n % 24) for n in range(3 * q.DENSE)]
    rng.shuffle(stamps)
    rows = [
        (f"r{i:05d}", at, at, pair.id, me.id, at, f"Entry {i}", "heron" if i % 3 else "gull")
        for i, at in enumerate(stamps)
    ]
    with sqlite3.connect(store.path) as con:
        con.executemany(
            "INSERT INTO journal_entry (id, created_at, updated_at, revision, deleted, origin, "
            "pair_id, author_id, written_at, title, body, tags, goal_id, shared, prompt) "
            "VALUES (?, ?, ?, 1, 0, '', ?, ?, ?, ?, ?, '', NULL, 0, '')",
            rows,
        )
        expected = [
            r[0] for r in sorted(rows, key=lambda r: (r[5], r[0]), reverse=True) if r[7] == "heron"
        ]
        got: list[str] = []
        before = None
        while True:
            query = q.make_query("hero", before=before)
            page = q.find_ids(con, query, 97)
            got += page
            if len(page) < 97:
                break
            at = con.execute("SELECT written_at FROM journal_entry WHERE id = ?", page[-1:])
            before = (q.from_utc_text(at.fetchone()[0]), page[-1])
    assert len(expected) > q.DENSE
    assert got == expected
