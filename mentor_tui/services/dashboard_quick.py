"""The Dashboard read on the app's quick start (services/start_up.read_quickly): the same
Dashboard and trend as load_dashboard and progress.session_trend, from plain sqlite3
(models/dashboard_sql.py) and the rules they share (dashboard_rules.py, progress_frame.py),
before SQLAlchemy and SQLModel are imported. Only ever a preview: the screen's own load
replaces it once the Store is open."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from mentor_tui.dates import local
from mentor_tui.models import dashboard_sql as q
from mentor_tui.models import journal_sql
from mentor_tui.models.enums import GoalStatus, MilestoneStatus
from mentor_tui.services.dashboard_rules import (
    DASHBOARD_ENTRIES,
    DASHBOARD_WINS,
    GOAL_STATUS_FIELD,
    LAST_HELD,
    NEXT_PLANNED,
    UNRECORDED,
    ActionItemView,
    Dashboard,
    GoalLine,
    PairLine,
    agreed_status,
    count_milestones,
    next_session_of,
    open_items,
    owners_latest_words,
    owners_say,
    wins_of,
)
from mentor_tui.services.progress_frame import Trend, trend_of

if TYPE_CHECKING:
    import sqlite3

    from mentor_tui.services.start_up import QuickStart


def _open_items(conn: sqlite3.Connection, pair_id: str) -> list[ActionItemView[q.ActionRow]]:
    """services/sessions.open_action_items: each item as its owner's word makes it."""
    rows = q.action_items(conn, pair_id)
    words = owners_latest_words(
        ((item.id, item.owner_id) for item, _owner in rows), lambda ids: q.status_words(conn, ids)
    )

    def said(item: q.ActionRow) -> q.ActionRow:
        word = words.get(item.id)
        status = owners_say(
            (item.status, item.closed_at), (word.status, word.closed_at) if word else None
        )
        return item if status is None else replace(item, status=status[0], closed_at=status[1])

    return open_items((said(item), owner) for item, owner in rows)


def _goals(conn: sqlite3.Connection, pair_id: str) -> list[GoalLine]:
    """services/goals.list_goals: the goals not dropped, as agreed, milestones counted."""
    goals = q.goals(conn, pair_id, hidden=GoalStatus.DROPPED)
    ids = [goal.id for goal in goals]
    latest = q.status_changes(conn, ids, GOAL_STATUS_FIELD)
    counts = count_milestones(q.milestone_statuses(conn, ids))
    return [
        GoalLine(
            replace(goal, status=agreed_status(goal.status, latest.get(goal.id))),
            *counts.get(goal.id, (0, 0)),
        )
        for goal in goals
    ]


def quick_dashboard(start: QuickStart) -> tuple[Dashboard, Trend] | None:
    """The chosen pair's Dashboard and trend; None without a pair."""
    conn = start.conn
    row = q.read_pair(conn, start.pair_id) if start.pair_id else None
    if row is None:
        return None
    pair = PairLine(row, row.mentor, row.mentee, start.me.id)
    today = local(start.now, start.me.timezone).date()  # profile.viewer_today
    picked = {
        pick: q.pick_session(conn, pair.id, pick.status, start.now, pick.started, pick.newest)
        for pick in (LAST_HELD, NEXT_PLANNED, UNRECORDED)
    }
    entries = journal_sql.find_ids(
        conn, journal_sql.make_query(None, pair_id=pair.id), DASHBOARD_ENTRIES
    )
    wins = wins_of(
        q.milestones_of_status(conn, pair.id, MilestoneStatus.DONE),
        q.goals_of_status(conn, pair.id, GoalStatus.ACHIEVED),
        DASHBOARD_WINS,
    )
    dashboard = Dashboard(
        pair=pair,
        now=start.now,
        today=today,
        next_session=next_session_of(picked, pair.cadence, row.starts_on, today),
        action_items=_open_items(conn, pair.id),
        goals=_goals(conn, pair.id),
        journal=journal_sql.fetch_rows(conn, entries),
        wins=wins,
    )
    return dashboard, trend_of(conn, pair, today)
