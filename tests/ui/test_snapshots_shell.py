"""How the shell looks: the Dashboard on the demo pair at both terminal sizes, the first
run, the charter editor and help. Frozen clock, no cursor blink, workers finished."""

from __future__ import annotations

import pytest

from tests.ui.conftest import settle


async def _settled(pilot) -> None:
    await settle(pilot)


def test_dashboard_on_the_demo_pair(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_settled)


def test_dashboard_in_a_small_terminal(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_settled)


def test_first_run(snap_compare, store, make_app, monkeypatch: pytest.MonkeyPatch):
    # The detected zone depends on the machine: pin it so the picture does not.
    monkeypatch.setattr("mentor_tui.screens.first_run.detect_timezone", lambda: "Europe/Berlin")
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_settled)


def test_charter_editor(snap_compare, demo_store, make_app):
    async def open_charter(pilot) -> None:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=open_charter)


def test_help(snap_compare, demo_store, make_app):
    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=open_help)
