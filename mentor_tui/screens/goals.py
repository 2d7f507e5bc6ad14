"""Goals of the chosen pair: status, due date, progress from milestones."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult

from mentor_tui.models.services.goals import GoalView, list_goals
from mentor_tui.screens.base import AreaScreen
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import due, one_line, progress_bar, status


class GoalsScreen(AreaScreen[list[GoalView]]):
    def compose_body(self) -> ComposeResult:
        yield RecordTable(["Goal", "Status", "Progress", "Due"], id="goals-table",
                          empty="No goals yet.")

    def load(self, pair_id: str | None) -> list[GoalView]:
        assert pair_id is not None
        return list_goals(self.store, pair_id, include_dropped=True)

    def show(self, data: list[GoalView]) -> None:
        today = self.store.clock.now().date()
        rows = []
        for view in data:
            bar = progress_bar(view.progress)
            bar.append(f" {view.milestones_done}/{view.milestones_total}", style="dim")
            goal = view.goal
            rows.append((goal.id, [Text(one_line(goal.title, 70)), status(goal.status), bar,
                                   due(goal.due_on, today, done=goal.status == "achieved")]))
        self.query_one(RecordTable).fill(rows)


SCREEN = GoalsScreen
