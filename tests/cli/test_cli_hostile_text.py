"""Stored text printed by the CLI and the exports never drives the terminal: escape codes,
BEL and bidi overrides come out as visible escapes (in process: main(argv) and capsys)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from mentor_tui.cli import main
from mentor_tui.services.goals import create_goal
from mentor_tui.services.milestones import add_milestone
from mentor_tui.services.sessions import schedule_session

EVIL = "\x1b]0;PWNED\x07\x1b[41m\u202e x"
SHOWN = "\\x1b]0;PWNED\\x07\\x1b[41m\\u202e x"


@pytest.fixture
def evil_goal(store, pair):
    goal = create_goal(
        store, pair.id, title=f"Goal {EVIL}", specific=f"{EVIL}\nline two", measurable=EVIL
    )
    add_milestone(store, goal.id, title=f"Step {EVIL}", evidence=EVIL)
    # The command runs on the system clock: the session is upcoming by that clock.
    soon = datetime.now(UTC) + timedelta(days=3)
    schedule_session(store, pair.id, soon, agenda=f"Agenda {EVIL}")
    return goal


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _assert_safe(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


def test_goal_show_prints_escapes_visibly(capsys, evil_goal):
    code, out, err = _run(capsys, "goal", "show", evil_goal.id[:8])
    assert code == 0, err
    _assert_safe(out)
    assert f"Goal {SHOWN}" in out and f"Step {SHOWN}" in out


@pytest.mark.parametrize("format", ["markdown", "ics"])
def test_exports_print_escapes_visibly(capsys, evil_goal, format):
    code, out, err = _run(capsys, "export", "--format", format)
    assert code == 0, err
    _assert_safe(out)
    if format == "markdown":
        assert f"### Goal {SHOWN}" in out and f"Step {SHOWN}" in out
    else:  # iCalendar escapes backslashes and semicolons, and folds long lines
        assert "Agenda \\\\x1b]0\\;PWNED" in out.replace("\r\n ", "")


def test_an_error_quoting_stored_text_is_shown_visibly(capsys, pair):
    code, _out, err = _run(capsys, "goal", "show", "\x1b[2J")
    assert code == 1
    _assert_safe(err)


def test_json_output_escapes_what_a_terminal_acts_on(capsys, store, pair):
    title = "C1 \x9b31m bidi \u202e del \x7f esc \x1b[2J"
    create_goal(store, pair.id, title=title)
    code, out, err = _run(capsys, "goal", "list", "--json")
    assert code == 0, err
    assert not any(char in out for char in "\x1b\x9b\u202e\x7f")
    assert json.loads(out)[0]["title"] == title  # the same value, escaped
