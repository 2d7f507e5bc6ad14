"""`mentor pair close|reopen|review` and `mentor pair new --from`: a final review from flags,
a file or $EDITOR; a closed pair refusing writes in one line; the next mentorship."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mentor_tui.models.enums import PairStatus
from mentor_tui.services.closing import load_closing
from mentor_tui.services.goals import create_goal, list_goals
from mentor_tui.services.pairs import find_pair, list_pairs
from tests.cli.helpers import assert_one_line_error, mentor

REFUSED = (
    "mentor: the mentorship with Ada Lovelace is closed (2026-11-16); "
    "reopen it with `mentor pair reopen`"
)


def test_close_with_flags_then_writes_are_refused_in_one_line(home, store, pair):
    closed = mentor(
        "pair", "close", "--achieved", "shipped", "--next", "lead a review", "--again", "5",
        home=home,
    )  # fmt: skip
    assert closed.returncode == 0, closed.stderr
    assert "Closed the mentorship with Ada Lovelace" in closed.stdout
    assert f"mentor pair new --from {pair.id[:8]}" in closed.stdout
    assert find_pair(store, None).pair.status == PairStatus.CLOSED
    line = assert_one_line_error(mentor("goal", "new", "--title", "One more", home=home))
    assert line == REFUSED
    line = assert_one_line_error(mentor("journal", "add", "--pair", "Ada", "late", home=home))
    assert line == REFUSED
    # the journal's quick path leaves a closed pair to the full path, which refuses
    assert assert_one_line_error(mentor("journal", "add", "late", home=home)) == REFUSED


def test_review_from_a_file_and_shown_with_json(home, store, pair, tmp_path: Path):
    text = tmp_path / "review.md"
    text.write_text(
        "# Achieved\nthe parser\n\n# Keep doing\nwritten updates\n\n# Next\nstaff track\n"
        "\n# Again\n4\n",
        encoding="utf-8",
    )
    assert mentor("pair", "close", "--file", str(text), home=home).returncode == 0
    mine = load_closing(store, pair.id).mine
    assert mine is not None
    assert (mine.achieved, mine.keep_doing, mine.next_steps, mine.again) == (
        "the parser",
        "written updates",
        "staff track",
        4,
    )
    shown = mentor("pair", "review", "--json", home=home)
    data = json.loads(shown.stdout)
    assert data["status"] == "closed" and data["mine"]["again"] == 4
    assert data["partner"] is None
    words = mentor("pair", "review", home=home).stdout
    assert "## you" in words and "(no final review yet)" in words


def test_close_from_the_editor(home, store, pair, monkeypatch, tmp_path: Path):
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\ntext = p.read_text()\n"
        "text = text.replace('# Achieved', '# Achieved\\nwritten in the editor')\n"
        "p.write_text(text + '3\\n')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("mentor_tui.cli.closing._interactive", lambda: True)
    result = mentor(
        "pair", "close", home=home, env={"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}
    )
    assert result.returncode == 0, result.stderr
    mine = load_closing(store, pair.id).mine
    assert mine is not None and mine.again == 3  # under the template's last heading
    assert mine.achieved == "written in the editor"  # the template's comments are left out


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        ((), "give the final review", 2),
        (("--again", "9"), "'would you do it again' is 1-5, not 9", 1),
        (("--achieved", "x", "--file", "f.md"), "with flags or with --file, not both", 2),
    ],
)
def test_close_errors_are_one_line(home, pair, args, message, code):
    line = assert_one_line_error(mentor("pair", "close", *args, home=home), code)
    assert message in line


def test_reopen_then_writes_work_again(home, store, pair):
    mentor("pair", "close", "--achieved", "x", home=home)
    reopened = mentor("pair", "reopen", home=home)
    assert reopened.returncode == 0, reopened.stderr
    assert "Reopened the mentorship with Ada Lovelace" in reopened.stdout
    assert mentor("goal", "new", "--title", "After", home=home).returncode == 0
    line = assert_one_line_error(mentor("pair", "reopen", home=home))
    assert line == "mentor: the mentorship with Ada Lovelace is not closed"


def test_pair_new_from_a_closed_pair(home, store, pair):
    create_goal(store, pair.id, title="Lead a design review")
    refused = assert_one_line_error(mentor("pair", "new", "--from", "Ada", home=home))
    assert "still open; close it first with `mentor pair close`" in refused
    mentor("pair", "close", "--next", "run the guild", home=home)
    made = mentor("pair", "new", "--from", "Ada", "--with", "Linus", "--json", home=home)
    assert made.returncode == 0, made.stderr
    data = json.loads(made.stdout)
    assert data["previous_pair_id"] == pair.id
    assert "run the guild" in data["purpose"]
    assert [g.goal.title for g in list_goals(store, data["id"])] == ["Lead a design review"]
    assert len(list_pairs(store)) == 2


def test_pair_new_needs_with_or_from(home, me):
    line = assert_one_line_error(mentor("pair", "new", home=home), 2)
    assert "--with NAME (or --from PAIR)" in line
