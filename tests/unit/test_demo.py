"""The demo data: what a newcomer sees first, so it must be complete, consistent with the
clock it was written for, and the same every run."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from mentor_tui.clock import FrozenClock
from mentor_tui.demo import meetings, story
from mentor_tui.demo.builder import demo_id, demo_records, demo_records_by_writer, write_demo
from mentor_tui.errors import MentorError
from mentor_tui.models.db import Store
from mentor_tui.models.enums import Role
from mentor_tui.models.tables import (
    ActionItem,
    Assessment,
    CheckIn,
    Feedback,
    Goal,
    GoalChange,
    JournalEntry,
    MentoringSession,
    Milestone,
    Pair,
    Person,
)
from mentor_tui.services.dashboard import load_dashboard
from mentor_tui.services.exchange import export_data
from mentor_tui.services.milestones import list_milestones
from mentor_tui.services.pairs import find_pair, list_pairs
from mentor_tui.services.profile import get_me, set_up_profile
from mentor_tui.services.sessions import next_session, open_action_items

ADA_PAIR = demo_id("pair", "ada")


def rows(store, model, **where):
    with store.read() as session:
        query = select(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return list(session.exec(query).all())


def test_ada_pair_has_the_promised_shape(demo_store):
    assert len(rows(demo_store, Goal, pair_id=ADA_PAIR)) == 3
    assert len(rows(demo_store, Milestone, pair_id=ADA_PAIR)) == 8
    assert len(rows(demo_store, MentoringSession, pair_id=ADA_PAIR)) == 6
    entries = rows(demo_store, JournalEntry, pair_id=ADA_PAIR)
    assert len(entries) == 20
    assert {e.author_id for e in entries} == {demo_id("person", "ada")}


def test_charter_is_complete(demo_store):
    pair = rows(demo_store, Pair, id=ADA_PAIR)[0]
    for name in (
        "purpose",
        "success_looks_like",
        "progress_measure",
        "communication_norms",
        "backup_channel",
    ):
        assert getattr(pair, name), name
    assert (pair.cadence, pair.goal_approver, pair.status) == ("biweekly", "mentor", "active")
    today = demo_store.clock.now().date()
    assert 80 <= (today - pair.starts_on).days <= 100
    assert 80 <= (pair.planned_end_on - today).days <= 100


def test_goals_are_smart_and_in_every_state(demo_store):
    goals = rows(demo_store, Goal, pair_id=ADA_PAIR)
    assert sorted(g.status for g in goals) == ["achieved", "approved", "proposed"]
    for goal in goals:
        assert all((goal.specific, goal.measurable, goal.achievable, goal.relevant, goal.due_on))
        assert any(ch.isdigit() for ch in goal.measurable), goal.title
    approved = next(g for g in goals if g.status == "approved")
    history = rows(demo_store, GoalChange, goal_id=approved.id)
    after_approval = [c for c in history if c.changed_at > approved.approved_at]
    assert {c.field for c in after_approval} == {"due_on", "measurable"}
    assert all(c.goal_status == "approved" for c in after_approval)
    moved = next(c for c in after_approval if c.field == "due_on")
    assert moved.new_value == approved.due_on.isoformat() != moved.old_value


def test_milestones_mixed_with_evidence_and_one_overdue(demo_store):
    views = list_milestones(demo_store, ADA_PAIR)
    today = demo_store.clock.now().date()
    assert {v.milestone.status for v in views} == {"done", "in_progress", "planned", "blocked"}
    done = [v.milestone for v in views if v.milestone.status == "done"]
    assert done and all(m.evidence and m.done_on for m in done)
    assert any("commit" in m.evidence for m in done) and any("https://" in m.evidence for m in done)
    assert len([v for v in views if v.is_overdue(today)]) == 1


def test_assessments_by_both_sides_with_a_disagreement(demo_store):
    scores: dict[str, dict[str, int]] = {}
    for a in rows(demo_store, Assessment, pair_id=ADA_PAIR):
        scores.setdefault(a.milestone_id, {})[a.role] = a.score
    done = {m.id for m in rows(demo_store, Milestone, pair_id=ADA_PAIR, status="done")}
    assert set(scores) == done
    assert all(set(both) == {"mentor", "mentee"} for both in scores.values())
    disagreements = [
        s for s in scores.values() if abs(s["mentor"] - s["mentee"]) >= 2 or s["mentor"] <= 2
    ]
    assert disagreements


def test_sessions_cadence_and_times_sensible_in_both_zones(demo_store):
    sessions = sorted(
        rows(demo_store, MentoringSession, pair_id=ADA_PAIR), key=lambda s: s.starts_at
    )
    now = demo_store.clock.now()
    assert [s.kind for s in sessions] == ["kickoff"] + ["check_in"] * 4 + ["review"]
    assert [s.status for s in sessions] == ["held"] * 5 + ["planned"]
    assert all(s.starts_at < now for s in sessions[:5]) and sessions[-1].starts_at > now
    for s in sessions[:5]:
        assert all((s.agenda, s.shared_notes, s.private_notes, s.takeaways, s.accomplishments)), (
            s.kind
        )
    for s in sessions:
        for zone in ("Europe/Berlin", "America/New_York"):
            local = s.starts_at.astimezone(ZoneInfo(zone))
            assert 8 <= local.hour <= 17 and local.weekday() < 5, (zone, local)
    view = find_pair(demo_store, "Ada")
    nxt = next_session(demo_store, view)
    assert nxt.planned is not None and nxt.planned.kind == "review"
    assert nxt.days_since_last == 20  # slipped past the biweekly cadence; review in 3 days
    assert (nxt.planned.starts_at.date() - now.date()).days == 3


def test_action_items_feedback_and_check_ins(demo_store):
    today = demo_store.clock.now().date()
    items = rows(demo_store, ActionItem, pair_id=ADA_PAIR)
    assert {"done", "open", "dropped"} <= {i.status for i in items}
    assert all(i.owner_id and i.due_on and i.session_id for i in items)
    kickoff_and_second = {demo_id("session", "s1"), demo_id("session", "s2")}
    carried = [i for i in items if i.status == "open" and i.session_id in kickoff_and_second]
    assert carried and all(i.due_on < today for i in carried)
    assert open_action_items(demo_store, ADA_PAIR)[0].item.id == carried[0].id
    feedback = rows(demo_store, Feedback, pair_id=ADA_PAIR)
    assert len(feedback) >= 4 and all(f.observation and f.impact and f.next_step for f in feedback)
    check_in = rows(demo_store, CheckIn, session_id=demo_id("session", "review"))[0]
    assert check_in.person_id == demo_id("person", "ada")
    assert check_in.lesson and check_in.next_goal and check_in.last_goal_rating in range(1, 6)


def test_journal_is_mixed_and_spread_over_three_months(demo_store):
    entries = rows(demo_store, JournalEntry, pair_id=ADA_PAIR)
    now = demo_store.clock.now()
    shared = [e for e in entries if e.shared]
    assert 5 <= len(shared) <= 15
    assert sum(1 for e in entries if e.goal_id) >= 8
    assert sum(1 for e in entries if e.prompt) >= 4
    assert all(e.tags and e.title and e.body for e in entries)
    ages = [(now - e.written_at).days for e in entries]
    assert max(ages) >= 85 and min(ages) <= 2 and all(e.written_at < now for e in entries)


def test_the_second_pair_is_smaller_and_switchable(demo_store):
    views = list_pairs(demo_store)
    assert [v.partner.display_name for v in views] == ["Ada Lovelace", "Katherine Johnson"]
    katherine = views[1].id
    assert len(rows(demo_store, Goal, pair_id=katherine)) == 1
    assert len(rows(demo_store, Milestone, pair_id=katherine)) == 2
    assert len(rows(demo_store, MentoringSession, pair_id=katherine)) == 1
    assert rows(demo_store, JournalEntry, pair_id=katherine)
    dashboard = load_dashboard(demo_store, ADA_PAIR)
    assert dashboard.goals and dashboard.action_items and dashboard.journal and dashboard.wins


def test_as_the_mentee_i_am_ada_and_see_only_my_pair(store):
    summary = write_demo(store, as_role="mentee")
    assert "Ada Lovelace (mentee)" in summary
    assert get_me(store).display_name == "Ada Lovelace"
    [view] = list_pairs(store)
    assert view.my_role == Role.MENTEE and view.partner.display_name == "Grace Hopper"
    kickoff = rows(store, MentoringSession, id=demo_id("session", "s1"))[0]
    assert "Nervous beforehand" in kickoff.private_notes  # Ada's own private notes


def test_deterministic_across_runs_and_homes(tmp_path, clock):
    first = [r.model_dump() for r in demo_records(clock.now())]
    assert first == [r.model_dump() for r in demo_records(clock.now())]
    exports = []
    for name in ("one", "two"):
        store = Store.open_home(tmp_path / name, FrozenClock(clock.now()))
        write_demo(store)
        exports.append(json.dumps(export_data(store), sort_keys=True))
        store.close()
    assert exports[0] == exports[1]


def test_idempotent(demo_store):
    before = export_data(demo_store)
    assert write_demo(demo_store) == "the demo is already here; nothing added"
    assert export_data(demo_store) == before


def test_refuses_a_home_with_someone_elses_profile(store):
    set_up_profile(store, "Margaret Hamilton", "America/New_York")
    with pytest.raises(MentorError, match="already belongs to Margaret Hamilton") as caught:
        write_demo(store)
    assert "\n" not in str(caught.value)
    assert rows(store, Pair) == []


def test_refuses_the_other_side_of_an_existing_demo(demo_store):
    with pytest.raises(MentorError, match="not Ada Lovelace"):
        write_demo(demo_store, as_role="mentee")


@pytest.mark.parametrize("days", range(7))
def test_consistent_on_every_weekday(days):
    """Written on any day of the week, nothing is stamped in the future, held sessions are
    past, the review is a few days ahead, and the story's order holds."""
    now = datetime(2026, 3, 2, 21, 45, tzinfo=UTC) + timedelta(days=days)
    records = demo_records(now)
    assert all(r.created_at <= r.updated_at <= now for r in records)
    sessions = {r.id: r for r in records if isinstance(r, MentoringSession)}
    for s in sessions.values():
        assert (s.starts_at < now) == (s.status == "held")
    review = sessions[demo_id("session", "review")]
    assert 2 <= (review.starts_at.date() - now.date()).days <= 8
    for item in (r for r in records if isinstance(r, ActionItem)):
        assert item.created_at > sessions[item.session_id].starts_at
        assert item.closed_at is None or item.created_at <= item.closed_at <= now
    check_in = next(r for r in records if isinstance(r, CheckIn) and r.session_id == review.id)
    assert check_in.answered_at < now


def test_split_by_writer_each_home_holds_only_what_its_owner_wrote(clock):
    """The two-home demo's input: every record once, under the person who wrote it."""
    by_writer = demo_records_by_writer(clock.now())
    assert set(by_writer) == set(story.PEOPLE)
    ids = [r.id for rows in by_writer.values() for r in rows]
    assert len(ids) == len(set(ids))
    one_home = {r.id for r in demo_records(clock.now())}
    approvals = set(ids) - one_home  # the approver's own word on a goal, once a record
    assert one_home <= set(ids)
    for key, rows in by_writer.items():
        me = demo_id("person", key)
        [person] = [r for r in rows if isinstance(r, Person)]
        assert person.id == me and not person.is_me  # the home says who it belongs to
        for entry in (r for r in rows if isinstance(r, JournalEntry)):
            assert entry.author_id == me  # private entries never leave their author
        for session in (r for r in rows if isinstance(r, MentoringSession)):
            key_of = next(k for k in meetings.SESSION_TIMES if demo_id("session", k) == session.id)
            assert meetings.SESSION_TIMES[key_of][2] == key  # the one who scheduled it
            if key_of in meetings.SESSION_NOTES:  # their own private notes, nobody else's
                notes = meetings.SESSION_NOTES[key_of]["private"]
                assert session.private_notes == notes["mentor" if key == "grace" else "mentee"]
    assert not [r for r in by_writer["grace"] if isinstance(r, JournalEntry)]
    changes = {r.id: r for r in by_writer["grace"] if isinstance(r, GoalChange)}
    assert approvals and approvals <= set(changes)
    assert all(
        (changes[i].field, changes[i].new_value, changes[i].changed_by_id)
        == ("status", "approved", demo_id("person", "grace"))
        for i in approvals
    )
    goals = [r for r in by_writer["ada"] if isinstance(r, Goal)]
    assert sorted(g.status for g in goals) == ["achieved", "proposed", "proposed"]
    assert all(g.approved_by_id is None and g.approved_at is None for g in goals)


def test_split_by_writer_is_deterministic(clock):
    def dump(by_writer):
        return {k: [r.model_dump() for r in rows] for k, rows in by_writer.items()}

    assert dump(demo_records_by_writer(clock.now())) == dump(demo_records_by_writer(clock.now()))


def test_the_demos_keys_live_in_its_folder_never_in_the_users_keyring(tmp_path):
    import stat

    import keyring

    from mentor_tui.demo.keyring_file import FILE_NAME, demo_keyring

    users = keyring.get_keyring()
    with demo_keyring(tmp_path):
        keyring.set_password("mentor-tui", "sync-key:p:m", "c2VjcmV0")
        assert keyring.get_password("mentor-tui", "sync-key:p:m") == "c2VjcmV0"
    assert keyring.get_keyring() is users
    assert users.get_password("mentor-tui", "sync-key:p:m") is None
    assert stat.S_IMODE((tmp_path / FILE_NAME).stat().st_mode) == 0o600
    with demo_keyring(tmp_path):  # a copied build reads the same file
        assert keyring.get_password("mentor-tui", "sync-key:p:m") == "c2VjcmV0"
