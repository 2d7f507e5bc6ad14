"""Reports: Markdown for a review (no private text), iCalendar for upcoming sessions."""

from __future__ import annotations

import pytest

from mentor_tui.errors import InvalidInput
from mentor_tui.models.tables import Goal, Milestone
from mentor_tui.services import reports
from mentor_tui.services import sessions as svc
from mentor_tui.services.journal import add_journal_entry


def test_markdown_report_has_the_record_and_nothing_private(store, pair):
    with store.write() as session:
        goal = Goal(
            pair_id=pair.id, title="Give a talk", measurable="30 people attend", status="approved"
        )
        session.add(goal)
        session.flush()
        session.add(
            Milestone(
                pair_id=pair.id,
                goal_id=goal.id,
                title="Outline",
                status="done",
                evidence="https://example.com/outline",
            )
        )
    held = svc.schedule_session(store, pair.id, "2026-11-02 10:00")
    svc.update_session(
        store,
        held.id,
        shared_notes="Agreed the outline",
        takeaways="Practise",
        private_notes="SECRET-NOTE",
    )
    svc.set_session_status(store, held.id, "held")
    add_journal_entry(store, "Shared one. Body text", pair_id=pair.id, shared=True)
    add_journal_entry(store, "PRIVATE-ENTRY stays home", pair_id=pair.id)
    text = reports.render(store, pair, "markdown")
    assert text.startswith("# Mentorship report: Grace Hopper → Ada Lovelace")
    assert "Grow into a staff engineer" in text
    assert "### Give a talk" in text and "- Measurable: 30 people attend" in text
    assert "- [x] Outline (done, due not set) — evidence: https://example.com/outline" in text
    assert "Mon 02 Nov 10:00 New York · 16:00 Berlin — check-in" in text
    assert "Agreed the outline" in text and "Practise" in text
    assert "Shared one." in text
    assert "SECRET-NOTE" not in text and "PRIVATE-ENTRY" not in text


def test_ics_lists_upcoming_sessions_in_utc(store, pair):
    svc.schedule_session(
        store,
        pair.id,
        "2026-11-24 08:00",
        agenda="1. Retro; plans, next steps\n2. " + "long words " * 20,
    )
    svc.schedule_session(store, pair.id, "2026-11-02 08:00")  # past: left out
    text = reports.render(store, pair, "ics")
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART:20261124T130000Z" in lines and "DTEND:20261124T134500Z" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "1. Retro\\; plans\\, next steps\\n2." in unfolded
    assert "SUMMARY:Mentoring check-in: Grace Hopper → Ada Lovelace" in unfolded


def test_unknown_format(store, pair):
    with pytest.raises(InvalidInput, match="unknown report format"):
        reports.render(store, pair, "pdf")
