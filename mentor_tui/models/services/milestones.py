"""Milestones across a pair's goals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import select

from mentor_tui.models.db import Store
from mentor_tui.models.enums import MilestoneStatus
from mentor_tui.models.tables import Goal, Milestone


@dataclass(frozen=True)
class MilestoneView:
    milestone: Milestone
    goal_title: str

    def is_overdue(self, today: date) -> bool:
        m = self.milestone
        return m.status != MilestoneStatus.DONE and m.due_on is not None and m.due_on < today


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
            .join(Goal, Goal.id == Milestone.goal_id)
            .where(Milestone.pair_id == pair_id, Milestone.deleted == False)  # noqa: E712
        )
        if status:
            query = query.where(Milestone.status == status)
        if goal_id:
            query = query.where(Milestone.goal_id == goal_id)
        if due_within_days is not None:
            horizon = store.clock.now().date() + timedelta(days=due_within_days)
            query = query.where(Milestone.due_on != None, Milestone.due_on <= horizon)  # noqa: E711
        rows = session.exec(query).all()
    views = [MilestoneView(milestone, title) for milestone, title in rows]
    return sorted(views, key=lambda v: (v.milestone.due_on or date.max, v.milestone.position))
