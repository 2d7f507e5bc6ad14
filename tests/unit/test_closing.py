"""Closing a mentorship: the final review, the record read-only, reopening, the next one."""

from collections.abc import Callable
from datetime import date

import pytest

from mentor_tui.errors import InvalidInput
from mentor_tui.models.enums import ActionStatus, GoalStatus, MilestoneStatus, PairStatus
from mentor_tui.services import actions, checkins, goals, journal, milestones, review, sessions
from mentor_tui.services.closed_guard import PairClosed
from mentor_tui.services.closing import (
    close_pair,
    load_closing,
    reopen_pair,
    start_next_pair,
)
from mentor_tui.services.pairs import get_pair, list_pairs, update_charter
from mentor_tui.services.session_notes import write_my_session_notes

CLOSED = (
    "the mentorship with Ada Lovelace is closed (2026-11-16); reopen it with `mentor pair reopen`"
)


@pytest.fixture
def full(store, pair):
    """A pair with one of every kind of record, then closed."""
    goal = goals.create_goal(store, pair.id, title="Lead a design review")
    goals.create_goal(store, pair.id, title="Ship the parser")
    first = milestones.add_milestone(store, goal.id, title="Draft the RFC")
    second = milestones.add_milestone(store, goal.id, title="Hold the review")
    milestones.mark_milestone_done(store, first.id)
    session = sessions.schedule_session(store, pair.id, "2026-11-10 10:00")
    item = actions.add_action_item(store, pair.id, "Read the RFC guide", session_id=session.id)
    actions.add_action_item(store, pair.id, "Old chore", session_id=session.id)
    entry = journal.add_journal_entry(store, "what I learned", pair_id=pair.id)
    close_pair(
        store,
        pair.id,
        achieved="the parser shipped",
        keep_doing="weekly written updates",
        change="more pairing",
        next_steps="own a design review end to end",
        again=5,
    )
    return {
        "pair": pair,
        "goal": goal,
        "milestone": second,
        "session": session,
        "item": item,
        "entry": entry,
    }


def test_closing_keeps_my_review_and_closes_the_pair(store, full):
    pair = get_pair(store, full["pair"].id)
    assert pair.pair.status == PairStatus.CLOSED
    assert pair.pair.closed_at is not None
    closing = load_closing(store, pair.id)
    assert closing.mine is not None and closing.mine.again == 5
    assert closing.mine.next_steps == "own a design review end to end"
    assert closing.partners is None
    assert [m.milestone.title for m in closing.open_milestones] == ["Hold the review"]
    assert sorted(closing.open_actions) == ["Old chore", "Read the RFC guide"]
    assert any("session" in line for line in closing.figures)


def test_an_empty_review_and_a_bad_rating_are_refused(store, pair):
    with pytest.raises(InvalidInput, match="the final review is empty"):
        close_pair(store, pair.id)
    with pytest.raises(InvalidInput, match="1-5"):
        close_pair(store, pair.id, achieved="x", again=7)
    assert get_pair(store, pair.id).pair.status == PairStatus.ACTIVE


def _writes(full: dict) -> dict[str, Callable[[object], object]]:
    p, g, m, s, i, e = (full[k] for k in ("pair", "goal", "milestone", "session", "item", "entry"))
    return {
        "add goal": lambda st: goals.create_goal(st, p.id, title="New"),
        "edit goal": lambda st: goals.update_goal(st, g.id, title="Renamed"),
        "drop goal": lambda st: goals.drop_goal(st, g.id),
        "add milestone": lambda st: milestones.add_milestone(st, g.id, title="More"),
        "milestone done": lambda st: milestones.mark_milestone_done(st, m.id),
        "delete milestone": lambda st: milestones.delete_milestone(st, m.id),
        "assess": lambda st: review.assess_milestone(st, m.id, score=3),
        "schedule": lambda st: sessions.schedule_session(st, p.id, "2026-12-01 10:00"),
        "session notes": lambda st: sessions.update_session(st, s.id, agenda="x"),
        "my notes": lambda st: write_my_session_notes(st, s.id, "n", "t"),
        "delete session": lambda st: sessions.delete_session(st, s.id),
        "action item": lambda st: actions.add_action_item(st, p.id, "More"),
        "close item": lambda st: actions.complete_action_item(st, i.id),
        "feedback": lambda st: actions.add_feedback(st, s.id, "observed"),
        "journal": lambda st: journal.add_journal_entry(st, "x", pair_id=p.id),
        "edit entry": lambda st: journal.update_journal_entry(st, e.id, body="y"),
        "charter": lambda st: update_charter(st, p.id, purpose="Other"),
    }


WRITES = [
    "add goal", "edit goal", "drop goal", "add milestone", "milestone done",
    "delete milestone", "assess", "schedule", "session notes", "my notes",
    "delete session", "action item", "close item", "feedback", "journal", "edit entry",
    "charter",
]  # fmt: skip


@pytest.mark.parametrize("write", WRITES)
def test_a_closed_pair_refuses_every_kind_of_write(store, full, write):
    with pytest.raises(PairClosed) as refused:
        _writes(full)[write](store)
    assert str(refused.value) == CLOSED


def test_a_checkin_on_a_closed_pair_is_refused(store, me):
    from mentor_tui.services.pairs import create_pair

    mine = create_pair(store, partner_name="Ada Lovelace", my_role="mentee")
    close_pair(store, mine.id, achieved="x")
    with pytest.raises(PairClosed, match="is closed"):
        checkins.answer_checkin(store, mine.id, lesson="l")


def test_a_journal_entry_of_no_pair_is_still_fine(store, full):
    entry = journal.add_journal_entry(store, "free", pair_id=None)
    assert entry.pair_id is None


def test_reopen_makes_it_writable_and_my_review_can_change_while_closed(store, full):
    pair_id = full["pair"].id
    close_pair(store, pair_id, achieved="changed my mind", again=4)  # still closed: allowed
    assert load_closing(store, pair_id).mine.again == 4  # type: ignore[union-attr]
    view = reopen_pair(store, pair_id)
    assert view.pair.status == PairStatus.ACTIVE and view.pair.closed_at is None
    goals.create_goal(store, pair_id, title="After reopening")
    with pytest.raises(InvalidInput, match="is not closed"):
        reopen_pair(store, pair_id)


def test_next_mentorship_with_the_same_partner_carries_what_was_left(store, full):
    old = full["pair"]
    new = start_next_pair(store, old.id)
    assert new.id != old.id and new.pair.previous_pair_id == old.id
    assert (new.mentor.id, new.mentee.id) == (old.mentor.id, old.mentee.id)
    assert new.pair.status == PairStatus.ACTIVE
    assert "own a design review end to end" in new.pair.purpose
    assert new.pair.cadence == old.pair.cadence
    carried = goals.list_goals(store, new.id)
    assert [(g.goal.title, g.goal.status) for g in carried] == [
        ("Lead a design review", GoalStatus.DRAFT),
        ("Ship the parser", GoalStatus.DRAFT),
    ]
    left = milestones.list_milestones(store, new.id)
    assert [(m.milestone.title, m.milestone.status) for m in left] == [
        ("Hold the review", MilestoneStatus.PLANNED)
    ]
    items = actions.all_action_items(store, new.id)
    assert sorted(c.item.title for c in items) == ["Old chore", "Read the RFC guide"]
    assert all(c.item.status == ActionStatus.OPEN for c in items)
    # the old record is untouched and still closed
    assert get_pair(store, old.id).pair.status == PairStatus.CLOSED


def test_next_mentorship_with_someone_new_and_chosen_goals(store, full):
    old = full["pair"]
    new = start_next_pair(
        store, old.id, partner_name="Linus", goal_ids=[full["goal"].id], carry_actions=False
    )
    assert new.partner.display_name == "Linus" and new.my_role == old.my_role
    assert new.pair.previous_pair_id == old.id
    assert [g.goal.title for g in goals.list_goals(store, new.id)] == ["Lead a design review"]
    assert actions.all_action_items(store, new.id) == []
    assert len(list_pairs(store)) == 2


def test_next_mentorship_carries_only_the_ticked_milestones(store, full):
    old = full["pair"]
    new = start_next_pair(store, old.id, goal_ids=[full["goal"].id], milestone_ids=[])
    assert [g.goal.title for g in goals.list_goals(store, new.id)] == ["Lead a design review"]
    assert milestones.list_milestones(store, new.id) == []
    again = start_next_pair(store, old.id, milestone_ids=[full["milestone"].id])
    titles = [m.milestone.title for m in milestones.list_milestones(store, again.id)]
    assert titles == ["Hold the review"]


def test_next_mentorship_needs_a_closed_pair(store, pair):
    with pytest.raises(InvalidInput, match="still open; close it first"):
        start_next_pair(store, pair.id)
    assert date(2026, 11, 16) == get_pair(store, pair.id).pair.starts_on


def test_the_charter_form_may_reopen_with_the_same_values_but_not_change_them(store, full):
    pair = get_pair(store, full["pair"].id).pair
    with pytest.raises(PairClosed):
        update_charter(store, pair.id, status="active", purpose="Something else")
    view = update_charter(store, pair.id, status="active", purpose=pair.purpose)
    assert view.pair.status == PairStatus.ACTIVE
