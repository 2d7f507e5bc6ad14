"""Which records cross, and how a row becomes a published record and back.

A published record is canonical JSON:
    {"kind": "goal", "id": UUID, "revision": n, "created_at": UTC, "updated_at": UTC,
     "deleted": false, "data": {the published columns}}
A tombstone is {"kind", "id", "revision", "deleted": true}: no data, no time at all.

Person references inside data are member ids (the ids pair.json names), translated from
and to the local ids at this boundary (see IdMap): the joiner's own profile keeps its local
id, and publishes under the member id the inviter gave it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Date, Table, select
from sqlmodel import Session, col

from mentor_tui.models.columns import as_stored, json_reader
from mentor_tui.models.record import Record
from mentor_tui.models.tables import (
    ActionItem,
    ActionItemStatus,
    Assessment,
    CheckIn,
    Feedback,
    FinalReview,
    Goal,
    GoalChange,
    JournalEntry,
    MentoringSession,
    Milestone,
    Pair,
    Person,
    SessionNote,
    SharedTemplate,
)
from mentor_tui.models.types import UTCDateTime
from mentor_tui.services import bounds
from mentor_tui.sync.canonical import instant, is_uuid, to_json_value

STAMPS = ("id", "created_at", "updated_at", "revision", "deleted", "origin")


@dataclass(frozen=True)
class Kind:
    """One kind of published record: a table and the columns that leave the machine.

    `fields` is an allow-list: a column added to a table later stays on the machine until
    someone puts it in `fields` (or in `never`); tests/sync/test_merge.py fails until then.
    """

    name: str
    model: type[Record]
    fields: tuple[str, ...]
    never: tuple[str, ...] = ()  # columns that stay on the machine, whatever happens
    person_fields: tuple[str, ...] = field(init=False)
    record_refs: dict[str, str] = field(init=False)  # column -> referenced table name

    @property
    def unclassified(self) -> set[str]:
        """Columns neither published nor listed as never: a decision someone owes."""
        return {c.name for c in self.table.columns} - set(STAMPS + self.fields + self.never)

    def __post_init__(self) -> None:
        columns = [self.table.columns[name] for name in self.fields]
        people, refs = [], {}
        for column in columns:
            for fk in column.foreign_keys:
                target = fk.column.table.name
                if target == "person":
                    people.append(column.name)
                elif target != "pair":
                    refs[column.name] = target
        object.__setattr__(self, "person_fields", tuple(people))
        object.__setattr__(self, "record_refs", refs)

    @property
    def table(self) -> Table:
        # SQLModel's stubs do not declare the __table__ that every table=True class has.
        return self.model.__table__  # type: ignore[attr-defined]


# In the order they are applied: a record comes after the records it points at.
KINDS: tuple[Kind, ...] = (
    Kind("person", Person, ("display_name", "timezone"), never=("email", "is_me")),
    Kind(
        "pair",
        Pair,
        (
            "purpose",
            "success_looks_like",
            "progress_measure",
            "cadence",
            "communication_norms",
            "goal_approver",
            "backup_channel",
            "starts_on",
            "planned_end_on",
            "status",
            "closed_at",
        ),
        # pair.json names the members; the rights in force and the partner's word are this
        # side's view of an agreement, not anyone's word (services.pairs.agreed_approver)
        # previous_pair_id links to a mentorship the partner may never have been part of
        never=(
            "mentor_id",
            "mentee_id",
            "goal_approver_agreed",
            "partner_goal_approver",
            "previous_pair_id",
        ),
    ),
    Kind(
        "goal",
        Goal,
        (
            "pair_id",
            "title",
            "specific",
            "measurable",
            "achievable",
            "relevant",
            "due_on",
            "status",
            "position",
            "proposed_at",
            "approved_at",
            "approved_by_id",
            "achieved_at",
        ),
    ),
    Kind(
        "goal_change",
        GoalChange,
        (
            "goal_id",
            "changed_at",
            "changed_by_id",
            "field",
            "old_value",
            "new_value",
            "goal_status",
        ),
    ),
    Kind(
        "milestone",
        Milestone,
        ("pair_id", "goal_id", "title", "due_on", "status", "evidence", "done_on", "position"),
    ),
    Kind(
        "assessment",
        Assessment,
        ("pair_id", "milestone_id", "assessor_id", "role", "score", "comment", "assessed_at"),
    ),
    Kind(
        "session",
        MentoringSession,
        (
            "pair_id",
            "kind",
            "status",
            "starts_at",
            "timezone",
            "duration_minutes",
            "agenda",
            "shared_notes",
            "takeaways",
            "accomplishments",
            "roadblocks",
        ),
        never=("private_notes",),
    ),
    Kind(
        "action_item",
        ActionItem,
        ("pair_id", "session_id", "title", "owner_id", "due_on", "status", "closed_at"),
    ),
    # The owner's word on an item the partner raised: after the item it points at.
    Kind(
        "action_item_status",
        ActionItemStatus,
        ("pair_id", "action_item_id", "person_id", "status", "closed_at"),
    ),
    Kind(
        "feedback",
        Feedback,
        ("pair_id", "session_id", "author_id", "observation", "impact", "next_step"),
    ),
    Kind(
        "check_in",
        CheckIn,
        (
            "pair_id",
            "session_id",
            "person_id",
            "lesson",
            "next_goal",
            "last_goal_rating",
            "answered_at",
        ),
    ),
    # A member's own shared notes on a session (either member's): after the session it
    # points at. The session's private_notes stay out (never, above); this has none.
    Kind("session_note", SessionNote, ("pair_id", "session_id", "author_id", "notes", "takeaways")),
    Kind(
        "journal_entry",
        JournalEntry,
        (
            "pair_id",
            "author_id",
            "written_at",
            "title",
            "body",
            "tags",
            "goal_id",
            "shared",
            "prompt",
        ),
    ),
    # A member's final review of the closed mentorship: the partner's arrives by sync.
    Kind(
        "final_review",
        FinalReview,
        (
            "pair_id",
            "person_id",
            "role",
            "achieved",
            "keep_doing",
            "change",
            "next_steps",
            "again",
            "answered_at",
        ),
    ),
    # A template a member shares with the partner (its text bounded: services/bounds.py).
    Kind("shared_template", SharedTemplate, ("pair_id", "kind", "name", "body", "shared_by")),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}
KIND_BY_TABLE = {kind.table.name: kind for kind in KINDS}
KIND_ORDER = {kind.name: position for position, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class IdMap:
    """Local person id <-> member id, for the one member whose ids differ: me, on the
    joiner's side. On the inviter's side both maps are the identity."""

    my_local_id: str
    my_member_id: str

    def out(self, value: str | None) -> str | None:
        return self.my_member_id if value == self.my_local_id else value

    def into(self, value: str | None) -> str | None:
        return self.my_local_id if value == self.my_member_id else value


def _published_rows(session: Session, kind: Kind, pair_id: str, me_local: str) -> Iterator[Any]:
    t = kind.table
    query = select(*[as_stored(c) for c in t.columns]).where(t.c.origin == "")
    if kind.name == "person":
        query = query.where(t.c.id == me_local)
    elif kind.name == "pair":
        query = query.where(t.c.id == pair_id)
    elif kind.name == "goal_change":
        goals = select(col(Goal.id)).where(col(Goal.pair_id) == pair_id)
        query = query.where(t.c.goal_id.in_(goals))
    else:
        query = query.where(t.c.pair_id == pair_id)
    yield from session.connection().execute(query).mappings()


def is_publishable(kind: Kind, row: Any) -> bool:
    """False for what must be (or has become) invisible to the partner: deleted rows and
    journal entries that are not shared."""
    if row["deleted"]:
        return False
    return not (kind.name == "journal_entry" and not row["shared"])


def to_published(kind: Kind, row: Any, ids: IdMap) -> dict[str, Any]:
    data = {}
    for name in kind.fields:
        value = row[name]
        if name in kind.person_fields:
            value = ids.out(value)
        data[name] = to_json_value(value)
    return {
        "kind": kind.name,
        "id": ids.out(row["id"]) if kind.name == "person" else row["id"],
        "revision": row["revision"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "deleted": False,
        "data": data,
    }


def tombstone(kind_name: str, record_id: str, revision: int) -> dict[str, Any]:
    return {"kind": kind_name, "id": record_id, "revision": revision, "deleted": True}


@dataclass
class LocalRow:
    kind: Kind
    id: str  # as published (member id for my person)
    revision: int
    updated_at: str
    record: dict[str, Any] | None  # None: exists here but must not be published


def local_rows(session: Session, pair_id: str, ids: IdMap) -> dict[str, LocalRow]:
    """Every row of mine that belongs to the pair, publishable or not (by published id)."""
    rows: dict[str, LocalRow] = {}
    for kind in KINDS:
        for row in _published_rows(session, kind, pair_id, ids.my_local_id):
            record = to_published(kind, row, ids) if is_publishable(kind, row) else None
            published_id = ids.out(row["id"]) if kind.name == "person" else row["id"]
            assert published_id is not None
            rows[published_id] = LocalRow(
                kind, published_id, row["revision"], row["updated_at"], record
            )
    return rows


class BadRecord(ValueError):
    """A partner's record that cannot be taken; the message says why (no content)."""


def _convert(kind: Kind, name: str, value: Any) -> Any:
    column = kind.table.columns[name]
    if value is None:
        if not column.nullable:
            raise BadRecord(f"{kind.name}.{name} is empty")
        return None
    read, _looks_like = json_reader(column)
    try:
        value = read(value)
    except (TypeError, ValueError, OverflowError):  # Overflow: year 1 less an offset
        timely = isinstance(column.type, (UTCDateTime, Date))
        raise BadRecord(
            f"{kind.name}.{name} {'is not a valid time' if timely else 'has the wrong type'}"
        ) from None
    if (name == "id" or name.endswith("_id")) and not is_uuid(value):
        raise BadRecord(f"{kind.name}.{name} has the wrong type")
    reason = bounds.problem(kind.table.name, name, value)
    if reason:
        raise BadRecord(f"{kind.name}.{name} {reason}")
    return value


@dataclass(frozen=True)
class Incoming:
    kind: Kind
    id: str
    revision: int
    deleted: bool
    created_at: Any
    updated_at: Any
    values: dict[str, Any]  # column values, already in local ids


def parse_record(record: Any, expected_id: str, ids: IdMap) -> Incoming:
    """A partner's record, checked field by field; raises BadRecord."""
    if not isinstance(record, dict):
        raise BadRecord("not a record")
    kind = KIND_BY_NAME.get(record.get("kind", ""))
    if kind is None:
        raise BadRecord("unknown kind")
    if record.get("id") != expected_id or not is_uuid(expected_id):
        raise BadRecord("its id does not match its file name")
    revision = record.get("revision")
    if not isinstance(revision, int) or isinstance(revision, bool) or not 0 < revision < 2**62:
        raise BadRecord("bad revision")
    deleted = record.get("deleted")
    if not isinstance(deleted, bool):
        raise BadRecord("bad deleted flag")
    try:
        updated_at = None if deleted else instant(record.get("updated_at"))
        created_at = None if deleted else instant(record.get("created_at"))
    except (ValueError, OverflowError):
        raise BadRecord("bad time stamps") from None
    if any(bounds.problem(kind.table.name, "stamp", t) for t in (updated_at, created_at)):
        raise BadRecord("time stamps out of range")
    values: dict[str, Any] = {}
    if not deleted:
        data = record.get("data")
        if not isinstance(data, dict):
            raise BadRecord("no data")
        for name in kind.fields:
            if name in data:
                value = _convert(kind, name, data[name])
                values[name] = ids.into(value) if name in kind.person_fields else value
    local_id = ids.into(expected_id) if kind.name == "person" else expected_id
    assert local_id is not None
    return Incoming(kind, local_id, revision, deleted, created_at, updated_at, values)
