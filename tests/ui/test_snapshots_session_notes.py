"""How both members' notes on a session look: my partner's note on a session of mine (the
demo's dry-run session, seen by Grace), and a session my partner scheduled, with my own
notes beside theirs, at 80x24."""

from __future__ import annotations

from textual.widgets import TabbedContent

from tests.ui.conftest import settle
from tests.ui.test_session_notes_ui import _as_synced


def test_partners_note_on_my_session(snap_compare, demo_store, make_app):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in ("s", "down", "enter"):  # the last held session: the runbook dry run
            await pilot.press(key)
            await settle(pilot)
        pilot.app.screen.query_one(TabbedContent).active = "tab-partner"
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_partners_session_beside_my_notes(snap_compare, store, pair, make_app):
    from datetime import UTC, datetime

    from mentor_tui.models.tables import MentoringSession

    _as_synced(
        store,
        MentoringSession(
            pair_id=pair.id,
            starts_at=datetime(2026, 11, 20, 14, tzinfo=UTC),
            timezone="Europe/Berlin",
            agenda="1. Parser [bold]review[/bold]\n2. RFC",
            shared_notes="## Summary\nBenchmarks are *in*.",
            origin=pair.partner.id,
        ),
    )

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)  # the session list is read in a worker: enter needs its rows
        for key in ("enter", *"My side: it went well"):
            await pilot.press(key)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)
