"""`mentor stats`: the pair's progress in words and a table, --json with the same numbers
as the service (and so as the Progress screen), --by week, a period; errors in one line."""

from __future__ import annotations

import json

from mentor_tui.services.pairs import find_pair
from mentor_tui.services.progress import load_progress
from tests.cli.helpers import assert_one_line_error, mentor


def test_stats_on_the_demo_in_words_and_a_table(home, demo_store):
    result = mentor("stats", "--pair", "Ada", home=home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Progress of Grace Hopper → Ada Lovelace, by month"
    ada = find_pair(demo_store, "Ada", None)
    for words in load_progress(demo_store, ada.id).sentences.values():
        assert f"- {words}" in lines
    assert "- cadence kept 83% (5 of 6 biweekly periods had a session)" in lines
    header = next(line for line in lines if line.startswith("from "))
    assert header.split() == [
        "from",
        "held",
        "kept",
        "agreed",
        "achieved",
        "done",
        "overdue",
        "closed",
        "open",
        "rating",
        "journal",
        "wins",
    ]
    assert lines[-1].startswith("2026-11 ")


def test_stats_json_gives_the_services_numbers(home, demo_store):
    result = mentor("stats", "--pair", "Ada", "--json", home=home)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    progress = load_progress(demo_store, find_pair(demo_store, "Ada", None).id)
    assert found == json.loads(json.dumps(progress.as_json(), default=str))
    assert found["figures"]["cadence_share"] == 5 / 6
    assert found["figures"]["sessions_all"] == 6
    assert found["sentences"]["cadence"].startswith("cadence kept 83%")
    assert found["buckets"][0]["start"] == "2026-08-01"


def test_stats_by_week_and_for_a_period(home, demo_store):
    weekly = json.loads(mentor("stats", "--pair", "Ada", "--by", "week", "--json").stdout)
    assert weekly["by"] == "week" and len(weekly["buckets"]) > 4
    monthly = json.loads(mentor("stats", "--pair", "Ada", "--json").stdout)
    assert weekly["figures"]["sessions_held"] == monthly["figures"]["sessions_held"]
    october = json.loads(
        mentor(
            "stats", "--pair", "Ada", "--since", "2026-10-01", "--until", "2026-10-31", "--json"
        ).stdout
    )
    assert [b["start"] for b in october["buckets"]] == ["2026-10-01"]


def test_stats_errors_are_one_line(home, demo_store):
    assert "invalid choice" in assert_one_line_error(
        mentor("stats", "--pair", "Ada", "--by", "year", home=home), code=2
    )
    assert "after" in assert_one_line_error(
        mentor("stats", "--pair", "Ada", "--since", "2026-11-02", "--until", "2026-11-01")
    )
    assert "several pairs" in assert_one_line_error(mentor("stats", home=home))
