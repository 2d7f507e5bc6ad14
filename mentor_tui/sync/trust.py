"""Who may say what: the checks a partner's record passes before any of it is taken.

A member's folder speaks only for that member. Each check is a small function that
returns "" when the record may be taken, or a short reason; `check_all` runs them in
order and names the first broken rule. Everything here works in local ids (records.IdMap
has translated them) and on what this side already holds (`Facts`): the database,
including the records of this pull already applied (kinds are applied in order, so a
record's targets are there before it).

Rules (the names appear in the refusal line):
- own-word: the person a record speaks for (author, assessor, changed_by, answerer, the
  owner closing an item, the member sharing a template) is the member whose folder holds it.
- own-role: an assessment's role is its writer's role in the pair.
- this-pair: the record, and every goal, milestone, session or action item it points at,
  belongs to this pair.
- not-yours: an id that exists here as a record of mine (origin "") is mine alone.
- not-theirs: an id that came from someone else's folder, or names another kind of record
  here, is not this writer's to claim.
- decision-rights: only the role the charter names (as both members last agreed) approves.
- owner-closes: only an action item's owner says it is done or dropped in their own folder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from mentor_tui.sync.records import Incoming

# kind -> the column naming the person the record speaks for
SPEAKER = {
    "goal_change": "changed_by_id",
    "assessment": "assessor_id",
    "feedback": "author_id",
    "check_in": "person_id",
    "session_note": "author_id",
    "journal_entry": "author_id",
    "action_item_status": "person_id",
    "final_review": "person_id",
    "shared_template": "shared_by",  # a template in X's folder is X's
}
APPROVED, ACHIEVED, PROPOSED = "approved", "achieved", "proposed"


@dataclass(frozen=True)
class Writer:
    """Whose folder a record comes from, and the pair as this side knows it (local ids)."""

    pair_id: str
    author: str  # the folder's member (the partner)
    me: str
    mentor: str
    mentee: str
    approver_role: str  # the decision rights in force: the role that approves goals

    def role_of(self, person: object) -> str | None:
        return {self.mentor: "mentor", self.mentee: "mentee"}.get(str(person))

    @property
    def approver(self) -> str:
        return self.mentor if self.approver_role == "mentor" else self.mentee


class Facts(Protocol):
    """What this side holds, for the checks to look at (engine.SessionFacts)."""

    def held(self, record_id: str) -> tuple[str, str] | None:
        """(table, origin) of the record with this id here, in any table; None if none."""

    def row(self, table: str, record_id: str) -> Mapping[str, Any] | None:
        """The stored columns of one record, or None when it is not here."""

    def my_approval(self, goal_id: str) -> bool:
        """True when I approved this goal in a status change of my own."""

    def pair_of(self, table: str, record_id: str) -> str | None:
        """The pair a record here belongs to (a goal change: its goal's), or None."""


@dataclass(frozen=True)
class Refusal:
    rule: str
    reason: str

    def line(self, item: Incoming) -> str:
        return f"partner {item.kind.name} {item.id} refused ({self.rule}): {self.reason}"


def own_word(item: Incoming, who: Writer, facts: Facts) -> str:
    name = SPEAKER.get(item.kind.name)
    if name is None or name not in item.values or item.values[name] == who.author:
        return ""
    return f"its {name.removesuffix('_id').replace('_', ' ')} is not its writer"


def own_role(item: Incoming, who: Writer, facts: Facts) -> str:
    if item.kind.name not in ("assessment", "final_review") or "role" not in item.values:
        return ""
    if item.values["role"] == who.role_of(who.author):
        return ""
    return f"it claims the role {str(item.values['role'])[:20]!r}, not its writer's"


def pair_of_row(facts: Facts, table: str, record_id: str) -> str | None:
    """Facts.pair_of from single rows (a goal change belongs to its goal's pair)."""
    row = facts.row(table, record_id)
    if row is None:
        return None
    if table == "goal_change":
        goal = facts.row("goal", row["goal_id"])
        return None if goal is None else goal["pair_id"]
    return row.get("pair_id")


def this_pair(item: Incoming, who: Writer, facts: Facts) -> str:
    kind = item.kind
    if kind.name in ("person", "pair"):
        return ""
    if "pair_id" in item.values and item.values["pair_id"] != who.pair_id:
        return "it belongs to another pair"
    if facts.held(item.id) is not None:
        stored = facts.pair_of(kind.table.name, item.id)
        if stored is not None and stored != who.pair_id:
            return "it would move a record of another pair into this one"
    for name, table in kind.record_refs.items():
        target = item.values.get(name)
        if target is None:
            continue
        pair = facts.pair_of(table, target)
        if pair is not None and pair != who.pair_id:
            return f"it points at a {table.replace('_', ' ')} of another pair"
    return ""


def not_yours(item: Incoming, who: Writer, facts: Facts) -> str:
    if item.kind.name == "pair":
        return ""
    held = facts.held(item.id)
    if held is None or held[1] != "":
        return ""
    if item.kind.name == "person" and item.id == who.author:
        return ""  # the placeholder profile made at setup: theirs to fill in
    return "it claims to be a record of yours, not theirs"


def not_theirs(item: Incoming, who: Writer, facts: Facts) -> str:
    if item.kind.name == "pair":
        return ""
    held = facts.held(item.id)
    if held is None:
        return ""
    table, origin = held
    if table != item.kind.table.name:
        return f"its id is a {table.replace('_', ' ')} here"
    if origin not in ("", who.author):
        return "it claims a record that came from someone else"
    return ""


def decision_rights(item: Incoming, who: Writer, facts: Facts) -> str:
    """An approval in a status change counts only from the approver; one taken before (a
    change of rights since) is not judged again."""
    values = item.values
    if item.kind.name != "goal_change" or item.deleted:
        return ""
    if values.get("field") != "status" or values.get("new_value") != APPROVED:
        return ""
    if who.author == who.approver or facts.held(item.id) is not None:
        return ""
    return f"it approves a goal, but the charter gives that right to the {who.approver_role}"


def owner_closes(item: Incoming, who: Writer, facts: Facts) -> str:
    if item.kind.name != "action_item_status" or item.deleted:
        return ""
    target = item.values.get("action_item_id")
    row = facts.row("action_item", target) if isinstance(target, str) else None
    if row is None:
        return ""  # not here yet: it waits (engine)
    if row.get("owner_id") != who.author:
        return "only an action item's owner says it is done or dropped"
    return ""


Check = Callable[[Incoming, Writer, Facts], str]
CHECKS: tuple[tuple[str, Check], ...] = (
    ("not-yours", not_yours),
    ("not-theirs", not_theirs),
    ("own-word", own_word),
    ("own-role", own_role),
    ("this-pair", this_pair),
    ("decision-rights", decision_rights),
    ("owner-closes", owner_closes),
)


def check_all(item: Incoming, who: Writer, facts: Facts) -> Refusal | None:
    """The first rule the record breaks, or None when it may be taken."""
    for rule, check in CHECKS:
        reason = check(item, who, facts)
        if reason:
            return Refusal(rule, reason)
    return None


def judge_approval(item: Incoming, who: Writer, facts: Facts) -> tuple[dict[str, Any], str]:
    """A goal is agreed only when the approver the charter names said so in their own
    folder: the partner's goal may carry an approval by the partner (when they approve) or
    by me (when I approved it in a status change of my own). Otherwise the goal is taken
    with its approval left out (approved -> proposed), and the reason is returned.
    The partner's own approval this side already holds unchanged stays."""
    values = item.values
    if item.kind.name != "goal" or item.deleted:
        return values, ""
    status, by, at = values.get("status"), values.get("approved_by_id"), values.get("approved_at")
    if status != APPROVED and by is None and at is None:
        return values, ""
    if by == who.approver and (by == who.author or (by == who.me and facts.my_approval(item.id))):
        return values, ""
    held = facts.row("goal", item.id)
    if (
        by == who.author  # approved under rights since changed by both: not judged again
        and held is not None
        and (held.get("approved_by_id"), held.get("approved_at")) == (by, at)
    ):
        return values, ""
    kept = {**values, "approved_by_id": None, "approved_at": None}
    if status == APPROVED:
        kept["status"] = PROPOSED
    return kept, "its approval is not the approver's own word; taken without it"
