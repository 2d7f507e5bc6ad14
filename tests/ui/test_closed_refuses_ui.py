"""A closed pair refuses writes in the app with one line, never a traceback: adding a goal,
a milestone, a journal entry in that pair, planning a session, and the one-key writes
(today's session, deleting a milestone, dropping a goal). Forms keep what was typed and
say it under the fields; a one-key write says it in one toast."""

from __future__ import annotations

from textual.widgets import Static

from mentor_tui.screens.form import FormBase
from mentor_tui.services.goals import list_goals
from mentor_tui.services.journal import list_journal
from mentor_tui.services.milestones import list_milestones
from mentor_tui.services.sessions import list_sessions
from tests.ui.closing_story import closed_pair
from tests.ui.conftest import settle

REFUSED = (
    "the mentorship with Ada Lovelace is closed (2026-11-16); reopen it with `mentor pair reopen`"
)


def toasts(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def _refused_in_form(pilot, area: str, keys: list[str]) -> None:
    """Open the area's new-record form, type, save: the form stays with the one line."""
    app = pilot.app
    await pilot.press(area)
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    form = app.screen
    assert isinstance(form, FormBase), type(form)
    await pilot.press(*keys)
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert app.screen is form  # still open, with what was typed
    errors = form.query("#form-error")
    shown = str(errors.first(Static).render()) if errors else "\n".join(toasts(app))
    assert REFUSED in shown, shown
    assert "\n" not in shown.strip() and "Traceback" not in shown
    form.dismiss(None)  # leave without the "discard?" question
    await settle(pilot)


async def test_a_closed_pair_refuses_every_write_with_one_line(make_app, store, pair):
    story = closed_pair(store, pair)
    before = {
        "goals": len(list_goals(store, pair.id)),
        "milestones": len(list_milestones(store, pair.id)),
    }
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _refused_in_form(pilot, "g", list("One more goal"))
        await _refused_in_form(pilot, "m", list("One more milestone"))
        await _refused_in_form(pilot, "j", list("A late thought"))
        await _refused_in_form(pilot, "s", [*"2026-11-20 10:00"])
        # One-key writes: today's session from the Dashboard, a milestone deleted, a goal
        # dropped: one toast each.
        for area, keys in (("d", ["t"]), ("m", ["x"]), ("g", ["down", "X", "y"])):
            app._notifications.clear()
            await pilot.press(area)
            await settle(pilot)
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            assert toasts(app) == [REFUSED], (area, keys)
        assert app.is_running
    assert len(list_goals(store, pair.id)) == before["goals"]
    assert len(list_milestones(store, pair.id)) == before["milestones"]
    assert list_journal(store, pair.id) == []
    sessions = list_sessions(store, pair.id)
    assert sessions.upcoming == [] and sessions.past == []
    assert story  # the closed record is still there to read
