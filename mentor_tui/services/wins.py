"""The wins wall: finished milestones and achieved goals, newest first (the rule itself is
services/dashboard_rules.wins_of, which the app's quick start shares)."""

from __future__ import annotations

from sqlmodel import col, select

from mentor_tui.models.db import Store
from mentor_tui.models.enums import GoalStatus, MilestoneStatus
from mentor_tui.models.record import stamped
from mentor_tui.models.tables import Goal, Milestone
from mentor_tui.services.dashboard_rules import Win, wins_of

__all__ = ["Win", "list_wins"]


def list_wins(store: Store, pair_id: str, *, limit: int | None = None) -> list[Win]:
    with store.read() as session:
        milestones = session.exec(
            select(Milestone, Goal.title)
            .join(Goal, col(Goal.id) == Milestone.goal_id)
            .where(
                Milestone.pair_id == pair_id,
                Milestone.status == MilestoneStatus.DONE,
                Milestone.deleted == False,  # noqa: E712
            )
        ).all()
        goals = session.exec(
            select(Goal).where(
                Goal.pair_id == pair_id,
                Goal.status == GoalStatus.ACHIEVED,
                Goal.deleted == False,  # noqa: E712
            )
        ).all()
    return wins_of(
        ((m.title, title, m.done_on, stamped(m.updated_at), m.evidence) for m, title in milestones),
        ((g.title, g.achieved_at, stamped(g.updated_at)) for g in goals),
        limit,
    )
