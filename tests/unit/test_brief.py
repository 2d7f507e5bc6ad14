"""The prep brief: what changed since the last held session, and turning it into the
next session's agenda in one call."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from mentor_tui.models.tables import Goal, GoalChange, JournalEntry, Milestone
from mentor_tui.services import actions, brief, checkins
from mentor_tui.services import sessions as svc
from mentor_tui.services.journal import add_journal_entry, set_shared
from mentor_tui.services.profile import set_up_profile


def _held(store, pair, when):
    row = svc.schedule_session(store, pair.id, when)
    return svc.set_session_status(store, row.id, "held")


def _story(store, pair, clock):
    """A held session on 26 Oct; since then: journal entries, milestones, a goal change."""
    last = _held(store, pair, "2026-10-26 10:00")
    old = _held(store, pair, "2026-10-12 10:00")
    actions.add_action_item(
        store,
        pair.id,
        "Draft the RFC",
        session_id=old.id,
        owner_id=pair.mentee.id,
        due_on=date(2026, 11, 1),
    )
    actions.add_action_item(
        store,
        pair.id,
        "Intro to Marcus",
        session_id=last.id,
        owner_id=pair.mentor.id,
        due_on=date(2026, 11, 20),
    )
    with store.write() as session:
        goal = Goal(pair_id=pair.id, title="Lead the design review", status="approved")
        session.add(goal)
        session.flush()
        session.add(
            Milestone(
                pair_id=pair.id,
                goal_id=goal.id,
                title="Problem statement",
                status="done",
                done_on=date(2026, 11, 2),
            )
        )
        session.add(
            Milestone(
                pair_id=pair.id,
                goal_id=goal.id,
                title="Old done one",
                status="done",
                done_on=date(2026, 10, 1),
            )
        )
        session.add(
            Milestone(
                pair_id=pair.id, goal_id=goal.id, title="Reviewer list", due_on=date(2026, 11, 10)
            )
        )
        session.add(
            GoalChange(
                goal_id=goal.id,
                changed_at=datetime(2026, 11, 3, tzinfo=UTC),
                field="measurable",
                old_value="a",
                new_value="b",
            )
        )
        # Ada's entries reach Grace's home by sync: written here directly.
        for n, (shared, month, day) in enumerate([(True, 11, 10), (False, 11, 11), (True, 10, 20)]):
            session.add(
                JournalEntry(
                    pair_id=pair.id,
                    author_id=pair.mentee.id,
                    title=f"Entry {n}",
                    written_at=datetime(2026, month, day, 12, tzinfo=UTC),
                    shared=shared,
                )
            )
    return last


def test_brief_collects_what_changed_since_the_last_session(store, pair, clock):
    last = _story(store, pair, clock)
    got = brief.prep_brief(store, pair.id)
    assert got.last_session.id == last.id
    assert got.days_since_last == 21
    assert got.cadence_days == 14
    assert got.slipped_days == 7
    assert got.cadence_text == "21 days since the last session (cadence every 14 days, 7 days over)"
    assert [e.title for e in got.shared_entries] == ["Entry 0"]  # private and older left out
    assert [m.milestone.title for m in got.milestones_done] == ["Problem statement"]
    assert [m.milestone.title for m in got.milestones_slipped] == ["Reviewer list"]
    assert [(c.goal.title, [x.field for x in c.changes]) for c in got.goal_changes] == [
        ("Lead the design review", ["measurable"])
    ]
    items = {v.item.title: v for v in got.open_items}
    assert items["Draft the RFC"].carried == 1 and items["Draft the RFC"].overdue_days == 15
    assert items["Draft the RFC"].stale
    assert [v.item.title for v in got.overdue_items] == ["Draft the RFC"]
    assert got.checkin is None


def test_brief_to_agenda_plans_the_next_session_and_is_repeatable(store, pair, clock):
    _story(store, pair, clock)
    row, created = brief.brief_to_agenda(store, pair.id)
    assert created
    assert row.status == "planned" and row.starts_at > clock.now()
    # Due on 9 Nov, which has passed: the next day at the usual hour (10:00 New York).
    assert row.starts_at == datetime(2026, 11, 16, 15, 0, tzinfo=UTC)
    agenda = row.agenda
    assert agenda.startswith("## Prep brief · 21 days since the last session (cadence")
    assert (
        "- [ ] Draft the RFC (Ada Lovelace, overdue 2 weeks, carried 1 session) "
        "**(stale)**" in agenda
    )
    assert "- Done: Problem statement (Lead the design review)" in agenda
    assert "- Slipped: Reviewer list (Lead the design review), overdue 6 days" in agenda
    assert "- Lead the design review: measurable (now approved)" in agenda
    assert "Entry 0" in agenda and "Entry 1" not in agenda
    # The person adds to the agenda; a second run replaces only the brief's section.
    svc.update_session(store, row.id, agenda="1. My own point\n\n" + agenda + "\n## After\nkeep")
    again, created = brief.brief_to_agenda(store, pair.id)
    assert not created and again.id == row.id
    assert again.agenda.startswith("1. My own point\n\n## Prep brief")
    assert again.agenda.count("## Prep brief") == 1
    assert again.agenda.rstrip().endswith("## After\nkeep")


def test_brief_uses_the_planned_session_when_there_is_one(store, pair, clock):
    planned = svc.schedule_session(store, pair.id, "2026-11-20 10:00", agenda="Existing")
    row, created = brief.brief_to_agenda(store, pair.id)
    assert not created and row.id == planned.id
    assert row.agenda.startswith("Existing\n\n## Prep brief · no session held yet")
    assert "Nothing new since the last session." in row.agenda


def test_brief_shows_the_latest_checkin(store, clock):
    set_up_profile(store, "Ada Lovelace", "Europe/Berlin")
    from mentor_tui.services.pairs import create_pair

    pair = create_pair(
        store, partner_name="Grace Hopper", partner_timezone="America/New_York", my_role="mentee"
    )
    _held(store, pair, "2026-11-02 15:00")
    checkins.answer_checkin(
        store, pair.id, lesson="Lead with the diagram", next_goal="Send the RFC", rating=4
    )
    entry = add_journal_entry(store, "Shared thought", pair_id=pair.id)
    set_shared(store, entry.id, True)
    got = brief.prep_brief(store, pair.id)
    assert got.checkin_is_new and got.checkin.lesson == "Lead with the diagram"
    text = brief.brief_to_markdown(got)
    assert "### Check-in (answered today)" in text
    assert "- How the last goal went: 4/5" in text
    assert [e.title for e in got.shared_entries] == ["Shared thought"]


def test_demo_brief_for_ada(demo_store, clock):
    from mentor_tui.services.pairs import find_pair

    pair = find_pair(demo_store, "Ada")
    got = brief.prep_brief(demo_store, pair.id)
    assert got.last_session is not None
    text = brief.brief_to_markdown(got)
    assert text.startswith("## Prep brief")
    row, _created = brief.brief_to_agenda(demo_store, pair.id)
    assert "## Prep brief" in row.agenda
    assert row.starts_at > clock.now() - timedelta(days=1)
