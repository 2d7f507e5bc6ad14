"""Goals: listing with progress, writing the SMART fields, and the decision-rights flow
draft -> proposed -> approved -> achieved (or dropped).

Every change of a SMART field (and of the title) is kept as a GoalChange row with the
goal's status at the time, so the editor can show what changed since approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from mentor_tui.errors import InvalidInput, MentorError, NotFound
from mentor_tui.models.db import Store, get_live, require_local
from mentor_tui.models.enums import GoalStatus, Role
from mentor_tui.models.tables import Goal, GoalChange, Milestone
from mentor_tui.services.dashboard_rules import (
    GOAL_STATUS_FIELD,
    agreed_status,
    count_milestones,
    goal_progress,
)
from mentor_tui.services.pairs import PairView, agreed_approver, get_pair
from mentor_tui.services.profile import require_me, viewer_today
from mentor_tui.services.smart import SmartCheck, check_goal
from mentor_tui.services.text import long_text, require_title

_NOT_DELETED = Goal.deleted == False  # noqa: E712

# The fields whose every change is kept, in the order the editor shows them.
TRACKED_FIELDS = ("title", "specific", "measurable", "achievable", "relevant", "due_on")
TEXT_FIELDS = ("specific", "measurable", "achievable", "relevant")
STATUS_FIELD = GOAL_STATUS_FIELD  # status changes are history rows too (and carry approvals)
# Which statuses a goal may move to from each status.
_MOVES = {
    "propose": (GoalStatus.DRAFT,),
    "approve": (GoalStatus.DRAFT, GoalStatus.PROPOSED),
    "achieve": (GoalStatus.APPROVED,),
    "drop": (GoalStatus.DRAFT, GoalStatus.PROPOSED, GoalStatus.APPROVED),
    "reopen": (GoalStatus.DROPPED, GoalStatus.PROPOSED, GoalStatus.APPROVED),
}


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    milestones_done: int
    milestones_total: int

    @property
    def progress(self) -> float:
        return goal_progress(self.goal.status, self.milestones_done, self.milestones_total)

    def smart(self, today: date) -> SmartCheck:
        """The SMART check; a closed goal is judged as of its due date (its date passing
        does not make an achieved goal less SMART)."""
        closed = self.goal.status in (GoalStatus.ACHIEVED, GoalStatus.DROPPED)
        if closed and self.goal.due_on is not None:
            today = min(today, self.goal.due_on)
        return check_goal(self.goal, today)


def milestone_counts(session: Session, goal_ids: list[str]) -> dict[str, tuple[int, int]]:
    """goal id -> (milestones done, milestones in all), ignoring deleted ones."""
    if not goal_ids:
        return {}
    rows = session.exec(
        select(Milestone.goal_id, Milestone.status).where(
            col(Milestone.goal_id).in_(goal_ids),
            Milestone.deleted == False,  # noqa: E712
        )
    ).all()
    return count_milestones(rows)


def status_changes(session: Session, goal_ids: list[str]) -> dict[str, GoalChange]:
    """goal id -> its latest status change (propose, approve, reopen ...), whoever wrote it."""
    latest: dict[str, GoalChange] = {}
    if goal_ids:
        rows = session.exec(
            select(GoalChange)
            .where(
                col(GoalChange.goal_id).in_(goal_ids),
                GoalChange.field == STATUS_FIELD,
                GoalChange.deleted == False,  # noqa: E712
            )
            .order_by(col(GoalChange.changed_at), col(GoalChange.created_at))
        ).all()
        latest = {row.goal_id: row for row in rows}
    return latest


def effective(goal: Goal, latest: GoalChange | None) -> Goal:
    """The goal as both sides see it. The approver's approval of the partner's goal is the
    approver's own record (a status change pointing at the goal, see DESIGN: one writer
    per folder), so a goal still marked draft or proposed by its author reads as approved
    when the latest status change says so. Returns a detached copy when it differs."""
    status = agreed_status(goal.status, latest.new_value if latest else None)
    if latest is None or status == goal.status:
        return goal
    return Goal(
        **{
            **goal.model_dump(),
            "status": status,
            "approved_at": latest.changed_at,
            "approved_by_id": latest.changed_by_id,
        }
    )


def _effective_all(session: Session, goals: list[Goal]) -> list[Goal]:
    latest = status_changes(session, [goal.id for goal in goals])
    return [effective(goal, latest.get(goal.id)) for goal in goals]


def list_goals(store: Store, pair_id: str, *, include_dropped: bool = False) -> list[GoalView]:
    """The pair's goals in their agreed order, each with its milestone progress."""
    with store.read() as session:
        query = select(Goal).where(Goal.pair_id == pair_id, _NOT_DELETED)
        if not include_dropped:
            query = query.where(Goal.status != GoalStatus.DROPPED)
        goals = _effective_all(
            session,
            list(session.exec(query.order_by(col(Goal.position), col(Goal.created_at))).all()),
        )
        counts = milestone_counts(session, [goal.id for goal in goals])
    return [GoalView(goal, *counts.get(goal.id, (0, 0))) for goal in goals]


def get_goal(store: Store, goal_id: str) -> GoalView:
    with store.read() as session:
        goal = get_live(session, Goal, goal_id)
        (goal,) = _effective_all(session, [goal])
        counts = milestone_counts(session, [goal.id])
    return GoalView(goal, *counts.get(goal.id, (0, 0)))


def find_goal(store: Store, pair_id: str, ref: str) -> GoalView:
    """A goal of the pair by id, id prefix (4+ characters) or a unique part of its title."""
    needle = ref.strip().lower()
    views = list_goals(store, pair_id, include_dropped=True)
    for matches in (
        [v for v in views if v.goal.id == needle],
        [v for v in views if len(needle) >= 4 and v.goal.id.startswith(needle)],
        [v for v in views if needle and needle in v.goal.title.lower()],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = ", ".join(f"{v.goal.title[:30]!r} ({v.goal.id[:8]})" for v in matches[:5])
            raise InvalidInput(f"{ref!r} matches several goals: {names}")
    raise NotFound(f"no goal matches {ref!r}; `mentor goal list` shows them")


def _load(session: Session, goal_id: str) -> Goal:
    goal = get_live(session, Goal, goal_id)
    return goal


def _field_text(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _clean(name: str, value: object) -> object:
    if name == "title":
        return require_title(str(value or ""), "goal's title")
    if name in TEXT_FIELDS:
        return long_text(str(value or ""), name)
    if name == "due_on":
        if value is not None and not isinstance(value, date):
            raise InvalidInput(f"the due date must be a date, not {value!r}")
        return value
    raise TypeError(f"not a goal field: {name}")


def _record_changes(
    session: Session,
    store: Store,
    goal: Goal,
    changes: dict[str, object],
    me_id: str | None,
    status: str,
) -> int:
    """Apply changes to the goal; one GoalChange row per field whose value differs."""
    changed = 0
    now = store.clock.now()
    for name in TRACKED_FIELDS:
        if name not in changes:
            continue
        old, new = getattr(goal, name), changes[name]
        if _field_text(old) == _field_text(new):
            continue
        session.add(
            GoalChange(
                goal_id=goal.id,
                changed_at=now,
                changed_by_id=me_id,
                field=name,
                old_value=_field_text(old),
                new_value=_field_text(new),
                goal_status=status,
            )
        )
        setattr(goal, name, new)
        changed += 1
    return changed


def create_goal(
    store: Store,
    pair_id: str,
    *,
    title: str,
    specific: str = "",
    measurable: str = "",
    achievable: str = "",
    relevant: str = "",
    due_on: date | None = None,
) -> Goal:
    """A new draft goal at the end of the pair's list; its first history rows say how it began."""
    me = require_me(store)
    get_pair(store, pair_id)
    values: dict[str, Any] = {  # each one checked by _clean
        name: _clean(name, value)
        for name, value in (
            ("title", title),
            ("specific", specific),
            ("measurable", measurable),
            ("achievable", achievable),
            ("relevant", relevant),
            ("due_on", due_on),
        )
    }
    with store.write() as session:
        last = session.exec(
            select(Goal.position).where(Goal.pair_id == pair_id).order_by(col(Goal.position).desc())
        ).first()
        goal = Goal(
            pair_id=pair_id,
            status=GoalStatus.DRAFT,
            position=(last + 1) if last is not None else 0,
            **values,
        )
        session.add(goal)
        session.flush()  # no ORM relationships: the goal must exist before its history
        now = store.clock.now()
        for name in TRACKED_FIELDS:
            if _field_text(values[name]):
                session.add(
                    GoalChange(
                        goal_id=goal.id,
                        changed_at=now,
                        changed_by_id=me.id,
                        field=name,
                        old_value="",
                        new_value=_field_text(values[name]),
                        goal_status=GoalStatus.DRAFT,
                    )
                )
    return goal


def update_goal(store: Store, goal_id: str, **changes: object) -> Goal:
    """Change any of title and the five SMART fields; unchanged values leave no history."""
    me = require_me(store)
    cleaned = {name: _clean(name, value) for name, value in changes.items()}
    with store.write() as session:
        goal = _load(session, goal_id)
        require_local(session, goal)
        if goal.status in (GoalStatus.ACHIEVED, GoalStatus.DROPPED):
            raise MentorError(f"this goal is {goal.status}; reopen it before changing it")
        status = _effective_all(session, [goal])[0].status
        if _record_changes(session, store, goal, cleaned, me.id, status):
            session.add(goal)
    return goal


def _approver_text(pair: PairView) -> str:
    role = Role.MENTEE if agreed_approver(pair.pair) == Role.MENTEE else Role.MENTOR
    person = pair.mentor if role == Role.MENTOR else pair.mentee
    return f"the {role.value} ({person.display_name})"


def can_approve(pair: PairView) -> bool:
    """Decision rights: only the role the charter names (as both agreed) approves goals."""
    return pair.my_role is not None and pair.my_role.value == agreed_approver(pair.pair)


def _move(store: Store, goal_id: str, move: str, *, check: bool = False) -> Goal:
    me = require_me(store)
    with store.write() as session:
        row = _load(session, goal_id)
        # The approver may approve the partner's (synced) goal: the approval is then a
        # record of their own. Every other move changes the goal, which only its author may.
        if move != "approve" or not row.origin:
            require_local(session, row)
        goal = _effective_all(session, [row])[0]
        pair = get_pair(store, goal.pair_id)
        if goal.status not in _MOVES[move]:
            allowed = " or ".join(_MOVES[move])
            raise MentorError(f"cannot {move} a goal that is {goal.status} (only {allowed})")
        if move == "approve" and not can_approve(pair):
            raise MentorError(
                f"only {_approver_text(pair)} can approve goals in this pair (charter: "
                "decision rights)"
            )
        if check:
            smart = check_goal(goal, viewer_today(store))
            if not smart.passed:
                raise MentorError(f"cannot {move} yet: {smart.summary()}")
        now = store.clock.now()
        new_status = {
            "propose": GoalStatus.PROPOSED,
            "approve": GoalStatus.APPROVED,
            "achieve": GoalStatus.ACHIEVED,
            "drop": GoalStatus.DROPPED,
            "reopen": GoalStatus.DRAFT,
        }[move]
        change = GoalChange(
            goal_id=goal.id,
            changed_at=now,
            changed_by_id=me.id,
            field=STATUS_FIELD,
            old_value=goal.status,
            new_value=new_status,
            goal_status=goal.status,
        )
        session.add(change)
        if row.origin:  # approving the partner's goal: my record is the approval
            return effective(row, change)
        row.status = new_status
        if move == "propose":
            row.proposed_at = now
        elif move == "approve":
            row.approved_at, row.approved_by_id = now, me.id
        elif move == "achieve":
            row.achieved_at = now
            row.approved_at, row.approved_by_id = goal.approved_at, goal.approved_by_id
        elif move == "reopen":
            row.approved_at, row.approved_by_id = None, None
        session.add(row)
    return row


def propose_goal(store: Store, goal_id: str) -> Goal:
    """The drafter asks for approval; the goal must pass the SMART check first."""
    return _move(store, goal_id, "propose", check=True)


def approve_goal(store: Store, goal_id: str) -> Goal:
    """Only the approving role (the charter's decision rights) approves, and only a SMART goal."""
    return _move(store, goal_id, "approve", check=True)


def mark_goal_achieved(store: Store, goal_id: str) -> Goal:
    return _move(store, goal_id, "achieve")


def drop_goal(store: Store, goal_id: str) -> Goal:
    return _move(store, goal_id, "drop")


def reopen_goal(store: Store, goal_id: str) -> Goal:
    """Back to draft (a dropped goal, or an approved one to rework): approval starts over."""
    return _move(store, goal_id, "reopen")


def approval_hint(pair: PairView, goal: Goal) -> str:
    """What the viewer can do next with this goal, in one line (the editor's status line)."""
    approver = _approver_text(pair)
    if goal.status == GoalStatus.DRAFT:
        if can_approve(pair):
            return "draft: you approve goals in this pair; approve it once it is SMART"
        return f"draft: propose it once it is SMART; {approver} approves"
    if goal.status == GoalStatus.PROPOSED:
        if can_approve(pair):
            return "proposed: waiting for your approval"
        return f"proposed: waiting for {approver} to approve"
    hints: dict[str, str] = {
        GoalStatus.APPROVED: "approved: work on its milestones; mark it achieved when done",
        GoalStatus.ACHIEVED: "achieved: well done",
        GoalStatus.DROPPED: "dropped: reopen it to work on it again",
    }
    return hints.get(goal.status, str(goal.status))
