"""The whole flow on two homes, through each backend: the mentee publishes, the mentor
sees and assesses, the mentee sees the assessment in the review."""

from __future__ import annotations

import pytest

from tests.sync.helpers import connect, sync


@pytest.fixture(params=["git", "webdav"])
def remote(request, bare_repo, tmp_path):
    if request.param == "git":
        return "git", bare_repo
    return "webdav", request.getfixturevalue("dav")


def test_mentee_publishes_mentor_assesses_mentee_sees(remote, mentor, mentee):
    from mentor_tui.services.goals import create_goal, list_goals
    from mentor_tui.services.journal import add_journal_entry, list_journal
    from mentor_tui.services.milestones import add_milestone, list_milestones
    from mentor_tui.services.review import assess_milestone, review_rows

    kind, where = remote
    connect(kind, mentor, mentee, where)
    # The joiner got the pair with the same id and sees the mentor as the partner.
    assert mentee.pair.id == mentor.pair.id
    assert mentee.pair.my_role == "mentee"
    assert mentee.pair.partner.display_name == "Grace Hopper"
    assert mentee.pair.pair.purpose == "Grow into a staff engineer"

    goal = create_goal(mentee.store, mentee.pair.id, title="Ship the parser [bold]rewrite[/]")
    milestone = add_milestone(mentee.store, goal.id, title="Benchmarks \x1b[31mred\x1b[0m")
    add_journal_entry(
        mentee.store, "Learned about arenas. Long body.", shared=True, pair_id=mentee.pair.id
    )
    add_journal_entry(mentee.store, "PRIVATE-DIARY nobody reads this", pair_id=mentee.pair.id)
    result = sync(mentee)
    assert result.problems == []
    assert result.written > 0

    result = sync(mentor)
    assert result.problems == [], result.problems
    assert result.received >= 3
    goals = list_goals(mentor.store, mentor.pair.id)
    assert [g.goal.title for g in goals] == ["Ship the parser [bold]rewrite[/]"]
    mentee_member = mentor.pair.mentee.id
    assert goals[0].goal.origin == mentee_member
    [seen] = list_milestones(mentor.store, mentor.pair.id)
    assert seen.milestone.title == "Benchmarks \x1b[31mred\x1b[0m"
    assert seen.milestone.origin == mentee_member
    entries = list_journal(mentor.store, mentor.pair.id)
    assert [e.title for e in entries] == ["Learned about arenas."]
    assert entries[0].author_id == mentee_member  # the mentee's member id, mapped

    mentor.clock.advance(hours=1)
    assess_milestone(mentor.store, milestone.id, score=4, comment="Solid numbers")
    assert sync(mentor).problems == []
    result = sync(mentee)
    assert result.problems == []
    [row] = review_rows(mentee.store, goal.id).rows
    assert row.mentor is not None and row.mentor.score == 4
    assert row.mentor.comment == "Solid numbers"
    assert row.mentor.assessor_id == mentee.pair.mentor.id
    assert row.mentor.origin == mentee.pair.mentor.id


def test_second_sync_without_change_writes_nothing(remote, mentor, mentee):
    from mentor_tui.services.goals import create_goal

    kind, where = remote
    connect(kind, mentor, mentee, where)
    create_goal(mentee.store, mentee.pair.id, title="A goal")
    sync(mentee)
    sync(mentor)
    sync(mentee)
    if kind == "git":
        from tests.sync.conftest import git

        before = git("rev-list", "--all", "--count", cwd=where)
        for side in (mentee, mentor, mentee):
            assert sync(side).written == 0
        assert git("rev-list", "--all", "--count", cwd=where) == before
    else:
        where.faults.reset()
        for side in (mentee, mentor, mentee):
            assert sync(side).written == 0
        assert where.faults.writes() == {}
        assert where.faults.requests  # it did talk to the server
