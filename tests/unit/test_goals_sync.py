"""Decision rights across two machines: the mentee proposes, the mentor approves the
synced goal with a record of their own, the mentee sees the approval and carries on.
Real git (a bare repository in tmp_path) and two homes, from tests/sync."""

from __future__ import annotations

from datetime import date

import pytest

from mentor_tui.models.enums import GoalStatus
from tests.sync.conftest import bare_repo, mentee, mentor  # noqa: F401  (fixtures)
from tests.sync.helpers import connect, sync

SMART = {
    "specific": "Give a 20-minute talk on the parser rewrite at the guild",
    "measurable": "1 talk given, 10 or more attendees",
    "achievable": "Two evenings a week; Grace reviews the slides",
    "relevant": "The charter's aim of growing into a staff engineer",
    "due_on": date(2027, 1, 29),
}


def test_approval_crosses_as_the_approvers_own_record(bare_repo, mentor, mentee):  # noqa: F811
    from mentor_tui.errors import MentorError
    from mentor_tui.services.goal_history import changes_since_approval
    from mentor_tui.services.goals import (
        approve_goal,
        create_goal,
        get_goal,
        mark_goal_achieved,
        propose_goal,
        update_goal,
    )

    connect("git", mentor, mentee, bare_repo)
    goal = create_goal(mentee.store, mentee.pair.id, title="Talk", **SMART)
    with pytest.raises(MentorError, match=r"^only the mentor \(Grace Hopper\) can approve"):
        approve_goal(mentee.store, goal.id)
    propose_goal(mentee.store, goal.id)
    assert sync(mentee).problems == []

    assert sync(mentor).problems == []
    assert get_goal(mentor.store, goal.id).goal.status == GoalStatus.PROPOSED
    mentor.clock.advance(hours=1)
    assert approve_goal(mentor.store, goal.id).status == GoalStatus.APPROVED
    assert sync(mentor).problems == []

    assert sync(mentee).problems == []
    seen = get_goal(mentee.store, goal.id).goal
    assert (seen.status, seen.approved_by_id) == (GoalStatus.APPROVED, mentee.pair.mentor.id)
    mentee.clock.advance(days=1)
    update_goal(mentee.store, goal.id, measurable="2 talks given, 10 or more attendees")
    assert [d.field for d in changes_since_approval(mentee.store, goal.id)] == ["measurable"]
    mark_goal_achieved(mentee.store, goal.id)
    assert sync(mentee).problems == []

    assert sync(mentor).problems == []
    assert get_goal(mentor.store, goal.id).goal.status == GoalStatus.ACHIEVED
    assert [d.field for d in changes_since_approval(mentor.store, goal.id)] == ["measurable"]
