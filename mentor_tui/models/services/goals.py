"""Goals: listing with progress from their milestones."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, select

from mentor_tui.models.db import Store
from mentor_tui.models.enums import GoalStatus, MilestoneStatus
from mentor_tui.models.tables import Goal, Milestone

_NOT_DELETED = Goal.deleted == False  # noqa: E712


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    milestones_done: int
    milestones_total: int

    @property
    def progress(self) -> float:
        if self.goal.status == GoalStatus.ACHIEVED:
            return 1.0
        return self.milestones_done / self.milestones_total if self.milestones_total else 0.0


def milestone_counts(session: Session, goal_ids: list[str]) -> dict[str, tuple[int, int]]:
    """goal id -> (milestones done, milestones in all), ignoring deleted ones."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    if goal_ids:
        rows = session.exec(
            select(Milestone.goal_id, Milestone.status).where(
                Milestone.goal_id.in_(goal_ids), Milestone.deleted == False  # noqa: E712
            )
        ).all()
        for goal_id, status in rows:
            counts[goal_id][1] += 1
            counts[goal_id][0] += status == MilestoneStatus.DONE
    return {goal_id: (done, total) for goal_id, (done, total) in counts.items()}


def list_goals(store: Store, pair_id: str, *, include_dropped: bool = False) -> list[GoalView]:
    """The pair's goals in their agreed order, each with its milestone progress."""
    with store.read() as session:
        query = select(Goal).where(Goal.pair_id == pair_id, _NOT_DELETED)
        if not include_dropped:
            query = query.where(Goal.status != GoalStatus.DROPPED)
        goals = session.exec(query.order_by(Goal.position, Goal.created_at)).all()
        counts = milestone_counts(session, [goal.id for goal in goals])
    return [GoalView(goal, *counts.get(goal.id, (0, 0))) for goal in goals]
