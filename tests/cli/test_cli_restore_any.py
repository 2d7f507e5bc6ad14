"""`mentor delete KIND ID`, `mentor restore KIND ID` and `mentor trash`, in process on the
frozen clock: every kind comes back from the shell; bad input is one line."""

from __future__ import annotations

from datetime import UTC, datetime

from mentor_tui.cli.restore import KIND_NAMES
from mentor_tui.models.enums import ActionStatus, GoalStatus
from mentor_tui.models.tables import CheckIn, Milestone
from mentor_tui.services.actions import add_action_item, drop_action_item
from mentor_tui.services.goals import create_goal, drop_goal, get_goal
from mentor_tui.services.milestones import add_milestone, goal_milestones
from mentor_tui.services.restore import KINDS
from tests.cli.helpers import assert_one_line_error, mentor


def test_the_cli_knows_every_kind():
    assert KIND_NAMES == KINDS


def test_milestone_delete_restore_and_trash(store, pair):
    goal = create_goal(store, pair.id, title="Talk")
    milestone = add_milestone(store, goal.id, title="Outline \x1b[31m")
    done = mentor("delete", "milestone", milestone.id[:6])
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"Deleted milestone {milestone.id[:8]}: Outline \\x1b[31m; "
        f"undo with: mentor restore milestone {milestone.id[:8]}\n"
    )
    assert goal_milestones(store, goal.id) == []

    listed = mentor("trash")
    assert listed.returncode == 0, listed.stderr
    assert milestone.id[:8] in listed.stdout and "Outline \\x1b[31m" in listed.stdout
    assert "Mon 16 Nov 04:30" in listed.stdout  # when, in my zone (New York)
    assert "\x1b" not in listed.stdout

    back = mentor("restore", "milestone", milestone.id[:6])
    assert back.returncode == 0, back.stderr
    assert back.stdout == f"Restored milestone {milestone.id[:8]}: Outline \\x1b[31m\n"
    assert [v.milestone.id for v in goal_milestones(store, goal.id)] == [milestone.id]
    assert mentor("trash").stdout == "Nothing deleted in this pair.\n"
    with store.read() as session:
        assert not session.get(Milestone, milestone.id).deleted


def test_action_and_goal_reopen_through_restore(store, pair):
    item = add_action_item(store, pair.id, "Read the RFC")
    drop_action_item(store, item.id)
    back = mentor("restore", "action", item.id[:6])
    assert back.stdout == f"Restored action item {item.id[:8]}: Read the RFC (open)\n"
    assert mentor("trash").stdout == "Nothing deleted in this pair.\n"
    goal = create_goal(store, pair.id, title="Talk")
    drop_goal(store, goal.id)
    assert "goal (dropped)" in mentor("trash").stdout
    back = mentor("restore", "goal", goal.id[:6])
    assert back.stdout == f"Restored goal {goal.id[:8]}: Talk (draft)\n"
    assert get_goal(store, goal.id).goal.status == GoalStatus.DRAFT
    deleted = mentor("delete", "action", item.id)
    assert deleted.returncode == 0 and "mentor restore action" in deleted.stdout
    assert mentor("restore", "action", item.id).returncode == 0
    with store.read() as session:
        assert session.get(type(item), item.id).status == ActionStatus.OPEN


def test_checkin_from_the_shell(store, pair):
    answer = CheckIn(
        pair_id=pair.id,
        person_id=pair.me.id,
        lesson="Small PRs",
        answered_at=datetime(2026, 11, 15, tzinfo=UTC),
    )
    with store.write() as session:
        session.add(answer)
    assert mentor("delete", "check-in", answer.id).returncode == 0
    back = mentor("restore", "checkin", answer.id[:6])
    assert back.stdout == f"Restored check-in {answer.id[:8]}: Small PRs\n"


def test_bad_input_is_one_line(store, pair):
    assert "unknown kind 'note'; choose one of: journal, session" in assert_one_line_error(
        mentor("restore", "note", "abcd")
    )
    assert "at least 4" in assert_one_line_error(mentor("restore", "goal", "ab"))
    assert "no deleted milestone matches 'ffffff'" in assert_one_line_error(
        mentor("restore", "milestone", "ffffff")
    )
    goal = create_goal(store, pair.id, title="Talk")
    assert "drop it" in assert_one_line_error(mentor("delete", "goal", goal.id))
    assert "only a dropped or achieved goal" in assert_one_line_error(
        mentor("restore", "goal", goal.id)
    )
    assert "KIND" in assert_one_line_error(mentor("restore"), code=2)
    assert mentor("trash", "--json").stdout == "[]\n"
