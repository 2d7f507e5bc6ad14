"""Per-pair reports: Markdown to bring to a performance review, iCalendar for sessions.

Neither ever contains private session notes or journal entries that were not shared,
nor a raw escape code: both are printed to terminals (`mentor export`), so the stored
text in them goes through services/text.visible.
"""

from __future__ import annotations

from datetime import datetime

from mentor_tui.dates import format_instant
from mentor_tui.errors import InvalidInput
from mentor_tui.models.charter import CHARTER_TEXT_FIELDS
from mentor_tui.models.db import Store
from mentor_tui.models.enums import SessionStatus
from mentor_tui.models.tables import JournalEntry
from mentor_tui.services.goals import list_goals
from mentor_tui.services.journal import list_journal
from mentor_tui.services.milestones import list_milestones
from mentor_tui.services.pairs import PairView
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.sessions import check_kind, list_sessions, session_end, when_text
from mentor_tui.services.text import visible

FORMATS = ("markdown", "ics")


def render(store: Store, pair: PairView, format: str) -> str:
    if format == "markdown":
        return markdown_report(store, pair)
    if format == "ics":
        return ics_calendar(store, pair)
    raise InvalidInput(f"unknown report format {format!r}; choose one of: {', '.join(FORMATS)}")


def _shared_entries(store: Store, pair: PairView) -> list[JournalEntry]:
    entries: list[JournalEntry] = []
    before = None
    while True:
        page = list_journal(store, pair.id, limit=500, before=before, shared_only=True)
        entries += page
        if len(page) < 500:
            return entries
        before = (page[-1].written_at, page[-1].id)


def _block(title: str, text: str) -> list[str]:
    return [f"**{title}**", "", text.strip(), ""] if text.strip() else []


def markdown_report(store: Store, pair: PairView) -> str:
    zone, today = pair.me.timezone, viewer_today(store)
    p = pair.pair
    out = [
        f"# Mentorship report: {pair.label}",
        "",
        f"Generated {today.isoformat()}. Cadence {p.cadence}; from "
        f"{p.starts_on or '?'} to {p.planned_end_on or 'open-ended'}; status {p.status}.",
        "",
        "## Charter",
        "",
    ]
    for field in CHARTER_TEXT_FIELDS:
        out += _block(field.label, getattr(p, field.name))
    out += ["## Goals", ""]
    milestones = list_milestones(store, pair.id)
    goals = list_goals(store, pair.id, include_dropped=True)
    if not goals:
        out += ["No goals yet.", ""]
    for view in goals:
        goal = view.goal
        out += [
            f"### {goal.title}",
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
                out.append(f"- {label}: {value.strip()}")
        out.append(f"- Time-bound: {goal.due_on or 'not set'}")
        out.append("")
        for m in (m for m in milestones if m.milestone.goal_id == goal.id):
            mark = "x" if m.milestone.status == "done" else " "
            evidence = f" — evidence: {m.milestone.evidence}" if m.milestone.evidence else ""
            out.append(
                f"- [{mark}] {m.milestone.title} ({m.milestone.status.replace('_', ' ')}, "
                f"due {m.milestone.due_on or 'not set'}){evidence}"
            )
        out.append("")
    out += ["## Sessions", ""]
    held = [s for s in list_sessions(store, pair.id).past if s.status == SessionStatus.HELD]
    if not held:
        out += ["No sessions held yet.", ""]
    for s in reversed(held):
        out += [f"### {when_text(s, pair)} — {check_kind(s.kind).label}", ""]
        for title, value in (
            ("Notes", s.shared_notes),
            ("Takeaways", s.takeaways),
            ("Accomplishments", s.accomplishments),
            ("Roadblocks", s.roadblocks),
        ):
            out += _block(title, value)
    out += ["## Shared journal entries", ""]
    entries = _shared_entries(store, pair)
    if not entries:
        out += ["None shared.", ""]
    for entry in reversed(entries):
        out += [f"### {format_instant(entry.written_at, zone)} — {entry.title or '(untitled)'}", ""]
        if entry.body.strip():
            out += [entry.body.strip(), ""]
        if entry.tags:
            out += ["Tags: " + ", ".join(entry.tags.split()), ""]
    return visible("\n".join(out).rstrip() + "\n")  # newlines and tabs kept


def _ics_text(value: str) -> str:
    """RFC 5545 TEXT escaping (TEXT may hold no control character but a newline)."""
    return (
        visible(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545 3.1)."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def ics_calendar(store: Store, pair: PairView) -> str:
    """Upcoming sessions as an iCalendar file (times in UTC, so every calendar agrees)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//mentor-tui//sessions//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for s in list_sessions(store, pair.id).upcoming:
        summary = f"Mentoring {check_kind(s.kind).label}: {pair.label}"
        description = when_text(s, pair) + (
            f"\n\nAgenda:\n{s.agenda.strip()}" if s.agenda.strip() else ""
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{s.id}@mentor-tui",
            f"DTSTAMP:{_stamp(s.updated_at or s.starts_at)}",
            f"DTSTART:{_stamp(s.starts_at)}",
            f"DTEND:{_stamp(session_end(s))}",
            f"SUMMARY:{_ics_text(summary)}",
            f"DESCRIPTION:{_ics_text(description)}",
            f"SEQUENCE:{max(0, s.revision - 1)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
