"""Delete and restore every kind a user writes (services/restore.py), the trash listing
(services/trash.py), and the tombstone a deleted published record leaves."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mentor_tui.errors import InvalidInput, MentorError, NotFound
from mentor_tui.models.db import Store
from mentor_tui.models.enums import ActionStatus, GoalStatus
from mentor_tui.models.record import Record
from mentor_tui.models.tables import (
    ActionItem,
    CheckIn,
    Feedback,
    Goal,
    JournalEntry,
    MentoringSession,
    Milestone,
)
from mentor_tui.services.actions import add_action_item, add_feedback, drop_action_item
from mentor_tui.services.checkins import answer_checkin, latest_checkin
from mentor_tui.services.goals import (
    approve_goal,
    create_goal,
    drop_goal,
    get_goal,
    list_goals,
    mark_goal_achieved,
    propose_goal,
)
from mentor_tui.services.journal import add_journal_entry
from mentor_tui.services.milestones import add_milestone
from mentor_tui.services.pairs import PairView, create_pair
from mentor_tui.services.restore import (
    check_kind,
    delete_record,
    find_restorable,
    restore_goal,
    restore_record,
)
from mentor_tui.services.sessions import schedule_session
from mentor_tui.services.trash import list_trash

SMART = {
    "specific": "Give a 20-minute talk on our sync design at the guild",
    "measurable": "1 talk given, 10 or more attendees",
    "achievable": "Two evenings a week; Grace reviews the slides",
    "relevant": "The charter's aim of speaking up in design discussions",
    "due_on": date(2027, 1, 29),
}
EARLIER = datetime(2026, 11, 10, 12, tzinfo=UTC)


def _deleted(store: Store, model: type[Record], record_id: str) -> bool:
    with store.read() as session:
        row = session.get(model, record_id)
        assert row is not None
        return row.deleted


def _records(store: Store, pair: PairView) -> dict[str, tuple[type[Record], str]]:
    meeting = schedule_session(store, pair.id, "2026-11-20 15:00", agenda="Retro")
    goal = create_goal(store, pair.id, title="Talk")
    return {
        "journal": (JournalEntry, add_journal_entry(store, "A thought", pair_id=pair.id).id),
        "session": (MentoringSession, meeting.id),
        "feedback": (Feedback, add_feedback(store, meeting.id, "Clear demo").id),
        "action": (ActionItem, add_action_item(store, pair.id, "Email the team").id),
        "milestone": (Milestone, add_milestone(store, goal.id, title="Outline").id),
    }


def test_every_kind_deletes_and_restores(store, pair):
    for kind, (model, record_id) in _records(store, pair).items():
        delete_record(store, check_kind(kind), record_id)
        assert _deleted(store, model, record_id), kind
        assert find_restorable(store, check_kind(kind), record_id[:6]).id == record_id
        restore_record(store, check_kind(kind), record_id)
        assert not _deleted(store, model, record_id), kind
        with pytest.raises(InvalidInput, match=r"nothing to restore|is open"):
            restore_record(store, check_kind(kind), record_id)


def test_trash_lists_mine_newest_first_and_forgets_restored(store, pair, clock):
    records = _records(store, pair)
    for kind in ("journal", "milestone", "action"):
        clock.advance(minutes=1)
        delete_record(store, check_kind(kind), records[kind][1])
    trash = list_trash(store, pair.id, "America/New_York")
    assert [(t.kind, t.title, t.state) for t in trash] == [
        ("action", "Email the team", "deleted"),
        ("milestone", "Outline", "deleted"),
        ("journal", "A thought", "deleted"),
    ]
    assert trash[0].when == datetime(2026, 11, 16, 9, 33, tzinfo=UTC)
    restore_record(store, "action", records["action"][1])
    assert [t.kind for t in list_trash(store, pair.id)] == ["milestone", "journal"]


def test_checkin_delete_and_restore(store, me):
    view = create_pair(store, partner_name="Grace", my_role="mentee")
    answer = answer_checkin(store, view.id, lesson="Small PRs", rating=4)
    delete_record(store, "checkin", answer.id)
    assert latest_checkin(store, view.id) is None
    (listed,) = list_trash(store, view.id)
    assert (listed.kind, listed.title) == ("checkin", "Small PRs")
    restore_record(store, "checkin", answer.id)
    assert latest_checkin(store, view.id).id == answer.id


def test_dropped_action_item_is_in_the_trash_and_restores_open(store, pair):
    item = add_action_item(store, pair.id, "Read the RFC")
    drop_action_item(store, item.id)
    (listed,) = list_trash(store, pair.id)
    assert (listed.kind, listed.state) == ("action", "dropped")
    assert find_restorable(store, "action", item.id[:6]).id == item.id
    assert restore_record(store, "action", item.id).status == ActionStatus.OPEN


def test_goal_dropped_and_achieved_go_back_to_where_they_were(store, pair):
    goal = create_goal(store, pair.id, title="Talk", **SMART)
    propose_goal(store, goal.id)
    approve_goal(store, goal.id)
    drop_goal(store, goal.id)
    assert [t.kind for t in list_trash(store, pair.id)] == ["goal"]
    back = restore_record(store, "goal", goal.id)
    assert back.status == GoalStatus.APPROVED and back.approved_by_id == pair.me.id
    mark_goal_achieved(store, goal.id)
    back = restore_goal(store, goal.id)
    assert (back.status, back.achieved_at) == (GoalStatus.APPROVED, None)
    assert get_goal(store, goal.id).goal.status == GoalStatus.APPROVED
    with pytest.raises(InvalidInput, match="only a dropped or achieved goal"):
        restore_goal(store, goal.id)
    draft = create_goal(store, pair.id, title="Draft")
    drop_goal(store, draft.id)
    assert restore_goal(store, draft.id).status == GoalStatus.DRAFT
    assert {v.goal.id for v in list_goals(store, pair.id)} == {goal.id, draft.id}
    with pytest.raises(InvalidInput, match="drop it"):
        delete_record(store, "goal", goal.id)


def test_partners_records_are_refused_in_one_line(store, pair):
    def theirs(record: Record) -> Record:
        with store.write() as session:
            session.add(record)
        return record

    entry = theirs(
        JournalEntry(
            pair_id=pair.id,
            author_id=pair.partner.id,
            title="Ada's",
            written_at=EARLIER,
            shared=True,
            origin=pair.partner.id,
            deleted=True,
        )
    )
    item = theirs(ActionItem(pair_id=pair.id, title="Theirs", origin=pair.partner.id))
    answer = theirs(
        CheckIn(
            pair_id=pair.id,
            person_id=pair.partner.id,
            lesson="x",
            answered_at=EARLIER,
            origin=pair.partner.id,
        )
    )
    goal = theirs(Goal(pair_id=pair.id, title="Theirs", status="dropped", origin=pair.partner.id))
    for kind, record_id in (("journal", entry.id), ("goal", goal.id)):
        with pytest.raises(MentorError, match="read-only"):
            restore_record(store, check_kind(kind), record_id)
    for kind, record_id in (("action", item.id), ("checkin", answer.id)):
        with pytest.raises(MentorError, match="read-only"):
            delete_record(store, check_kind(kind), record_id)
    assert list_trash(store, pair.id) == []
    assert _deleted(store, JournalEntry, entry.id)


def test_bad_input_is_one_line(store, pair):
    with pytest.raises(InvalidInput, match="unknown kind 'note'; choose one of: journal"):
        check_kind("note")
    assert check_kind("Check-In") == "checkin" and check_kind("entry") == "journal"
    with pytest.raises(NotFound, match="no session with id nope"):
        restore_record(store, "session", "nope")
    with pytest.raises(NotFound, match="no deleted milestone matches 'ffffff'"):
        find_restorable(store, "milestone", "ffffff")


def test_a_deleted_published_record_goes_out_as_a_tombstone(store, pair):
    from mentor_tui.sync.engine import build_publication
    from mentor_tui.sync.records import IdMap

    item = add_action_item(store, pair.id, "Email the team")

    def publish(previous):
        return build_publication(
            store, pair.id, IdMap(pair.me.id, "m-grace"), previous, "Grace", "mentor", "pair"
        )

    first = publish(None)
    assert not first.manifest.records[item.id].deleted
    delete_record(store, "action", item.id)
    second = publish(first.manifest)
    assert second.manifest.records[item.id].deleted and second.tombstones == 1
    restore_record(store, "action", item.id)
    third = publish(second.manifest)
    assert not third.manifest.records[item.id].deleted
    assert third.manifest.records[item.id].revision > first.manifest.records[item.id].revision
