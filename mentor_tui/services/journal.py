"""The development journal: newest first, paged by keyset so 100,000 entries stay fast.

Entries are private unless their author shares them. Tags are lower case words kept
space-separated in `tags`; an @word in the text is a tag too (as in jrnl). Search goes
through the journal_fts index (migration step 2) and returns highlighted parts as
structured spans, never as markup, so a screen can render them safely.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Final

from sqlmodel import Session, col, select

from mentor_tui.errors import InvalidInput, NotFound
from mentor_tui.models import journal_sql as q
from mentor_tui.models.db import Store, get_live
from mentor_tui.models.journal_sql import (  # noqa: F401 - the journal's rules, re-exported
    PROMPTS,
    Spans,
    match_expression,
    normalise_tags,
    parse_tags,
    prompt_of_week,
    split_title,
    to_spans,
)
from mentor_tui.models.tables import Goal, JournalEntry
from mentor_tui.services.journal_hits import JournalHit as JournalHit  # re-exported
from mentor_tui.services.journal_hits import read_hits
from mentor_tui.services.text import TITLE_LIMIT, long_text


class _Keep(Enum):
    """The default of update_journal_entry's arguments: leave this one as it is."""

    KEEP = "keep"


_KEEP: Final = _Keep.KEEP


def _raw(session: Session) -> Any:
    """The sqlite3 connection under a session, for journal_sql's queries."""
    return session.connection().connection.driver_connection


def _goal_of(session: Session, pair_id: str | None, goal_id: str | None) -> str | None:
    if goal_id is None:
        return None
    goal = session.get(Goal, goal_id)
    if goal is None or goal.deleted or goal.pair_id != pair_id:
        raise NotFound("no such goal in this pair to link the entry to")
    return goal.id


def find_goal(store: Store, pair_id: str, ref: str) -> Goal:
    """A goal of the pair by id prefix or part of its title (for --goal)."""
    needle = ref.strip().lower()
    with store.read() as session:
        goals = session.exec(
            select(Goal).where(Goal.pair_id == pair_id, Goal.deleted == False)  # noqa: E712
        ).all()
    for matches in (
        [g for g in goals if len(needle) >= 4 and g.id.startswith(needle)],
        [g for g in goals if needle and needle in g.title.lower()],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise InvalidInput(f"{ref!r} matches several goals; type more of the title")
    raise NotFound(f"no goal matches {ref!r}; `mentor goal list` shows them")


def add_journal_entry(
    store: Store,
    text_: str,
    *,
    title: str | None = None,
    tags: Iterable[str] = (),
    shared: bool = False,
    pair_id: str | None = None,
    goal_id: str | None = None,
    prompt: str = "",
    written_at: datetime | None = None,
) -> JournalEntry:
    """Capture a thought. Without a title, the first sentence becomes the title (jrnl)."""
    from mentor_tui.services.profile import require_me

    me = require_me(store)
    draft = q.prepare_entry(text_, title=title, tags=tags, shared=shared, pair_id=pair_id)
    entry = JournalEntry(
        pair_id=pair_id,
        author_id=me.id,
        written_at=written_at or store.clock.now(),
        title=draft.title,
        body=draft.body,
        tags=draft.tags,
        shared=shared,
        prompt=prompt,
    )
    with store.write() as session:
        entry.goal_id = _goal_of(session, pair_id, goal_id)
        session.add(entry)
    return entry


def _load_own(session: Session, entry_id: str) -> JournalEntry:
    entry = get_live(session, JournalEntry, entry_id)
    if entry.origin:
        raise InvalidInput("this entry came from your partner's side and cannot be changed here")
    return entry


def get_journal_entry(store: Store, entry_id: str) -> JournalEntry:
    with store.read() as session:
        entry = get_live(session, JournalEntry, entry_id)
        return entry


def update_journal_entry(
    store: Store,
    entry_id: str,
    *,
    title: str | _Keep | None = _KEEP,
    body: str | _Keep | None = _KEEP,
    tags: Iterable[str] | _Keep = _KEEP,
    goal_id: str | _Keep | None = _KEEP,
    prompt: str | _Keep | None = _KEEP,
) -> JournalEntry:
    """Change an entry's text, tags, goal link or prompt; @tags in the text are added."""
    with store.write() as session:
        entry = _load_own(session, entry_id)
        if title is not _KEEP:
            entry.title = str(title or "").strip()
            if len(entry.title) > TITLE_LIMIT:
                raise InvalidInput(f"the title is over {TITLE_LIMIT} characters")
        if body is not _KEEP:
            entry.body = long_text(str(body or ""), "entry")
        if not entry.title and not entry.body.strip():
            raise InvalidInput("the entry is empty; write a few words (or delete it)")
        if prompt is not _KEEP:
            entry.prompt = str(prompt or "")
        if goal_id is not _KEEP:
            entry.goal_id = _goal_of(session, entry.pair_id, goal_id)
        base = entry.tags.split() if tags is _KEEP else list(tags)
        entry.tags = normalise_tags([*base, *parse_tags(f"{entry.title}\n{entry.body}")])
        session.add(entry)
    return entry


def set_shared(store: Store, entry_id: str, shared: bool) -> JournalEntry:
    """The explicit choice to share an entry with the pair (or take it back)."""
    with store.write() as session:
        entry = _load_own(session, entry_id)
        if shared and entry.pair_id is None:
            raise InvalidInput("this entry belongs to no pair, so there is no one to share it with")
        entry.shared = shared
        session.add(entry)
    return entry


def toggle_shared(store: Store, entry_id: str) -> JournalEntry:
    return set_shared(store, entry_id, not get_journal_entry(store, entry_id).shared)


def delete_journal_entry(store: Store, entry_id: str) -> None:
    with store.write() as session:
        entry = _load_own(session, entry_id)
        entry.deleted = True
        session.add(entry)


def list_journal(
    store: Store,
    pair_id: str | None,
    *,
    limit: int = 50,
    before: tuple[datetime, str] | None = None,
    tag: str | None = None,
    since: date | None = None,
    until: date | None = None,
    zone: str = "UTC",
    shared_only: bool = False,
) -> list[JournalEntry]:
    """A page of entries, newest first; pass the last (written_at, id) as `before` for more.
    since/until are days (inclusive) in `zone`."""
    query = q.make_query(
        None,
        pair_id=pair_id,
        tag=tag,
        since=since,
        until=until,
        zone=zone,
        shared_only=shared_only,
        before=before,
    )
    with store.read() as session:
        ids = q.find_ids(_raw(session), query, limit)
        if not ids:
            return []
        rows = {
            e.id: e
            for e in session.exec(select(JournalEntry).where(col(JournalEntry.id).in_(ids))).all()
        }
    return [rows[i] for i in ids if i in rows]


def _read(store: Store, query: q.Query, limit: int) -> list[JournalHit]:
    with store.read() as session:
        return read_hits(_raw(session), query, limit)


def search_journal(
    store: Store,
    query: str,
    pair_id: str | None,
    *,
    limit: int = 20,
    before: tuple[datetime, str] | None = None,
    tag: str | None = None,
    since: date | None = None,
    until: date | None = None,
    zone: str = "UTC",
    shared_only: bool = False,
) -> list[JournalHit]:
    """Entries matching every word (the last one as a prefix), newest first, with the
    matches marked. @tags in the query filter by tag. Page with `before` as in list_journal."""
    return _read(
        store,
        q.make_query(
            query,
            pair_id=pair_id,
            tag=tag,
            since=since,
            until=until,
            zone=zone,
            shared_only=shared_only,
            before=before,
        ),
        limit,
    )


def journal_streak(store: Store, author_id: str, zone: str) -> int:
    """Consecutive days with an entry, in the author's zone, up to today. A streak whose
    last day is yesterday still counts: today is not over yet."""
    with store.read() as session:
        return q.streak_days(_raw(session), author_id, zone, store.clock.now())


def rebuild_search_index(store: Store) -> None:
    """Refill journal_fts from journal_entry (repairs the index should it ever drift)."""
    with store.write() as session:
        session.connection().exec_driver_sql(
            "INSERT INTO journal_fts(journal_fts) VALUES ('rebuild')"
        )


@dataclass(frozen=True)
class StoreJournal:
    """The Journal screen's two reads through the Store (services/journal_hits.QuickJournal
    reads the same on the quick path)."""

    store: Store

    def search(
        self,
        words: str,
        pair_id: str | None,
        *,
        limit: int,
        zone: str,
        since: date | None,
        until: date | None,
        before: tuple[datetime, str] | None = None,
    ) -> list[JournalHit]:
        return search_journal(
            self.store,
            words,
            pair_id,
            limit=limit,
            zone=zone,
            since=since,
            until=until,
            before=before,
        )

    def streak(self, author_id: str, zone: str) -> int:
        return journal_streak(self.store, author_id, zone)
