"""The journal's rules and queries on a plain sqlite3 connection, standard library only.

Why a separate module: `mentor journal add` and `mentor journal list --search` must finish
as whole processes in well under half a second, and importing SQLAlchemy and SQLModel alone
takes longer than that on a slow machine. So the rules (titles, tags, what a search means)
and the queries live here, free of both; services/journal.py uses them for the app through
the Store's connection, and the CLI's quick path uses them through sqlite3 directly.
`journal add` imports this module: nothing here imports more than it needs at the top
(records are NamedTuples, not dataclasses; zoneinfo where a zone is used).

Query plans: a newest-first page walks the written_at index (the unary + keeps SQLite from
preferring the deleted or pair_id indexes and sorting the whole table). A search asks the
FTS index first for the newest DENSE matches by rowid: fewer -> those are all, read just
them and sort them; as many -> walk the written_at index and keep the matching ones, which
finds a page after a few rows; the rowids come from that first answer, or from the FTS
index for a short rowid range (never one look-up per row, nor every match).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from mentor_tui.errors import InvalidInput
from mentor_tui.models.limits import TEXT_LIMIT, TITLE_LIMIT
from mentor_tui.models.utc import from_utc_text, to_utc_text

DENSE = 1000  # this many matches or more: walk the date index instead of sorting matches

PROMPTS = (
    "What did I learn this week?",
    "What worked, what did not, and why?",
    "What do I want to try next?",
)
_TAG_IN_TEXT = re.compile(r"(?<!\S)@([\w][\w\-+/]*)")  # like jrnl: not inside a mail address
_TAG = re.compile(r"[\w][\w\-+/]*")
MARK_ON, MARK_OFF = "\x02", "\x03"  # around matches in FTS output, turned into spans
_MARKS = re.compile(f"([{MARK_ON}{MARK_OFF}])")  # compiled once: it runs twice per hit
COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "revision",
    "deleted",
    "origin",
    "pair_id",
    "author_id",
    "written_at",
    "title",
    "body",
    "tags",
    "goal_id",
    "shared",
    "prompt",
)

Spans = tuple[tuple[str, bool], ...]  # (text, is it a match), in reading order


def prompt_of_week(day: date) -> str:
    """The reflection prompt of the ISO week `day` is in (rotating)."""
    return PROMPTS[day.isocalendar().week % len(PROMPTS)]


def parse_tags(text: str) -> list[str]:
    """The @tags in a text, lower case, in order, each once."""
    return list(dict.fromkeys(tag.lower() for tag in _TAG_IN_TEXT.findall(text or "")))


def normalise_tags(tags: Iterable[str]) -> str:
    """Tags as stored: lower case, without @ or #, each once, space-separated."""
    found: list[str] = []
    for raw in tags:
        for word in (raw or "").replace(",", " ").split():
            word = word.lstrip("@#").lower()
            if not word:
                continue
            if not _TAG.fullmatch(word):
                raise InvalidInput(
                    f"{raw!r} is not a tag; use letters, digits, - + / and _ (e.g. @python)"
                )
            found.append(word)
    return " ".join(dict.fromkeys(found))


def split_title(text: str) -> tuple[str, str]:
    """jrnl's rule: the first sentence (or line) is the title, the rest is the body."""
    stripped = (text or "").strip()
    match = re.search(r"[.?!]+(?=\s)|\n", stripped)
    if match is None:
        title, body = stripped, ""
    else:
        end = match.end() if match.group() != "\n" else match.start()
        title, body = stripped[:end].strip(), stripped[end:].strip()
    if len(title) > TITLE_LIMIT:  # one long paragraph: keep it whole in the body
        return "", stripped
    return title, body


class Draft(NamedTuple):
    title: str
    body: str
    tags: str


def prepare_entry(
    text: str, *, title: str | None, tags: Iterable[str], shared: bool, pair_id: str | None
) -> Draft:
    """Every rule for a new entry, in one place (the app's and the CLI's path use it)."""
    if title is None:
        title, body = split_title(text)
    else:
        title, body = title.strip(), text or ""
    if not title and not body.strip():
        raise InvalidInput("the entry is empty; write a few words")
    if len(title) > TITLE_LIMIT:
        raise InvalidInput(f"the title is over {TITLE_LIMIT} characters; put the rest in the text")
    if len(body) > TEXT_LIMIT:
        raise InvalidInput(f"the entry is over {TEXT_LIMIT:,} characters; split it up")
    if shared and pair_id is None:
        raise InvalidInput("sharing needs a pair to share with; choose one with --pair")
    return Draft(title, body, normalise_tags([*tags, *parse_tags(f"{title}\n{body}")]))


def to_spans(marked: str) -> Spans:
    """FTS output with MARK_ON..MARK_OFF around matches -> ((text, matched), ...)."""
    spans: list[tuple[str, bool]] = []
    matched = False
    for part in _MARKS.split(marked or ""):
        if part in (MARK_ON, MARK_OFF):
            matched = part == MARK_ON
        elif part:
            spans.append((part, matched))
    return tuple(spans)


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def match_expression(query: str) -> tuple[str | None, list[str]]:
    """What a person typed -> (an FTS5 expression or None, @tags to filter by).

    Every word is quoted, so FTS syntax typed by accident cannot fail; the last word is a
    prefix while it is still being typed (no space after it), so search works as you type.
    """
    words: list[str] = []
    tags: list[str] = []
    for word in query.split():
        (tags if word.startswith("@") and len(word) > 1 else words).append(word)
    if not words:
        return None, tags
    terms = [_phrase(w) for w in words]
    if not query[-1:].isspace() and not query.split()[-1].startswith("@"):
        terms[-1] += " *"
    return " AND ".join(terms), tags


class Query(NamedTuple):
    """One page of the journal to read: filters, an optional search, where to continue."""

    words: str | None = None  # an FTS expression (match_expression)
    pair_id: str | None = None
    tags: tuple[str, ...] = ()
    start: str | None = None  # UTC text bounds [start, end) on written_at
    end: str | None = None
    shared_only: bool = False
    author_id: str | None = None
    before: tuple[str, str] | None = None  # (written_at text, id) of the last row seen


def make_query(
    text: str | None = None,
    *,
    pair_id: str | None = None,
    tag: str | None = None,
    since: date | None = None,
    until: date | None = None,
    zone: str = "UTC",
    shared_only: bool = False,
    before: tuple[datetime, str] | None = None,
) -> Query:
    """since/until are days (inclusive) in `zone`; @words in the text filter by tag."""
    from zoneinfo import ZoneInfo  # here: `journal add` needs no zone

    words, query_tags = match_expression(text or "")
    tags = [normalise_tags([t]) for t in [*query_tags, *([tag] if tag else [])]]
    tz = ZoneInfo(zone)
    start = to_utc_text(datetime.combine(since, datetime.min.time(), tz)) if since else None
    end = (
        to_utc_text(datetime.combine(until + timedelta(days=1), datetime.min.time(), tz))
        if until
        else None
    )
    cursor = (to_utc_text(before[0]), before[1]) if before else None
    return Query(words, pair_id, tuple(t for t in tags if t), start, end, shared_only, None, cursor)


def _fts_of(query: Query) -> str | None:
    parts = ([f"({query.words})"] if query.words else []) + [
        "tags : " + _phrase(tag) for tag in query.tags
    ]
    return " AND ".join(parts) or None


def find_ids(conn: sqlite3.Connection, query: Query, limit: int) -> list[str]:
    """Ids of one page of entries, newest first (see the module's note on plans)."""
    where = ["+e.deleted = 0"]
    params: dict[str, str | int] = {"limit": limit}
    if query.pair_id is not None:
        where.append("+e.pair_id = :pair_id")
        params["pair_id"] = query.pair_id
    if query.author_id is not None:
        where.append("+e.author_id = :author_id")
        params["author_id"] = query.author_id
    for i, tag in enumerate(query.tags):  # FTS narrows by tag words; this makes it exact
        where.append(f"(' ' || e.tags || ' ') LIKE :tag{i} ESCAPE '\\'")
        params[f"tag{i}"] = (
            "% " + tag.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %"
        )
    if query.start:
        where.append("e.written_at >= :start")
        params["start"] = query.start
    if query.end:
        where.append("e.written_at < :end")
        params["end"] = query.end
    if query.shared_only:
        where.append("+e.shared = 1")
    if query.before:
        where.append("e.written_at <= :b_at AND (e.written_at < :b_at OR e.id < :b_id)")
        params["b_at"], params["b_id"] = query.before
    order = "ORDER BY e.written_at DESC, e.id DESC"
    walk = "SELECT e.id FROM journal_entry e INDEXED BY ix_journal_entry_written_at WHERE "
    fts = _fts_of(query)
    if fts is None:
        sql = walk + " AND ".join(where) + f" {order} LIMIT :limit"
        return [row[0] for row in conn.execute(sql, params)]
    # The newest matches by rowid, DENSE at most: all of them when there are fewer (one
    # FTS look-up: a prefix costs its merge of doclists each time it is looked up).
    newest = [
        row[0]
        for row in conn.execute(
            "SELECT rowid FROM journal_fts WHERE journal_fts MATCH ? ORDER BY rowid DESC "
            f"LIMIT {DENSE}",
            (fts,),
        )
    ]
    if not newest:
        return []
    if len(newest) < DENSE:  # few: read just those by rowid and sort them
        listed = ",".join(map(str, newest))  # integers from SQLite itself
        sql = (
            f"SELECT e.id FROM journal_entry e WHERE e.rowid IN ({listed}) AND "
            + " AND ".join(where)
            + f" {order} LIMIT :limit"
        )
        return [row[0] for row in conn.execute(sql, params)]
    params.pop("limit")
    rows = conn.execute(
        walk.replace("SELECT e.id", "SELECT e.rowid, e.id") + " AND ".join(where) + f" {order}",
        params,
    )
    return _matching(conn, rows, fts, set(newest), newest[-1], limit)


def _matching(
    conn: sqlite3.Connection,
    rows: sqlite3.Cursor,
    fts: str,
    known: set[int],
    floor: int,
    limit: int,
) -> list[str]:
    """Many matches: walk `rows` (rowid, id) down the written_at index a batch at a time and
    keep the matching ones, until a page is full. `known` holds every match with a rowid
    from `floor` up; a batch reaching below it asks the FTS index for just the rowids
    between the batch's lowest and `floor` (entries are mostly written in rowid order, so
    that range is short), never for every match, which costs more than the page."""
    found: list[str] = []
    batch = max(2 * limit, 64)
    while len(found) < limit:
        chunk = rows.fetchmany(batch)
        if not chunk:
            break
        low = min(row[0] for row in chunk)
        if low < floor:
            known.update(
                row[0]
                for row in conn.execute(
                    "SELECT rowid FROM journal_fts WHERE journal_fts MATCH ? "
                    "AND rowid BETWEEN ? AND ?",
                    (fts, low, floor - 1),
                )
            )
            floor = low
        found += [row[1] for row in chunk if row[0] in known]
        batch = min(2 * batch, 4096)
    rows.close()
    return found[:limit]


def find_marks(
    conn: sqlite3.Connection, query: Query, ids: list[str]
) -> dict[str, tuple[Spans, Spans]]:
    """id -> (title spans, snippet spans of the body) for the words searched.

    One pass over the matches between the page's lowest and highest rowid; the unary +
    keeps the id list out of the FTS lookup (each listed rowid would re-run the search)."""
    if not query.words or not ids:
        return {}
    by_rowid = dict(
        conn.execute(
            f"SELECT rowid, id FROM journal_entry WHERE id IN ({','.join('?' * len(ids))})", ids
        ).fetchall()
    )
    if not by_rowid:
        return {}
    rows = conn.execute(
        "SELECT rowid, highlight(journal_fts, 0, ?, ?), snippet(journal_fts, 1, ?, ?, '…', 12) "
        "FROM journal_fts WHERE journal_fts MATCH ? AND rowid BETWEEN ? AND ? "
        f"AND +rowid IN ({','.join('?' * len(by_rowid))})",
        [
            MARK_ON,
            MARK_OFF,
            MARK_ON,
            MARK_OFF,
            query.words,
            min(by_rowid),
            max(by_rowid),
            *by_rowid,
        ],
    )
    return {by_rowid[r[0]]: (to_spans(r[1]), to_spans(r[2])) for r in rows}


class EntryRow(NamedTuple):
    """A journal entry read without the ORM (the CLI's quick path)."""

    id: str
    written_at: datetime
    title: str
    body: str
    tags: str
    shared: bool
    pair_id: str | None
    goal_id: str | None
    prompt: str


def fetch_rows(conn: sqlite3.Connection, ids: list[str], *, live: bool = False) -> list[EntryRow]:
    """The entries with these ids, in the order given (`live`: none deleted)."""
    if not ids:
        return []
    rows = conn.execute(
        "SELECT id, written_at, title, body, tags, shared, pair_id, goal_id, prompt "
        f"FROM journal_entry WHERE id IN ({','.join('?' * len(ids))})"
        + (" AND deleted = 0" if live else ""),
        ids,
    ).fetchall()
    by_id = {
        r[0]: EntryRow(r[0], from_utc_text(r[1]), r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8])
        for r in rows
    }
    return [by_id[i] for i in ids if i in by_id]


def streak_days(conn: sqlite3.Connection, author_id: str, zone: str, now: datetime) -> int:
    """Consecutive days with an entry, in `zone`, up to today; a streak whose last day is
    yesterday still counts (today is not over yet). One indexed look-up per day of the
    streak (the newest entry before the day under way), not a walk over every entry."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(zone)
    today = now.astimezone(tz).date()
    latest = (
        "SELECT written_at FROM journal_entry INDEXED BY ix_journal_entry_written_at "
        "WHERE +author_id = ? AND +deleted = 0 AND written_at < ? "
        "ORDER BY written_at DESC LIMIT 1"
    )
    streak, bound = 0, to_utc_text(now + timedelta(microseconds=1))
    while True:
        row = conn.execute(latest, (author_id, bound)).fetchone()
        if row is None:
            return streak
        day = from_utc_text(row[0]).astimezone(tz).date()
        if day != today - timedelta(days=streak) and not (
            streak == 0 and day == today - timedelta(days=1)
        ):
            return streak
        if streak == 0 and day != today:
            today = day  # the streak ends yesterday: count back from there
        streak += 1
        bound = to_utc_text(datetime.combine(day, datetime.min.time(), tz))
