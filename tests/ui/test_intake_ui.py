"""The program's intake in the app: the program's prompts as labels (shown literally),
prefilled from my last answers; ctrl+s sends through submit_intake in the worker; a bad
time zone refused in one line with the text kept; Escape asks; no program, one line."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, Select, TextArea

from mentor_tui.screens.intake import NOT_IN_A_PROGRAM, IntakeScreen
from mentor_tui.widgets.confirm import ConfirmScreen
from tests.ui.conftest import settle
from tests.ui.intake_home import PROGRAM_ID, enrol_here


def _svg(app: Any) -> str:
    return app.export_screenshot().replace("&#160;", " ")


@pytest.fixture
def enrolled(home, me) -> None:
    enrol_here(home, me.id, {"role_wanted": "mentee", "skills_wanted": "python, sql"})


async def test_fill_and_send(make_app, home, enrolled, monkeypatch) -> None:
    from mentor_tui.services.intake import parse_intake

    sent: list[tuple[dict[str, Any], str | None]] = []

    def fake_submit(store, home, raw, *, program_id=None, ask=None):  # no shared place here
        sent.append((dict(raw), program_id))
        return parse_intake(raw, "me", "Grace")

    monkeypatch.setattr("mentor_tui.program.service.submit_intake", fake_submit)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_push_area("intake")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        svg = _svg(app)
        assert "Your time zone [b]please[/b] [/y]" in svg  # literal: markup off
        assert "What do you want to learn?" in svg and "seniority" not in svg.lower()
        assert screen.query_one("#intake-role_wanted", Select).value == "mentee"
        assert screen.query_one("#intake-skills_wanted", Input).value == "python, sql"
        zone = screen.query_one("#intake-timezone", Input)
        assert zone.value == "America/New_York"  # not answered yet: my profile's zone
        zone.value = "Europe/Berlin"
        screen.query_one("#intake-other_department", Select).value = "yes"
        screen.query_one("#intake-goals", TextArea).text = "Lead a project\nsoon"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, IntakeScreen)
    [(raw, program_id)] = sent
    assert program_id == PROGRAM_ID
    assert raw == {
        "role_wanted": "mentee",
        "timezone": "Europe/Berlin",
        "skills_wanted": "python, sql",
        "other_department": "yes",
        "goals": "Lead a project\nsoon",
    }


async def test_a_bad_time_zone_is_refused_and_the_text_kept(make_app, enrolled) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(IntakeScreen())
        await settle(pilot)
        screen = app.screen
        screen.query_one("#intake-timezone", Input).value = "Mars/Olympus"
        await pilot.press("ctrl+s")
        await settle(pilot)  # the real submit_intake: refused before the network
        assert app.screen is screen
        assert "timezone:" in _svg(app) and "Mars/Olympus" in _svg(app)
        assert screen.query_one("#intake-timezone", Input).value == "Mars/Olympus"
        assert screen.query_one("#intake-skills_wanted", Input).value == "python, sql"


async def test_escape_asks_before_dropping_answers(make_app, enrolled) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(IntakeScreen())
        await settle(pilot)
        screen = app.screen
        screen.query_one("#intake-skills_wanted", Input).value = "rust"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#intake-skills_wanted", Input).value == "rust"


async def test_unchanged_escape_just_leaves(make_app, enrolled) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(IntakeScreen())
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, IntakeScreen | ConfirmScreen)


async def test_no_program_says_so_in_one_line(make_app, me) -> None:
    app = make_app(start_in="intake")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert NOT_IN_A_PROGRAM[:60] in _svg(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.screen.query("Input") and _svg(app).count("is in no program") == 1


async def test_the_palette_offers_it(make_app, enrolled) -> None:
    from mentor_tui.screens.palette import palette_commands

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [command.title for command in palette_commands(app)]
        assert "Answer the program's intake" in titles
