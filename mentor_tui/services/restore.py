"""Delete and restore every kind of record a user writes, and find one by id prefix for the
commands that do so.

Deleting is soft (the `deleted` flag), so restoring is the flag set back. Two kinds close
instead of being deleted and come back the same way: an action item that was dropped (or
done) is reopened, a goal that was dropped or achieved returns to the status it had before.
Only my own records (origin "") are deleted or restored here: the partner's are theirs.
A published record that was deleted goes out as a tombstone (sync/engine.py: a deleted
row is not publishable); restored, it is published again like any edit (a new revision),
so sync needs nothing of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

from sqlmodel import col, select

from mentor_tui.errors import InvalidInput, NotFound
from mentor_tui.models.db import Store, require_local, spoken_name
from mentor_tui.models.enums import ActionStatus, GoalStatus
from mentor_tui.models.record import Record
from mentor_tui.models.tables import (
    ActionItem,
    CheckIn,
    Feedback,
    Goal,
    GoalChange,
    JournalEntry,
    MentoringSession,
    Milestone,
)

Kind = Literal["journal", "session", "feedback", "action", "milestone", "checkin", "goal"]
KINDS: tuple[Kind, ...] = get_args(Kind)
RESTORABLE = KINDS
_MODELS: dict[Kind, type[Record]] = {
    "journal": JournalEntry,
    "session": MentoringSession,
    "feedback": Feedback,
    "action": ActionItem,
    "milestone": Milestone,
    "checkin": CheckIn,
    "goal": Goal,
}
_SAY = {"journal": "journal entry", "action": "action item", "checkin": "check-in"}
MIN_PREFIX = 4
# The statuses a goal is worked on in: what a reopened goal may go back to.
_ACTIVE_GOAL = (GoalStatus.DRAFT, GoalStatus.PROPOSED, GoalStatus.APPROVED)
_CLOSED_GOAL = (GoalStatus.DROPPED, GoalStatus.ACHIEVED)


def say(kind: Kind) -> str:
    """The kind as a person says it: "journal entry", "check-in", "session"."""
    return _SAY.get(kind, kind)


def check_kind(value: str) -> Kind:
    """A kind typed on the command line, or one line naming those there are."""
    wanted = value.strip().lower().replace("-", "")
    aliases = {"entry": "journal", "item": "action", "actionitem": "action"}
    wanted = aliases.get(wanted, wanted)
    for kind in KINDS:
        if kind == wanted:
            return kind
    raise InvalidInput(f"unknown kind {value!r}; choose one of: {', '.join(KINDS)}")


def find_record(store: Store, kind: Kind, ref: str, *, deleted: bool = False) -> Record:
    """The record of this kind whose id is `ref` or starts with it (at least 4 characters),
    among the live ones, or the deleted ones when `deleted` (for restore)."""
    model = _MODELS[kind]
    needle = ref.strip().lower()
    state = "deleted " if deleted else ""
    if len(needle) < MIN_PREFIX:
        raise InvalidInput(f"give at least {MIN_PREFIX} characters of the {say(kind)}'s id")
    with store.read() as session:
        rows = session.exec(
            select(model)
            .where(col(model.id).startswith(needle), col(model.deleted) == deleted)
            .limit(2)
        ).all()
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise NotFound(f"no {state}{say(kind)} matches {ref!r}")
    raise InvalidInput(f"{ref!r} matches several {state}{say(kind)}s; type more of the id")


def find_restorable(store: Store, kind: Kind, ref: str) -> Record:
    """For restore: a deleted record of the kind; for action items and goals also a live
    one (a dropped item, a dropped or achieved goal), since those come back by reopening."""
    try:
        return find_record(store, kind, ref, deleted=True)
    except NotFound:
        if kind not in ("action", "goal"):
            raise
        return find_record(store, kind, ref)


def _deleters() -> dict[Kind, Callable[[Store, str], object]]:
    # The services of each kind keep their own rules (who may delete what, in their words).
    from mentor_tui.services.actions import delete_action_item, delete_feedback
    from mentor_tui.services.checkins import delete_checkin
    from mentor_tui.services.journal import delete_journal_entry
    from mentor_tui.services.milestones import delete_milestone
    from mentor_tui.services.sessions import delete_session

    return {
        "journal": delete_journal_entry,
        "session": delete_session,
        "feedback": delete_feedback,
        "action": delete_action_item,
        "milestone": delete_milestone,
        "checkin": delete_checkin,
    }


def delete_record(store: Store, kind: Kind, record_id: str) -> None:
    """Delete (softly) a record of mine of any kind; a goal is dropped instead."""
    if kind == "goal":
        raise InvalidInput("a goal is not deleted: drop it (`mentor goal drop`), reopen it later")
    _deleters()[kind](store, record_id)


def restore_record(store: Store, kind: Kind, record_id: str) -> Record:
    """Bring back a deleted record of my own; reopen a dropped (or done) action item;
    put a dropped or achieved goal back to the status it had before."""
    if kind not in _MODELS:
        raise InvalidInput(f"a {kind} cannot be restored")
    model = _MODELS[kind]
    with store.write() as session:
        row = session.get(model, record_id)
        if row is None:
            raise NotFound(f"no {spoken_name(model)} with id {record_id}")
        if row.deleted or kind != "action":  # my action item's owner word is checked below
            require_local(session, row)  # the partner's: read-only here, in the Store's words
        if row.deleted:
            row.deleted = False
            session.add(row)
            return row
    if kind == "action" and isinstance(row, ActionItem):
        from mentor_tui.services.actions import reopen_action_item

        if row.status == ActionStatus.OPEN:
            raise InvalidInput("this action item is open; there is nothing to restore")
        return reopen_action_item(store, record_id)
    if kind == "goal":
        return restore_goal(store, record_id)
    raise InvalidInput(f"this {say(kind)} is not deleted; there is nothing to restore")


def restore_goal(store: Store, goal_id: str) -> Goal:
    """A dropped or achieved goal of mine back to the status it had before it closed. The
    status change that closed it is withdrawn (deleted: sync publishes its tombstone), so
    the history and both sides read as if it had not been closed; an approval the approver
    gave in their own record counts again."""
    with store.write() as session:
        goal = session.get(Goal, goal_id)
        if goal is None or goal.deleted:
            raise NotFound(f"no goal with id {goal_id}")
        require_local(session, goal)
        if goal.status not in _CLOSED_GOAL:
            raise InvalidInput(
                f"this goal is {goal.status}; only a dropped or achieved goal is reopened"
            )
        closing = session.exec(
            select(GoalChange)
            .where(
                GoalChange.goal_id == goal.id,
                GoalChange.field == "status",
                GoalChange.new_value == goal.status,
                GoalChange.origin == "",
                GoalChange.deleted == False,  # noqa: E712
            )
            .order_by(col(GoalChange.changed_at).desc(), col(GoalChange.created_at).desc())
        ).first()
        before = closing.old_value if closing is not None else ""
        if closing is not None:
            closing.deleted = True
            session.add(closing)
        if before not in _ACTIVE_GOAL:  # no history (an old file): approved if it was
            before = GoalStatus.APPROVED if goal.approved_at else GoalStatus.DRAFT
        if before == GoalStatus.APPROVED and goal.approved_by_id is None:
            before = GoalStatus.PROPOSED  # the approval lives in the approver's own record
        if goal.status == GoalStatus.ACHIEVED:
            goal.achieved_at = None
        goal.status = before
        session.add(goal)
    return goal
