"""Milestones across the pair's goals: by due date (or a goal's own order), overdue and
at-risk marked, filters by status (f) and goal (o), a timeline by week (t), a progress
bar per goal; add (a), edit (e), done with evidence (space), move (shift+↑/↓), delete (del
or x; u undoes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from mentor_tui.errors import MentorError
from mentor_tui.models.enums import MilestoneStatus
from mentor_tui.screens.base import AreaScreen
from mentor_tui.services.goals import GoalView, list_goals
from mentor_tui.services.milestones import (
    MilestoneView,
    delete_milestone,
    goal_milestones,
    group_by_week,
    list_milestones,
    move_milestone,
    viewer_today,
)
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import due, one_line, progress_bar, status
from mentor_tui.wording import plural

STATUS_CYCLE: tuple[str | None, ...] = (None, *(s.value for s in MilestoneStatus))
WEEK_KEY = "week:"


@dataclass(frozen=True)
class MilestonesData:
    goals: list[GoalView]
    milestones: list[MilestoneView]
    today: date
    filters: dict[str, str | None] = field(default_factory=dict)


def flag_cell(view: MilestoneView, today: date) -> Text:
    flag = view.flag(today)
    return Text(flag, style="bold red" if flag == "overdue" else "bold yellow")


class MilestonesScreen(AreaScreen[MilestonesData]):
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("space", "done", "Done"),
        Binding("delete,x", "delete", "Delete", key_display="del"),
        Binding("shift+up", "move(-1)", "Move up", key_display="⇧↑"),
        Binding("shift+down", "move(1)", "Move down", key_display="⇧↓", show=False),
        Binding("f", "filter_status", "Status"),
        Binding("o", "filter_goal", "Goal"),
        Binding("t", "timeline", "Timeline"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.status_filter: str | None = None
        self.goal_filter: str | None = None
        self.by_week = False
        self.data: MilestonesData | None = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="goal-progress")
        yield Static("", id="milestone-filters", classes="screen-summary")
        yield RecordTable(
            ["Milestone", "Due", "Flag", "Status", "Goal", "Evidence"],
            id="milestones-table",
            empty="No milestones here. Press a to add one.",
        )

    def load(self, pair_id: str | None) -> MilestonesData:
        assert pair_id is not None
        goals = list_goals(self.store, pair_id)
        goal_filter = self.goal_filter if self.goal_filter in [g.goal.id for g in goals] else None
        if goal_filter and not self.by_week:
            # One goal: its own agreed order, the order shift+up/down changes.
            views = [
                v
                for v in goal_milestones(self.store, goal_filter)
                if self.status_filter in (None, v.milestone.status)
            ]
        else:
            views = list_milestones(
                self.store, pair_id, status=self.status_filter, goal_id=goal_filter
            )
        return MilestonesData(
            goals,
            views,
            viewer_today(self.store),
            {"status": self.status_filter, "goal": goal_filter},
        )

    def show(self, data: MilestonesData) -> None:
        self.data = data
        self.goal_filter = data.filters.get("goal")
        self._show_progress(data)
        self._show_filters(data)
        rows: list[tuple[str, list[Text | str]]] = []
        if self.by_week:
            for week in group_by_week(data.milestones):
                rows.append(
                    (
                        f"{WEEK_KEY}{week.start}",
                        [
                            Text(f"▸ {week.label}", style="bold reverse"),
                            Text(f"{len(week.milestones)} due", style="dim"),
                            "",
                            "",
                            "",
                            "",
                        ],
                    )
                )
                rows.extend(self._row(view, data.today) for view in week.milestones)
        else:
            rows = [self._row(view, data.today) for view in data.milestones]
        self.query_one(RecordTable).fill(rows)

    @staticmethod
    def _row(view: MilestoneView, today: date) -> tuple[str, list[Text | str]]:
        m = view.milestone
        return (
            m.id,
            [
                Text(one_line(m.title, 40)),
                Text(f"done {m.done_on:%d %b}", style="green")
                if m.done_on
                else due(m.due_on, today, done=m.status == MilestoneStatus.DONE),
                flag_cell(view, today),
                status(m.status),
                Text(one_line(view.goal_title, 22), style="italic"),
                Text(one_line(m.evidence, 20), style="dim"),
            ],
        )

    def _show_progress(self, data: MilestonesData) -> None:
        text = Text()
        for view in data.goals:
            chosen = view.goal.id == data.filters.get("goal")
            text.append("▶ " if chosen else "  ", style="bold")
            text.append_text(progress_bar(view.progress, 16))
            text.append(f" {view.milestones_done}/{view.milestones_total} ", style="dim")
            text.append(one_line(view.goal.title, 70), style="bold" if chosen else "")
            text.append("\n")
        text.rstrip()
        self.query_one("#goal-progress", Static).update(text)

    def _show_filters(self, data: MilestonesData) -> None:
        goal = next(
            (g.goal.title for g in data.goals if g.goal.id == data.filters.get("goal")), "all goals"
        )
        status_name = (data.filters.get("status") or "any status").replace("_", " ")
        overdue = sum(v.is_overdue(data.today) for v in data.milestones)
        at_risk = sum(v.flag(data.today) == "at risk" for v in data.milestones)
        line = Text()
        line.append(plural(len(data.milestones), "milestone"), style="bold")
        if overdue:
            line.append(f" · {overdue} overdue", style="bold red")
        if at_risk:
            line.append(f" · {at_risk} at risk", style="bold yellow")
        line.append("   status: ", style="dim")
        line.append(status_name)
        line.append(" (f)  goal: ", style="dim")
        line.append(one_line(goal, 30))
        line.append(" (o)  view: ", style="dim")
        line.append("timeline by week" if self.by_week else "list")
        line.append(" (t)", style="dim")
        self.query_one("#milestone-filters", Static).update(line)

    def show_no_pair(self) -> None:
        self.query_one(RecordTable).fill([])

    # ---- actions --------------------------------------------------------------------

    def _selected(self) -> MilestoneView | None:
        key = self.query_one(RecordTable).selected_key
        if self.data is None or not key or key.startswith(WEEK_KEY):
            return None
        return next((v for v in self.data.milestones if v.milestone.id == key), None)

    def _mine(self) -> MilestoneView | None:
        """The selected milestone if it is mine to change; the partner's says it is not."""
        view = self._selected()
        if view is None:
            return None
        try:
            self.store.require_local(view.milestone)
        except MentorError as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return None
        return view

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_filter_status(self) -> None:
        index = STATUS_CYCLE.index(self.status_filter)
        self.status_filter = STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)]
        self.reload()

    def action_filter_goal(self) -> None:
        ids: list[str | None] = [None, *(g.goal.id for g in self.data.goals)] if self.data else []
        if len(ids) > 1:
            index = ids.index(self.goal_filter) if self.goal_filter in ids else 0
            self.goal_filter = ids[(index + 1) % len(ids)]
            self.reload()

    def action_timeline(self) -> None:
        self.by_week = not self.by_week
        self.reload()

    def _saved(self, ok: bool | None) -> None:
        if ok:
            self.reload()

    def action_add(self) -> None:
        from mentor_tui.screens.milestone_forms import MilestoneFormScreen

        if self.data is None or not self.data.goals:
            self.notify("Write a goal first (g, then a).", severity="warning")
            return
        selected = self._selected()
        goal_id = self.goal_filter or (selected.milestone.goal_id if selected else None)
        self.app.push_screen(MilestoneFormScreen(self.data.goals, None, goal_id), self._saved)

    def action_edit(self) -> None:
        from mentor_tui.screens.milestone_forms import MilestoneFormScreen

        view = self._mine()
        if view is not None and self.data is not None:
            self.app.push_screen(
                MilestoneFormScreen(self.data.goals, view.milestone, None), self._saved
            )

    def action_done(self) -> None:
        from mentor_tui.screens.milestone_forms import DoneScreen

        view = self._mine()
        if view is not None:
            self.app.push_screen(DoneScreen(view.milestone), self._saved)

    def action_move(self, offset: int) -> None:
        view = self._selected()
        if view is None:
            return
        if self.goal_filter is None or self.by_week:
            self.notify("Choose one goal (o) in the list view to change its order.", timeout=3)
            return
        try:
            move_milestone(self.store, view.milestone.id, offset)
        except MentorError as problem:
            self.notify(str(problem), severity="error", markup=False)
            return
        self.reload()

    def action_delete(self) -> None:
        from mentor_tui.services.restore import restore_record

        view = self._mine()
        if view is None:
            return
        milestone_id = view.milestone.id
        self.app.undo.run(
            lambda store: delete_milestone(store, milestone_id),
            f"Deleted milestone “{one_line(view.milestone.title, 40)}”",
            lambda store: restore_record(store, "milestone", milestone_id),
            then=self.reload,
        )


SCREEN = MilestonesScreen
