"""Milestones across all of the pair's goals, by due date."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult

from mentor_tui.models.services.milestones import MilestoneView, list_milestones
from mentor_tui.screens.base import AreaScreen
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import due, one_line, status


class MilestonesScreen(AreaScreen[list[MilestoneView]]):
    def compose_body(self) -> ComposeResult:
        yield RecordTable(["Milestone", "Goal", "Status", "Due", "Evidence"],
                          id="milestones-table", empty="No milestones yet.")

    def load(self, pair_id: str | None) -> list[MilestoneView]:
        assert pair_id is not None
        return list_milestones(self.store, pair_id)

    def show(self, data: list[MilestoneView]) -> None:
        today = self.store.clock.now().date()
        rows = []
        for view in data:
            m = view.milestone
            rows.append((m.id, [Text(one_line(m.title, 50)), Text(one_line(view.goal_title, 30)),
                                status(m.status), due(m.due_on, today, done=m.status == "done"),
                                Text(one_line(m.evidence, 30), style="dim")]))
        self.query_one(RecordTable).fill(rows)


SCREEN = MilestonesScreen
