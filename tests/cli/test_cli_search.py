"""`mentor search QUERY` as a shell sees it: one line per hit with the match in view,
filters, JSON, hostile text and queries, and the quick path that skips SQLAlchemy."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mentor_tui.services.actions import add_action_item, add_feedback
from mentor_tui.services.goals import create_goal
from mentor_tui.services.journal import add_journal_entry
from mentor_tui.services.sessions import schedule_session, update_session
from tests.cli.helpers import assert_one_line_error, mentor


@pytest.fixture
def filled(store, pair, home):
    meeting = schedule_session(store, pair.id, "2026-11-20 15:00", agenda="Walrus agenda")
    update_session(store, meeting.id, private_notes="Private walrus worry")
    add_feedback(store, meeting.id, "The walrus demo was clear")
    add_action_item(store, pair.id, "Email the walrus team", session_id=meeting.id)
    goal = create_goal(store, pair.id, title="Walrus expert", specific="Read about walruses")
    add_journal_entry(
        store,
        "filler words here. " * 300 + "a walrus at the end \x1b[31m",
        title="Long \x1b]0;evil\x07 entry",
        pair_id=pair.id,
    )
    store.close()
    return {"goal": goal.id, "session": meeting.id}


def test_one_line_per_hit_with_the_match_visible(filled, home):
    result = mentor("search", "walrus", home=home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert sorted(line.split()[0] for line in lines) == [
        "action",
        "feedback",
        "goal",
        "journal",
        "session",
    ]
    for line in lines:
        assert "walrus" in line.lower(), line
        assert "\x1b" not in line and "\x07" not in line  # shown, never sent
    journal = next(line for line in lines if line.startswith("journal"))
    assert "2026-11-16" in journal and "a walrus at the end" in journal
    assert "\\x1b" in journal


def test_filters_and_json(filled, home):
    goal = mentor("search", "walrus", "--kind", "goal", "--json", home=home)
    rows = json.loads(goal.stdout)
    assert [(r["kind"], r["id"]) for r in rows] == [("goal", filled["goal"])]
    assert ["walrus", True] in [[s.lower(), m] for s, m in rows[0]["title_spans"]]
    both = mentor("search", "walrus", "--kind", "session,feedback", "--json", home=home)
    assert sorted(r["kind"] for r in json.loads(both.stdout)) == ["feedback", "session"]
    later = mentor("search", "walrus", "--since", "2026-11-18", "--json", home=home)
    assert {r["kind"] for r in json.loads(later.stdout)} == {"session", "feedback", "action"}
    earlier = mentor("search", "walrus", "--until", "2026-11-17", "-n", "1", "--json", home=home)
    assert len(json.loads(earlier.stdout)) == 1
    paired = mentor("search", "walrus", "--pair", "Ada", "--kind", "session", home=home)
    assert paired.returncode == 0 and paired.stdout.startswith("session"), paired.stderr
    newest = mentor("search", "walrus", "--newest", "--json", home=home)
    dates = [r["when"] for r in json.loads(newest.stdout)]
    assert dates == sorted(dates, reverse=True)


def test_nothing_found_and_bad_input(filled, home):
    assert mentor("search", "zzzz", home=home).stdout == "Nothing matches.\n"
    for typed in ("NEAR(", "walrus*", "[/]walrus", 'walrus "'):
        result = mentor("search", typed, home=home)
        assert result.returncode == 0 and "Traceback" not in result.stderr, typed
    assert "give a word" in assert_one_line_error(mentor("search", '"', home=home), 2)
    assert "unknown kind" in assert_one_line_error(
        mentor("search", "walrus", "--kind", "gloat", home=home)
    )
    assert "-n" in assert_one_line_error(mentor("search", "walrus", "-n", "0", home=home), 2)


def test_matches_are_bold_on_a_terminal():
    from datetime import UTC, datetime

    from mentor_tui.cli.search import _line
    from mentor_tui.models.search_sql import Hit

    hit = Hit(
        "goal",
        "id",
        None,
        datetime(2026, 11, 16, tzinfo=UTC),
        (("A ", False), ("walrus", True), ("\x1b[2J", False)),
        (("…about ", False), ("walrus", True), (" things", False)),
        "approved",
    )
    shown = _line(hit, "2026-11-16", True, 100)
    assert shown.count("\x1b[1mwalrus\x1b[0m") == 2
    assert "\x1b[2J" not in shown and "\\x1b[2J" in shown
    plain = _line(hit, "2026-11-16", False, 0)
    assert plain == "goal       2026-11-16  A walrus\\x1b[2J (approved)  …about walrus things"


def test_the_quick_path_imports_no_sqlalchemy(filled, home):
    code = (
        "import sys\nfrom mentor_tui.cli import main\n"
        f"assert main(['--home', {str(home)!r}, 'search', 'walrus']) == 0\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel')]"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "walrus" in done.stdout.lower()
