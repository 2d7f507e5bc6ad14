"""The Markdown report a performance review can use: charter, a summary of the period in
words, progress by month (services/progress), goals with milestones, assessments side by
side, sessions with their feedback, action items with their state, check-in answers and
shared journal entries.

Never private session notes or unshared entries. Stored text is hostile: it goes through
services/text.visible (the report is printed to terminals), titles are kept to one line,
and Markdown headings in user text are demoted below the report's own (a "## Goals" in a
note must not open a second "Goals" section), setext underlines are escaped and a code
fence left open is closed, so nothing a user wrote can reshape the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from mentor_tui.dates import format_instant, local
from mentor_tui.models.charter import CHARTER_TEXT_FIELDS
from mentor_tui.models.db import Store
from mentor_tui.models.enums import ActionStatus, GoalStatus, MilestoneStatus, SessionStatus
from mentor_tui.models.tables import JournalEntry
from mentor_tui.services.pairs import PairView
from mentor_tui.services.text import visible

#: The deepest heading the report uses itself; user headings go below it.
REPORT_DEPTH = 3

_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def demote(text: str) -> str:
    """User Markdown that cannot reshape the report (see the module's docstring)."""
    out: list[str] = []
    fence = ""
    previous = ""
    for line in text.strip().split("\n"):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
        elif opened:
            fence = opened.group(1)
        else:
            heading = _HEADING.match(line)
            if heading:
                depth = min(6, REPORT_DEPTH + len(heading.group(2)))
                line = heading.group(1) + "#" * depth + line[heading.end() :]
            elif previous.strip() and _SETEXT.match(line):
                line = "\\" + line.lstrip()
        out.append(line)
        previous = line
    if fence:
        out.append(fence)  # an open fence would swallow the rest of the report
    return "\n".join(out)


def one_line(text: str) -> str:
    """Text for a heading or a list item: one line; a leading '#' stays a character."""
    line = visible(text, one_line=True).strip() or "(untitled)"
    return "\\" + line if line.startswith("#") else line


@dataclass(frozen=True)
class Period:
    """Days in the viewer's zone, both ends included; None = open-ended."""

    since: date | None = None
    until: date | None = None
    zone: str = "UTC"

    @property
    def whole(self) -> bool:
        """No limit: a done milestone or achieved goal counts even without its date."""
        return self.since is None and self.until is None

    def holds_day(self, day: date | None) -> bool:
        if day is None:
            return False
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def holds(self, instant: datetime | None) -> bool:
        return instant is not None and self.holds_day(local(instant, self.zone).date())

    def words(self) -> str:
        if self.since and self.until:
            return f"from {self.since.isoformat()} to {self.until.isoformat()}"
        if self.since:
            return f"since {self.since.isoformat()}"
        if self.until:
            return f"until {self.until.isoformat()}"
        return "since the start"


def _block(title: str, text: str) -> list[str]:
    return [f"**{title}**", "", demote(text), ""] if text.strip() else []


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _shared_entries(store: Store, pair: PairView) -> list[JournalEntry]:
    from mentor_tui.services.journal import list_journal

    entries: list[JournalEntry] = []
    before = None
    while True:
        page = list_journal(store, pair.id, limit=500, before=before, shared_only=True)
        entries += page
        if len(page) < 500:
            return entries
        before = (page[-1].written_at, page[-1].id)


def _progress(store: Store, pair: PairView, period: Period) -> list[str]:
    """Progress by month over the period: figures only (services/progress)."""
    from mentor_tui.services.progress import load_progress
    from mentor_tui.services.progress_words import markdown_section

    found = load_progress(store, pair.id, by="month", since=period.since, until=period.until)
    return markdown_section(found, period.words())


def markdown_report(store: Store, pair: PairView, period: Period) -> str:
    from mentor_tui.services.actions import all_action_items, list_feedback
    from mentor_tui.services.checkins import list_checkins
    from mentor_tui.services.goals import list_goals
    from mentor_tui.services.milestones import list_milestones
    from mentor_tui.services.profile import viewer_today
    from mentor_tui.services.report_closing import closing_section
    from mentor_tui.services.review import review_rows
    from mentor_tui.services.sessions import check_kind, list_sessions, when_text

    zone, today = pair.me.timezone, viewer_today(store)
    p = pair.pair
    milestones = list_milestones(store, pair.id)
    goals = list_goals(store, pair.id, include_dropped=True)
    held = [
        s
        for s in reversed(list_sessions(store, pair.id).past)
        if s.status == SessionStatus.HELD and period.holds(s.starts_at)
    ]
    items = [
        v
        for v in all_action_items(store, pair.id)
        if (
            period.until is None
            or v.item.created_at is None
            or local(v.item.created_at, zone).date() <= period.until
        )
        and (v.item.closed_at is None or period.since is None or period.holds(v.item.closed_at))
    ]
    closed = [
        v for v in items if v.item.status != ActionStatus.OPEN and period.holds(v.item.closed_at)
    ]
    done_milestones = [
        m
        for m in milestones
        if m.milestone.status == MilestoneStatus.DONE
        and (period.whole or period.holds_day(m.milestone.done_on))
    ]
    achieved = [
        g
        for g in goals
        if g.goal.status == GoalStatus.ACHIEVED
        and (period.whole or period.holds(g.goal.achieved_at))
    ]

    out = [
        f"# Mentorship report: {one_line(pair.label)}",
        "",
        f"Generated {today.isoformat()}, covering {period.words()}. Cadence {p.cadence}; from "
        f"{p.starts_on or '?'} to {p.planned_end_on or 'open-ended'}; status {p.status}.",
        "",
        "## Summary",
        "",
        f"In this period ({period.words()}): {_count(len(held), 'session')} held, "
        f"{_count(len(done_milestones), 'milestone')} done, "
        f"{_count(len(achieved), 'goal')} achieved, "
        f"{_count(len(closed), 'action item')} closed"
        + (
            f" ({sum(v.item.status == ActionStatus.DONE for v in closed)} done, "
            f"{sum(v.item.status == ActionStatus.DROPPED for v in closed)} dropped)"
            if closed
            else ""
        )
        + f"; {_count(sum(v.item.status == ActionStatus.OPEN for v in items), 'action item')}"
        " still open.",
        "",
    ]
    out += closing_section(store, pair)
    out += _progress(store, pair, period)
    out += ["## Charter", ""]
    for field in CHARTER_TEXT_FIELDS:
        out += _block(field.label, getattr(p, field.name))

    out += ["## Goals", ""]
    if not goals:
        out += ["No goals yet.", ""]
    for view in goals:
        goal = view.goal
        out += [
            f"### {one_line(goal.title)}",
            "",
            f"Status: {goal.status}; due {goal.due_on or 'not set'}; "
            f"milestones {view.milestones_done}/{view.milestones_total} done.",
            "",
        ]
        for label, value in (
            ("Specific", goal.specific),
            ("Measurable", goal.measurable),
            ("Achievable", goal.achievable),
            ("Relevant", goal.relevant),
        ):
            if value.strip():
                out.append(f"- {label}: {one_line(value)}")
        out.append(f"- Time-bound: {goal.due_on or 'not set'}")
        out.append("")
        for m in (m for m in milestones if m.milestone.goal_id == goal.id):
            mark = "x" if m.milestone.status == "done" else " "
            evidence = (
                f" — evidence: {one_line(m.milestone.evidence)}" if m.milestone.evidence else ""
            )
            out.append(
                f"- [{mark}] {one_line(m.milestone.title)} "
                f"({m.milestone.status.replace('_', ' ')}, "
                f"due {m.milestone.due_on or 'not set'}){evidence}"
            )
        out.append("")

    out += [
        "## Assessments",
        "",
        "Self-assessment (mentee) next to the mentor's; ≠ marks a disagreement.",
        "",
    ]
    any_scored = False
    for view in goals:
        review = review_rows(store, view.goal.id)
        scored = [r for r in review.rows if r.mentee or r.mentor]
        if not scored:
            continue
        any_scored = True
        out += [f"### {one_line(view.goal.title)}", ""]
        for row in scored:
            sides = []
            for who, a in (("self", row.mentee), ("mentor", row.mentor)):
                if a is None:
                    sides.append(f"{who}: not scored")
                else:
                    comment = f" ({one_line(a.comment)})" if a.comment.strip() else ""
                    sides.append(f"{who} {a.score}/5{comment}")
            mark = f" — ≠ they disagree: {row.disagreement}" if row.disagreement else ""
            out.append(f"- {one_line(row.milestone.title)}: {'; '.join(sides)}{mark}")
        out.append("")
    if not any_scored:
        out += ["No assessments yet.", ""]

    out += ["## Sessions", ""]
    if not held:
        out += ["No sessions held in this period.", ""]
    for s in held:
        out += [f"### {when_text(s, pair)} — {check_kind(s.kind).label}", ""]
        for title, value in (
            ("Notes", s.shared_notes),
            ("Takeaways", s.takeaways),
            ("Accomplishments", s.accomplishments),
            ("Roadblocks", s.roadblocks),
        ):
            out += _block(title, value)
        feedback = list_feedback(store, s.id)
        if feedback:
            out += ["**Feedback**", ""]
            for f in feedback:
                author = pair.person(f.author_id)
                line = f"- From {one_line(author.display_name) if author else 'someone'}: "
                line += one_line(f.observation)
                if f.impact.strip():
                    line += f" Impact: {one_line(f.impact)}"
                if f.next_step.strip():
                    line += f" Next: {one_line(f.next_step)}"
                out.append(line)
            out.append("")

    out += ["## Action items", ""]
    if not items:
        out += ["None in this period.", ""]
    for v in items:
        state = v.item.status
        if state == ActionStatus.OPEN and v.carried:
            state = f"open, {v.carried_text}"
        due = f", due {v.item.due_on}" if v.item.due_on else ""
        out.append(f"- [{state}] {one_line(v.item.title)} — {one_line(v.owner_name)}{due}")
    out.append("")

    out += ["## Check-ins", ""]
    checkins = [
        c
        for c in reversed(list_checkins(store, pair.id, limit=10_000))
        if period.holds(c.answered_at)
    ]
    if not checkins:
        out += ["No check-ins in this period.", ""]
    for c in checkins:
        out += [f"### {format_instant(c.answered_at, zone)}", ""]
        out += _block("Lesson that stuck", c.lesson)
        out += _block("Goal before the next session", c.next_goal)
        if c.last_goal_rating is not None:
            out += [f"Last goal went {c.last_goal_rating}/5.", ""]

    out += ["## Shared journal entries", ""]
    entries = [e for e in _shared_entries(store, pair) if period.holds(e.written_at)]
    if not entries:
        out += ["None shared.", ""]
    for entry in reversed(entries):
        title = one_line(entry.title) if entry.title.strip() else "(untitled)"
        out += [f"### {format_instant(entry.written_at, zone)} — {title}", ""]
        if entry.body.strip():
            out += [demote(entry.body), ""]
        if entry.tags:
            out += ["Tags: " + ", ".join(entry.tags.split()), ""]
    return visible("\n".join(out).rstrip() + "\n")  # newlines and tabs kept
