"""Search over every kind of text, on a plain sqlite3 connection, standard library only
(the CLI's quick path must not import SQLAlchemy; see journal_sql.py for why).

Two indexes answer: journal_fts (journal entries, migration step 2) and search_fts
(sessions, notes, feedback, action items, goals, milestones; step 4, search_schema.py).
A search asks each for its best `offset + limit` live matches, merges them (by bm25
rank, or newest first) and then reads, for that page only, the marked title, a snippet
around the first match and a short label.

Ranks from the two indexes are both bm25 with titles weighted up, over different
collections; close enough to interleave, not to compare exactly.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mentor_tui.models import search_plan as plan
from mentor_tui.models.enums import session_kind_label
from mentor_tui.models.journal_sql import MARK_OFF, MARK_ON, Spans, to_spans
from mentor_tui.models.utc import from_utc_text, to_utc_text

KINDS = ("journal", "session", "note", "feedback", "action", "goal", "milestone")
DOC_KINDS = plan.DOC_KINDS  # in search_fts; the journal has its own index
ELLIPSIS = "…"
SNIPPET_TOKENS = 40  # FTS5's window (at most 64); clip() then cuts it around the match
SNIPPET_WIDTH = 160  # characters kept around the first match, before a screen clips more
LEAD = 40  # at most this many characters before the first match
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Hit:
    """One record that matched: what it is, where it lives, and what to show."""

    kind: str  # one of KINDS
    record_id: str
    pair_id: str | None
    when: datetime  # what the record is dated by (UTC)
    title: Spans  # its title with the matches marked, or a made-up label (no marks)
    snippet: Spans  # its text around the first match, ELLIPSIS where cut
    detail: str = ""  # a few plain words of context: a status, a goal, shared or not
    parent_id: str | None = None  # where it opens: its session; a milestone's goal
    rank: float = 0.0  # bm25: lower is better

    @property
    def label(self) -> str:
        return "".join(part for part, _ in self.title)


# ---- what was typed -> an FTS5 expression ---------------------------------------------


def _has_token(word: str) -> bool:
    """Would unicode61 find a token in it? (a letter or a digit)"""
    return any(char.isalnum() for char in word)


def match_expression(text: str) -> str | None:
    """Every word quoted (typed FTS syntax cannot fail), all required, the last one a
    prefix while it is being typed (no space after it) once it has two characters (one
    letter would read most of the index: "C" is a word, not every word in c). Words
    without a letter or digit are left out: they would match nothing, so the whole
    search would find nothing."""
    words = [w for w in (text or "").split() if _has_token(w)]
    if not words:
        return None
    terms = ['"' + w.replace('"', '""') + '"' for w in words]
    last = [token for token in re.split(r"[\W_]+", words[-1]) if token]
    if not text[-1:].isspace() and words[-1] == text.split()[-1] and len(last[-1]) > 1:
        terms[-1] += " *"
    return " AND ".join(terms)


def day_bounds(since: date | None, until: date | None, zone: str) -> tuple[str | None, str | None]:
    """Days (inclusive, in `zone`) as UTC text bounds [start, end)."""
    tz = ZoneInfo(zone)
    start = to_utc_text(datetime.combine(since, datetime.min.time(), tz)) if since else None
    end = (
        to_utc_text(datetime.combine(until + timedelta(days=1), datetime.min.time(), tz))
        if until
        else None
    )
    return start, end


# ---- snippets that always show the match ------------------------------------------------


def clip(spans: Spans, width: int, lead: int = LEAD) -> Spans:
    """One line of at most `width` characters with the first match in view: at most
    `lead` characters before it, cut at word boundaries, ELLIPSIS at each cut end.
    Whitespace runs (newlines too) become one space."""
    pieces: list[tuple[str, bool]] = []
    space_before = True  # drops leading space, and a space after a space
    for part, matched in spans:
        piece = _SPACES.sub(" ", part)
        if space_before and piece.startswith(" "):
            piece = piece[1:]
        if piece:
            pieces.append((piece, matched))
            space_before = piece.endswith(" ")
    while pieces and pieces[-1][0].endswith(" "):
        last = pieces.pop()
        if last[0].rstrip():
            pieces.append((last[0].rstrip(), last[1]))
            break
    if not pieces:
        return ()
    text = "".join(piece for piece, _ in pieces)
    first = after = 0  # where the first match starts and ends
    for piece, matched in pieces:
        if matched:
            after = first + len(piece)
            break
        first += len(piece)
    else:
        first = 0
    start, lead = 0, max(0, min(lead, width // 3))
    if len(text) > width and after > width - 1:  # begin at a word a little before the match
        start = max(0, min(first - lead, len(text) - width + 1))
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 and start > 0 else start
    begin = ELLIPSIS if start > 0 and not text.startswith(ELLIPSIS, start) else ""
    end, tail = len(text), ""
    room = max(1, width - len(begin))
    if end - start > room:  # end at a word, after the match, with room for the ellipsis
        end = start + room - 1
        space = text.rfind(" ", start, end + 1)
        end = space if space > first else end
        tail = ELLIPSIS
    out: list[tuple[str, bool]] = [(begin, False)] if begin else []
    position = 0
    for piece, matched in pieces:
        low, high = max(start, position), min(end, position + len(piece))
        if low < high:
            kept = piece[low - position : high - position]
            if out and out[-1][1] == matched:
                out[-1] = (out[-1][0] + kept, matched)
            else:
                out.append((kept, matched))
        position += len(piece)
    if tail:
        if out[-1][1]:
            out.append((tail, False))
        else:
            out[-1] = (out[-1][0].rstrip() + tail, False)
    return tuple(out)


def has_match(spans: Spans) -> bool:
    return any(matched for _, matched in spans)


# ---- phase 2: marks, snippets and labels for the page ----------------------------------


def _marks(
    conn: sqlite3.Connection, index: str, fts: str, rowids: list[int]
) -> dict[int, tuple[Spans, Spans]]:
    """rowid -> (title spans, snippet spans). One pass over the matches between the page's
    lowest and highest rowid; the unary + keeps the list out of the FTS lookup."""
    if not rowids:
        return {}
    marks = f"'{MARK_ON}', '{MARK_OFF}'"
    snippet = f"{marks}, '{ELLIPSIS}', {SNIPPET_TOKENS}"
    rows = conn.execute(
        f"SELECT rowid, highlight({index}, 0, {marks}), snippet({index}, 1, {snippet}), "
        f"snippet({index}, -1, {snippet}) FROM {index} WHERE {index} MATCH ? "
        f"AND rowid BETWEEN ? AND ? AND +rowid IN ({','.join('?' * len(rowids))})",
        [fts, min(rowids), max(rowids), *rowids],
    )
    found = {}
    for rowid, title, body, best in rows:
        title_spans, body_spans = to_spans(title), to_spans(body)
        if not has_match(body_spans) and not has_match(title_spans):
            body_spans = to_spans(best)  # only the journal's tags matched
        found[rowid] = (title_spans, clip(body_spans, SNIPPET_WIDTH))
    return found


def _in(ids: Iterable[str]) -> tuple[str, list[str]]:
    listed = list(ids)
    return ",".join("?" * len(listed)), listed


def _first_name(name: str | None) -> str:
    return name.split()[0] if name and name.strip() else "someone"


def _labels(conn: sqlite3.Connection, kind: str, ids: list[str]) -> dict[str, tuple]:
    """record id -> (label or None for the marked title, detail, parent id)."""
    marks, params = _in(ids)
    if kind == "journal":
        rows = conn.execute(
            f"SELECT id, CASE WHEN title = '' THEN substr(ltrim(body), 1, 80) END, "
            f"CASE WHEN shared THEN 'shared' ELSE 'private' END, NULL "
            f"FROM journal_entry WHERE id IN ({marks})",
            params,
        )
        return {r[0]: (r[1], r[2], r[3]) for r in rows}
    if kind == "session":
        rows = conn.execute(
            f"SELECT id, kind, status FROM mentoring_session WHERE id IN ({marks})", params
        )
        return {r[0]: (_kind_title(r[1]), r[2], r[0]) for r in rows}
    if kind in ("note", "feedback"):
        table = "session_note" if kind == "note" else "feedback"
        rows = conn.execute(
            f"SELECT r.id, p.display_name, s.kind, r.session_id FROM {table} r "
            "LEFT JOIN person p ON p.id = r.author_id "
            f"LEFT JOIN mentoring_session s ON s.id = r.session_id WHERE r.id IN ({marks})",
            params,
        )
        word = "notes" if kind == "note" else "feedback"
        return {
            r[0]: (
                f"{_first_name(r[1])}'s {word}",
                session_kind_label(r[2]) if r[2] else "",
                r[3],
            )
            for r in rows
        }
    if kind == "action":
        rows = conn.execute(
            f"SELECT a.id, a.status, p.display_name, a.session_id FROM action_item a "
            f"LEFT JOIN person p ON p.id = a.owner_id WHERE a.id IN ({marks})",
            params,
        )
        return {r[0]: (None, f"{r[1]}, {_first_name(r[2])}" if r[2] else r[1], r[3]) for r in rows}
    if kind == "goal":
        rows = conn.execute(f"SELECT id, status FROM goal WHERE id IN ({marks})", params)
        return {r[0]: (None, r[1], None) for r in rows}
    rows = conn.execute(
        f"SELECT m.id, g.title, m.goal_id FROM milestone m "
        f"LEFT JOIN goal g ON g.id = m.goal_id WHERE m.id IN ({marks})",
        params,
    )
    return {r[0]: (None, r[1] or "", r[2]) for r in rows}


def _kind_title(kind: str) -> str:
    label = session_kind_label(kind)
    return label[:1].upper() + label[1:] + " session"


# ---- the search --------------------------------------------------------------------------


def search(
    conn: sqlite3.Connection,
    text: str,
    *,
    kinds: Iterable[str] | None = None,
    pair_id: str | None = None,
    start: str | None = None,
    end: str | None = None,
    limit: int = 20,
    offset: int = 0,
    newest: bool = False,
) -> list[Hit]:
    """Live records matching every word of `text` (the last as a prefix), best first or
    newest first; `start`/`end` are UTC text bounds [start, end) (see day_bounds)."""
    fts = match_expression(text)
    wanted = list(dict.fromkeys(kinds or KINDS))
    unknown = [k for k in wanted if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown kind {unknown[0]!r}; choose from {', '.join(KINDS)}")
    if fts is None or limit < 1:
        return []
    count = offset + limit
    filters = plan.Filters(pair_id, start, end)
    found: list[plan.Candidate] = []
    if "journal" in wanted:
        found += plan.journal(conn, fts, filters, count, newest)
    doc_kinds = [k for k in wanted if k in DOC_KINDS]
    if doc_kinds:
        found += plan.docs(conn, fts, doc_kinds, filters, count, newest)
    found.sort(key=lambda c: (c.at, c.record_id), reverse=True)
    if not newest:
        found.sort(key=lambda c: c.rank)  # stable: newer first among equal ranks
    page = found[offset:count]
    marks = {
        **{
            ("journal", r): m
            for r, m in _marks(conn, "journal_fts", fts, _rows(page, True)).items()
        },
        **{("doc", r): m for r, m in _marks(conn, "search_fts", fts, _rows(page, False)).items()},
    }
    labels: dict[str, tuple] = {}
    for kind in dict.fromkeys(c.kind for c in page):
        labels.update(_labels(conn, kind, [c.record_id for c in page if c.kind == kind]))
    hits = []
    for c in page:
        title, snippet = marks.get(("journal" if c.kind == "journal" else "doc", c.rowid), ((), ()))
        label, detail, parent = labels.get(c.record_id, (None, "", None))
        if label is not None:
            title = ((" ".join(label.split()), False),)
        hits.append(
            Hit(
                c.kind,
                c.record_id,
                c.pair_id,
                from_utc_text(c.at),
                title,
                snippet,
                detail or "",
                parent,
                c.rank,
            )
        )
    return hits


def _rows(page: list[plan.Candidate], journal: bool) -> list[int]:
    return [c.rowid for c in page if (c.kind == "journal") == journal]
