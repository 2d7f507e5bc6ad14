"""The Sync screen, driven by keys (Pilot): status, preview, sync in a worker with
progress; then the result is checked in the database through the services."""

from __future__ import annotations

from textual.widgets import Static

from tests.sync.helpers import connect, sync
from tests.ui.conftest import settle


async def _settle(pilot) -> None:
    await settle(pilot)  # workers (a sync included) done, and a quiet screen


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_sync_screen_shows_status_previews_and_syncs(bare_repo, mentor, mentee):
    from mentor_tui.app import MentorApp
    from mentor_tui.screens.sync import SyncScreen
    from mentor_tui.services.goals import create_goal, list_goals

    connect("git", mentor, mentee, bare_repo)
    create_goal(mentor.store, mentor.pair.id, title="Mentor's [b]goal[/b]")
    sync(mentor)
    create_goal(mentee.store, mentee.pair.id, title="Mentee's own goal")
    app = MentorApp(store=mentee.store, home=mentee.home)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        app.push_screen(SyncScreen())
        await _settle(pilot)
        status = _text(app, "#sync-status")
        assert "Syncs with      git" in status
        assert "2 records changed" in status  # the goal and its first history row
        await pilot.press("v")
        await _settle(pilot)
        preview = _text(app, "#sync-preview-text")
        assert "Mentee's own goal" in preview and "SUMMARY.md" in preview
        await pilot.press("r")
        await _settle(pilot)
        # goal + history row, in the words `mentor sync` prints (sync/wording.py)
        assert "Took in 2 records from Grace Hopper." in _text(app, "#sync-progress")
        assert "0 records changed" in _text(app, "#sync-status")
    titles = sorted(g.goal.title for g in list_goals(mentee.store, mentee.pair.id))
    assert titles == ["Mentee's own goal", "Mentor's [b]goal[/b]"]
    assert sync(mentor).received == 2


async def test_sync_screen_sets_up_and_shows_errors_as_text(bare_repo, mentor, tmp_path):
    from textual.widgets import Input, Select

    from mentor_tui.app import MentorApp
    from mentor_tui.screens.sync import SyncScreen

    app = MentorApp(store=mentor.store, home=mentor.home)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        app.push_screen(SyncScreen())
        await _settle(pilot)
        assert "not set up" in _text(app, "#sync-status")
        await pilot.press("i")
        await _settle(pilot)
        app.screen.query_one("#how", Select).value = "git"
        app.screen.query_one("#where", Input).value = str(tmp_path / "nowhere.git")
        await pilot.click("#go")
        await _settle(pilot)
        assert "git clone failed" in _text(app, "#sync-progress")
        await pilot.press("i")
        await _settle(pilot)
        app.screen.query_one("#where", Input).value = str(bare_repo)
        await pilot.click("#go")
        await _settle(pilot)
        assert "Published 2 records" in _text(app, "#sync-progress")
        assert "mentor1-" in _text(app, "#sync-status")


async def test_sync_screen_sets_up_encrypted_and_shows_fingerprints(bare_repo, mentor):
    from textual.widgets import Checkbox, Input, Select

    from mentor_tui.app import MentorApp
    from mentor_tui.screens.sync import SyncScreen
    from mentor_tui.sync.report import status
    from mentor_tui.sync.state import load_state

    app = MentorApp(store=mentor.store, home=mentor.home)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        app.push_screen(SyncScreen())
        await _settle(pilot)
        await pilot.press("i")
        await _settle(pilot)
        app.screen.query_one("#how", Select).value = "git"
        app.screen.query_one("#where", Input).value = str(bare_repo)
        app.screen.query_one("#encrypt", Checkbox).value = True
        await pilot.click("#go")
        await _settle(pilot)
        assert "encryption" in _text(app, "#sync-progress")  # nothing readable went out
        shown = _text(app, "#sync-status")
        assert "Encrypted       yes, end to end" in shown
        mine = status(mentor.store, mentor.home, mentor.pair.id).my_fingerprint
        assert f"Your key        {mine}" in shown
        assert "Partner's key   not seen yet" in shown
    state = load_state(mentor.home, mentor.pair.id)
    assert state is not None and state.encrypt
