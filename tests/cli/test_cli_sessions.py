"""`mentor session ...` and `mentor checkin` as a shell sees them (in process, on the
frozen clock: Monday 2026-11-16)."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import mentor


def setup(name: str, zone: str, role: str, partner: str, partner_zone: str) -> None:
    assert mentor("init", "--name", name, "--timezone", zone).returncode == 0
    done = mentor(
        "pair", "new", "--with", partner, "--role", role, "--their-timezone", partner_zone
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def grace(home):
    setup("Grace Hopper", "America/New_York", "mentor", "Ada Lovelace", "Europe/Berlin")


def test_new_and_list_across_zones_and_dst(grace):
    done = mentor("session", "new", "--at", "2027-03-17 09:00", "--kind", "quarterly review")
    assert done.returncode == 0, done.stderr
    assert "Wed 17 Mar 09:00 New York · 14:00 Berlin" in done.stdout
    mentor(
        "session",
        "new",
        "--at",
        "2027-03-31 15:00",
        "--tz",
        "Europe/Berlin",
        "--minutes",
        "60",
        "--agenda",
        "Retro",
    )
    listed = json.loads(mentor("session", "list", "--json").stdout)
    assert [s["when"] for s in listed["upcoming"]] == [
        "Wed 17 Mar 09:00 New York · 14:00 Berlin",
        "Wed 31 Mar 09:00 New York · 15:00 Berlin",
    ]
    assert listed["upcoming"][0]["kind_label"] == "quarterly review"
    assert listed["upcoming"][1]["starts_at"] == "2027-03-31T13:00:00Z"
    table = mentor("session", "list").stdout
    assert table.splitlines()[0].split() == ["ID", "WHEN", "KIND", "STATUS", "LENGTH"]


def test_mark_held_and_nudge(grace):
    mentor("session", "new", "--at", "2026-01-05 10:00")
    session_id = json.loads(mentor("session", "list", "--json").stdout)["past"][0]["id"]
    assert "not marked held" in mentor("session", "list").stdout
    assert mentor("session", "mark", session_id[:6], "held").returncode == 0
    assert "none is planned" in mentor("session", "list").stdout


@pytest.mark.parametrize(
    "args,code,message",
    [
        (("session", "new", "--at", "someday"), 1, "cannot read 'someday'"),
        (("session", "new", "--at", "2027-03-14 02:30"), 1, "does not exist in New York"),
        (("session", "new", "--at", "2027-01-01 10:00", "--kind", "party"), 1, "unknown session"),
        (("session", "new", "--at", "2027-01-01 10:00", "--tz", "Mars/Base"), 1, "unknown time"),
        (("session", "new"), 2, "--at"),
        (("checkin", "--lesson", "x"), 1, "answered by the mentee"),
    ],
)
def test_errors_are_one_line(grace, args, code, message):
    done = mentor(*args)
    assert done.returncode == code, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr


def test_checkin_by_the_mentee(home):
    setup("Ada Lovelace", "Europe/Berlin", "mentee", "Grace Hopper", "America/New_York")
    bad = mentor("checkin", "--lesson", "x", "--rating", "9")
    assert bad.returncode == 1 and "from 1 to 5" in bad.stderr
    assert mentor("checkin").returncode == 2  # no answers and no terminal to ask on
    done = mentor(
        "checkin",
        "--lesson",
        "Lead with the diagram",
        "--goal",
        "Send the RFC",
        "--rating",
        "4",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout)
    assert (row["lesson"], row["next_goal"], row["last_goal_rating"]) == (
        "Lead with the diagram",
        "Send the RFC",
        4,
    )
