"""The wins wall: finished milestones and achieved goals, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from mentor_tui.models.db import Store
from mentor_tui.models.enums import GoalStatus, MilestoneStatus
from mentor_tui.models.record import stamped
from mentor_tui.models.tables import Goal, Milestone


@dataclass(frozen=True)
class Win:
    kind: str  # "milestone" | "goal"
    title: str
    goal_title: str
    on: date
    evidence: str = ""


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
    wins = [
        Win("milestone", m.title, goal_title, m.done_on or stamped(m.updated_at).date(), m.evidence)
        for m, goal_title in milestones
    ] + [
        Win("goal", g.title, g.title, (g.achieved_at or stamped(g.updated_at)).date())
        for g in goals
    ]
    wins.sort(key=lambda w: (w.on, w.kind == "goal"), reverse=True)
    return wins[:limit] if limit else wins
