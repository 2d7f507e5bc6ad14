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


def _goal_with_milestone(store, pair, *, title="Give a talk", status="done"):
    with store.write() as session:
        goal = Goal(pair_id=pair.id, title=title, status="approved")
        session.add(goal)
        session.flush()
        milestone = Milestone(
            pair_id=pair.id, goal_id=goal.id, title="Outline", status=status, done_on=None
        )
        session.add(milestone)
    return goal, milestone


def test_markdown_report_has_assessments_feedback_actions_checkins_and_a_summary(store, pair):
    from datetime import UTC, datetime

    from mentor_tui.models.tables import CheckIn
    from mentor_tui.services.actions import (
        add_action_item,
        add_feedback,
        complete_action_item,
        drop_action_item,
    )
    from mentor_tui.services.review import assess_milestone

    _goal, milestone = _goal_with_milestone(store, pair)
    assess_milestone(store, milestone.id, score=5, comment="Nailed it", person_id=pair.mentee.id)
    assess_milestone(store, milestone.id, score=2, comment="Too thin")
    held = svc.schedule_session(store, pair.id, "2026-11-02 10:00")
    svc.set_session_status(store, held.id, "held")
    add_feedback(store, held.id, "Clear slides", impact="People followed", next_step="Shorter")
    done = add_action_item(store, pair.id, "Send the outline", session_id=held.id)
    complete_action_item(store, done.id)
    dropped = add_action_item(store, pair.id, "Book a room")
    drop_action_item(store, dropped.id)
    add_action_item(store, pair.id, "Rehearse twice")
    with store.write() as session:
        session.add(
            CheckIn(
                pair_id=pair.id,
                person_id=pair.mentee.id,
                lesson="Slow down",
                next_goal="Rehearse",
                last_goal_rating=4,
                answered_at=datetime(2026, 11, 1, 12, tzinfo=UTC),
            )
        )
    text = reports.render(store, pair, "markdown")
    assert (
        "- Outline: self 5/5 (Nailed it); mentor 2/5 (Too thin) — ≠ they disagree: "
        "marked done, but the mentor scored it 2/5"
    ) in text
    assert "- From Grace Hopper: Clear slides Impact: People followed Next: Shorter" in text
    assert "- [done] Send the outline" in text and "- [dropped] Book a room" in text
    assert "- [open] Rehearse twice — nobody" in text
    assert "Slow down" in text and "Rehearse" in text and "Last goal went 4/5." in text
    assert (
        "In this period (since the start): 1 session held, 1 milestone done, 0 goals "
        "achieved, 2 action items closed (1 done, 1 dropped); 1 action item still open."
    ) in text
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    assert sections == [
        "## Summary",
        "## Progress",
        "## Charter",
        "## Goals",
        "## Assessments",
        "## Sessions",
        "## Action items",
        "## Check-ins",
        "## Shared journal entries",
    ]


def test_headings_in_user_text_sit_below_the_reports(store, pair):
    held = svc.schedule_session(store, pair.id, "2026-11-02 10:00")
    svc.update_session(
        store, held.id, shared_notes="## Goals\nhijacked\n# Top\nSetext\n---\n```\n## in code"
    )
    svc.set_session_status(store, held.id, "held")
    add_journal_entry(store, "## Goals\n\n## Goals\nMine too", pair_id=pair.id, shared=True)
    text = reports.render(store, pair, "markdown")
    assert [line for line in text.splitlines() if line == "## Goals"] == ["## Goals"]
    assert "##### Goals\nhijacked\n#### Top\nSetext\n\\---\n```\n## in code\n```" in text
    assert "### Mon 16 Nov 04:30 — \\## Goals\n\n##### Goals\nMine too" in text


def test_demote_keeps_code_and_closes_an_open_fence():
    from mentor_tui.services.report_markdown import demote

    assert demote("### deep\n###### deepest") == "###### deep\n###### deepest"
    assert demote("~~~\n# kept\n~~~\n# moved") == "~~~\n# kept\n~~~\n#### moved"
    assert demote("#hashtag stays") == "#hashtag stays"
    assert demote("````\n```\n# code") == "````\n```\n# code\n````"


def test_since_and_until_limit_the_period(store, pair):
    early = svc.schedule_session(store, pair.id, "2026-10-05 10:00", agenda="")
    svc.update_session(store, early.id, shared_notes="EARLY-NOTES")
    svc.set_session_status(store, early.id, "held")
    late = svc.schedule_session(store, pair.id, "2026-11-02 10:00")
    svc.update_session(store, late.id, shared_notes="LATE-NOTES")
    svc.set_session_status(store, late.id, "held")
    from datetime import date

    text = reports.render(store, pair, "markdown", since=date(2026, 11, 1))
    assert "LATE-NOTES" in text and "EARLY-NOTES" not in text
    assert "covering since 2026-11-01" in text and "1 session held" in text
    text = reports.render(store, pair, "markdown", until=date(2026, 10, 31))
    assert "EARLY-NOTES" in text and "LATE-NOTES" not in text
    with pytest.raises(InvalidInput, match="is after"):
        reports.render(store, pair, "markdown", since=date(2026, 11, 2), until=date(2026, 11, 1))


def test_ics_keeps_cancelled_sessions_with_their_uid_and_has_a_reminder(store, pair):
    from mentor_tui.services.pairs import update_charter

    pair = update_charter(store, pair.id, backup_channel="Phone; then chat, if all else fails")
    kept = svc.schedule_session(store, pair.id, "2026-11-24 08:00", agenda="Retro\nPlans")
    gone = svc.schedule_session(store, pair.id, "2026-11-25 08:00")
    svc.set_session_status(store, gone.id, "cancelled")
    text = reports.render(store, pair, "ics")
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "").split("\r\n")
    events = "\r\n".join(unfolded).split("BEGIN:VEVENT")[1:]
    assert len(events) == 2
    assert f"UID:{kept.id}@mentor-tui" in events[0] and "STATUS:CONFIRMED" in events[0]
    assert f"UID:{gone.id}@mentor-tui" in events[1] and "STATUS:CANCELLED" in events[1]
    assert "BEGIN:VALARM\r\nACTION:DISPLAY" in events[0] and "TRIGGER:-PT15M" in events[0]
    assert "VALARM" not in events[1]
    assert "SEQUENCE:1" in events[1]
    description = next(line for line in unfolded if line.startswith("DESCRIPTION:Tue"))
    assert "\\n\\nAgenda:\\nRetro\\nPlans\\n\\n" in description
    assert "If the call fails: Phone\\; then chat\\, if all else fails" in description
    assert len(description.encode()) > 75  # it was folded to fit


def test_ics_folds_inside_no_utf8_character():
    from mentor_tui.services.calendar import fold

    parts = fold("DESCRIPTION:" + "é" * 80)
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == "DESCRIPTION:" + "é" * 80
