"""Goals of the chosen pair: status, SMART marks, progress from milestones, due date.

From here: write a goal (a), edit it in the SMART editor (enter), the side-by-side review
(r), the wins wall (w), mark achieved (A) or drop (X).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from mentor_tui.screens.base import AreaScreen
from mentor_tui.screens.undo import Service
from mentor_tui.services.goals import (
    GoalView,
    drop_goal,
    list_goals,
    mark_goal_achieved,
)
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.smart import SmartCheck
from mentor_tui.widgets.confirm import ConfirmScreen
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import due, one_line, progress_bar, status
from mentor_tui.wording import plural


@dataclass(frozen=True)
class GoalsData:
    goals: list[GoalView]
    today: date


def smart_marks(check: SmartCheck) -> Text:
    """S M A R T, each green when it passes and red when it has a hint."""
    marks = Text()
    for dimension in check.dimensions:
        style = "bold green" if dimension.ok else "bold red"
        marks.append(f"{dimension.field.letter}{'✓' if dimension.ok else '✗'} ", style=style)
    marks.rstrip()
    return marks


def due_cell(day: date | None, today: date, *, done: bool, absolute: bool = True) -> Text:
    """Relative and absolute: "in 3 weeks · 29 Jan", overdue in red."""
    cell = due(day, today, done=done)
    if day is not None and absolute:
        cell.append(
            f" · {day:%d %b}" if day.year == today.year else f" · {day:%d %b %Y}", style="dim"
        )
    return cell


class GoalsScreen(AreaScreen[GoalsData]):
    BINDINGS = [
        Binding("a", "new_goal", "New goal"),
        Binding("e", "edit_goal", "Edit"),
        Binding("r", "review", "Review"),
        Binding("w", "wins", "Wins"),
        Binding("A", "achieved", "Achieved", key_display="A"),
        Binding("X", "drop", "Drop", key_display="X"),
        Binding("O", "reopen", "Reopen a dropped or achieved goal", key_display="O", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="goals-summary", classes="screen-summary")
        yield RecordTable(
            ["Goal", "Status", "Progress", "Due", "SMART"],
            id="goals-table",
            empty="No goals yet. Press a to write one.",
        )

    def load(self, pair_id: str | None) -> GoalsData:
        assert pair_id is not None
        return GoalsData(
            list_goals(self.store, pair_id, include_dropped=True), viewer_today(self.store)
        )

    def show(self, data: GoalsData) -> None:
        self.data = data
        narrow = self.size.width < 100  # 80 columns: the SMART marks must still fit
        rows = []
        for view in data.goals:
            goal = view.goal
            bar = progress_bar(view.progress, 5 if narrow else 10)
            bar.append(f" {view.milestones_done}/{view.milestones_total}", style="dim")
            rows.append(
                (
                    goal.id,
                    [
                        Text(one_line(goal.title, 28 if narrow else 48)),
                        status(goal.status),
                        bar,
                        due_cell(
                            goal.due_on,
                            data.today,
                            done=goal.status in ("achieved", "dropped"),
                            absolute=not narrow,
                        ),
                        smart_marks(view.smart(data.today)),
                    ],
                )
            )
        self.query_one(RecordTable).fill(rows)
        active = [v for v in data.goals if v.goal.status not in ("achieved", "dropped")]
        smart = sum(v.smart(data.today).passed for v in active)
        summary = Text(f"{plural(len(active), 'open goal')}, {smart} of them SMART", style="bold")
        summary.append("   a new · enter edit · r review · w wins", style="dim")
        self.query_one("#goals-summary", Static).update(summary)

    def show_no_pair(self) -> None:
        self.query_one(RecordTable).fill([])

    # ---- actions --------------------------------------------------------------------

    def _selected(self) -> GoalView | None:
        key = self.query_one(RecordTable).selected_key
        goals = getattr(self, "data", None)
        return next((v for v in goals.goals if v.goal.id == key), None) if goals else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_goal()

    def _open_editor(self, goal_id: str | None) -> None:
        from mentor_tui.screens.goal_editor import GoalEditorScreen

        pair = self.app.pair
        if pair is None:
            self.notify("Start a pair first (n).", severity="warning")
            return
        self.app.push_screen(GoalEditorScreen(pair, goal_id))

    def action_new_goal(self) -> None:
        self._open_editor(None)

    def action_edit_goal(self) -> None:
        view = self._selected()
        if view is not None:
            self._open_editor(view.goal.id)

    def action_review(self) -> None:
        from mentor_tui.screens.review import ReviewScreen

        view = self._selected()
        self.app.push_screen(ReviewScreen(view.goal.id if view else None))

    def action_wins(self) -> None:
        from mentor_tui.screens.wins import WinsScreen

        self.app.push_screen(WinsScreen())

    def action_achieved(self) -> None:
        view = self._selected()
        if view is not None:
            goal_id, title = view.goal.id, one_line(view.goal.title, 50)
            self._confirm(
                f"Mark “{title}” achieved?",
                "Achieved",
                lambda store: mark_goal_achieved(store, goal_id),
                f"Marked goal “{title}” achieved",
                goal_id,
            )

    def action_drop(self) -> None:
        view = self._selected()
        if view is not None:
            goal_id, title = view.goal.id, one_line(view.goal.title, 50)
            self._confirm(
                f"Drop “{title}”? It can be reopened later (u, or Recently deleted).",
                "Drop",
                lambda store: drop_goal(store, goal_id),
                f"Dropped goal “{title}”",
                goal_id,
            )

    def action_reopen(self) -> None:
        """Back to the status it had before it was dropped or achieved; u drops or
        achieves it again."""
        from mentor_tui.services.restore import restore_goal

        view = self._selected()
        if view is None:
            return
        goal_id, was = view.goal.id, view.goal.status
        if was not in ("dropped", "achieved"):
            self.notify("Only a dropped or achieved goal is reopened.", timeout=3)
            return
        again = drop_goal if was == "dropped" else mark_goal_achieved
        self.app.undo.run(
            lambda store: restore_goal(store, goal_id),
            f"Reopened goal “{one_line(view.goal.title, 50)}” (it was {was})",
            lambda store: again(store, goal_id),
            then=self.reload,
        )

    def _confirm(self, question: str, yes: str, act: Service, said: str, goal_id: str) -> None:
        """Ask, then make the change; `u` (or the trash) puts the goal back where it was."""
        from mentor_tui.services.restore import restore_goal

        def answered(ok: bool | None) -> None:
            if ok:
                self.app.undo.run(
                    act, said, lambda store: restore_goal(store, goal_id), then=self.reload
                )

        self.app.push_screen(ConfirmScreen(question, yes=yes, no="Cancel"), answered)


SCREEN = GoalsScreen
