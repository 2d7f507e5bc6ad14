"""Progress: every figure on a small history written by hand (exact numbers), the cadence
across a daylight-saving change, a pair with nothing yet, counts that must agree, and
proof that the counting is SQLite's (a fixed number of statements, indexes used)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentor_tui.models import progress_sql
from mentor_tui.models.record import Record
from mentor_tui.models.tables import (
    ActionItem,
    ActionItemStatus,
    Assessment,
    CheckIn,
    Goal,
    GoalChange,
    JournalEntry,
    MentoringSession,
    Milestone,
)
from mentor_tui.services import progress as svc
from mentor_tui.services.pairs import create_pair, update_charter
from mentor_tui.services.profile import set_up_profile

WRITTEN = datetime(2026, 9, 1, 12, tzinfo=UTC)


def at(month: int, day: int, hour: int = 14, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def add(store, *rows: Record) -> None:
    """Rows as sync or an import would write them: with their own stamps."""
    with store.write(preserve_stamps=True) as session:
        for row in rows:
            row.created_at = row.created_at or WRITTEN
            row.updated_at = row.updated_at or row.created_at
            session.add(row)


def session_row(pair_id: str, when: datetime, status: str) -> MentoringSession:
    return MentoringSession(pair_id=pair_id, starts_at=when, status=status, created_at=WRITTEN)


@pytest.fixture
def history(store, pair):
    """Grace (New York) mentors Ada, biweekly from Monday 7 September 2026; today is Monday
    16 November. Ada's check-ins, assessments and shared entry came through sync."""
    update_charter(store, pair.id, starts_on=date(2026, 9, 7))
    ada = pair.mentee.id
    s1 = session_row(pair.id, at(9, 8), "held")
    s2 = session_row(pair.id, at(9, 22), "held")
    s4 = session_row(pair.id, at(10, 13), "held")
    s5 = session_row(pair.id, at(11, 2), "held")
    add(
        store,
        s1,
        s2,
        session_row(pair.id, at(10, 6), "cancelled"),
        s4,
        s5,
        session_row(pair.id, at(11, 20), "planned"),
    )
    g1 = Goal(
        pair_id=pair.id,
        title="Lead a design review",
        status="achieved",
        approved_at=at(9, 9),
        achieved_at=at(10, 20),
    )
    g2 = Goal(pair_id=pair.id, title="Runbook", status="approved", approved_at=at(9, 15))
    g3 = Goal(pair_id=pair.id, title="A draft", status="draft")
    g4 = Goal(pair_id=pair.id, title="Ada's goal", status="proposed", origin=ada)
    add(store, g1, g2, g3, g4)
    # Grace approved Ada's goal in a record of her own: agreed in October.
    add(
        store,
        GoalChange(
            goal_id=g4.id,
            changed_at=at(10, 2),
            field="status",
            old_value="proposed",
            new_value="approved",
        ),
    )

    def milestone(made: datetime, due: date, done: date | None) -> Milestone:
        return Milestone(
            pair_id=pair.id,
            goal_id=g1.id,
            title="m",
            due_on=due,
            done_on=done,
            status="done" if done else "in_progress",
            created_at=made,
        )

    m1 = milestone(at(9, 8, 17), date(2026, 9, 30), date(2026, 9, 20))  # 12 days, on time
    m2 = milestone(at(9, 10, 17), date(2026, 10, 1), date(2026, 10, 5))  # 25 days, late
    m3 = milestone(at(10, 1, 17), date(2026, 10, 20), date(2026, 10, 11))  # 10 days
    m4 = milestone(at(10, 1, 17), date(2026, 11, 10), None)  # overdue
    m5 = milestone(at(10, 1, 17), date(2026, 12, 1), None)  # not due yet
    add(store, m1, m2, m3, m4, m5)

    def item(raised: datetime, session: MentoringSession, status: str, closed=None, owner=None):
        return ActionItem(
            pair_id=pair.id,
            session_id=session.id,
            title="a",
            status=status,
            closed_at=closed,
            owner_id=owner,
            created_at=raised,
        )

    a5 = item(at(9, 22), s2, "open", owner=ada)  # Ada says done, in her own record
    add(
        store,
        item(at(9, 8), s1, "done", at(9, 20)),
        item(at(9, 22), s2, "dropped", at(10, 6)),
        item(at(10, 13), s4, "open"),  # carried past the session of 2 November
        item(at(11, 2), s5, "open"),  # raised in the latest session: not carried yet
        a5,
    )
    add(
        store,
        ActionItemStatus(
            pair_id=pair.id,
            action_item_id=a5.id,
            person_id=ada,
            status="done",
            closed_at=at(10, 1),
            origin=ada,
        ),
    )
    add(
        store,
        *(
            CheckIn(pair_id=pair.id, person_id=ada, last_goal_rating=r, answered_at=a, origin=ada)
            for a, r in ((at(9, 21), 3), (at(10, 12), 4), (at(11, 1), None))
        ),
    )
    add(
        store,
        Assessment(
            pair_id=pair.id,
            milestone_id=m1.id,
            assessor_id=ada,
            role="mentee",
            score=4,
            assessed_at=at(9, 21),
            origin=ada,
        ),
        Assessment(
            pair_id=pair.id,
            milestone_id=m1.id,
            assessor_id=pair.mentor.id,
            role="mentor",
            score=3,
            assessed_at=at(9, 22),
        ),
        Assessment(
            pair_id=pair.id,
            milestone_id=m3.id,
            assessor_id=ada,
            role="mentee",
            score=5,
            assessed_at=at(10, 12),
            origin=ada,
        ),
    )
    other = create_pair(store, partner_name="Katherine Johnson")

    def entry(when: datetime, pair_id: str = pair.id, **more: object) -> JournalEntry:
        return JournalEntry(pair_id=pair_id, author_id=ada, written_at=when, **more)

    add(
        store,
        entry(at(9, 2)),
        entry(at(9, 30), shared=True, origin=ada),
        entry(at(11, 3)),
        entry(at(10, 3), deleted=True),  # deleted: not counted
        entry(at(10, 4), other.id),  # another pair's
    )
    return pair


def test_every_figure_of_a_small_history(store, history):
    progress = svc.load_progress(store, history.id, by="month")
    f = progress.figures
    assert (f.sessions_held, f.sessions_cancelled, f.sessions_planned) == (4, 1, 1)
    assert f.sessions_all == 6
    assert (f.cadence_periods, f.cadence_kept, f.cadence_share) == (5, 4, 0.8)
    assert (f.median_gap_days, f.longest_gap_days) == (20, 21)
    assert (f.goals_agreed, f.goals_achieved) == (3, 1)
    assert (f.milestones_done, f.milestones_late, f.milestones_overdue) == (3, 1, 1)
    assert f.median_days_to_milestone == 12
    assert (f.actions_done, f.actions_dropped, f.actions_open, f.actions_carried) == (2, 1, 2, 1)
    assert (f.checkins, f.ratings, f.rating_average) == (3, 2, 3.5)
    assert (f.self_scores, f.self_average, f.mentor_scores, f.mentor_average) == (2, 4.5, 1, 3)
    assert (f.journal_entries, f.journal_active_buckets, f.buckets) == (3, 2, 3)
    assert f.wins == 4
    assert progress.sentences == {
        "cadence": "cadence kept 80% (4 of 5 biweekly periods had a session)",
        "sessions": "4 sessions held, 1 cancelled, 1 planned",
        "gaps": "median 20 days between sessions (longest 21 days)",
        "goals": "3 goals agreed, 1 achieved",
        "milestones": "3 milestones done (67% on time), 1 overdue",
        "time_to_milestone": "median 12 days to a milestone (from creation to done)",
        "actions": ("3 action items closed (2 done, 1 dropped); 2 open, 1 carried past a session"),
        "checkins": "check-in rating 3.5 of 5 on average (2 rated of 3 check-ins)",
        "assessments": "assessments: self 4.5 of 5 (2), mentor 3 of 5 (1)",
        "journal": "3 journal entries, in 67% of months",
        "wins": "4 wins: 3 milestones done, 1 goal achieved",
    }


def test_each_month_of_a_small_history(store, history):
    sep, oct_, nov = svc.load_progress(store, history.id, by="month").buckets
    assert [b.start for b in (sep, oct_, nov)] == [
        date(2026, 9, 1),
        date(2026, 10, 1),
        date(2026, 11, 1),
    ]
    assert [
        (b.sessions_held, b.sessions_cancelled, b.sessions_planned) for b in (sep, oct_, nov)
    ] == [
        (2, 0, 0),
        (1, 1, 0),
        (1, 0, 1),
    ]
    assert [(b.cadence_periods, b.cadence_kept) for b in (sep, oct_, nov)] == [
        (2, 2),
        (2, 1),
        (1, 1),
    ]
    assert [b.mean_gap_days for b in (sep, oct_, nov)] == [14, 21, 20]
    assert [(b.goals_agreed, b.goals_achieved) for b in (sep, oct_, nov)] == [
        (2, 0),
        (1, 1),
        (0, 0),
    ]
    assert [
        (b.milestones_done, b.milestones_late, b.milestones_overdue) for b in (sep, oct_, nov)
    ] == [
        (1, 0, 0),
        (2, 1, 0),
        (0, 0, 1),
    ]
    assert [b.median_days_to_done for b in (sep, oct_, nov)] == [12, 17.5, None]
    assert [
        (b.actions_raised, b.actions_closed, b.actions_open_at_end) for b in (sep, oct_, nov)
    ] == [
        (3, 1, 2),
        (1, 2, 1),
        (1, 0, 2),
    ]
    assert [(b.checkins, b.rating) for b in (sep, oct_, nov)] == [(1, 3), (1, 4), (1, None)]
    assert [(b.self_score, b.mentor_score) for b in (sep, oct_, nov)] == [
        (4, 3),
        (5, None),
        (None, None),
    ]
    assert [b.journal_entries for b in (sep, oct_, nov)] == [2, 0, 1]
    assert [b.wins for b in (sep, oct_, nov)] == [1, 3, 0]


def test_by_week_starts_on_mondays_and_adds_up_to_the_months(store, history):
    weeks = svc.load_progress(store, history.id, by="week")
    months = svc.load_progress(store, history.id, by="month")
    assert weeks.buckets[0].start == date(2026, 8, 31)  # the Monday of 2 September
    assert weeks.buckets[-1].start == date(2026, 11, 16)
    assert all(b.start.weekday() == 0 for b in weeks.buckets)
    assert weeks.figures.sessions_held == months.figures.sessions_held == 4
    assert weeks.figures.cadence_kept == months.figures.cadence_kept
    assert sum(b.journal_entries for b in weeks.buckets) == 3
    assert weeks.sentences["journal"] == "3 journal entries, in 25% of weeks"  # 3 of 12 weeks


def test_a_period_limits_every_figure(store, history):
    october = svc.load_progress(
        store, history.id, since=date(2026, 10, 1), until=date(2026, 10, 31)
    )
    f = october.figures
    assert [b.start for b in october.buckets] == [date(2026, 10, 1)]
    assert (f.sessions_held, f.sessions_cancelled, f.cadence_periods, f.cadence_kept) == (
        1,
        1,
        2,
        1,
    )
    assert (f.median_gap_days, f.milestones_done, f.median_days_to_milestone) == (21, 2, 17.5)
    assert october.buckets[0].actions_open_at_end == 1  # counts what September left open


def test_cadence_kept_across_a_daylight_saving_change(store):
    """Weekly at 01:30 Berlin on Mondays, through the end of summer time (25 October): in UTC
    the summer sessions fall on Sundays, which would move them into the period before."""
    set_up_profile(store, "Ada Lovelace", "Europe/Berlin")
    pair = create_pair(
        store, partner_name="Grace Hopper", cadence="weekly", starts_on=date(2026, 9, 7)
    )
    berlin = ZoneInfo("Europe/Berlin")
    mondays = [date.fromordinal(date(2026, 9, 7).toordinal() + 7 * n) for n in range(10)]
    starts = [datetime.combine(day, time(1, 30), berlin).astimezone(UTC) for day in mondays]
    assert starts[0] == datetime(2026, 9, 6, 23, 30, tzinfo=UTC)
    assert starts[-1] == datetime(2026, 11, 9, 0, 30, tzinfo=UTC)
    add(store, *(session_row(pair.id, when, "held") for when in starts))
    progress = svc.load_progress(store, pair.id, by="week")
    f = progress.figures
    assert (f.cadence_periods, f.cadence_kept) == (10, 10)
    assert (f.median_gap_days, f.longest_gap_days) == (7, 7)
    assert progress.sentences["cadence"] == (
        "cadence kept 100% (10 of 10 weekly periods had a session)"
    )
    assert [b.sessions_held for b in progress.buckets] == [1] * 10 + [0]


def test_a_pair_with_nothing_yet(store, pair):
    progress = svc.load_progress(store, pair.id)
    f = progress.figures
    assert [b.start for b in progress.buckets] == [date(2026, 11, 1)]
    assert (f.sessions_all, f.cadence_periods, f.cadence_share, f.wins) == (0, 0, None, 0)
    assert (f.median_gap_days, f.median_days_to_milestone, f.rating_average) == (None, None, None)
    assert progress.sentences["cadence"] == (
        "cadence kept: too early to say (no biweekly period has ended yet)"
    )
    assert progress.sentences["gaps"] == "days between sessions: fewer than two sessions held"
    assert progress.sentences["time_to_milestone"] == "time to a milestone: none done yet"
    assert svc.session_trend(store, pair.id).held == [0] * 12


def test_the_dashboard_trend(store, history):
    trend = svc.session_trend(store, history.id)
    assert trend.held == [0] * 9 + [2, 1, 1]  # December 2025 to November 2026
    assert trend.cadence == "cadence kept 80%"


def test_an_unknown_bucket_is_refused(store, pair):
    from mentor_tui.errors import InvalidInput

    with pytest.raises(InvalidInput, match="choose one of: week, month"):
        svc.load_progress(store, pair.id, by="year")


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=120),
            st.sampled_from(["held", "cancelled", "planned"]),
        ),
        max_size=25,
    )
)
def test_held_cancelled_and_planned_add_up_to_all(store, me, sessions):
    pair = create_pair(store, partner_name="Ada Lovelace", starts_on=date(2026, 8, 1))
    add(
        store,
        *(
            session_row(
                pair.id,
                datetime.fromordinal(date(2026, 8, 1).toordinal() + d).replace(hour=14, tzinfo=UTC),
                status,
            )
            for d, status in sessions
        ),
    )
    progress = svc.load_progress(store, pair.id, by="week")
    f = progress.figures
    assert f.sessions_all == len(sessions)
    assert f.sessions_held == sum(status == "held" for _d, status in sessions)
    # the buckets run to the end of this week (Sunday 22 November)
    past_held = sum(status == "held" and d <= 113 for d, status in sessions)
    assert sum(b.sessions_held for b in progress.buckets) == past_held
    assert 0 <= f.cadence_kept <= f.cadence_periods


def _statements(store, monkeypatch, pair_id: str) -> list[str]:
    seen: list[str] = []
    traced: list[object] = []
    real = svc._raw

    def tracing(session):
        con = real(session)
        con.set_trace_callback(seen.append)
        traced.append(con)
        return con

    monkeypatch.setattr(svc, "_raw", tracing)
    try:
        svc.load_progress(store, pair_id, by="week")
    finally:
        monkeypatch.setattr(svc, "_raw", real)
        for con in traced:
            con.set_trace_callback(None)
    return seen


def test_the_counting_is_sqlites_not_a_loop_over_rows(store, history, monkeypatch):
    """The same statements for 3 journal entries as for 303: nothing is read row by row."""
    few = _statements(store, monkeypatch, history.id)
    add(
        store,
        *(
            JournalEntry(pair_id=history.id, author_id=history.me_id, written_at=at(10, 1 + n % 28))
            for n in range(300)
        ),
    )
    many = _statements(store, monkeypatch, history.id)
    assert len(many) == len(few) < 20
    assert svc.load_progress(store, history.id).figures.journal_entries == 303


def test_the_queries_use_the_indexes(store, history):
    frame = svc.frame(history, "month", date(2026, 11, 16), None, None)
    plans: dict[str, str] = {}
    with store.read() as session:
        con = svc._raw(session)

        class Explaining:
            def execute(self, sql: str, params: object) -> object:
                plan = con.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
                plans[sql] = " / ".join(str(row[-1]) for row in plan)
                return con.execute(sql, params)

        progress_sql.journal(Explaining(), frame)  # type: ignore[arg-type]
        progress_sql.sessions(Explaining(), frame)  # type: ignore[arg-type]
    journal = [plan for sql, plan in plans.items() if "journal_entry" in sql]
    assert any("USING COVERING INDEX ix_journal_entry_pair_written" in plan for plan in journal), (
        journal
    )
    sessions = [plan for sql, plan in plans.items() if "mentoring_session" in sql]
    assert any("INDEX ix_mentoring_session_pair_id" in plan for plan in sessions), sessions
