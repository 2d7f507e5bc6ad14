"""Milestones across a pair's goals: the tracker, the timeline by week, and the edits
(add, update, reorder, soft delete, done with evidence)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from mentor_tui.errors import InvalidInput, MentorError, NotFound
from mentor_tui.models.db import Store, get_live, require_local
from mentor_tui.models.enums import GoalStatus, MilestoneStatus
from mentor_tui.models.tables import Goal, Milestone
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.text import long_text, require_title

AT_RISK_DAYS = 7


@dataclass(frozen=True)
class MilestoneView:
    milestone: Milestone
    goal_title: str

    def is_overdue(self, today: date) -> bool:
        m = self.milestone
        return m.status != MilestoneStatus.DONE and m.due_on is not None and m.due_on < today

    def is_at_risk(self, today: date) -> bool:
        """Blocked, or due within a week and not yet started (overdue ones are overdue)."""
        m = self.milestone
        if m.status == MilestoneStatus.BLOCKED:
            return True
        return (
            m.status == MilestoneStatus.PLANNED
            and m.due_on is not None
            and today <= m.due_on <= today + timedelta(days=AT_RISK_DAYS)
        )

    def flag(self, today: date) -> str:
        """ "overdue", "at risk" or "" - the one word a list shows."""
        if self.is_overdue(today):
            return "overdue"
        return "at risk" if self.is_at_risk(today) else ""


def check_status(value: str) -> str:
    cleaned = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return MilestoneStatus(cleaned).value
    except ValueError:
        names = ", ".join(s.label for s in MilestoneStatus)
        raise InvalidInput(f"unknown milestone status {value!r}; choose one of: {names}") from None


def list_milestones(
    store: Store,
    pair_id: str,
    *,
    status: str | None = None,
    goal_id: str | None = None,
    due_within_days: int | None = None,
) -> list[MilestoneView]:
    """Milestones ordered by due date (undated last), optionally filtered."""
    with store.read() as session:
        query = (
            select(Milestone, Goal.title)
            .join(Goal, col(Goal.id) == Milestone.goal_id)
            .where(
                Milestone.pair_id == pair_id,
                Milestone.deleted == False,  # noqa: E712
                Goal.deleted == False,  # noqa: E712
            )
        )
        if status:
            query = query.where(Milestone.status == check_status(status))
        if goal_id:
            query = query.where(Milestone.goal_id == goal_id)
        if due_within_days is not None:
            horizon = viewer_today(store) + timedelta(days=due_within_days)
            query = query.where(Milestone.due_on != None, col(Milestone.due_on) <= horizon)  # noqa: E711
        rows = session.exec(query).all()
    views = [MilestoneView(milestone, title) for milestone, title in rows]
    return sorted(views, key=lambda v: (v.milestone.due_on or date.max, v.milestone.position))


def goal_milestones(store: Store, goal_id: str) -> list[MilestoneView]:
    """One goal's milestones in their agreed order (what reorder moves)."""
    with store.read() as session:
        goal = get_live(session, Goal, goal_id)
        rows = _siblings(session, goal_id)
    return [MilestoneView(m, goal.title) for m in rows]


@dataclass(frozen=True)
class Week:
    """One ISO week of the timeline; `start` is its Monday (None: the undated ones)."""

    start: date | None
    milestones: tuple[MilestoneView, ...]

    @property
    def label(self) -> str:
        if self.start is None:
            return "no due date"
        year, week, _ = self.start.isocalendar()
        end = self.start + timedelta(days=6)
        return f"{year}-W{week:02d}  {self.start:%d %b} – {end:%d %b}"


def group_by_week(views: list[MilestoneView]) -> list[Week]:
    """Milestones grouped by the ISO week they are due in, earliest first, undated last.
    Weeks with nothing due are left out."""
    groups: dict[date | None, list[MilestoneView]] = {}
    for view in views:
        due = view.milestone.due_on
        start = due - timedelta(days=due.weekday()) if due else None
        groups.setdefault(start, []).append(view)
    order = sorted(groups, key=lambda start: start or date.max)
    return [Week(start, tuple(groups[start])) for start in order]


def timeline(
    store: Store,
    pair_id: str,
    *,
    status: str | None = None,
    goal_id: str | None = None,
    due_within_days: int | None = None,
) -> list[Week]:
    """The timeline the screen and `mentor milestone list --by-week` share."""
    return group_by_week(
        list_milestones(
            store, pair_id, status=status, goal_id=goal_id, due_within_days=due_within_days
        )
    )


def _siblings(session: Session, goal_id: str) -> list[Milestone]:
    return list(
        session.exec(
            select(Milestone)
            .where(Milestone.goal_id == goal_id, Milestone.deleted == False)  # noqa: E712
            .order_by(col(Milestone.position), col(Milestone.created_at))
        ).all()
    )


def _load(session: Session, milestone_id: str) -> Milestone:
    milestone = get_live(session, Milestone, milestone_id)
    require_local(session, milestone)
    return milestone


def find_milestone(store: Store, pair_id: str, ref: str) -> MilestoneView:
    """A milestone by id, id prefix (4+ characters) or a unique part of its title."""
    needle = ref.strip().lower()
    views = list_milestones(store, pair_id)
    for matches in (
        [v for v in views if v.milestone.id == needle],
        [v for v in views if len(needle) >= 4 and v.milestone.id.startswith(needle)],
        [v for v in views if needle and needle in v.milestone.title.lower()],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = ", ".join(
                f"{v.milestone.title[:30]!r} ({v.milestone.id[:8]})" for v in matches[:5]
            )
            raise InvalidInput(f"{ref!r} matches several milestones: {names}")
    raise NotFound(f"no milestone matches {ref!r}; `mentor milestone list` shows them")


def _apply(milestone: Milestone, changes: dict[str, object], today: date) -> None:
    for name, value in changes.items():
        if name == "title":
            milestone.title = require_title(str(value or ""), "milestone's title")
        elif name == "evidence":
            milestone.evidence = long_text(str(value or ""), "evidence")
        elif name == "due_on":
            if value is not None and not isinstance(value, date):
                raise InvalidInput(f"the due date must be a date, not {value!r}")
            milestone.due_on = value
        elif name == "status":
            status = check_status(str(value))
            if status == MilestoneStatus.DONE and milestone.status != MilestoneStatus.DONE:
                milestone.done_on = today
            elif status != MilestoneStatus.DONE:
                milestone.done_on = None
            milestone.status = status
        else:
            raise TypeError(f"not a milestone field: {name}")


def add_milestone(
    store: Store,
    goal_id: str,
    *,
    title: str,
    due_on: date | None = None,
    status: str = MilestoneStatus.PLANNED,
    evidence: str = "",
) -> Milestone:
    """A milestone at the end of its goal's list."""
    today = viewer_today(store)
    with store.write() as session:
        goal = get_live(session, Goal, goal_id)
        if goal.status in (GoalStatus.ACHIEVED, GoalStatus.DROPPED):
            raise MentorError(f"this goal is {goal.status}; reopen it to add milestones")
        siblings = _siblings(session, goal_id)
        milestone = Milestone(
            pair_id=goal.pair_id,
            goal_id=goal_id,
            title="",
            position=max((m.position for m in siblings), default=-1) + 1,
        )
        _apply(
            milestone,
            {"title": title, "due_on": due_on, "status": status, "evidence": evidence},
            today,
        )
        session.add(milestone)
    return milestone


def update_milestone(store: Store, milestone_id: str, **changes: object) -> Milestone:
    """Change title, due_on, status or evidence; done sets done_on (the viewer's today)."""
    today = viewer_today(store)
    with store.write() as session:
        milestone = _load(session, milestone_id)
        _apply(milestone, changes, today)
        session.add(milestone)
    return milestone


def mark_milestone_done(
    store: Store, milestone_id: str, evidence: str | None = None, *, add_evidence: bool = False
) -> Milestone:
    """Done today (in the viewer's zone), with evidence: a URL, a commit, a path or free text.
    Evidence given replaces what was there (the app's form shows it for editing); with
    `add_evidence` (the shell, where the earlier evidence is not on screen) it goes on a
    line below what was there, never over it. None keeps it."""
    changes: dict[str, object] = {"status": MilestoneStatus.DONE}
    if evidence is not None:
        if add_evidence:
            with store.read() as session:
                earlier = _load(session, milestone_id).evidence.strip()
            if earlier and evidence.strip() and evidence.strip() not in earlier:
                evidence = f"{earlier}\n{evidence.strip()}"
            elif earlier:
                evidence = earlier
        changes["evidence"] = evidence
    return update_milestone(store, milestone_id, **changes)


def move_milestone(store: Store, milestone_id: str, offset: int) -> list[Milestone]:
    """Move a milestone up (offset < 0) or down within its goal; returns the new order."""
    with store.write() as session:
        milestone = _load(session, milestone_id)
        siblings = _siblings(session, milestone.goal_id)
        for sibling in siblings:
            require_local(session, sibling)
        index = next(i for i, m in enumerate(siblings) if m.id == milestone.id)
        target = max(0, min(len(siblings) - 1, index + offset))
        siblings.insert(target, siblings.pop(index))
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                sibling.position = position
                session.add(sibling)
    return siblings


def delete_milestone(store: Store, milestone_id: str) -> Milestone:
    """A soft delete: the record stays (sync needs the tombstone) but is shown nowhere."""
    with store.write() as session:
        milestone = _load(session, milestone_id)
        milestone.deleted = True
        session.add(milestone)
    return milestone
