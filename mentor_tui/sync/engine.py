"""What to publish, and how the partner's records are taken in: the rules of sync that do
not depend on where the shared place is."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError

from mentor_tui.models.db import Store
from mentor_tui.sync.bulk import Pending
from mentor_tui.sync.canonical import SyncError, canonical_bytes, sha256
from mentor_tui.sync.layout import Entry, Manifest
from mentor_tui.sync.records import (
    KIND_BY_NAME,
    KIND_BY_TABLE,
    KIND_ORDER,
    IdMap,
    Incoming,
    Kind,
    local_rows,
    tombstone,
)
from mentor_tui.sync.summary import build_summary
from mentor_tui.sync.trust import APPROVED, Writer, check_all, judge_approval, pair_of_row


@dataclass
class Publication:
    records: dict[str, bytes]  # record id -> file content (records and tombstones)
    published: list[dict[str, Any]]  # the live records, for the preview and the summary
    tombstones: int
    manifest: Manifest
    summary: bytes


def build_publication(
    store: Store,
    pair_id: str,
    ids: IdMap,
    previous: Manifest | None,
    member_name: str,
    role: str,
    pair_label: str,
    vouched: set[str] | None = None,
) -> Publication:
    """Everything of mine that the partner may see, as canonical bytes. A record that was
    published before and may not be seen any more (deleted, or a journal entry no longer
    shared) becomes a tombstone that carries no content; `vouched` are the ids I published
    last time (a record gone from the database is withdrawn only when I published it)."""
    with store.read() as session:
        rows = local_rows(session, pair_id, ids)
    files: dict[str, bytes] = {}
    entries: dict[str, Entry] = {}
    published: list[dict[str, Any]] = []
    last_change = ""
    for rid, row in rows.items():
        if row.record is None:
            continue
        data = canonical_bytes(row.record)
        files[rid] = data
        entries[rid] = Entry(row.kind.name, row.revision, sha256(data), False)
        published.append(row.record)
        last_change = max(last_change, row.updated_at)
    tombstones = 0
    for rid, before in (previous.records if previous else {}).items():
        if rid in files:
            continue
        mine = rows.get(rid)
        if mine is None and vouched is not None and rid not in vouched:
            continue  # slipped into my manifest on the remote by someone else: not mine
        if mine is not None:
            revision, kind = mine.revision, mine.kind.name
        else:  # gone from the database altogether
            revision, kind = before.revision + (0 if before.deleted else 1), before.kind
        data = canonical_bytes(tombstone(kind, rid, revision))
        files[rid] = data
        entries[rid] = Entry(kind, revision, sha256(data), True)
        tombstones += 1
    summary = build_summary(member_name, role, pair_label, published)
    manifest = Manifest(
        pair_id,
        ids.my_member_id,
        dict(sorted(entries.items())),
        summary_sha256=sha256(summary),
        last_change_at=last_change,
    )
    return Publication(files, published, tombstones, manifest, summary)


@dataclass
class PullResult:
    applied: int = 0
    problems: list[str] = field(default_factory=list)
    taken: dict[str, str] = field(default_factory=dict)  # id -> sha256 of what was taken


def _required(kind: Kind) -> frozenset[str]:
    """Columns a new record must bring: not nullable and without a default in the model."""
    return _required_by_name(kind.name)


@functools.cache  # per kind: asked for every record of a pull
def _required_by_name(name: str) -> frozenset[str]:
    kind = KIND_BY_NAME[name]
    needed = set()
    for field_name in kind.fields:
        info = kind.model.model_fields.get(field_name)
        column = kind.table.columns[field_name]
        no_default = info is None or (
            info.default is PydanticUndefined and info.default_factory is None
        )
        if not column.nullable and no_default:
            needed.add(field_name)
    return frozenset(needed)


class SessionFacts:
    """What this side holds, for the trust checks: every id of the pull looked up in every
    table once (so an id of one kind cannot pose as another), then kept up to date as
    records are applied; single rows straight from the database (flushed per kind)."""

    def __init__(self, session: Any, record_ids: Iterable[str]) -> None:
        self.session = session
        self.closed: datetime | None = None  # when the pair closed, read once per kind
        self.bulk = False  # new rows wait for one INSERT per kind (not one by one)
        self.pending = Pending()
        self.found: dict[str, tuple[str, str, int]] = {}  # id -> (table, origin, revision)
        self._pairs: dict[tuple[str, str], str] = {}
        # One statement per table with the ids as one JSON parameter: an IN list of
        # 10,000 bound values cost seconds to compile in chunks.
        wanted = json.dumps(list(record_ids))
        for kind in KIND_BY_TABLE.values():
            query = text(
                f'SELECT id, origin, revision FROM "{kind.table.name}" '
                "WHERE id IN (SELECT value FROM json_each(:ids))"
            )
            for rid, origin, revision in session.connection().execute(query, {"ids": wanted}):
                self.found[rid] = (kind.table.name, origin, revision)

    def held(self, record_id: str) -> tuple[str, str] | None:
        found = self.found.get(record_id)
        return None if found is None else (found[0], found[1])

    def row(self, table: str, record_id: str) -> Mapping[str, Any] | None:
        t = KIND_BY_TABLE[table].table
        query = select(t).where(t.c.id == record_id)
        return session_row(self.session, query)

    def pair_of(self, table: str, record_id: str) -> str | None:
        """Cached: a record's pair never changes here (this-pair refuses a move), and
        many records point at one goal or session."""
        key = (table, record_id)
        if key not in self._pairs:
            pair = pair_of_row(self, table, record_id)
            if pair is None:
                return None  # not here (yet): asked again later
            self._pairs[key] = pair
        return self._pairs[key]

    def my_approval(self, goal_id: str) -> bool:
        t = KIND_BY_TABLE["goal_change"].table
        query = select(t.c.id).where(
            t.c.goal_id == goal_id,
            t.c.field == "status",
            t.c.new_value == APPROVED,
            t.c.origin == "",
            t.c.deleted == False,  # noqa: E712
        )
        return self.session.connection().execute(query).first() is not None


def session_row(session: Any, query: Any) -> Mapping[str, Any] | None:
    return session.connection().execute(query).mappings().first()


def writer_of(session: Any, pair_id: str, partner_id: str, me: str) -> Writer:
    """The partner as the writer of their folder, and the pair's decision rights in force."""
    from mentor_tui.models.tables import Pair
    from mentor_tui.services.pairs import agreed_approver

    pair = session.get(Pair, pair_id)
    if pair is None:
        raise SyncError("this pair is not in the database any more; nothing was taken")
    return Writer(pair_id, partner_id, me, pair.mentor_id, pair.mentee_id, agreed_approver(pair))


def apply_partner(
    store: Store, pair_id: str, partner_id: str, ids: IdMap, incoming: list[tuple[Incoming, str]]
) -> PullResult:
    """Take the partner's records (each with the sha256 of its file) into the database.
    Each record passes the trust checks first, and is taken whole or not at all: the batch
    goes in one transaction; should the database still refuse something, each record is
    tried again in a savepoint of its own. Their stamps are kept; the higher revision wins;
    a record of mine is never overwritten; a record that points at something missing
    here waits."""
    incoming = sorted(incoming, key=lambda item: KIND_ORDER[item[0].kind.name])
    try:
        return _apply(store, pair_id, partner_id, ids, incoming, one_by_one=False)
    except (IntegrityError, StatementError, ValueError, OverflowError):
        return _apply(store, pair_id, partner_id, ids, incoming, one_by_one=True)


def _apply(
    store: Store,
    pair_id: str,
    partner_id: str,
    ids: IdMap,
    incoming: list[tuple[Incoming, str]],
    *,
    one_by_one: bool,
) -> PullResult:
    result = PullResult()
    with store.write(preserve_stamps=True) as session:
        facts = SessionFacts(session, (item.id for item, _ in incoming))
        facts.bulk = not one_by_one
        previous_kind = None
        who = writer_of(session, pair_id, partner_id, ids.my_local_id)
        facts.closed = _closed_at(session, pair_id)
        for item, digest in incoming:
            if item.kind is not previous_kind:
                # No ORM relationships, so one flush would not order the inserts by
                # foreign key: write each kind before the kinds that point at it. The
                # charter (applied first) may have changed the decision rights.
                facts.pending.write(session)
                session.flush()
                previous_kind = item.kind
                who = writer_of(session, pair_id, partner_id, ids.my_local_id)
                facts.closed = _closed_at(session, pair_id)
            if one_by_one:
                savepoint = session.begin_nested()
                try:
                    problem = _apply_one(session, item, who, facts)
                    session.flush()
                    savepoint.commit()
                except (IntegrityError, StatementError, ValueError, OverflowError):
                    savepoint.rollback()
                    facts.found.pop(item.id, None)
                    problem = (
                        f"partner {item.kind.name} {item.id} could not be stored here; it waits"
                    )
            else:
                problem = _apply_one(session, item, who, facts)
            if problem and not problem.startswith(_NOTE):
                result.problems.append(problem)
                continue
            if problem:
                result.problems.append(problem.removeprefix(_NOTE))
            result.applied += problem is not None  # None: nothing to change
            result.taken[item.id] = digest
        facts.pending.write(session)
        session.flush()
    return result


_NOTE = "\0"  # a line about a record that was taken all the same (without an approval)


def _refs_ok(item: Incoming, who: Writer, facts: SessionFacts) -> str:
    kind = item.kind
    people = {who.me, who.author}
    for name in kind.person_fields:
        value = item.values.get(name)
        if value is not None and value not in people:
            return f"names someone outside the pair ({name})"
    for name, table in kind.record_refs.items():
        value = item.values.get(name)
        if value is None:
            continue
        held = facts.found.get(value)
        if (held is not None and held[0] == table) or facts.pair_of(table, value) is not None:
            continue
        return f"points at a {table.replace('_', ' ')} that is not here yet"
    return ""


def _apply_one(session: Any, item: Incoming, who: Writer, facts: SessionFacts) -> str | None:
    """A problem, "" when the record was taken, None when there was nothing to change; a
    problem that starts with _NOTE was taken all the same."""
    kind = item.kind
    label = f"partner record {item.id} ({kind.name})"
    if kind.name == "person" and item.id != who.author:
        return f"{label} is not the partner's own profile; ignored"
    if kind.name == "pair":
        if item.id != who.pair_id:
            return f"{label} is another pair; ignored"
        return _apply_charter(session, item)
    if _after_closing(facts.closed, item):
        return f"{label} was changed after the mentorship closed; it waits for a reopening"
    refusal = check_all(item, who, facts)
    if refusal is not None:
        return refusal.line(item)
    values, note = judge_approval(item, who, facts)
    note = f"{_NOTE}partner {kind.name} {item.id}: {note}" if note else ""
    known = facts.found.get(item.id)
    model = kind.model
    if known is not None:
        _table, origin, revision = known
        adopt = kind.name == "person" and origin == ""  # the placeholder made at setup
        if item.revision <= revision and not adopt:
            return None  # what we have is as new or newer
        if not item.deleted:
            problem = _refs_ok(item, who, facts)
            if problem:
                return f"{label} {problem}; it waits for the next sync"
        row = session.get(model, item.id)
        for name, value in values.items():
            setattr(row, name, value)
        row.deleted = item.deleted
        row.origin = who.author
        row.revision = item.revision
        row.updated_at = item.updated_at or row.updated_at
        session.add(row)
        facts.found[item.id] = (kind.table.name, who.author, item.revision)
        return note
    if item.deleted:
        return None  # a tombstone for something never seen here: nothing to do
    missing = _required(kind) - values.keys()
    if missing:
        return f"{label} lacks {', '.join(sorted(missing))}; ignored"
    problem = _refs_ok(item, who, facts)
    if problem:
        return f"{label} {problem}; it waits for the next sync"
    stamps = {"id": item.id, "origin": who.author, "revision": item.revision, "deleted": False}
    stamps |= {"created_at": item.created_at, "updated_at": item.updated_at}
    if facts.bulk:
        facts.pending.add(kind.table, {**values, **stamps})
    else:
        row = model(**values)
        for name, value in stamps.items():
            setattr(row, name, value)
        session.add(row)
    facts.found[item.id] = (kind.table.name, who.author, item.revision)
    return note


def _closed_at(session: Any, pair_id: str) -> datetime | None:
    """When the pair closed (None: open). Read once per kind, not per record: a get per
    record flushed the session each time (most of a 10,000-record pull); only the charter,
    applied first, can change it."""
    from mentor_tui.models.enums import PairStatus
    from mentor_tui.models.tables import Pair

    pair = session.get(Pair, pair_id)
    if pair is None or pair.status != PairStatus.CLOSED:
        return None
    closed: datetime | None = pair.closed_at
    return closed


def _after_closing(closed: datetime | None, item: Incoming) -> bool:
    """A closed pair takes nothing new (issue 11) but the partner's final review: a record
    changed after the closing waits (it is not taken, so it comes again once reopened)."""
    if item.kind.name in ("person", "final_review") or closed is None:
        return False
    return item.updated_at is not None and item.updated_at > closed


def _apply_charter(session: Any, item: Incoming) -> str | None:
    """The charter is the one record both members write. The later change wins (by its
    updated_at, then by member id), applied with the partner's stamp: both sides then hold
    the same charter and the same stamp, so it does not bounce back and forth.

    Except the decision rights (who approves goals): each member's `goal_approver` is
    their own word; the rights in force change only when both words agree
    (services.pairs.hear_partner_approver)."""
    from mentor_tui.models.tables import Pair
    from mentor_tui.services.pairs import hear_partner_approver

    pair = session.get(Pair, item.id)
    if pair is None:
        return f"partner record {item.id} (pair): the pair is not here"
    if item.deleted:
        return None
    rights = hear_partner_approver(pair, item.values.get("goal_approver"))
    charter = {name: v for name, v in item.values.items() if name != "goal_approver"}
    same = all(getattr(pair, name) == value for name, value in charter.items())
    if same or item.updated_at <= pair.updated_at:
        if rights:
            session.add(pair)
        return "" if rights else None
    for name, value in charter.items():
        setattr(pair, name, value)
    pair.updated_at = item.updated_at
    pair.revision = max(pair.revision, item.revision)
    session.add(pair)
    return ""
