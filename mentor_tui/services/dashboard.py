"""The Dashboard's one read: everything the pair needs to see at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mentor_tui.models.db import Store
from mentor_tui.models.tables import JournalEntry
from mentor_tui.services.goals import GoalView, list_goals
from mentor_tui.services.journal import list_journal
from mentor_tui.services.pairs import PairView, get_pair
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.sessions import (
    ActionItemView,
    NextSession,
    next_session,
    open_action_items,
)
from mentor_tui.services.wins import Win, list_wins


@dataclass(frozen=True)
class Dashboard:
    pair: PairView
    now: datetime
    today: date
    next_session: NextSession
    action_items: list[ActionItemView]
    goals: list[GoalView]
    journal: list[JournalEntry]
    wins: list[Win]


def load_dashboard(store: Store, pair_id: str) -> Dashboard:
    pair = get_pair(store, pair_id)
    return Dashboard(
        pair=pair,
        now=store.clock.now(),
        today=viewer_today(store),
        next_session=next_session(store, pair),
        action_items=open_action_items(store, pair_id),
        goals=list_goals(store, pair_id),
        journal=list_journal(store, pair_id, limit=5),
        wins=list_wins(store, pair_id, limit=5),
    )
