"""How the intake looks for a participant (the program's own prompts, one hostile, my last
answers filled in) at both terminal sizes: frozen clock, workers finished."""

from __future__ import annotations

import pytest

from mentor_tui.screens.intake import IntakeScreen
from tests.ui.conftest import settle
from tests.ui.intake_home import enrol_here


@pytest.fixture
def enrolled(home, me) -> None:
    answers = {"role_wanted": "mentee", "timezone": "Europe/Berlin", "skills_wanted": "python"}
    enrol_here(home, me.id, answers)


async def _on_intake(pilot) -> None:
    await settle(pilot)
    pilot.app.push_screen(IntakeScreen())
    await settle(pilot)


def test_intake(snap_compare, enrolled, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_on_intake)


def test_intake_in_a_small_terminal(snap_compare, enrolled, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_on_intake)
