"""How Recently deleted looks: my deleted and dropped records, newest first, times in my
zone, stored text shown as typed (markup and escapes visible, never obeyed). Frozen
clock, workers finished."""

from __future__ import annotations

import pytest

from mentor_tui.services.actions import add_action_item, drop_action_item
from mentor_tui.services.goals import create_goal, drop_goal
from mentor_tui.services.journal import add_journal_entry, delete_journal_entry
from mentor_tui.services.milestones import add_milestone, delete_milestone
from mentor_tui.services.sessions import delete_session, schedule_session
from tests.ui.conftest import settle


@pytest.fixture
def trash(store, pair, clock):
    goal = create_goal(store, pair.id, title="Give a talk at the guild")
    entry = add_journal_entry(store, "Retries need [b]jitter[/b] \x1b[31m", pair_id=pair.id)
    delete_journal_entry(store, entry.id)
    clock.advance(hours=2)
    meeting = schedule_session(store, pair.id, "2026-11-20 15:00", agenda="Retro of the launch")
    delete_session(store, meeting.id)
    clock.advance(hours=20)
    delete_milestone(store, add_milestone(store, goal.id, title="Outline the slides").id)
    drop_action_item(store, add_action_item(store, pair.id, "Email the team").id)
    clock.advance(minutes=30)
    drop_goal(store, create_goal(store, pair.id, title="Learn Rust this month").id)
    return store


def test_recently_deleted(snap_compare, trash, make_app):
    async def settled(pilot) -> None:
        await settle(pilot)

    app = make_app(start_in="trash")
    assert snap_compare(app, terminal_size=(120, 40), run_before=settled)
