"""What to publish, and how the partner's records are taken in: the rules of sync that do
not depend on where the shared place is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mentor_tui.models.db import Store
from mentor_tui.sync.canonical import SyncError, canonical_bytes, sha256
from mentor_tui.sync.layout import Entry, Manifest
from mentor_tui.sync.records import (
    KIND_BY_TABLE,
    KIND_ORDER,
    IdMap,
    Incoming,
    Kind,
    local_rows,
    tombstone,
)
from mentor_tui.sync.summary import build_summary


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
) -> Publication:
    """Everything of mine that the partner may see, as canonical bytes. A record that was
    published before and may not be seen any more (deleted, or a journal entry no longer
    shared) becomes a tombstone that carries no content."""
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
        local = rows.get(rid)
        if local is not None:
            revision, kind = local.revision, local.kind.name
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


def _required(kind: Kind) -> set[str]:
    """Columns a new record must bring: not nullable and without a default in the model."""
    needed = set()
    for name in kind.fields:
        info = kind.model.model_fields.get(name)
        column = kind.table.columns[name]
        no_default = info is None or (
            info.default is PydanticUndefined and info.default_factory is None
        )
        if not column.nullable and no_default:
            needed.add(name)
    return needed


def _existing(session: Any, kind: Kind, record_ids: Iterable[str]) -> dict[str, tuple[str, int]]:
    t = kind.table
    found: dict[str, tuple[str, int]] = {}
    wanted = list(record_ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for rid, origin, revision in session.connection().execute(
            select(t.c.id, t.c.origin, t.c.revision).where(t.c.id.in_(chunk))
        ):
            found[rid] = (origin, revision)
    return found


def apply_partner(
    store: Store, pair_id: str, partner_id: str, ids: IdMap, incoming: list[tuple[Incoming, str]]
) -> PullResult:
    """Take the partner's records (each with the sha256 of its file) into the database, in
    one transaction. Their stamps are kept; the higher revision wins; a record of mine is
    never overwritten; a record that points at something missing here waits."""
    result = PullResult()
    incoming = sorted(incoming, key=lambda item: KIND_ORDER[item[0].kind.name])
    people = {ids.my_local_id, partner_id}
    batch_ids: dict[str, set[str]] = {}
    for item, _ in incoming:
        batch_ids.setdefault(item.kind.table.name, set()).add(item.id)
    try:
        with store.write(preserve_stamps=True) as session:
            existing = {
                table: _existing(session, KIND_BY_TABLE[table], record_ids)
                for table, record_ids in batch_ids.items()
            }
            previous_kind = None
            for item, digest in incoming:
                if item.kind is not previous_kind:
                    # No ORM relationships, so one flush would not order the inserts by
                    # foreign key: write each kind before the kinds that point at it.
                    session.flush()
                    previous_kind = item.kind
                problem = _apply_one(session, item, pair_id, partner_id, people, existing)
                if problem:
                    result.problems.append(problem)
                    continue
                result.applied += problem is not None  # None: nothing to change
                result.taken[item.id] = digest
            session.flush()
    except IntegrityError:
        raise SyncError(
            "the partner's records could not be stored here (a broken reference); nothing was taken"
        ) from None
    return result


def _refs_ok(
    session: Any,
    item: Incoming,
    pair_id: str,
    people: set[str],
    existing: dict[str, dict[str, tuple[str, int]]],
) -> str:
    kind = item.kind
    if "pair_id" in kind.fields and item.values.get("pair_id", pair_id) != pair_id:
        return "belongs to another pair"
    for name in kind.person_fields:
        value = item.values.get(name)
        if value is not None and value not in people:
            return f"names someone outside the pair ({name})"
    for name, table in kind.record_refs.items():
        value = item.values.get(name)
        if value is None:
            continue
        if value in existing.get(table, {}):
            continue
        target = KIND_BY_TABLE[table].table
        if session.connection().execute(select(target.c.id).where(target.c.id == value)).first():
            continue
        return f"points at a {table.replace('_', ' ')} that is not here yet"
    return ""


def _apply_one(
    session: Any,
    item: Incoming,
    pair_id: str,
    partner_id: str,
    people: set[str],
    existing: dict[str, dict[str, tuple[str, int]]],
) -> str | None:
    """A problem, "" when the record was taken, None when there was nothing to change."""
    kind = item.kind
    label = f"partner record {item.id} ({kind.name})"
    if kind.name == "person" and item.id != partner_id:
        return f"{label} is not the partner's own profile; ignored"
    if kind.name == "pair" and item.id != pair_id:
        return f"{label} is another pair; ignored"
    known = existing.get(kind.table.name, {}).get(item.id)
    model = kind.model
    if kind.name == "pair":
        return _apply_charter(session, item) if known else f"{label}: the pair is not here"
    if known is not None:
        origin, revision = known
        adopt = kind.name == "person" and origin == ""  # the placeholder made at setup
        if origin != partner_id and not adopt:
            return f"{label} claims a record that is not theirs; ignored"
        if item.revision <= revision and not adopt:
            return None  # what we have is as new or newer
        if not item.deleted:
            problem = _refs_ok(session, item, pair_id, people, existing)
            if problem:
                return f"{label} {problem}; it waits for the next sync"
        row = session.get(model, item.id)
        for name, value in item.values.items():
            setattr(row, name, value)
        row.deleted = item.deleted
        row.origin = partner_id
        row.revision = item.revision
        row.updated_at = item.updated_at or row.updated_at
        session.add(row)
        existing[kind.table.name][item.id] = (partner_id, item.revision)
        return ""
    if item.deleted:
        return None  # a tombstone for something never seen here: nothing to do
    missing = _required(kind) - item.values.keys()
    if missing:
        return f"{label} lacks {', '.join(sorted(missing))}; ignored"
    problem = _refs_ok(session, item, pair_id, people, existing)
    if problem:
        return f"{label} {problem}; it waits for the next sync"
    row = model(**item.values)
    row.id, row.origin, row.revision = item.id, partner_id, item.revision
    row.created_at, row.updated_at, row.deleted = item.created_at, item.updated_at, False
    session.add(row)
    existing.setdefault(kind.table.name, {})[item.id] = (partner_id, item.revision)
    return ""


def _apply_charter(session: Any, item: Incoming) -> str | None:
    """The charter is the one record both members write. The later change wins (by its
    updated_at, then by member id), applied with the partner's stamp: both sides then hold
    the same charter and the same stamp, so it does not bounce back and forth."""
    from mentor_tui.models.tables import Pair

    pair = session.get(Pair, item.id)
    if item.deleted:
        return None
    same = all(getattr(pair, name) == value for name, value in item.values.items())
    if same or item.updated_at <= pair.updated_at:
        return None
    for name, value in item.values.items():
        setattr(pair, name, value)
    pair.updated_at = item.updated_at
    pair.revision = max(pair.revision, item.revision)
    session.add(pair)
    return ""
