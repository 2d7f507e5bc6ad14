"""How sessions and the journal look on the demo pair: the sessions list, the session
editor, the prep brief, the journal list and a journal search. Frozen clock, no cursor
blink, workers finished."""

from __future__ import annotations

from tests.ui.conftest import settle


def _then(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_sessions_list(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_then("s"))


def test_session_editor(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_then("s", "enter"))


def test_prep_brief(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_then("s", "b"))


def test_journal_list(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_then("j"))


def test_journal_search(snap_compare, demo_store, make_app):
    assert snap_compare(
        make_app(), terminal_size=(120, 40), run_before=_then("j", "slash", *"design rev")
    )


def test_session_editor_actions_small(snap_compare, demo_store, make_app):
    """At 80x24 an action item shows its owner, due date and carried/stale state."""
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_then("s", "enter", "alt+5"))
