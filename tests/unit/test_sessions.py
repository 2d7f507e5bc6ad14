"""Sessions: scheduling across zones and daylight-saving changes, the cadence, the editor's
data, carry-forward of action items, check-ins."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mentor_tui.errors import InvalidInput, NotFound
from mentor_tui.services import actions, checkins
from mentor_tui.services import sessions as svc
from mentor_tui.services.pairs import create_pair


def test_scheduling_stores_utc_and_shows_both_zones(store, pair):
    row = svc.schedule_session(store, pair.id, "2026-11-24 08:00")  # Grace types New York time
    assert row.starts_at == datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
    assert row.timezone == "America/New_York"
    assert svc.when_text(row, pair) == "Tue 24 Nov 08:00 New York · 14:00 Berlin"
    assert svc.get_session(store, row.id).starts_at == row.starts_at


def test_scheduling_in_the_partners_zone(store, pair):
    row = svc.schedule_session(store, pair.id, "2026-11-24 14:00", timezone="Europe/Berlin")
    assert row.starts_at == datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
    assert row.timezone == "Europe/Berlin"


def test_the_weeks_when_us_and_eu_clocks_change_on_different_dates(store, pair):
    """The US springs forward on 14 March 2027, the EU on 28 March: for two weeks New York
    is only five hours behind Berlin."""
    before = svc.schedule_session(store, pair.id, "2027-03-10 09:00")
    between = svc.schedule_session(store, pair.id, "2027-03-17 09:00")
    after = svc.schedule_session(store, pair.id, "2027-03-31 09:00")
    assert svc.when_text(before, pair) == "Wed 10 Mar 09:00 New York · 15:00 Berlin"
    assert svc.when_text(between, pair) == "Wed 17 Mar 09:00 New York · 14:00 Berlin"
    assert svc.when_text(after, pair) == "Wed 31 Mar 09:00 New York · 15:00 Berlin"
    assert between.starts_at == datetime(2027, 3, 17, 13, 0, tzinfo=UTC)


def test_a_time_skipped_by_the_clock_change_is_refused(store, pair):
    with pytest.raises(InvalidInput, match="does not exist in New York on 2027-03-14"):
        svc.schedule_session(store, pair.id, "2027-03-14 02:30")
    # The hour repeated in autumn means its first occurrence (still daylight time).
    row = svc.schedule_session(store, pair.id, "2027-11-07 01:30")
    assert row.starts_at == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)


def test_the_partner_sees_a_different_weekday_when_midnight_lies_between(store, pair):
    row = svc.schedule_session(store, pair.id, "2026-11-24 20:00")
    assert svc.when_text(row, pair) == "Tue 24 Nov 20:00 New York · Wed 02:00 Berlin"


@pytest.mark.parametrize(
    "text,message",
    [
        ("someday", "cannot read"),
        ("2026-11-24 25:00", "not a time of day"),
        ("2026-11-24", "cannot read"),
    ],
)
def test_bad_times_are_one_line_errors(store, pair, text, message):
    with pytest.raises(InvalidInput, match=message):
        svc.schedule_session(store, pair.id, text)


def test_kinds_and_lengths(store, pair):
    assert svc.check_kind("quarterly review").label == "quarterly review"
    assert svc.check_kind("Check-in").value == "check_in"
    assert svc.check_kind("ad hoc").value == "ad_hoc"
    with pytest.raises(InvalidInput, match="unknown session kind"):
        svc.check_kind("party")
    with pytest.raises(InvalidInput, match="between 5 and 480"):
        svc.schedule_session(store, pair.id, "tomorrow 10:00", minutes=0)


def test_cadence_due_date_and_slip(store, pair, clock):
    held = svc.schedule_session(store, pair.id, "2026-10-20 10:00")
    svc.set_session_status(store, held.id, "held")
    cadence = svc.next_session(store, pair)
    assert cadence.due_on == date(2026, 11, 3)
    assert cadence.days_since_last == 27
    assert cadence.slipped_days(clock.now().date()) == 13
    assert "due 13 days ago" in cadence.nudge(clock.now().date())
    svc.schedule_session(store, pair.id, "2026-11-20 10:00")
    cadence = svc.next_session(store, pair)
    assert cadence.slipped_days(clock.now().date()) == 0
    assert cadence.nudge(clock.now().date()) == ""


def test_a_past_session_left_planned_is_a_nudge(store, pair, clock):
    svc.schedule_session(store, pair.id, "2026-11-10 10:00")
    assert "not marked held" in svc.next_session(store, pair).nudge(clock.now().date())


def test_a_future_session_cannot_be_marked_held(store, pair):
    row = svc.schedule_session(store, pair.id, "2026-12-01 10:00")
    with pytest.raises(InvalidInput, match="not started yet"):
        svc.set_session_status(store, row.id, "held")
    assert svc.set_session_status(store, row.id, "cancelled").status == "cancelled"


def test_editor_fields_are_kept_exactly(store, pair):
    row = svc.schedule_session(store, pair.id, "2026-11-20 10:00")
    text = "## Notes\n[bold]not markup[/bold] é漢 `code`\n"
    svc.update_session(
        store,
        row.id,
        shared_notes=text,
        private_notes="mine only",
        takeaways="t",
        accomplishments="a",
        roadblocks="r",
        agenda="1. x",
    )
    again = svc.get_session(store, row.id)
    assert again.shared_notes == text
    assert again.private_notes == "mine only"
    assert svc.session_json(again, pair, private=False).get("private_notes") is None
    with pytest.raises(TypeError):
        svc.update_session(store, row.id, starts_at="x")


def test_sessions_of_another_pair_are_not_found_by_prefix(store, pair):
    row = svc.schedule_session(store, pair.id, "2026-11-20 10:00")
    other = create_pair(store, partner_name="Katherine Johnson", partner_timezone="UTC")
    assert svc.find_session(store, pair.id, row.id[:6]).id == row.id
    with pytest.raises(NotFound):
        svc.find_session(store, other.id, row.id[:6])


def _held(store, pair, when: str):
    row = svc.schedule_session(store, pair.id, when)
    return svc.set_session_status(store, row.id, "held")


def test_carry_forward_counts_held_sessions_since_the_item_was_raised(store, pair, clock):
    first = _held(store, pair, "2026-10-01 10:00")
    item = actions.add_action_item(
        store,
        pair.id,
        "Draft the RFC",
        session_id=first.id,
        owner_id=pair.mentee.id,
        due_on=date(2026, 11, 10),
    )
    done = actions.add_action_item(store, pair.id, "Book a room", session_id=first.id)
    actions.complete_action_item(store, done.id)
    nxt = svc.schedule_session(store, pair.id, "2026-11-20 10:00")
    detail = svc.session_detail(store, nxt.id)
    carried = {v.item.title: v for v in detail.carried_items}
    assert list(carried) == ["Draft the RFC"]
    assert carried["Draft the RFC"].carried == 0
    assert carried["Draft the RFC"].owner_name == "Ada Lovelace"
    assert carried["Draft the RFC"].overdue_days == 6
    assert not carried["Draft the RFC"].stale
    for day in ("2026-10-15", "2026-10-29", "2026-11-12"):
        _held(store, pair, f"{day} 10:00")
    view = actions.carried_items(store, pair.id)[0]
    assert view.item.id == item.id
    assert view.carried == 3 and view.carried_text == "carried 3 sessions"
    assert view.stale


def test_overdue_by_more_than_two_weeks_is_stale(store, pair):
    item = actions.add_action_item(store, pair.id, "Old", due_on=date(2026, 11, 1))
    view = actions.carried_items(store, pair.id)[0]
    assert view.item.id == item.id and view.overdue_days == 15 and view.stale


def test_items_raised_in_a_session_show_as_its_own(store, pair):
    row = svc.schedule_session(store, pair.id, "2026-11-20 10:00")
    actions.add_action_item(store, pair.id, "Mine", session_id=row.id, owner_id=pair.me.id)
    detail = svc.session_detail(store, row.id)
    assert [v.item.title for v in detail.own_items] == ["Mine"]
    assert detail.carried_items == []


def test_done_dropped_and_reopened_items(store, pair):
    item = actions.add_action_item(store, pair.id, "Thing")
    assert actions.drop_action_item(store, item.id).status == "dropped"
    assert actions.carried_items(store, pair.id) == []
    assert actions.reopen_action_item(store, item.id).closed_at is None
    done = actions.complete_action_item(store, item.id)
    assert done.status == "done" and done.closed_at is not None
    with pytest.raises(InvalidInput, match="owner"):
        actions.add_action_item(store, pair.id, "x", owner_id="someone-else")
    with pytest.raises(InvalidInput, match="empty"):
        actions.add_action_item(store, pair.id, "  ")


def test_feedback_entries(store, pair, me):
    row = svc.schedule_session(store, pair.id, "2026-11-20 10:00")
    entry = actions.add_feedback(
        store,
        row.id,
        "Led the review calmly",
        impact="People stayed on topic",
        next_step="Timebox next time",
    )
    assert entry.author_id == me.id
    actions.update_feedback(store, entry.id, impact="Decisions got made")
    assert [f.impact for f in actions.list_feedback(store, row.id)] == ["Decisions got made"]
    with pytest.raises(InvalidInput, match="observation is empty"):
        actions.add_feedback(store, row.id, " ")
    actions.delete_feedback(store, entry.id)
    assert actions.list_feedback(store, row.id) == []


@pytest.fixture
def mentee_pair(store):
    from mentor_tui.services.profile import set_up_profile

    set_up_profile(store, "Ada Lovelace", "Europe/Berlin")
    return create_pair(
        store, partner_name="Grace Hopper", partner_timezone="America/New_York", my_role="mentee"
    )


def test_checkin_by_the_mentee_links_the_next_session(store, mentee_pair, clock):
    planned = svc.schedule_session(store, mentee_pair.id, "2026-11-20 15:00")
    row = checkins.answer_checkin(
        store, mentee_pair.id, lesson="Ask early", next_goal="Ship", rating="4"
    )
    assert row.session_id == planned.id
    assert row.last_goal_rating == 4
    assert row.person_id == mentee_pair.mentee.id
    assert checkins.latest_checkin(store, mentee_pair.id).id == row.id
    clock.advance(days=1)
    later = checkins.answer_checkin(store, mentee_pair.id, lesson="again")
    assert checkins.latest_checkin(store, mentee_pair.id).id == later.id
    assert (
        checkins.latest_checkin(store, mentee_pair.id, before=clock.now() - timedelta(hours=1)).id
        == row.id
    )


@pytest.mark.parametrize("rating", ["0", "6", "four", 3.5])
def test_checkin_rating_is_checked(store, mentee_pair, rating):
    with pytest.raises(InvalidInput, match="1 to 5"):
        checkins.answer_checkin(store, mentee_pair.id, lesson="x", rating=rating)


def test_checkin_needs_an_answer_and_the_mentee(store, pair, mentee_pair):
    with pytest.raises(InvalidInput, match="empty"):
        checkins.answer_checkin(store, mentee_pair.id)
    with pytest.raises(InvalidInput, match="answered by the mentee"):
        checkins.answer_checkin(store, pair.id, lesson="x")


def test_next_slot_uses_the_cadence_and_the_usual_hour(store, pair, clock):
    _held(store, pair, "2026-11-10 11:00")
    slot = svc.next_slot(store, pair, date(2026, 11, 24))
    assert slot.astimezone(UTC) == datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
    # Due in the past: the first day ahead at that hour.
    slot = svc.next_slot(store, pair, date(2026, 11, 1))
    assert slot.astimezone(UTC) == datetime(2026, 11, 16, 16, 0, tzinfo=UTC)


def test_past_sessions_can_be_limited_to_the_latest(store, pair):
    for day in range(1, 6):
        svc.schedule_session(store, pair.id, f"2026-10-0{day} 10:00")
    svc.schedule_session(store, pair.id, "2026-12-01 10:00")
    lists = svc.list_sessions(store, pair.id, past_limit=2)
    assert [s.starts_at.day for s in lists.past] == [5, 4]
    assert lists.past_total == 5 and len(lists.upcoming) == 1
    assert svc.list_sessions(store, pair.id).past_total == 5
