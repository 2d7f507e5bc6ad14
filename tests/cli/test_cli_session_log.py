"""`mentor session log` as a shell sees it (in process, on the frozen clock: Monday
2026-11-16 09:30 UTC, 04:30 in New York): flags, a file, $EDITOR; appending, never
overwriting; one line for bad input."""

from __future__ import annotations

import json
import sys
from datetime import date

import pytest

from mentor_tui.clock import FrozenClock
from mentor_tui.models.db import Store
from mentor_tui.services.actions import list_feedback
from mentor_tui.services.session_log import parse_log_text
from mentor_tui.services.sessions import get_session, session_detail
from tests.cli.helpers import assert_one_line_error, home_built_once, mentor
from tests.cli.test_cli_sessions import setup
from tests.conftest import FROZEN_NOW


def _two_sessions() -> str:
    setup("Grace Hopper", "America/New_York", "mentor", "Ada Lovelace", "Europe/Berlin")
    assert mentor("session", "new", "--at", "2026-11-02 10:00").returncode == 0
    done = mentor("session", "new", "--at", "2026-11-16 03:00", "--json")  # today, started
    assert done.returncode == 0, done.stderr
    return str(json.loads(done.stdout)["id"])


@pytest.fixture
def session_id(home, tmp_path_factory) -> str:
    return home_built_once("session-log", home, tmp_path_factory, _two_sessions)


def _detail(home, session_id: str):
    store = Store.open_home(home, FrozenClock(FROZEN_NOW))
    try:
        return session_detail(store, session_id), list_feedback(store, session_id)
    finally:
        store.close()


def test_flags_write_every_part_to_todays_session(home, session_id):
    done = mentor(
        "session",
        "log",
        "--notes",
        "Walked through the RFC",
        "--takeaways",
        "Ask early",
        "--accomplishments",
        "Shipped the spike",
        "--roadblocks",
        "No reviewer yet",
        "--action",
        "Send the RFC",
        "--owner",
        "me",
        "--due",
        "2026-11-20",
        "--action",
        "Book the room | partner | none",
        "--action",
        "Read the paper",
        "--feedback",
        "Clear demo",
        "--impact",
        "The team got it",
        "--next-step",
        "Record it",
    )
    assert done.returncode == 0, done.stderr
    assert f"Logged to session {session_id[:8]}" in done.stdout
    assert "Send the RFC (Grace Hopper, due Fri 20 Nov)" in done.stdout
    detail, feedback = _detail(home, session_id)
    row = detail.session
    assert (row.shared_notes, row.takeaways, row.accomplishments, row.roadblocks) == (
        "Walked through the RFC",
        "Ask early",
        "Shipped the spike",
        "No reviewer yet",
    )
    items = {v.item.title: v.item for v in detail.own_items}
    me, ada = detail.pair.me.id, detail.pair.partner.id
    assert (items["Send the RFC"].owner_id, items["Send the RFC"].due_on) == (
        me,
        date(2026, 11, 20),
    )
    assert (items["Book the room"].owner_id, items["Book the room"].due_on) == (ada, None)
    # Defaults: the mentee, due the day before the next session (none planned: by the
    # cadence, biweekly from today).
    assert (items["Read the paper"].owner_id, items["Read the paper"].due_on) == (
        detail.pair.mentee.id,
        date(2026, 11, 29),
    )
    [entry] = feedback
    assert (entry.observation, entry.impact, entry.next_step) == (
        "Clear demo",
        "The team got it",
        "Record it",
    )


def test_a_second_log_appends_and_says_so(home, session_id):
    assert mentor("session", "log", "--notes", "First").returncode == 0
    done = mentor("session", "log", "--session", session_id[:6], "--notes", "Second")
    assert done.returncode == 0, done.stderr
    assert "notes: added after what was there" in done.stdout
    assert get_notes(home, session_id) == "First\n\nSecond"


def get_notes(home, session_id: str) -> str:
    store = Store.open_home(home, FrozenClock(FROZEN_NOW))
    try:
        return get_session(store, session_id).shared_notes
    finally:
        store.close()


LOG_FILE = """\
Said before any heading: notes.

# Takeaways
Ask early

## A heading of my own stays in the text
# Action items
- Send the RFC | me | 2026-11-20
- Read the paper

# Feedback
Clear demo
Impact: the team got it
Next step: record it
"""


def test_a_file_with_headings(home, session_id, tmp_path):
    path = tmp_path / "log.md"
    path.write_text(LOG_FILE, encoding="utf-8")
    done = mentor("session", "log", "--file", str(path))
    assert done.returncode == 0, done.stderr
    detail, [entry] = _detail(home, session_id)
    assert detail.session.shared_notes == "Said before any heading: notes."
    assert detail.session.takeaways == "Ask early\n\n## A heading of my own stays in the text"
    assert sorted(v.item.title for v in detail.own_items) == ["Read the paper", "Send the RFC"]
    assert (entry.observation, entry.impact, entry.next_step) == (
        "Clear demo",
        "the team got it",
        "record it",
    )


def test_stdin_as_the_file(home, session_id):
    done = mentor("session", "log", "--file", "-", input="# Roadblocks\nNo reviewer\n")
    assert done.returncode == 0, done.stderr
    assert _detail(home, session_id)[0].session.roadblocks == "No reviewer"


@pytest.fixture
def in_a_terminal(monkeypatch):
    monkeypatch.setattr("mentor_tui.cli.session_log._interactive", lambda: True)


def _fake_editor(tmp_path, body: str, status: int = 0) -> str:
    """A script that stands in for $EDITOR: checks it got the template, writes `body`."""
    script = tmp_path / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "assert '# Action items' in path.read_text(), 'not the template'\n"
        f"path.write_text(path.read_text() + {body!r})\n"
        f"sys.exit({status})\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return str(script)


def test_editor_when_no_text_is_given_in_a_terminal(home, session_id, tmp_path, in_a_terminal):
    editor = _fake_editor(tmp_path, "Written in the editor\nImpact: clearer\n")
    done = mentor("session", "log", env={"EDITOR": editor})
    assert done.returncode == 0, done.stderr
    assert "feedback" in done.stdout
    detail, [entry] = _detail(home, session_id)
    # The template ends with '# Feedback': what the editor added at the end went there;
    # the template's comment and empty headings left nothing behind.
    assert (entry.observation, entry.impact) == ("Written in the editor", "clearer")
    assert detail.session.shared_notes == "" and detail.own_items == []


def test_editor_adding_under_the_notes_heading(home, session_id, tmp_path, monkeypatch):
    monkeypatch.setattr("mentor_tui.cli.session_log._interactive", lambda: True)
    script = tmp_path / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "text = path.read_text()\n"
        "text = text.replace('# Notes\\n', '# Notes\\nTyped in vim\\n')\n"
        "text = text.replace('# Action items\\n', '# Action items\\n- Send the RFC | me\\n')\n"
        "path.write_text(text)\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    done = mentor("session", "log", env={"VISUAL": "", "EDITOR": str(script)})
    assert done.returncode == 0, done.stderr
    detail, feedback = _detail(home, session_id)
    assert detail.session.shared_notes == "Typed in vim"
    assert [v.item.title for v in detail.own_items] == ["Send the RFC"]
    assert feedback == []


def test_editor_left_untouched_logs_nothing(home, session_id, tmp_path, in_a_terminal):
    done = mentor("session", "log", env={"EDITOR": _fake_editor(tmp_path, "")})
    assert done.returncode == 0, done.stderr
    assert "Nothing to log" in done.stdout
    assert get_notes(home, session_id) == ""


def test_editor_that_fails_logs_nothing(home, session_id, tmp_path, in_a_terminal):
    done = mentor("session", "log", env={"EDITOR": _fake_editor(tmp_path, "x", status=3)})
    assert "exited with status 3" in assert_one_line_error(done)
    assert get_notes(home, session_id) == ""


def test_no_editor_set(home, session_id, in_a_terminal):
    assert "no editor" in assert_one_line_error(mentor("session", "log"))


@pytest.mark.parametrize(
    "args,code,message",
    [
        ((), 2, "give the text"),
        (("--notes", "x", "--session", "ffffffff"), 1, "no session matches"),
        (("--action", "x", "--owner", "Bob"), 1, "no one called 'Bob'"),
        (("--action", "x", "--due", "someday"), 1, "someday"),
        (("--action", "  "), 1, "action item"),
        (("--owner", "me", "--action", "x"), 2, "--owner belongs after the --action"),
        (("--action", "x", "--due", "fri", "--due", "sat"), 2, "--due given twice"),
        (("--action", "a | b | c | d"), 1, "TEXT | OWNER | DUE"),
        (("--impact", "big"), 1, "needs its observation"),
        (("--notes", "x", "--file", "f.md"), 2, "not both"),
        (("--file", "/nonexistent/log.md"), 1, "cannot read /nonexistent/log.md"),
    ],
)
def test_bad_input_is_one_line(home, session_id, args, code, message):
    done = mentor("session", "log", *args)
    assert message in assert_one_line_error(done, code)
    assert get_notes(home, session_id) == ""


def test_nothing_checked_fails_halfway(home, session_id):
    """A bad owner on the second item: nothing of the log is written."""
    done = mentor("session", "log", "--notes", "x", "--action", "ok", "--action", "y | Bob")
    assert_one_line_error(done)
    detail, _feedback = _detail(home, session_id)
    assert detail.session.shared_notes == "" and detail.own_items == []


def test_latest_session_when_none_today(home):
    setup("Grace Hopper", "America/New_York", "mentor", "Ada Lovelace", "Europe/Berlin")
    mentor("session", "new", "--at", "2026-11-02 10:00")
    mentor("session", "new", "--at", "2026-11-30 10:00")  # not started: not the latest
    done = mentor("session", "log", "--notes", "Late notes")
    assert done.returncode == 0, done.stderr
    assert "Mon 02 Nov" in done.stdout


def test_no_session_yet(home):
    setup("Grace Hopper", "America/New_York", "mentor", "Ada Lovelace", "Europe/Berlin")
    assert "no session has started yet" in assert_one_line_error(
        mentor("session", "log", "--notes", "x")
    )


def test_help_shows_the_action_forms():
    shown = mentor("session", "log", "--help").stdout
    assert "TEXT | OWNER | DUE" in shown and "--owner" in shown and "ADDED after" in shown


def test_parse_keeps_unknown_headings_as_text():
    log = parse_log_text("<!-- a comment -->\n# Notes\n# Not a section\nbody\n")
    assert log.texts == {"shared_notes": "# Not a section\nbody"}
