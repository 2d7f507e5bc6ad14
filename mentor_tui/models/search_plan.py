"""Phase 1 of a search (see search_sql.py): the best or newest `count` live matches of
each index, as (kind, rowid, id, pair, date, rank). Standard library only.

Plans, at 100,000 journal entries (EXPLAIN QUERY PLAN is checked in tests):
- The FTS index always drives; base rows are read by rowid; filters carry a unary + so
  SQLite never prefers a base-table index and scans it.
- bm25 costs a read per match, so ranking looks at most at DENSE matches: when there are
  more, the DENSE most recently indexed ones (an FTS rowid range, found without scoring
  anything). When filters leave fewer than a page of those, the DENSE newest matches
  that pass the filters (a walk down the date index) are ranked instead.
- Newest first: few matches are read and sorted; many, and the date index is walked
  (journal_sql.find_ids for the journal) until a page is found.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace

from mentor_tui.models.journal_sql import DENSE, Query, find_ids

DOC_KINDS = ("session", "note", "feedback", "action", "goal", "milestone")
WEIGHTS = {"journal_fts": "4.0, 1.0, 2.0", "search_fts": "4.0, 1.0"}  # title, body(, tags)


@dataclass(frozen=True)
class Candidate:
    kind: str
    rowid: int  # in journal_entry / search_doc
    record_id: str
    pair_id: str | None
    at: str
    rank: float


@dataclass(frozen=True)
class Filters:
    pair_id: str | None = None
    start: str | None = None  # UTC text bounds [start, end)
    end: str | None = None

    def sql(self, alias: str, at: str) -> tuple[str, dict[str, object]]:
        """Conditions on the base table, each with a unary + (the FTS index drives)."""
        where, params = "", dict[str, object]()
        if self.pair_id is not None:
            where += f" AND +{alias}.pair_id = :pair_id"
            params["pair_id"] = self.pair_id
        if self.start:
            where += f" AND +{alias}.{at} >= :start"
            params["start"] = self.start
        if self.end:
            where += f" AND +{alias}.{at} < :end"
            params["end"] = self.end
        return where, params


def _floor(conn: sqlite3.Connection, index: str, fts: str) -> int | None:
    """The lowest rowid of the DENSE most recently indexed matches; None when there are
    fewer matches than that (then all of them are ranked)."""
    row = conn.execute(
        f"SELECT rowid FROM {index} WHERE {index} MATCH ? ORDER BY rowid DESC "
        f"LIMIT 1 OFFSET {DENSE - 1}",
        (fts,),
    ).fetchone()
    return None if row is None else int(row[0])


def _ranked(
    conn: sqlite3.Connection, index: str, fts: str, rowids: list[int], count: int
) -> dict[int, float]:
    """rowid -> bm25 for the best `count` of these rows. The rowid range narrows the FTS
    walk; the unary + keeps the list itself out of it (each listed rowid would re-run
    the search); bm25 is computed for the listed rows only."""
    if not rowids:
        return {}
    rows = conn.execute(
        f"SELECT rowid, bm25({index}, {WEIGHTS[index]}) AS r FROM {index} "
        f"WHERE {index} MATCH ? AND rowid BETWEEN ? AND ? "
        f"AND +rowid IN ({','.join('?' * len(rowids))}) ORDER BY r LIMIT ?",
        [fts, min(rowids), max(rowids), *rowids, count],
    )
    return dict(rows.fetchall())


def _best_of(found: list[Candidate], ranks: dict[int, float]) -> list[Candidate]:
    return sorted(
        (replace(c, rank=ranks[c.rowid]) for c in found if c.rowid in ranks),
        key=lambda c: c.rank,
    )


_JOURNAL_COLUMNS = "e.rowid, e.id, e.pair_id, e.written_at"


def journal(
    conn: sqlite3.Connection, fts: str, filters: Filters, count: int, newest: bool
) -> list[Candidate]:
    where, params = filters.sql("e", "written_at")
    params = {**params, "fts": fts, "count": count}
    if not newest:
        floor = _floor(conn, "journal_fts", fts)
        if floor is not None:
            params["floor"] = floor
        found = [
            Candidate("journal", *row)
            for row in conn.execute(
                f"SELECT {_JOURNAL_COLUMNS}, bm25(journal_fts, {WEIGHTS['journal_fts']}) AS r "
                "FROM journal_fts JOIN journal_entry e ON e.rowid = journal_fts.rowid "
                "WHERE journal_fts MATCH :fts"
                + (" AND journal_fts.rowid >= :floor" if floor is not None else "")
                + f" AND +e.deleted = 0{where} ORDER BY r LIMIT :count",
                params,
            )
        ]
        if floor is None or len(found) >= count:
            return found
    # Newest first (or ranked, when filters left too few of the recent matches).
    query = Query(words=fts, pair_id=filters.pair_id, start=filters.start, end=filters.end)
    ids = find_ids(conn, query, count if newest else DENSE)
    if not ids:
        return []
    found = [
        Candidate("journal", rowid, record_id, pair_id, at, 0.0)
        for rowid, record_id, pair_id, at in conn.execute(
            f"SELECT {_JOURNAL_COLUMNS} FROM journal_entry e "
            f"WHERE e.id IN ({','.join('?' * len(ids))})",
            ids,
        )
    ]
    if newest:
        return found
    return _best_of(found, _ranked(conn, "journal_fts", fts, [c.rowid for c in found], count))


_DOC_COLUMNS = "d.kind, d.doc, d.record_id, d.pair_id, d.at"


def docs(
    conn: sqlite3.Connection,
    fts: str,
    kinds: Sequence[str],
    filters: Filters,
    count: int,
    newest: bool,
) -> list[Candidate]:
    where, params = filters.sql("d", "at")
    if set(kinds) != set(DOC_KINDS):
        listed = ", ".join(f"'{kind}'" for kind in kinds if kind in DOC_KINDS)
        where += f" AND +d.kind IN ({listed})"
    params = {**params, "fts": fts, "count": count}
    floor = _floor(conn, "search_fts", fts)
    if not newest:
        if floor is not None:
            params["floor"] = floor
        found = [
            Candidate(*row)
            for row in conn.execute(
                f"SELECT {_DOC_COLUMNS}, bm25(search_fts, {WEIGHTS['search_fts']}) AS r "
                "FROM search_fts JOIN search_doc d ON d.doc = search_fts.rowid "
                "WHERE search_fts MATCH :fts"
                + (" AND search_fts.rowid >= :floor" if floor is not None else "")
                + f"{where} ORDER BY r LIMIT :count",
                params,
            )
        ]
        if floor is None or len(found) >= count:
            return found
        params["count"] = DENSE
    if floor is None:  # few: read them all and sort
        sql = (
            f"SELECT {_DOC_COLUMNS}, 0.0 FROM search_fts "
            "JOIN search_doc d ON d.doc = search_fts.rowid "
            f"WHERE search_fts MATCH :fts{where} ORDER BY d.at DESC, d.doc DESC LIMIT :count"
        )
    else:  # many: walk the date index, keep the matching ones
        sql = (
            f"SELECT {_DOC_COLUMNS}, 0.0 FROM search_doc d INDEXED BY ix_search_doc_at "
            "WHERE d.doc IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :fts)"
            f"{where.replace('+d.at', 'd.at')} ORDER BY d.at DESC, d.doc DESC LIMIT :count"
        )
    found = [Candidate(*row) for row in conn.execute(sql, params)]
    if newest:
        return found
    return _best_of(found, _ranked(conn, "search_fts", fts, [c.rowid for c in found], count))
