"""A goal's history, and how it changed since it was approved (a word-level diff).

The diff is structured data (segments of kept, removed and added text); the screen
decides how to colour it and the CLI prints it plainly.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from sqlmodel import col, select

from mentor_tui.errors import NotFound
from mentor_tui.models.db import Store, get_live
from mentor_tui.models.enums import GoalStatus
from mentor_tui.models.tables import Goal, GoalChange, Person
from mentor_tui.services.goals import TRACKED_FIELDS, _effective_all, _field_text

FIELD_LABELS = {
    "title": "Title",
    "specific": "Specific",
    "measurable": "Measurable",
    "achievable": "Achievable",
    "relevant": "Relevant",
    "due_on": "Time-bound",
    "status": "Status",
}
_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class ChangeView:
    change: GoalChange
    who: str  # the person's name, or "someone" when unknown

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.change.field, self.change.field)


@dataclass(frozen=True)
class Segment:
    kind: str  # "equal" | "delete" | "insert"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    field: str
    before: str  # the value when the goal was approved
    after: str  # the value now
    segments: tuple[Segment, ...]

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)

    def plain(self) -> str:
        """One readable line: [-removed-]{+added+} around the kept words."""
        marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
        return "".join(marks[s.kind].format(s.text) for s in self.segments)


def goal_history(store: Store, goal_id: str) -> list[ChangeView]:
    """Every change of a tracked field, oldest first."""
    with store.read() as session:
        if session.get(Goal, goal_id) is None:
            raise NotFound(f"no goal with id {goal_id}")
        rows = session.exec(
            select(GoalChange, Person.display_name)
            .join(Person, col(Person.id) == GoalChange.changed_by_id, isouter=True)
            .where(GoalChange.goal_id == goal_id, GoalChange.deleted == False)  # noqa: E712
            .order_by(col(GoalChange.changed_at), col(GoalChange.created_at))
        ).all()
    return [ChangeView(change, who or "someone") for change, who in rows]


def word_diff(before: str, after: str) -> tuple[Segment, ...]:
    """Kept, removed and added runs of words (whitespace kept as typed)."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    # Merge changes separated only by a space, so "1 talk" -> "2 talks" reads as one change.
    spans: list[list] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        glue = op == "equal" and spans and spans[-1][0] != "equal" and "".join(old[a1:a2]).isspace()
        if spans and spans[-1][0] != "equal" and (op != "equal" or glue):
            spans[-1][2], spans[-1][4] = a2, b2
        else:
            spans.append([op, a1, a2, b1, b2])
    segments: list[Segment] = []
    for op, a1, a2, b1, b2 in spans:
        if op == "equal":
            segments.append(Segment("equal", "".join(old[a1:a2])))
            continue
        if a2 > a1:
            segments.append(Segment("delete", "".join(old[a1:a2])))
        if b2 > b1:
            segments.append(Segment("insert", "".join(new[b1:b2])))
    return tuple(segments)


def changes_since_approval(store: Store, goal_id: str) -> list[FieldDiff]:
    """For each field that differs from its value at approval: the diff. Empty when the
    goal was never approved, or is as it was approved."""
    with store.read() as session:
        goal = get_live(session, Goal, goal_id)
        (goal,) = _effective_all(session, [goal])  # approved by the partner's record too
    if goal.approved_at is None:
        return []
    # Made while approved (the status each change recorded), and not before this approval.
    since = [
        c.change
        for c in goal_history(store, goal_id)
        if c.change.changed_at >= goal.approved_at
        and c.change.goal_status in (GoalStatus.APPROVED, GoalStatus.ACHIEVED)
    ]
    diffs = []
    for name in TRACKED_FIELDS:
        field_changes = [c for c in since if c.field == name]
        if not field_changes:
            continue
        before, after = field_changes[0].old_value, _field_text(getattr(goal, name))
        if before != after:
            diffs.append(FieldDiff(name, before, after, word_diff(before, after)))
    return diffs
