"""The Dashboard's one read: everything the pair needs to see at a glance. Its rules and
its shape (Dashboard) are in dashboard_rules.py, shared with the app's quick start
(dashboard_quick.py), which reads the same before the Store is open."""

from __future__ import annotations

from mentor_tui.models.db import Store
from mentor_tui.services.dashboard_rules import DASHBOARD_ENTRIES, DASHBOARD_WINS, Dashboard
from mentor_tui.services.goals import list_goals
from mentor_tui.services.journal import list_journal
from mentor_tui.services.pairs import get_pair
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.sessions import next_session, open_action_items
from mentor_tui.services.wins import list_wins

__all__ = ["Dashboard", "load_dashboard"]


def load_dashboard(store: Store, pair_id: str) -> Dashboard:
    pair = get_pair(store, pair_id)
    return Dashboard(
        pair=pair,
        now=store.clock.now(),
        today=viewer_today(store),
        next_session=next_session(store, pair),
        action_items=open_action_items(store, pair_id),
        goals=list_goals(store, pair_id),
        journal=list_journal(store, pair_id, limit=DASHBOARD_ENTRIES),
        wins=list_wins(store, pair_id, limit=DASHBOARD_WINS),
    )
