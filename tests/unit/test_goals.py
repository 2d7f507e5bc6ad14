"""Goals: create, update with history, decision rights, the diff since approval, drafts."""

from datetime import date

import pytest
from sqlmodel import select

from mentor_tui.errors import InvalidInput, MentorError, NotFound
from mentor_tui.models.enums import GoalStatus
from mentor_tui.models.tables import Goal, GoalChange
from mentor_tui.services.goal_drafts import (
    discard_goal_draft,
    draft_path,
    load_goal_draft,
    save_goal_draft,
)
from mentor_tui.services.goal_history import changes_since_approval, goal_history
from mentor_tui.services.goals import (
    approval_hint,
    approve_goal,
    create_goal,
    drop_goal,
    find_goal,
    get_goal,
    list_goals,
    mark_goal_achieved,
    propose_goal,
    reopen_goal,
    update_goal,
)
from mentor_tui.services.pairs import create_pair, update_charter

SMART = {
    "specific": "Give a 20-minute talk on our sync design at the guild",
    "measurable": "1 talk given, 10 or more attendees",
    "achievable": "Two evenings a week; Grace reviews the slides",
    "relevant": "The charter's aim of speaking up in design discussions",
    "due_on": date(2027, 1, 29),
}


def test_create_keeps_text_as_typed_and_starts_the_history(store, pair):
    markup = "[bold]x[/bold] [link=http://x]y[/]"
    goal = create_goal(store, pair.id, title=f"Talk {markup}", specific=markup)
    assert goal.status == GoalStatus.DRAFT
    stored = get_goal(store, goal.id).goal
    assert (stored.title, stored.specific) == (f"Talk {markup}", markup)
    history = goal_history(store, goal.id)
    assert [(c.change.field, c.change.old_value, c.change.new_value) for c in history] == [
        ("title", "", f"Talk {markup}"),
        ("specific", "", markup),
    ]
    assert history[0].who == "Grace Hopper"


def test_empty_title_and_huge_fields(store, pair):
    with pytest.raises(InvalidInput, match="the goal's title is empty"):
        create_goal(store, pair.id, title="   ")
    big = "x" * 10_000
    goal = create_goal(store, pair.id, title="Big", specific=big, relevant=big)
    assert get_goal(store, goal.id).goal.specific == big


def test_update_records_one_change_per_changed_field_with_status(store, pair):
    goal = create_goal(store, pair.id, title="Talk", specific="give a talk")
    update_goal(store, goal.id, specific="give a talk", measurable="1 talk")  # one changed
    update_goal(store, goal.id, due_on=date(2027, 1, 29))
    changes = [c.change for c in goal_history(store, goal.id)][2:]
    assert [(c.field, c.old_value, c.new_value, c.goal_status) for c in changes] == [
        ("measurable", "", "1 talk", "draft"),
        ("due_on", "", "2027-01-29", "draft"),
    ]


def test_propose_needs_a_smart_goal(store, pair):
    goal = create_goal(store, pair.id, title="Communicate", specific="get better at communication")
    with pytest.raises(MentorError, match="cannot propose yet: not SMART yet: Specific: vague"):
        propose_goal(store, goal.id)
    update_goal(store, goal.id, **SMART)
    assert propose_goal(store, goal.id).status == GoalStatus.PROPOSED


def test_the_mentor_approves_by_default(store, pair):
    goal = create_goal(store, pair.id, title="Talk", **SMART)
    propose_goal(store, goal.id)
    approved = approve_goal(store, goal.id)
    assert approved.status == GoalStatus.APPROVED
    assert approved.approved_by_id == pair.me_id
    assert approved.approved_at == store.clock.now()


def test_the_other_side_cannot_approve(store, me):
    view = create_pair(store, partner_name="Grace", my_role="mentee")  # I am the mentee
    goal = create_goal(store, view.id, title="Talk", **SMART)
    assert approval_hint(view, goal).startswith("draft: propose it once it is SMART")
    propose_goal(store, goal.id)
    with pytest.raises(MentorError) as problem:
        approve_goal(store, goal.id)
    assert str(problem.value) == (
        "only the mentor (Grace) can approve goals in this pair (charter: decision rights)"
    )
    # ... unless the charter gives the mentee the decision.
    update_charter(store, view.id, goal_approver="mentee")
    assert approve_goal(store, goal.id).status == GoalStatus.APPROVED


def test_achieve_drop_and_reopen(store, pair):
    goal = create_goal(store, pair.id, title="Talk", **SMART)
    with pytest.raises(MentorError, match="cannot achieve a goal that is draft"):
        mark_goal_achieved(store, goal.id)
    approve_goal(store, goal.id)
    assert mark_goal_achieved(store, goal.id).achieved_at == store.clock.now()
    with pytest.raises(MentorError, match="this goal is achieved; reopen it"):
        update_goal(store, goal.id, specific="more")
    other = create_goal(store, pair.id, title="Other")
    drop_goal(store, other.id)
    assert [v.goal.title for v in list_goals(store, pair.id)] == ["Talk"]
    assert len(list_goals(store, pair.id, include_dropped=True)) == 2
    assert reopen_goal(store, other.id).status == GoalStatus.DRAFT


def test_changes_since_approval_are_a_word_diff(store, pair, clock):
    goal = create_goal(store, pair.id, title="Talk", **SMART)
    assert changes_since_approval(store, goal.id) == []
    approve_goal(store, goal.id)
    assert changes_since_approval(store, goal.id) == []
    clock.advance(days=1)
    update_goal(store, goal.id, measurable="2 talks given, 10 or more attendees")
    update_goal(store, goal.id, measurable="2 talks given, 20 or more attendees")
    update_goal(store, goal.id, title="Talk")  # unchanged: no diff
    diffs = changes_since_approval(store, goal.id)
    assert [d.field for d in diffs] == ["measurable"]
    assert diffs[0].before == SMART["measurable"]
    assert diffs[0].plain() == "[-1 talk-]{+2 talks+} given, [-10-]{+20+} or more attendees"
    # Changed back: nothing differs from what was approved.
    update_goal(store, goal.id, measurable=SMART["measurable"])
    assert changes_since_approval(store, goal.id) == []


def test_synced_goals_are_read_only(store, pair):
    goal = create_goal(store, pair.id, title="Theirs")
    with store.write() as session:
        row = session.get(Goal, goal.id)
        row.origin = pair.mentee.id
        session.add(row)
    with pytest.raises(MentorError) as problem:
        update_goal(store, goal.id, specific="mine now")
    assert str(problem.value) == (
        "this goal comes from Ada Lovelace's side (sync) and is read-only here"
    )


def test_find_goal_by_prefix_or_title(store, pair):
    goal = create_goal(store, pair.id, title="Give a talk")
    create_goal(store, pair.id, title="Give a workshop")
    assert find_goal(store, pair.id, goal.id[:6]).goal.id == goal.id
    assert find_goal(store, pair.id, "talk").goal.id == goal.id
    with pytest.raises(InvalidInput, match="'give' matches several goals"):
        find_goal(store, pair.id, "give")
    with pytest.raises(NotFound, match="no goal matches 'nope'"):
        find_goal(store, pair.id, "nope")


def test_drafts_survive_and_are_discarded_on_save(store, pair):
    assert load_goal_draft(store, None, pair.id) is None
    typed = {"title": "[bold]x", "specific": "é" * 10_000, "due_on": "in 6 wekes"}
    path = save_goal_draft(store, None, typed, pair.id)
    assert path == draft_path(store, None, pair.id)
    assert path.stat().st_mode & 0o777 == 0o600
    restored = load_goal_draft(store, None, pair.id)
    assert restored["title"] == "[bold]x" and restored["due_on"] == "in 6 wekes"
    assert restored["specific"] == "é" * 10_000 and restored["measurable"] == ""
    discard_goal_draft(store, None, pair.id)
    assert load_goal_draft(store, None, pair.id) is None
    path.parent.mkdir(exist_ok=True)
    path.write_text("{not json")
    assert load_goal_draft(store, None, pair.id) is None  # a damaged draft is ignored


def test_the_mentor_approves_the_mentees_synced_goal_with_a_record_of_their_own(store, pair):
    goal = create_goal(store, pair.id, title="Talk", **SMART)
    with store.write() as session:  # as sync brings it: Ada's proposed goal, read-only here
        row = session.get(Goal, goal.id)
        row.origin, row.status = pair.mentee.id, GoalStatus.PROPOSED
        session.add(row)
    approved = approve_goal(store, goal.id)
    assert (approved.status, approved.approved_by_id) == ("approved", pair.me_id)
    with store.read() as session:
        row = session.get(Goal, goal.id)
        approval = session.exec(select(GoalChange).where(GoalChange.field == "status")).one()
    assert (row.status, row.origin) == ("proposed", pair.mentee.id), "Ada's record untouched"
    assert (approval.origin, approval.new_value, approval.changed_by_id) == (
        "",
        "approved",
        pair.me_id,
    )  # mine: sync publishes it from my folder
    (view,) = list_goals(store, pair.id)
    assert (view.goal.status, view.goal.approved_at) == ("approved", store.clock.now())
    with pytest.raises(MentorError, match="read-only"):
        drop_goal(store, goal.id)


def test_the_mentee_sees_the_mentors_approval_and_carries_on(store, me, clock):
    view = create_pair(store, partner_name="Grace", my_role="mentee")
    goal = create_goal(store, view.id, title="Talk", **SMART)

    def mentor_approves() -> None:  # the mentor's approval, as sync brings it
        clock.advance(hours=1)
        with store.write() as session:
            session.add(
                GoalChange(
                    goal_id=goal.id,
                    changed_at=clock.now(),
                    field="status",
                    changed_by_id=view.mentor.id,
                    old_value="proposed",
                    new_value="approved",
                    goal_status="proposed",
                    origin=view.mentor.id,
                )
            )
        clock.advance(hours=1)

    propose_goal(store, goal.id)
    mentor_approves()
    assert get_goal(store, goal.id).goal.status == GoalStatus.APPROVED
    assert approval_hint(view, get_goal(store, goal.id).goal).startswith("approved")
    update_goal(store, goal.id, measurable="2 talks given")
    assert [d.field for d in changes_since_approval(store, goal.id)] == ["measurable"]
    reopen_goal(store, goal.id)
    assert get_goal(store, goal.id).goal.status == GoalStatus.DRAFT, "my later reopening wins"
    propose_goal(store, goal.id)
    assert get_goal(store, goal.id).goal.status == GoalStatus.PROPOSED
    mentor_approves()
    achieved = mark_goal_achieved(store, goal.id)
    assert (achieved.status, achieved.approved_by_id) == ("achieved", view.mentor.id)
    statuses = [
        c.change.new_value for c in goal_history(store, goal.id) if c.change.field == "status"
    ]
    assert statuses == ["proposed", "approved", "draft", "proposed", "approved", "achieved"]
