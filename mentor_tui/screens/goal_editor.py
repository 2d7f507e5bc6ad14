"""The SMART goal editor: five fields, each with its prompt and a live hint.

The screen collects text and shows what the services say: the SMART check (smart.py),
who may propose or approve (goals.py), the diff since approval (goal_history.py), the
draft kept on disk while typing (goal_drafts.py). ctrl+s saves and stays; ctrl+r
proposes (or approves, for the charter's approver); escape leaves, asking first when
something is unsaved.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, Input, Label, Static, TextArea

from mentor_tui.dates import due_text
from mentor_tui.errors import MentorError
from mentor_tui.models.enums import GoalStatus
from mentor_tui.models.tables import Goal
from mentor_tui.services.goal_drafts import (
    DRAFT_FIELDS,
    discard_goal_draft,
    load_goal_draft,
    save_goal_draft,
)
from mentor_tui.services.goal_history import FieldDiff, changes_since_approval
from mentor_tui.services.goals import (
    approval_hint,
    approve_goal,
    can_approve,
    create_goal,
    get_goal,
    propose_goal,
    update_goal,
)
from mentor_tui.services.pairs import PairView
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.smart import SMART_FIELDS, SmartCheck, check_texts, resolve_due
from mentor_tui.services.text import visible
from mentor_tui.widgets.confirm import ConfirmScreen
from mentor_tui.widgets.render import status

AUTOSAVE_SECONDS = 0.5


def diff_text(diffs: list[FieldDiff]) -> Text:
    """How the goal changed since approval: removed words struck red, added ones green."""
    text = Text("Changed since approval\n", style="bold")
    styles = {"equal": "", "delete": "red strike", "insert": "bold green underline"}
    for diff in diffs:
        text.append(f"{diff.label}: ", style="bold")
        for index, segment in enumerate(diff.segments):
            text.append(visible(segment.text), style=styles[segment.kind])
            following = diff.segments[index + 1 : index + 2]
            if segment.kind == "delete" and following and following[0].kind == "insert":
                text.append("→", style="dim")  # readable without colour too
        text.append("\n")
    text.rstrip()
    return text


class GoalEditorScreen(Screen[str | None]):
    """Dismisses with the goal's id when it was saved at least once, else None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+r", "advance", "Propose / approve", priority=True),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, pair: PairView, goal_id: str | None) -> None:
        super().__init__()
        self.pair, self.goal_id = pair, goal_id
        self.goal: Goal | None = None
        self._saved: dict[str, str] = dict.fromkeys(DRAFT_FIELDS, "")
        self._autosave: Timer | None = None
        self._restoring = False

    # ---- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="editor-head"):  # stays in view while the fields scroll
            yield Static("", id="editor-title")
            yield Static("", id="goal-state")
            yield Static("", id="smart-summary")
        with VerticalScroll(id="goal-editor", classes="form-card"):
            yield Static("", id="goal-changes")  # first: what changed since approval
            yield Label("Title")
            yield Input(id="title", placeholder="a short name, e.g. Give a conference talk")
            for field in SMART_FIELDS:
                yield Label(
                    Text.assemble(
                        (f"{field.letter} · {field.label}  ", "bold"),
                        (field.prompt, "not bold dim"),
                    )
                )
                if field.name == "due_on":
                    yield Input(id="due_on", placeholder='e.g. 2027-03-31, "in 6 weeks"')
                else:
                    yield TextArea(
                        id=field.name, soft_wrap=True, classes="smart-text", tab_behavior="focus"
                    )
                yield Static("", id=f"{field.name}-hint", classes="smart-hint")
            yield Static("", id="error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Back (esc)", id="leave")
                yield Button("Propose (ctrl+r)", id="advance", variant="success")
                yield Button("Save (ctrl+s)", id="save", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        if self.goal_id is not None:
            self.goal = get_goal(self.store, self.goal_id).goal
            self._saved = self._values_of(self.goal)
        self._fill(self._saved)
        draft = load_goal_draft(self.store, self.goal_id, self.pair.id)
        if draft is not None and draft != self._saved:
            self._fill(draft)
            self.notify("Restored your unsaved changes from last time.", title="Draft")
        if self.goal is not None and self.goal.origin:
            # The partner's goal, synced here: shown, not edited (approving stays possible).
            for widget in self.query("#goal-editor Input, #goal-editor TextArea"):
                if isinstance(widget, TextArea):
                    widget.read_only = True
                else:
                    widget.disabled = True
            self.query_one("#save", Button).display = False
        self._refresh_state()
        self.query_one("#title" if self.goal_id is None else "#specific").focus()

    @property
    def store(self):
        return self.app.store  # type: ignore[attr-defined]

    def _today(self) -> date:
        return viewer_today(self.store)

    @staticmethod
    def _values_of(goal: Goal) -> dict[str, str]:
        values = {name: str(getattr(goal, name) or "") for name in DRAFT_FIELDS}
        values["due_on"] = goal.due_on.isoformat() if goal.due_on else ""
        return values

    def _fill(self, values: dict[str, str]) -> None:
        self._restoring = True
        for name in DRAFT_FIELDS:
            widget = self.query_one(f"#{name}")
            if isinstance(widget, TextArea):
                widget.load_text(values.get(name, ""))
            else:
                widget.value = values.get(name, "")  # type: ignore[attr-defined]
        self._restoring = False

    def values(self) -> dict[str, str]:
        """What is typed, exactly as typed."""
        result = {}
        for name in DRAFT_FIELDS:
            widget = self.query_one(f"#{name}")
            result[name] = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
        return result

    @property
    def dirty(self) -> bool:
        return self.values() != self._saved

    # ---- the live check -------------------------------------------------------------

    def _refresh_check(self) -> SmartCheck:
        today = self._today()
        check, due_on = check_texts(self.values(), today)
        for dimension in check.dimensions:
            hint = self.query_one(f"#{dimension.field.name}-hint", Static)
            line = Text()
            if dimension.field.name == "due_on" and due_on is not None:
                line.append(
                    f"→ {due_on:%a %d %b %Y} ({due_text(due_on, today)}) ",
                    style="green" if dimension.ok else "yellow",
                )
            if dimension.ok:
                line.append("✓", style="bold green")
            else:
                line.append(f"✗ {visible(dimension.hint)}", style="yellow")
            hint.update(line)
        summary = Text()
        for dimension in check.dimensions:
            summary.append(
                f" {dimension.field.letter} ",
                style="bold black on green" if dimension.ok else "bold white on red",
            )
            summary.append(" ")
        summary.append(
            " SMART: all five pass"
            if check.passed
            else f" {len(check.failing)} to go: follow the ✗ hints",
            style="bold",
        )
        self.query_one("#smart-summary", Static).update(summary)
        return check

    def _refresh_state(self) -> None:
        goal = self.goal
        title = Text("New goal" if goal is None else "Goal: ", style="bold")
        if goal is not None:
            title.append(visible(goal.title, one_line=True))
        self.query_one("#editor-title", Static).update(title)
        state = Text()
        if goal is None:
            state.append("not saved yet: ctrl+s saves a draft", style="dim")
        else:
            state.append_text(status(goal.status))
            state.append("  ")
            state.append(visible(approval_hint(self.pair, goal), one_line=True), style="dim")
            if goal.origin:
                name = visible(self.pair.partner.display_name, one_line=True)
                state.append(f"  · {name}'s goal, read-only here", style="italic")
        self.query_one("#goal-state", Static).update(state)
        advance = self.query_one("#advance", Button)
        can_move = goal is None or goal.status in (GoalStatus.DRAFT, GoalStatus.PROPOSED)
        approver = can_approve(self.pair)
        advance.label = "Approve (ctrl+r)" if approver else "Propose (ctrl+r)"
        advance.display = can_move and not (
            goal is not None and goal.status == GoalStatus.PROPOSED and not approver
        )
        diffs = changes_since_approval(self.store, goal.id) if goal is not None else []
        changes = self.query_one("#goal-changes", Static)
        changes.display = bool(diffs)
        changes.update(diff_text(diffs) if diffs else "")
        self._refresh_check()

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._changed()

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        self._changed()

    def _changed(self) -> None:
        if self._restoring or not self.is_mounted:
            return
        self._refresh_check()
        self.query_one("#error", Static).update("")
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.set_timer(AUTOSAVE_SECONDS, self._save_draft)

    def _save_draft(self) -> None:
        if self.dirty:
            save_goal_draft(self.store, self.goal_id, self.values(), self.pair.id)
        else:
            discard_goal_draft(self.store, self.goal_id, self.pair.id)

    # ---- actions --------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"save": self.action_save, "advance": self.action_advance, "leave": self.action_leave}[
            event.button.id or "leave"
        ]()

    def _error(self, message: str) -> None:
        self.query_one("#error", Static).update(Text(message))
        self.notify(message, severity="error", markup=False)

    def action_save(self) -> bool:
        values = self.values()
        today = self._today()
        due_on, reason = resolve_due(values["due_on"], today)
        if reason:
            self._error(f"not saved: {reason}")  # the typed text stays in the field
            return False
        fields = {
            name: values[name]
            for name in ("title", "specific", "measurable", "achievable", "relevant")
        }
        try:
            if self.goal is None:
                goal = create_goal(self.store, self.pair.id, due_on=due_on, **fields)
                discard_goal_draft(self.store, None, self.pair.id)
            else:
                goal = update_goal(self.store, self.goal.id, due_on=due_on, **fields)
        except MentorError as problem:
            self._error(f"not saved: {problem}")
            return False
        if self._autosave is not None:
            self._autosave.stop()
        self.goal, self.goal_id = goal, goal.id
        discard_goal_draft(self.store, goal.id, self.pair.id)
        self._saved = values
        self.query_one("#error", Static).update("")
        self._refresh_state()
        self.notify("Goal saved.")
        return True

    def action_advance(self) -> None:
        if (self.goal is None or self.dirty) and not self.action_save():
            return
        assert self.goal is not None
        approver = can_approve(self.pair)
        try:
            goal = (approve_goal if approver else propose_goal)(self.store, self.goal.id)
        except MentorError as problem:
            self._error(str(problem))
            return
        self.goal = goal
        self._refresh_state()
        self.notify("Goal approved." if approver else "Goal proposed for approval.")

    def action_leave(self) -> None:
        if not self.dirty:
            discard_goal_draft(self.store, self.goal_id, self.pair.id)
            self.dismiss(self.goal_id)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                if self._autosave is not None:
                    self._autosave.stop()
                discard_goal_draft(self.store, self.goal_id, self.pair.id)
                self.dismiss(self.goal_id)

        self.app.push_screen(
            ConfirmScreen(
                "Leave without saving? Your changes to this goal are lost.",
                yes="Discard",
                no="Keep editing",
            ),
            answered,
        )
