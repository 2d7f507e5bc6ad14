"""Sessions as an iCalendar file (RFC 5545): upcoming ones, and cancelled ones with the
same UID and STATUS:CANCELLED so a calendar that imported them drops them too.

Times are UTC, so every calendar agrees. TEXT is escaped (backslash, semicolon, comma,
newline) and lines are folded at 75 octets, never inside a UTF-8 character.
"""

from __future__ import annotations

from datetime import datetime

from mentor_tui.models.db import Store
from mentor_tui.models.enums import SessionStatus
from mentor_tui.models.tables import MentoringSession
from mentor_tui.services.pairs import PairView
from mentor_tui.services.sessions import check_kind, list_sessions, session_end, when_text
from mentor_tui.services.text import visible

REMINDER_MINUTES = 15


def ics_text(value: str) -> str:
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


def fold(line: str) -> list[str]:
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


def _description(s: MentoringSession, pair: PairView) -> str:
    parts = [when_text(s, pair)]
    if s.agenda.strip():
        parts.append(f"Agenda:\n{s.agenda.strip()}")
    backup = pair.pair.backup_channel.strip()
    if backup:
        parts.append(f"If the call fails: {backup}")
    return "\n\n".join(parts)


def _event(s: MentoringSession, pair: PairView) -> list[str]:
    summary = f"Mentoring {check_kind(s.kind).label}: {pair.label}"
    cancelled = s.status == SessionStatus.CANCELLED
    lines = [
        "BEGIN:VEVENT",
        f"UID:{s.id}@mentor-tui",
        f"DTSTAMP:{_stamp(s.updated_at or s.starts_at)}",
        f"DTSTART:{_stamp(s.starts_at)}",
        f"DTEND:{_stamp(session_end(s))}",
        f"SUMMARY:{ics_text(summary)}",
        f"DESCRIPTION:{ics_text(_description(s, pair))}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"SEQUENCE:{max(0, s.revision - 1)}",
    ]
    if not cancelled:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{ics_text(summary)}",
            f"TRIGGER:-PT{REMINDER_MINUTES}M",
            "END:VALARM",
        ]
    return [*lines, "END:VEVENT"]


def ics_calendar(store: Store, pair: PairView) -> str:
    """Upcoming sessions, and cancelled ones that have not started yet."""
    lists = list_sessions(store, pair.id)
    now = store.clock.now()
    cancelled = [
        s for s in lists.past if s.status == SessionStatus.CANCELLED and s.starts_at >= now
    ]
    sessions = sorted([*lists.upcoming, *cancelled], key=lambda s: (s.starts_at, s.id))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//mentor-tui//sessions//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for s in sessions:
        lines += _event(s, pair)
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line))
