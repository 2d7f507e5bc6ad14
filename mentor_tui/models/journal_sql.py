"""The journal's rules and queries on a plain sqlite3 connection, standard library only.

Why a separate module: `mentor journal add` and `mentor journal list --search` must finish
as whole processes in well under half a second, and importing SQLAlchemy and SQLModel alone
takes longer than that on a slow machine. So the rules (titles, tags, what a search means)
and the queries live here, free of both; services/journal.py uses them for the app through
the Store's connection, and the CLI's quick path uses them through sqlite3 directly.

Query plans: a newest-first page walks the written_at index (the unary + keeps SQLite from
preferring the deleted or pair_id indexes and sorting the whole table). A search asks the
FTS index first how many entries match: few -> read just those and sort them; many -> walk
the written_at index and keep the matching ones, which finds a page after a few rows.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mentor_tui.errors import InvalidInput
from mentor_tui.models.enums import PairStatus
from mentor_tui.models.limits import TEXT_LIMIT, TITLE_LIMIT
from mentor_tui.models.utc import SCHEMA_VERSION, from_utc_text, to_utc_text

DENSE = 1000  # this many matches or more: walk the date index instead of sorting matches

PROMPTS = (
    "What did I learn this week?",
    "What worked, what did not, and why?",
    "What do I want to try next?",
)
_TAG_IN_TEXT = re.compile(r"(?<!\S)@([\w][\w\-+/]*)")  # like jrnl: not inside a mail address
_TAG = re.compile(r"[\w][\w\-+/]*")
MARK_ON, MARK_OFF = "\x02", "\x03"  # around matches in FTS output, turned into spans
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


@dataclass(frozen=True)
class Draft:
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
    for part in re.split(f"([{MARK_ON}{MARK_OFF}])", marked or ""):
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


@dataclass(frozen=True)
class Query:
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
    order = "ORDER BY e.written_at DESC, e.id DESC LIMIT :limit"
    fts = _fts_of(query)
    walk = "SELECT e.id FROM journal_entry e INDEXED BY ix_journal_entry_written_at WHERE "
    if fts is None:
        sql = walk + " AND ".join(where) + " " + order
    else:
        params["fts"] = fts
        matches = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM journal_fts WHERE journal_fts MATCH :fts "
            f"LIMIT {DENSE})",
            params,
        ).fetchone()[0]
        if not matches:
            return []
        if matches < DENSE:
            sql = (
                "SELECT e.id FROM journal_fts JOIN journal_entry e "
                "ON e.rowid = journal_fts.rowid WHERE journal_fts MATCH :fts AND "
                + " AND ".join(where)
                + " "
                + order
            )
        else:
            sql = (
                walk + " AND ".join(where) + " AND e.rowid IN (SELECT rowid FROM "
                "journal_fts WHERE journal_fts MATCH :fts) " + order
            )
    return [row[0] for row in conn.execute(sql, params)]


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


@dataclass(frozen=True)
class EntryRow:
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


def fetch_rows(conn: sqlite3.Connection, ids: list[str]) -> list[EntryRow]:
    """The entries with these ids, in the order given."""
    if not ids:
        return []
    rows = conn.execute(
        "SELECT id, written_at, title, body, tags, shared, pair_id, goal_id, prompt "
        f"FROM journal_entry WHERE id IN ({','.join('?' * len(ids))})",
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


def open_quick(path: str) -> sqlite3.Connection | None:
    """A connection for the CLI's quick path, or None when the database is not one it
    knows (missing, at another schema version than this release writes, or journal_entry
    has other columns): the caller then takes the full path, which migrates or refuses."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=10, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        columns = tuple(r[1] for r in conn.execute("PRAGMA table_info(journal_entry)"))
        if version != SCHEMA_VERSION or sorted(columns) != sorted(COLUMNS):
            conn.close()
            return None
    except sqlite3.Error:
        conn.close()
        return None
    return conn


@dataclass(frozen=True)
class QuickIdentity:
    """Who I am and the pair the quick path files under (None: there is no pair at all)."""

    me_id: str
    zone: str
    pair_id: str | None


def quick_me(conn: sqlite3.Connection) -> tuple[str, str] | None:
    """My id and time zone; None before a profile exists."""
    row = conn.execute("SELECT id, timezone FROM person WHERE is_me = 1 AND deleted = 0").fetchone()
    return (row[0], row[1]) if row is not None else None


def quick_identity(conn: sqlite3.Connection, current: str | None) -> QuickIdentity | None:
    """Who I am, and the pair commands default to as services/pairs.current_pair picks it:
    the current pair (`current`, from the config) while it is a live pair of mine, else the
    only active one (the only one, when all are closed). None before a profile exists, or
    with several pairs and none current: the full path then says why, in one line."""
    me = quick_me(conn)
    if me is None:
        return None
    # A closed pair is read-only: the full path says so in one line (services/closed_guard).
    if current:
        mine = conn.execute(
            "SELECT id, status FROM pair WHERE id = ? AND deleted = 0 "
            "AND ? IN (mentor_id, mentee_id)",
            (current, me[0]),
        ).fetchone()
        if mine is not None:
            return None if mine[1] == PairStatus.CLOSED else QuickIdentity(me[0], me[1], mine[0])
    pairs = conn.execute("SELECT id, status FROM pair WHERE deleted = 0").fetchall()
    active = [row[0] for row in pairs if row[1] != PairStatus.CLOSED]
    if len(active) > 1 or (pairs and not active):
        return None
    return QuickIdentity(me[0], me[1], active[0] if active else None)


def quick_add(
    conn: sqlite3.Connection,
    draft: Draft,
    *,
    author_id: str,
    pair_id: str | None,
    shared: bool,
    now: datetime,
) -> EntryRow:
    """Insert a prepared entry. Stamps as models/db.py sets them for every new record."""
    stamp = to_utc_text(now)
    row = EntryRow(
        str(uuid.uuid4()),
        from_utc_text(stamp),
        draft.title,
        draft.body,
        draft.tags,
        shared,
        pair_id,
        None,
        "",
    )
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            f"INSERT INTO journal_entry ({', '.join(COLUMNS)}) "
            "VALUES (?, ?, ?, 1, 0, '', ?, ?, ?, ?, ?, ?, NULL, ?, '')",
            (
                row.id,
                stamp,
                stamp,
                pair_id,
                author_id,
                stamp,
                row.title,
                row.body,
                row.tags,
                shared,
            ),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return row
