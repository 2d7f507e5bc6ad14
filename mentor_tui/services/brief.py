"""The mentor's prep brief: what changed for a pair since the last held session.

One read (prep_brief) for the screen, one write (brief_to_agenda) that turns it into the
next session's agenda, planning that session at the cadence's due date when none is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select

from mentor_tui.dates import due_text, format_instant, relative_day
from mentor_tui.models.db import Store
from mentor_tui.models.enums import MilestoneStatus
from mentor_tui.models.record import stamped
from mentor_tui.models.tables import CheckIn, Goal, GoalChange, JournalEntry, MentoringSession
from mentor_tui.services.actions import CarriedItem, carried_items
from mentor_tui.services.checkins import latest_checkin
from mentor_tui.services.milestones import MilestoneView, list_milestones
from mentor_tui.services.pairs import PairView, get_pair
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.sessions import (
    next_session,
    next_slot,
    schedule_session,
    update_session,
)
from mentor_tui.wording import plural

SHARED_ENTRIES_SHOWN = 10
BRIEF_HEADING = "## Prep brief"


@dataclass(frozen=True)
class GoalChanges:
    goal: Goal
    changes: list[GoalChange]  # field by field, oldest first (may be empty: status only)


@dataclass(frozen=True)
class PrepBrief:
    pair: PairView
    today: date
    last_session: MentoringSession | None
    next_planned: MentoringSession | None
    due_on: date | None
    days_since_last: int | None
    cadence_days: int
    slipped_days: int
    shared_entries: list[JournalEntry]
    shared_total: int
    milestones_done: list[MilestoneView]
    milestones_slipped: list[MilestoneView]
    goal_changes: list[GoalChanges]
    open_items: list[CarriedItem]
    checkin: CheckIn | None
    checkin_is_new: bool  # answered since the last session

    @property
    def since(self) -> datetime | None:
        return self.last_session.starts_at if self.last_session else None

    @property
    def overdue_items(self) -> list[CarriedItem]:
        return [v for v in self.open_items if v.overdue_days > 0]

    @property
    def cadence_text(self) -> str:
        every = f"cadence every {plural(self.cadence_days, 'day')}"
        if self.days_since_last is None:
            return f"no session held yet ({every})"
        late = self.days_since_last - self.cadence_days
        state = f", {plural(late, 'day')} over" if late > 0 else ""
        return f"{plural(self.days_since_last, 'day')} since the last session ({every}{state})"


def prep_brief(store: Store, pair_id: str) -> PrepBrief:
    pair = get_pair(store, pair_id)
    today = viewer_today(store)
    cadence = next_session(store, pair)
    since = cadence.last_held.starts_at if cadence.last_held else None
    with store.read() as session:
        shared = select(JournalEntry).where(
            JournalEntry.pair_id == pair.id,
            JournalEntry.author_id == pair.mentee.id,
            JournalEntry.shared == True,  # noqa: E712
            JournalEntry.deleted == False,  # noqa: E712
        )
        if since is not None:
            shared = shared.where(JournalEntry.written_at > since)
        entries = list(
            session.exec(
                shared.order_by(col(JournalEntry.written_at).desc()).limit(SHARED_ENTRIES_SHOWN + 1)
            ).all()
        )
        goals = session.exec(
            select(Goal).where(Goal.pair_id == pair.id, Goal.deleted == False)  # noqa: E712
        ).all()
        by_id = {goal.id: goal for goal in goals}
        changes = select(GoalChange).where(
            col(GoalChange.goal_id).in_(list(by_id)),
            GoalChange.deleted == False,  # noqa: E712
        )
        if since is not None:
            changes = changes.where(GoalChange.changed_at > since)
        change_rows = session.exec(changes.order_by(col(GoalChange.changed_at))).all()
    grouped: dict[str, list[GoalChange]] = {}
    for change in change_rows:
        grouped.setdefault(change.goal_id, []).append(change)
    changed = [GoalChanges(by_id[goal_id], rows) for goal_id, rows in grouped.items()]
    changed += [
        GoalChanges(goal, [])
        for goal in goals
        if goal.id not in grouped and (since is None or stamped(goal.updated_at) > since)
    ]
    milestones = list_milestones(store, pair.id)
    done = [
        m
        for m in milestones
        if m.milestone.status == MilestoneStatus.DONE
        and (
            since is None
            or (m.milestone.done_on or stamped(m.milestone.updated_at).date()) >= since.date()
        )
    ]
    checkin = latest_checkin(store, pair.id)
    return PrepBrief(
        pair=pair,
        today=today,
        last_session=cadence.last_held,
        next_planned=cadence.planned,
        due_on=cadence.due_on,
        days_since_last=cadence.days_since_last,
        cadence_days=cadence.cadence_days,
        slipped_days=cadence.slipped_days(today),
        shared_entries=entries[:SHARED_ENTRIES_SHOWN],
        shared_total=len(entries),
        milestones_done=done,
        milestones_slipped=[m for m in milestones if m.is_overdue(today)],
        goal_changes=changed,
        open_items=carried_items(store, pair.id),
        checkin=checkin,
        checkin_is_new=checkin is not None and (since is None or checkin.answered_at > since),
    )


def _item_line(view: CarriedItem, today: date) -> str:
    facts = [view.owner_name]
    if view.item.due_on:
        facts.append(due_text(view.item.due_on, today))
    if view.carried:
        facts.append(view.carried_text)
    stale = " **(stale)**" if view.stale else ""
    return f"- [ ] {view.item.title} ({', '.join(facts)}){stale}"


def brief_to_markdown(brief: PrepBrief) -> str:
    """The brief as an agenda section (Markdown), headed by BRIEF_HEADING."""
    zone, today = brief.pair.me.timezone, brief.today
    lines = [f"{BRIEF_HEADING} · {brief.cadence_text}", ""]
    if brief.checkin is not None:
        c = brief.checkin
        when = relative_day(c.answered_at.date(), today)
        state = f"answered {when}" if brief.checkin_is_new else "from before the last session"
        lines += [f"### Check-in ({state})"]
        if c.lesson.strip():
            lines.append(f"- Lesson that stuck: {c.lesson.strip()}")
        if c.next_goal.strip():
            lines.append(f"- Goal before this session: {c.next_goal.strip()}")
        if c.last_goal_rating is not None:
            lines.append(f"- How the last goal went: {c.last_goal_rating}/5")
        lines.append("")
    if brief.open_items:
        lines += ["### Open action items"]
        lines += [_item_line(v, today) for v in brief.open_items]
        lines.append("")
    if brief.milestones_done or brief.milestones_slipped:
        lines += ["### Milestones"]
        lines += [f"- Done: {m.milestone.title} ({m.goal_title})" for m in brief.milestones_done]
        lines += [
            f"- Slipped: {m.milestone.title} ({m.goal_title}), "
            f"{due_text(m.milestone.due_on, today)}"
            for m in brief.milestones_slipped
        ]
        lines.append("")
    if brief.goal_changes:
        lines += ["### Goals that changed"]
        for changed in brief.goal_changes:
            fields = ", ".join(dict.fromkeys(c.field.replace("_", " ") for c in changed.changes))
            lines.append(
                f"- {changed.goal.title}: {fields or 'updated'} (now {changed.goal.status})"
            )
        lines.append("")
    if brief.shared_entries:
        lines += ["### Journal entries shared"]
        for entry in brief.shared_entries:
            title = entry.title or entry.body.strip().splitlines()[0][:80]
            lines.append(f"- {format_instant(entry.written_at, zone)[:10]}: {title}")
        if brief.shared_total > len(brief.shared_entries):
            lines.append("- and more in the journal")
        lines.append("")
    if len(lines) == 2:
        lines += ["Nothing new since the last session.", ""]
    return "\n".join(lines).rstrip() + "\n"


def merge_agenda(agenda: str, section: str) -> str:
    """The agenda with its prep brief section replaced (or appended): the brief runs from
    its heading to the next level-2 heading, so what the person wrote around it stays."""
    lines = agenda.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(BRIEF_HEADING)), None)
    if start is None:
        return (agenda.rstrip() + "\n\n" if agenda.strip() else "") + section
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    before, after = "\n".join(lines[:start]), "\n".join(lines[end:])
    parts = [part for part in (before.rstrip(), section.rstrip(), after.strip()) if part]
    return "\n\n".join(parts) + "\n"


def brief_to_agenda(store: Store, pair_id: str) -> tuple[MentoringSession, bool]:
    """Write the brief into the next planned session's agenda, planning that session at
    the cadence's due date if there is none. Returns (the session, whether it is new)."""
    brief = prep_brief(store, pair_id)
    section = brief_to_markdown(brief)
    target, created = brief.next_planned, False
    if target is None:
        kind = "kickoff" if brief.last_session is None else "check_in"
        target = schedule_session(
            store, pair_id, next_slot(store, brief.pair, brief.due_on), kind=kind
        )
        created = True
    return update_session(store, target.id, agenda=merge_agenda(target.agenda, section)), created
