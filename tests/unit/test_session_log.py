"""services/session_log.py: today's session, the defaults of an action item, who an owner
word means, and appending. Frozen clock: Monday 2026-11-16 09:30 UTC (04:30 New York)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mentor_tui.errors import InvalidInput
from mentor_tui.services import sessions as svc
from mentor_tui.services.session_log import (
    ActionSpec,
    SessionLog,
    default_due,
    latest_session,
    log_session,
    open_or_plan_today,
    resolve_owner,
    todays_session,
)


def test_today_is_my_calendar_day_and_the_nearest_session(store, pair):
    assert todays_session(store, pair) is None
    svc.schedule_session(store, pair.id, "2026-11-15 23:00")  # yesterday in New York
    late = svc.schedule_session(store, pair.id, "2026-11-16 20:00")
    early = svc.schedule_session(store, pair.id, "2026-11-16 05:00")
    assert todays_session(store, pair).id == early.id
    svc.set_session_status(store, early.id, "cancelled")
    assert todays_session(store, pair).id == late.id


def test_plan_for_now_at_the_last_quarter_hour(store, pair, clock):
    clock.advance(minutes=11, seconds=17)  # 09:41:17
    row, planned = open_or_plan_today(store, pair.id)
    assert planned and row.timezone == "America/New_York"
    assert row.starts_at == datetime(2026, 11, 16, 9, 30, tzinfo=UTC)
    again, planned_again = open_or_plan_today(store, pair.id)
    assert (again.id, planned_again) == (row.id, False)


def test_default_due_is_the_day_before_the_next_session(store, pair):
    row = svc.schedule_session(store, pair.id, "2026-11-16 08:00")
    assert default_due(store, row.id) == date(2026, 11, 29)  # biweekly: 14 days, less one
    svc.schedule_session(store, pair.id, "2026-11-23 08:00")
    assert default_due(store, row.id) == date(2026, 11, 22)


def test_owner_words(pair):
    assert resolve_owner(pair, None) == pair.mentee.id
    assert resolve_owner(pair, "me") == pair.me.id
    assert resolve_owner(pair, "partner") == pair.partner.id
    assert resolve_owner(pair, "ada") == pair.mentee.id
    assert resolve_owner(pair, "Grace Hopper") == pair.mentor.id
    with pytest.raises(InvalidInput, match="no one called"):
        resolve_owner(pair, "Bob")


def test_compact_action_form():
    assert ActionSpec.parse("Send it | me | friday") == ActionSpec("Send it", "me", "friday")
    assert ActionSpec.parse("Send it") == ActionSpec("Send it")


def test_log_appends_and_the_latest_session(store, pair):
    with pytest.raises(Exception, match="no session has started"):
        latest_session(store, pair)
    row = svc.schedule_session(store, pair.id, "2026-11-10 08:00")
    assert latest_session(store, pair).id == row.id
    log_session(store, row.id, SessionLog(texts={"takeaways": "One"}))
    logged = log_session(store, row.id, SessionLog(texts={"takeaways": "Two\n"}))
    assert logged.appended == ["takeaways"]
    assert svc.get_session(store, row.id).takeaways == "One\n\nTwo"
    with pytest.raises(InvalidInput, match="nothing to log"):
        log_session(store, row.id, SessionLog(texts={"roadblocks": "  "}))
