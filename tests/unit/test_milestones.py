"""Milestones: the tracker's flags and filters, the timeline by week, and the edits."""

from datetime import date, timedelta

import pytest

from mentor_tui.errors import InvalidInput, MentorError
from mentor_tui.models.enums import MilestoneStatus
from mentor_tui.models.tables import Milestone
from mentor_tui.services.goals import create_goal, get_goal, list_goals
from mentor_tui.services.milestones import (
    add_milestone,
    delete_milestone,
    find_milestone,
    goal_milestones,
    group_by_week,
    list_milestones,
    mark_milestone_done,
    move_milestone,
    timeline,
    update_milestone,
    viewer_today,
)
from mentor_tui.services.profile import set_up_profile
from mentor_tui.services.wins import list_wins

TODAY = date(2026, 11, 16)


@pytest.fixture
def goal(store, pair):
    return create_goal(store, pair.id, title="Give a talk")


def _titles(views):
    return [v.milestone.title for v in views]


def test_flags_overdue_and_at_risk(store, pair, goal):
    day = timedelta(days=1)
    rows = {
        "late": ("planned", TODAY - day),
        "soon, not started": ("planned", TODAY + 3 * day),
        "soon, started": ("in_progress", TODAY + 3 * day),
        "blocked, far off": ("blocked", TODAY + 60 * day),
        "far off": ("planned", TODAY + 30 * day),
        "done late": ("done", TODAY - 5 * day),
        "undated": ("planned", None),
    }
    for title, (status, due) in rows.items():
        add_milestone(store, goal.id, title=title, status=status, due_on=due)
    views = list_milestones(store, pair.id)
    assert _titles(views) == [
        "done late",
        "late",
        "soon, not started",
        "soon, started",
        "far off",
        "blocked, far off",
        "undated",
    ]
    flags = {v.milestone.title: v.flag(TODAY) for v in views}
    assert flags == {
        "done late": "",
        "late": "overdue",
        "soon, not started": "at risk",
        "soon, started": "",
        "blocked, far off": "at risk",
        "far off": "",
        "undated": "",
    }


def test_filters_by_status_goal_and_horizon(store, pair, goal):
    other = create_goal(store, pair.id, title="Write a post")
    add_milestone(store, goal.id, title="outline", due_on=TODAY + timedelta(days=10))
    add_milestone(
        store, goal.id, title="slides", due_on=TODAY + timedelta(days=20), status="in progress"
    )
    add_milestone(store, other.id, title="draft", due_on=TODAY + timedelta(days=14))
    assert _titles(list_milestones(store, pair.id, due_within_days=14)) == ["outline", "draft"]
    assert _titles(list_milestones(store, pair.id, status="in-progress")) == ["slides"]
    assert _titles(list_milestones(store, pair.id, goal_id=other.id)) == ["draft"]
    with pytest.raises(InvalidInput, match="unknown milestone status 'finished'"):
        list_milestones(store, pair.id, status="finished")


def test_timeline_groups_by_iso_week(store, pair, goal):
    for title, due in (
        ("a", date(2026, 11, 16)),
        ("b", date(2026, 11, 22)),
        ("c", date(2026, 11, 23)),
        ("d", None),
        ("e", date(2027, 1, 4)),
    ):
        add_milestone(store, goal.id, title=title, due_on=due)
    weeks = timeline(store, pair.id)
    assert [(w.start, _titles(w.milestones)) for w in weeks] == [
        (date(2026, 11, 16), ["a", "b"]),
        (date(2026, 11, 23), ["c"]),
        (date(2027, 1, 4), ["e"]),
        (None, ["d"]),
    ]
    assert weeks[0].label == "2026-W47  16 Nov – 22 Nov"
    assert weeks[-1].label == "no due date"
    assert group_by_week([]) == []


def test_done_with_evidence_in_the_viewers_zone(store, pair, goal, clock):
    milestone = add_milestone(store, goal.id, title="outline")
    # 02:00 UTC on the 17th is still the 16th in New York, where Grace is.
    clock.advance(hours=16, minutes=30)
    assert viewer_today(store) == date(2026, 11, 16)
    done = mark_milestone_done(store, milestone.id, evidence="https://x/[bold]pr[/bold]")
    assert (done.status, done.done_on) == ("done", date(2026, 11, 16))
    assert done.evidence == "https://x/[bold]pr[/bold]"
    set_up_profile(store, "Grace Hopper", "Europe/Berlin")
    assert viewer_today(store) == date(2026, 11, 17)
    # Done again without evidence keeps the evidence and the done date.
    again = mark_milestone_done(store, milestone.id)
    assert (again.evidence, again.done_on) == ("https://x/[bold]pr[/bold]", date(2026, 11, 16))
    reopened = update_milestone(store, milestone.id, status="in_progress")
    assert reopened.done_on is None
    assert get_goal(store, goal.id).milestones_done == 0


def test_progress_and_wins(store, pair, goal):
    first = add_milestone(store, goal.id, title="outline")
    add_milestone(store, goal.id, title="slides")
    mark_milestone_done(store, first.id, evidence="abc1234")
    (view,) = list_goals(store, pair.id)
    assert (view.milestones_done, view.milestones_total, view.progress) == (1, 2, 0.5)
    wins = list_wins(store, pair.id)
    assert [(w.kind, w.title, w.evidence) for w in wins] == [("milestone", "outline", "abc1234")]


def test_reorder_and_soft_delete(store, pair, goal):
    ids = [add_milestone(store, goal.id, title=t).id for t in ("a", "b", "c")]
    move_milestone(store, ids[2], -1)
    assert _titles(goal_milestones(store, goal.id)) == ["a", "c", "b"]
    move_milestone(store, ids[0], -5)  # already first: stays
    move_milestone(store, ids[0], +10)
    assert _titles(goal_milestones(store, goal.id)) == ["c", "b", "a"]
    delete_milestone(store, ids[1])
    assert _titles(goal_milestones(store, goal.id)) == ["c", "a"]
    assert _titles(list_milestones(store, pair.id)) == ["c", "a"]
    with store.read() as session:
        assert session.get(Milestone, ids[1]).deleted  # kept: sync needs the tombstone
    assert get_goal(store, goal.id).milestones_total == 2


def test_bad_input_and_read_only(store, pair, goal):
    with pytest.raises(InvalidInput, match="the milestone's title is empty"):
        add_milestone(store, goal.id, title=" ")
    milestone = add_milestone(store, goal.id, title="x" * 400, evidence="e" * 10_000)
    assert len(find_milestone(store, pair.id, milestone.id[:6]).milestone.evidence) == 10_000
    with store.write() as session:
        row = session.get(Milestone, milestone.id)
        row.origin = pair.mentee.id
        session.add(row)
    with pytest.raises(MentorError, match="comes from Ada Lovelace's side"):
        mark_milestone_done(store, milestone.id)
    with pytest.raises(MentorError, match="read-only"):
        delete_milestone(store, milestone.id)
    assert MilestoneStatus.IN_PROGRESS.label == "in progress"
