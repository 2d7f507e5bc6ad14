"""The SMART goal editor: five fields, each with its prompt and a live hint.

The screen collects text and shows what the services say: the SMART check (smart.py),
who may propose or approve (goals.py), the diff since approval (goal_history.py). The
form kit (screens/form.py) keeps the draft on disk while typing; ctrl+s saves (in the
write worker) and stays; ctrl+r proposes (or approves, for the charter's approver),
saving first; escape leaves, asking first when something is unsaved. ctrl+t fills the
empty fields from a goal template (a choice when there are several, the partner's shared
ones among them); typed text is never overwritten, and a new goal gets the template's
milestones when it is first saved.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static, TextArea

from mentor_tui.dates import due_text
from mentor_tui.errors import MentorError
from mentor_tui.models.enums import GoalStatus
from mentor_tui.models.tables import Goal
from mentor_tui.screens.form import EditorScreen, FormError, Job, widget_value
from mentor_tui.screens.template_picker import offer
from mentor_tui.services.drafts import DraftKey
from mentor_tui.services.goal_drafts import DRAFT_FIELDS, goal_draft_key
from mentor_tui.services.goal_history import FieldDiff, changes_since_approval
from mentor_tui.services.goals import (
    approval_hint,
    approve_goal,
    can_approve,
    get_goal,
    propose_goal,
    update_goal,
)
from mentor_tui.services.pairs import PairView
from mentor_tui.services.profile import ViewerToday
from mentor_tui.services.shared_templates import pair_library
from mentor_tui.services.smart import SMART_FIELDS, SmartCheck, check_texts, resolve_due
from mentor_tui.services.template_apply import create_goal_with_milestones, fill_goal
from mentor_tui.services.templates import Template
from mentor_tui.services.text import visible
from mentor_tui.widgets.footer import FittingFooter
from mentor_tui.widgets.quiet import update_static
from mentor_tui.widgets.render import status
from mentor_tui.wording import plural

FIELD_LABELS = {"title": "Title", **{f.name: f.label for f in SMART_FIELDS}}


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


class GoalEditorScreen(EditorScreen[str | None]):
    """Dismisses with the goal's id when it was saved at least once, else None."""

    BINDINGS = [
        Binding("ctrl+r", "advance", "Propose / approve", priority=True),
        Binding("ctrl+t", "goal_template", "Template", priority=True),
    ]
    ERROR_PREFIX = "not saved: "
    LEAVE_QUESTION = "Leave without saving? Your changes to this goal are lost."

    def __init__(self, pair: PairView, goal_id: str | None) -> None:
        super().__init__()
        self.pair, self.goal_id = pair, goal_id
        self.goal: Goal | None = None
        self._advance_after_save = False
        self._milestones: list[str] = []  # a template's, for a new goal's first save
        self._viewer_today: ViewerToday | None = None  # the live check asks on every key

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
            yield FormError()
            with Horizontal(classes="form-buttons"):
                yield Button("Back (esc)", id="leave")
                yield Button("Propose (ctrl+r)", id="advance", variant="success")
                yield Button("Save (ctrl+s)", id="save", variant="primary")
        yield FittingFooter()

    def on_mount(self) -> None:
        saved = dict.fromkeys(DRAFT_FIELDS, "")
        if self.goal_id is not None:
            self.goal = get_goal(self.store, self.goal_id).goal
            saved = self._values_of(self.goal)
        self._fill(saved)
        self.mark_clean()  # the stored goal; a draft the kit restores counts as a change
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

    def _today(self) -> date:
        if self._viewer_today is None:
            self._viewer_today = ViewerToday(self.store)
        return self._viewer_today()

    @staticmethod
    def _values_of(goal: Goal) -> dict[str, str]:
        values = {name: str(getattr(goal, name) or "") for name in DRAFT_FIELDS}
        values["due_on"] = goal.due_on.isoformat() if goal.due_on else ""
        return values

    def _fill(self, values: dict[str, str]) -> None:
        for name in DRAFT_FIELDS:
            widget = self.query_one(f"#{name}")
            if isinstance(widget, TextArea):
                widget.load_text(values.get(name, ""))
            elif isinstance(widget, Input):
                widget.value = values.get(name, "")

    def values(self) -> dict[str, str]:
        """What is typed, exactly as typed."""
        return {name: str(widget_value(self.query_one(f"#{name}"))) for name in DRAFT_FIELDS}

    def form_values(self) -> dict[str, object]:
        return dict(self.values())

    def draft_key(self) -> DraftKey | None:
        if self.goal is not None and self.goal.origin:
            return None  # the partner's goal: nothing typed here
        return goal_draft_key(self.goal_id, self.pair.id)

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
            update_static(hint, line)
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
        update_static(self.query_one("#smart-summary", Static), summary)
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
        if not self.is_mounted:
            return
        self._refresh_check()
        if not self.saving:
            self.show_error("")

    # ---- actions --------------------------------------------------------------------

    @on(Button.Pressed, "#advance")
    def _advance_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_advance()

    def show_error(self, message: str) -> None:
        super().show_error(message)
        if message:
            self.notify(message, severity="error", markup=False)

    def save_job(self) -> Job:
        values = self.values()
        due_on, reason = resolve_due(values["due_on"], self._today())
        if reason:
            raise MentorError(reason)  # the typed text stays in the field
        fields = {
            name: values[name]
            for name in ("title", "specific", "measurable", "achievable", "relevant")
        }
        pair_id, goal_id = self.pair.id, self.goal.id if self.goal is not None else None
        if goal_id is None:
            milestones = list(self._milestones)
            return lambda store: create_goal_with_milestones(
                store, pair_id, milestones, due_on=due_on, **fields
            )
        return lambda store: update_goal(store, goal_id, due_on=due_on, **fields)

    def action_save(self) -> None:
        super().action_save()
        if not self.saving:  # refused before the write: no proposing either
            self._advance_after_save = False

    def saved(self, goal: Goal) -> None:
        """Saved and still here: the goal's state and its diff follow (the kit has
        dropped the draft)."""
        self.goal, self.goal_id = goal, goal.id
        self._milestones = []  # added with the goal
        self._refresh_state()
        self.notify("Goal saved.")
        if self._advance_after_save:
            self._advance_after_save = False
            self._advance()

    def write_failed(self, line: str) -> None:
        self._advance_after_save = False  # a failed save proposes nothing
        super().write_failed(line)

    def action_advance(self) -> None:
        if self.saving:
            return
        if self.goal is None or self.is_dirty():
            self._advance_after_save = True  # save first; the save's success proposes
            self.action_save()
            return
        self._advance()

    def _advance(self) -> None:
        assert self.goal is not None
        approver = can_approve(self.pair)
        goal_id = self.goal.id
        service = approve_goal if approver else propose_goal

        def advanced(goal: Goal) -> None:
            self.goal = goal
            self._refresh_state()
            self.notify("Goal approved." if approver else "Goal proposed for approval.")

        self.run_write(lambda store: service(store, goal_id), advanced)

    def action_goal_template(self) -> None:
        if self.goal is not None and self.goal.origin:
            self.notify("This goal is your partner's: it is read-only here.")
            return
        library = pair_library(self.store, self.mentor.home, self.pair.id, "goal")
        offer(
            self,
            "A goal template: it fills the fields still empty",
            library.templates,
            self._use_template,
            "No goal templates: `mentor template new goal NAME` writes one.",
        )

    def _use_template(self, template: Template) -> None:
        filled = fill_goal(self.store, self.pair.id, template, self.values())
        if not filled.fields:
            self.notify("Every field has text already; a template never overwrites it.")
            return
        for name, text in filled.fields.items():
            widget = self.query_one(f"#{name}")
            if isinstance(widget, TextArea):
                widget.load_text(text)
            elif isinstance(widget, Input):
                widget.value = text
        names = ", ".join(FIELD_LABELS[name] for name in filled.fields)
        line = f"{visible(template.title, one_line=True)}: filled {names}"
        if self.goal is None and filled.milestones:
            self._milestones = filled.milestones
            line += f"; {plural(len(filled.milestones), 'milestone')} added on the first save"
        self.notify(line, markup=False)
        self._changed()

    def leave(self) -> None:
        self.dismiss(self.goal_id)
