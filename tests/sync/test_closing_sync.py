"""Issue 11, done when: Grace and Ada each close the pair on their own machines, sync, and
both see both final reviews; after that, adding a goal to the pair is refused in one line."""

from __future__ import annotations

import pytest

from tests.sync.helpers import connect, sync


def test_both_close_on_their_machines_and_see_both_reviews(mentor, mentee, bare_repo):
    from mentor_tui.models.enums import PairStatus
    from mentor_tui.services.closed_guard import PairClosed
    from mentor_tui.services.closing import close_pair, load_closing
    from mentor_tui.services.goals import create_goal
    from mentor_tui.services.pairs import get_pair

    connect("git", mentor, mentee, bare_repo)
    mentor.clock.advance(minutes=5)  # the charter's later change wins: closing comes after joining
    close_pair(mentor.store, mentor.pair.id, achieved="Ada ships", next_steps="staff", again=5)
    assert sync(mentor).problems == []
    assert sync(mentee).problems == []
    # Grace's closing reached Ada: the pair is closed there too, and her review is shown.
    assert get_pair(mentee.store, mentee.pair.id).pair.status == PairStatus.CLOSED
    seen = load_closing(mentee.store, mentee.pair.id)
    assert seen.partners is not None and seen.partners.achieved == "Ada ships"
    # Ada answers her own review of the (already) closed pair, and it travels back.
    mentee.clock.advance(minutes=5)
    close_pair(mentee.store, mentee.pair.id, achieved="I shipped", keep_doing="pairing", again=4)
    assert sync(mentee).problems == []
    assert sync(mentor).problems == []
    for side in (mentor, mentee):
        both = load_closing(side.store, side.pair.id)
        assert both.mine is not None and both.partners is not None
        assert {both.mine.achieved, both.partners.achieved} == {"Ada ships", "I shipped"}
        with pytest.raises(PairClosed, match="is closed"):
            create_goal(side.store, side.pair.id, title="One more")


def test_a_closed_pair_takes_nothing_changed_after_the_closing(mentor, mentee, bare_repo):
    from mentor_tui.services.closing import close_pair, reopen_pair
    from mentor_tui.services.goals import create_goal, list_goals

    connect("git", mentor, mentee, bare_repo)
    mentor.clock.advance(minutes=5)
    close_pair(mentor.store, mentor.pair.id, achieved="done")
    assert sync(mentor).problems == []
    mentee.clock.advance(minutes=10)
    late = create_goal(mentee.store, mentee.pair.id, title="Written after Grace closed")
    assert sync(mentee).problems == []
    problems = sync(mentor).problems
    waits = "was changed after the mentorship closed; it waits for a reopening"
    assert f"partner record {late.id} (goal) {waits}" in problems
    assert problems and all(line.endswith(waits) for line in problems)  # and its history
    assert list_goals(mentor.store, mentor.pair.id) == []
    mentor.clock.advance(minutes=10)
    reopen_pair(mentor.store, mentor.pair.id)
    assert sync(mentor).problems == []
    assert [g.goal.title for g in list_goals(mentor.store, mentor.pair.id)] == [
        "Written after Grace closed"
    ]
