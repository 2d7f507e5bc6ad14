"""`mentor goal ...` and `mentor milestone ...`, in process on the frozen clock."""

from __future__ import annotations

import json
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.cli.helpers import assert_one_line_error, mentor
from tests.conftest import FROZEN_NOW

MARKUP = "[bold]x[/bold] [link=http://x]y[/]"


def _today() -> date:
    # The command runs on the frozen clock, in Grace's zone.
    return FROZEN_NOW.astimezone(ZoneInfo("America/New_York")).date()


@pytest.fixture
def goal_id(home, pair):
    result = mentor(
        "goal",
        "new",
        "--title",
        f"Talk {MARKUP}",
        "--specific",
        "get better at communication",
        "--due",
        "in 6 weeks",
        "--json",
        home=home,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["id"]


def test_goal_new_list_and_show(home, goal_id):
    listed = json.loads(mentor("goal", "list", "--json", home=home).stdout)
    assert [g["id"] for g in listed] == [goal_id]
    goal = listed[0]
    assert goal["title"] == f"Talk {MARKUP}"
    assert goal["due_on"] == (_today() + timedelta(weeks=6)).isoformat()
    assert goal["smart"]["specific"]["hint"].startswith('vague: "get better at"')
    assert goal["smart"]["due_on"] == {"ok": True, "hint": ""}
    text = mentor("goal", "list", home=home).stdout
    assert f"Talk {MARKUP}" in text and "S✗ M✗ A✗ R✗ T✓" in text
    shown = mentor("goal", "show", goal_id[:8], home=home)
    assert shown.returncode == 0, shown.stderr
    assert "✗ Specific: get better at communication" in shown.stdout
    assert 'hint: vague: "get better at"' in shown.stdout
    assert "draft: you approve goals in this pair" in shown.stdout


def test_propose_and_approve_follow_the_check_and_decision_rights(home, goal_id):
    line = assert_one_line_error(mentor("goal", "propose", goal_id, home=home))
    assert line.startswith("mentor: cannot propose yet: not SMART yet: Specific: vague")
    edited = mentor(
        "goal",
        "edit",
        goal_id,
        "--specific",
        "Give a 20-minute talk at the guild",
        "--measurable",
        "1 talk, 10 attendees",
        "--achievable",
        "two evenings a week, Grace reviews",
        "--relevant",
        "the charter: speak up in design reviews",
        home=home,
    )
    assert edited.returncode == 0, edited.stderr
    assert mentor("goal", "propose", "talk", home=home).stdout.startswith("Goal proposed")
    assert mentor("goal", "approve", "talk", home=home).stdout.startswith("Goal approved")
    shown = json.loads(mentor("goal", "show", goal_id, "--json", home=home).stdout)
    assert shown["status"] == "approved"
    assert [(h["field"], h["new_value"][:8]) for h in shown["history"]][-6:] == [
        ("specific", "Give a 2"),
        ("measurable", "1 talk, "),
        ("achievable", "two even"),
        ("relevant", "the char"),
        ("status", "proposed"),
        ("status", "approved"),
    ]


def test_the_mentee_cannot_approve(home, me):
    assert mentor("pair", "new", "--with", "Linus", "--role", "mentee", home=home).returncode == 0
    mentor(
        "goal",
        "new",
        "--title",
        "T",
        "--specific",
        "Give a 20-minute talk at the guild",
        "--measurable",
        "1 talk",
        "--achievable",
        "two evenings a week",
        "--relevant",
        "the charter aim of speaking",
        "--due",
        "in 3 weeks",
        "--propose",
        home=home,
    )
    line = assert_one_line_error(mentor("goal", "approve", "T", home=home))
    assert line == (
        "mentor: only the mentor (Linus) can approve goals in this pair (charter: decision rights)"
    )


def test_milestone_list_filters_and_flags(home, goal_id):
    today = _today()
    for title, due in (
        ("late", today - timedelta(days=3)),
        ("soon", today + timedelta(days=3)),
        ("later", today + timedelta(days=40)),
    ):
        added = mentor(
            "milestone", "add", goal_id, "--title", title, "--due", due.isoformat(), home=home
        )
        assert added.returncode == 0, added.stderr
    listed = json.loads(mentor("milestone", "list", "--json", home=home).stdout)
    assert [(m["title"], m["overdue"], m["at_risk"]) for m in listed] == [
        ("late", True, False),
        ("soon", False, True),
        ("later", False, False),
    ]
    within = json.loads(
        mentor("milestone", "list", "--due-within", "14d", "--json", home=home).stdout
    )
    assert [m["title"] for m in within] == ["late", "soon"]
    assert (
        json.loads(mentor("milestone", "list", "--status", "done", "--json", home=home).stdout)
        == []
    )
    assert (
        len(
            json.loads(
                mentor("milestone", "list", "--goal", goal_id[:8], "--json", home=home).stdout
            )
        )
        == 3
    )
    text = mentor("milestone", "list", home=home).stdout
    assert "overdue 3 days" in text and "at risk" in text
    weeks = mentor("milestone", "list", "--by-week", home=home).stdout
    assert weeks.count("-W") == len(
        {
            (d.isocalendar()[0], d.isocalendar()[1])
            for d in (
                today - timedelta(days=3),
                today + timedelta(days=3),
                today + timedelta(days=40),
            )
        }
    )


def test_milestone_done_with_evidence_and_the_review(home, goal_id):
    added = mentor("milestone", "add", goal_id, "--title", "outline", home=home)
    milestone_id = added.stdout.strip().rsplit("(", 1)[1].rstrip(")")
    done = mentor("milestone", "done", milestone_id[:8], "--evidence", MARKUP, home=home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (f"Done on {_today().isoformat()}: outline (evidence: {MARKUP})")
    listed = json.loads(mentor("milestone", "list", "--status", "done", "--json", home=home).stdout)
    assert listed[0]["evidence"] == MARKUP and listed[0]["done_on"] == _today().isoformat()
    assert mentor(
        "milestone", "assess", "outline", "--score", "2", "--comment", "thin", home=home
    ).stdout.startswith("Assessed as mentor: 2/5")
    review = json.loads(mentor("goal", "review", goal_id, "--json", home=home).stdout)
    assert review[0]["mentor"]["score"] == 2
    assert review[0]["disagreement"] == "marked done, but the mentor scored it 2/5"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("milestone", "list", "--status", "finished"), "mentor: unknown milestone status"),
        (("milestone", "list", "--due-within", "soon"), "mentor: cannot read 'soon' as a span"),
        (("milestone", "done", "nothing-like-this"), "mentor: no milestone matches"),
        (("goal", "show", "zzz"), "mentor: no goal matches 'zzz'"),
        (("goal", "new", "--title", " "), "mentor: the goal's title is empty"),
        (("goal", "new", "--title", "x", "--due", "someday"), "mentor: cannot read 'someday'"),
        (("milestone", "assess", "x", "--score", "9"), "mentor: no milestone matches"),
    ],
)
def test_bad_input_is_one_line(home, goal_id, args, message):
    assert assert_one_line_error(mentor(*args, home=home)).startswith(message)


def test_usage_errors_exit_2(home, pair):
    assert_one_line_error(mentor("milestone", "done", home=home), code=2)
    assert_one_line_error(mentor("goal", "frobnicate", home=home), code=2)


def test_a_second_done_adds_evidence_and_never_replaces_it(home, goal_id):
    added = mentor("milestone", "add", goal_id, "--title", "outline", home=home)
    milestone_id = added.stdout.strip().rsplit("(", 1)[1].rstrip(")")
    mentor("milestone", "done", milestone_id[:8], "--evidence", "https://docs/1", home=home)
    again = mentor("milestone", "done", milestone_id[:8], "--evidence", "commit 9b1e4d2", home=home)
    assert again.returncode == 0, again.stderr
    assert "added below what was there" in again.stdout
    mentor("milestone", "done", milestone_id[:8], home=home)  # no evidence: keeps it
    listed = json.loads(mentor("milestone", "list", "--status", "done", "--json", home=home).stdout)
    assert listed[0]["evidence"] == "https://docs/1\ncommit 9b1e4d2"
