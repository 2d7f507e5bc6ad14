"""Typed dates from the shell (frozen on Monday 16 Nov 2026): a month and day without a
year is the nearest such day, day-first dates are read, and the command says which day
it took."""

from __future__ import annotations

import json

from tests.cli.helpers import mentor


def _pair() -> None:
    assert mentor("init", "--name", "Grace", "--timezone", "UTC").returncode == 0
    assert mentor("pair", "new", "--with", "Ada").returncode == 0


def test_goal_due_nov_10_is_this_years_and_says_so(home):
    _pair()
    made = mentor("goal", "new", "--title", "Give a talk", "--due", "Nov 10")
    assert made.returncode == 0, made.stderr
    assert "  due: Tue 10 Nov 2026, 6 days ago" in made.stdout.splitlines()
    listed = json.loads(mentor("goal", "list", "--json").stdout)
    assert listed[0]["due_on"] == "2026-11-10"
    edited = mentor("goal", "edit", "talk", "--due", "3.1.")
    assert "  due: Sun 03 Jan 2027, in 7 weeks" in edited.stdout.splitlines()


def test_milestone_due_day_first(home):
    _pair()
    mentor("goal", "new", "--title", "Give a talk")
    added = mentor("milestone", "add", "talk", "--title", "Outline", "--due", "28.11.")
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines()[-1] == "  due: Sat 28 Nov 2026, in 12 days"
    dated = mentor("milestone", "add", "talk", "--title", "Slides", "--due", "05.12.2026")
    assert dated.stdout.splitlines()[-1] == "  due: Sat 05 Dec 2026, in 3 weeks"
    quiet = mentor("milestone", "add", "talk", "--title", "Rehearse")
    assert len(quiet.stdout.splitlines()) == 1  # no date typed, none read back


def test_an_impossible_day_first_date_is_one_line(home):
    _pair()
    mentor("goal", "new", "--title", "Give a talk")
    done = mentor("milestone", "add", "talk", "--title", "x", "--due", "31.11.")
    assert done.returncode == 1
    assert done.stderr.strip() == "mentor: '31.11.' is not a day of the calendar"
