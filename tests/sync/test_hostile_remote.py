"""A hostile partner who writes into the shared place by hand (a commit pushed to the bare
repository; files written straight into the wsgidav root on disk), against the victim's
next sync, through both backends. Each time: the sync ends with a warning line (or one
error line), none of the victim's data changed, nothing is written outside the home (a
sentinel folder), the victim's own side is still published, and once the partner's app
has rewritten its folder the next sync completes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tests.sync.helpers import sync
from tests.sync.hostile import (
    BACKENDS,
    NOW,
    Scene,
    after_honest_sync,
    make_scene,
    new_id,
    one_line_each,
    published_ids,
    record,
    tree_state,
    victim_data,
)


def _goal(s: Scene, **data: Any) -> dict[str, Any]:
    return {
        "pair_id": s.pair,
        "title": "Forged goal",
        "status": "draft",
        "position": 5,
        **data,
    }


def _status_change(s: Scene, goal: str, by: str) -> dict[str, Any]:
    return {
        "goal_id": goal,
        "changed_at": NOW,
        "changed_by_id": by,
        "field": "status",
        "old_value": "proposed",
        "new_value": "approved",
        "goal_status": "proposed",
    }


@pytest.fixture(params=BACKENDS)
def scene(request, tmp_path, mentor, mentee) -> Scene:
    return make_scene(request, request.param, tmp_path, mentor, mentee)


# name -> (the forged records, the rule the warning names)
Forge = Callable[[Scene], list[tuple[str, str, dict[str, Any]]]]
REFUSED: dict[str, tuple[Forge, str]] = {
    "status change approved by the victim": (
        lambda s: [("goal_change", new_id(), _status_change(s, s.goal, s.victim))],
        "own-word",
    ),
    "self-approval without the right": (
        lambda s: [("goal_change", new_id(), _status_change(s, s.goal, s.partner))],
        "decision-rights",
    ),
    "assessment as the victim": (
        lambda s: [
            (
                "assessment",
                new_id(),
                {
                    "pair_id": s.pair,
                    "milestone_id": s.milestone,
                    "assessor_id": s.victim,
                    "role": "mentor",
                    "score": 1,
                    "comment": "Forged",
                    "assessed_at": NOW,
                },
            )
        ],
        "own-word",
    ),
    "assessment in the mentor's role": (
        lambda s: [
            (
                "assessment",
                new_id(),
                {
                    "pair_id": s.pair,
                    "milestone_id": s.milestone,
                    "assessor_id": s.partner,
                    "role": "mentor",
                    "score": 1,
                    "assessed_at": NOW,
                },
            )
        ],
        "own-role",
    ),
    "journal entry by the victim": (
        lambda s: [
            (
                "journal_entry",
                new_id(),
                {
                    "pair_id": s.pair,
                    "author_id": s.victim,
                    "written_at": NOW,
                    "body": "I, the mentor, confess",
                    "shared": True,
                },
            )
        ],
        "own-word",
    ),
    "feedback by the victim": (
        lambda s: [
            (
                "feedback",
                new_id(),
                {
                    "pair_id": s.pair,
                    "session_id": s.session,
                    "author_id": s.victim,
                    "observation": "Forged praise",
                },
            )
        ],
        "own-word",
    ),
    "status change on a goal of the victim's other pair": (
        lambda s: [
            (
                "goal_change",
                new_id(),
                {**_status_change(s, s.other_goal, s.partner), "new_value": "dropped"},
            )
        ],
        "this-pair",
    ),
    "milestone under a goal of the other pair": (
        lambda s: [
            (
                "milestone",
                new_id(),
                {"pair_id": s.pair, "goal_id": s.other_goal, "title": "Forged", "status": "done"},
            )
        ],
        "this-pair",
    ),
    "a goal of the other pair, rewritten": (
        lambda s: [("goal", s.other_goal, _goal(s, title="Hijacked"))],
        "not-yours",
    ),
}


@pytest.mark.parametrize("forgery", sorted(REFUSED))
def test_forged_claims_are_refused(scene, forgery):
    from mentor_tui.services.goals import create_goal

    s = scene
    forge, rule = REFUSED[forgery]
    mine = create_goal(s.mentor.store, s.pair, title="Mine, made before the sync")
    before, outside = victim_data(s), tree_state(s.sentinel)
    forged = forge(s)
    s.forger.add_many(
        [(rid, kind, _bytes(record(kind, rid, **data))) for kind, rid, data in forged]
    )
    result = sync(s.mentor)
    one_line_each(result.problems)
    for _kind, rid, _data in forged:
        assert any(rid in line and f"({rule})" in line for line in result.problems), result.problems
    assert victim_data(s) == before
    assert tree_state(s.sentinel) == outside
    assert mine.id in published_ids(s.backend, s.remote, s.pair, s.victim)
    after_honest_sync(s)


def _bytes(data: dict[str, Any]) -> bytes:
    from mentor_tui.sync.canonical import canonical_bytes

    return canonical_bytes(data)


def test_goal_published_as_approved_by_the_victim_is_taken_without_it(scene):
    from mentor_tui.services.goals import get_goal
    from mentor_tui.sync.report import status

    s = scene
    rid = new_id()
    approved = _goal(s, status="approved", approved_by_id=s.victim, approved_at=NOW)
    s.forger.add(rid, "goal", record("goal", rid, **approved))
    result = sync(s.mentor)
    one_line_each(result.problems)
    assert any(rid in line and "approval" in line for line in result.problems)
    goal = get_goal(s.mentor.store, rid).goal
    assert (goal.status, goal.approved_by_id, goal.approved_at) == ("proposed", None, None)
    # `mentor sync status` (and the Sync screen) still say so after the sync.
    warnings = status(s.mentor.store, s.mentor.home, s.pair).warnings
    assert warnings == tuple(result.problems)
    after_honest_sync(s)
    assert status(s.mentor.store, s.mentor.home, s.pair).warnings == ()


def test_the_victims_own_approval_makes_it_agreed(scene):
    """The honest path the forgery imitates: the mentor approves in their own folder."""
    from mentor_tui.services.goals import approve_goal, get_goal, update_goal

    s = scene
    update_goal(
        s.mentee.store,
        s.goal,
        specific="Give a 20-minute talk on our sync design at the guild",
        measurable="1 talk given, 10 or more attendees",
        achievable="Two evenings a week; Grace reviews the slides",
        relevant="The charter's aim of speaking up in design discussions",
        due_on=date(2027, 1, 29),
    )
    sync(s.mentee)
    sync(s.mentor)
    approve_goal(s.mentor.store, s.goal)
    assert sync(s.mentor).problems == []
    assert sync(s.mentee).problems == []
    assert get_goal(s.mentee.store, s.goal).goal.status == "approved"
    assert get_goal(s.mentor.store, s.goal).goal.approved_by_id == s.mentor.pair.mentor.id


def test_decision_rights_change_only_when_both_agree(scene):
    from mentor_tui.services.goals import can_approve
    from mentor_tui.services.pairs import agreed_approver, get_pair, update_charter

    s = scene
    update_charter(s.mentee.store, s.pair, goal_approver="mentee")  # Ada alone proposes
    assert agreed_approver(get_pair(s.mentee.store, s.pair).pair) == "mentor"
    assert sync(s.mentee).problems == []
    assert sync(s.mentor).problems == []
    view = get_pair(s.mentor.store, s.pair)
    assert agreed_approver(view.pair) == "mentor" and can_approve(view)
    assert not can_approve(get_pair(s.mentee.store, s.pair))
    update_charter(s.mentor.store, s.pair, goal_approver="mentee")  # Grace agrees
    assert agreed_approver(get_pair(s.mentor.store, s.pair).pair) == "mentee"
    assert sync(s.mentor).problems == []
    assert sync(s.mentee).problems == []
    assert can_approve(get_pair(s.mentee.store, s.pair))
    assert not can_approve(get_pair(s.mentor.store, s.pair))
