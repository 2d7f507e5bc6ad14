"""Assessments from both sides and the side-by-side review with its disagreements."""

import pytest
from sqlmodel import select

from mentor_tui.errors import InvalidInput, MentorError
from mentor_tui.models.tables import Assessment
from mentor_tui.services.goals import create_goal
from mentor_tui.services.milestones import add_milestone, mark_milestone_done
from mentor_tui.services.review import assess_milestone, disagreement, review_rows


@pytest.mark.parametrize(
    ("status", "mentee", "mentor", "reason"),
    [
        ("done", 4, 2, "marked done, but the mentor scored it 2/5"),
        ("done", None, 1, "marked done, but the mentor scored it 1/5"),
        ("done", 3, 3, ""),
        ("in_progress", 2, 2, ""),
        ("planned", 5, 3, "scores 2 apart: self 5/5, mentor 3/5"),
        ("planned", 1, 4, "scores 3 apart: self 1/5, mentor 4/5"),
        ("planned", 4, 3, ""),
        ("planned", None, 5, ""),
        ("done", 5, None, ""),
    ],
)
def test_disagreement_rules(status, mentee, mentor, reason):
    assert disagreement(status, mentee, mentor) == reason


def test_review_rows_from_both_sides(store, pair):
    goal = create_goal(store, pair.id, title="Give a talk")
    outline = add_milestone(store, goal.id, title="outline")
    slides = add_milestone(store, goal.id, title="slides")
    add_milestone(store, goal.id, title="rehearse")
    mark_milestone_done(store, outline.id, evidence="docs/outline.md")
    # The mentee's self-assessments (synced in from Ada's side, in real life) ...
    assess_milestone(
        store, outline.id, score=5, comment="[bold]nailed[/bold]", person_id=pair.mentee.id
    )
    assess_milestone(store, slides.id, score=4, person_id=pair.mentee.id)
    # ... and mine, the mentor's.
    assess_milestone(store, outline.id, score=2, comment="too long")
    assess_milestone(store, slides.id, score=3)
    review = review_rows(store, goal.id)
    assert [r.milestone.title for r in review.rows] == ["outline", "slides", "rehearse"]
    first = review.rows[0]
    assert (first.mentee.score, first.mentee.comment) == (5, "[bold]nailed[/bold]")
    mentor = first.mentor
    assert (mentor.score, mentor.comment, mentor.role) == (2, "too long", "mentor")
    assert first.milestone.evidence == "docs/outline.md"
    assert first.disagreement == "marked done, but the mentor scored it 2/5"
    assert review.rows[1].disagreement == ""
    assert (review.rows[2].mentee, review.rows[2].mentor) == (None, None)
    assert review.disagreements == 1


def test_assessing_again_updates_the_one_assessment(store, pair):
    goal = create_goal(store, pair.id, title="Give a talk")
    milestone = add_milestone(store, goal.id, title="outline")
    first = assess_milestone(store, milestone.id, score=2)
    second = assess_milestone(store, milestone.id, score="4", comment="better")
    assert first.id == second.id
    with store.read() as session:
        rows = session.exec(select(Assessment)).all()
    assert [(a.score, a.comment) for a in rows] == [(4, "better")]


@pytest.mark.parametrize("score", [0, 6, "five", "", 2.5])
def test_scores_are_whole_numbers_from_1_to_5(store, pair, score):
    goal = create_goal(store, pair.id, title="Give a talk")
    milestone = add_milestone(store, goal.id, title="outline")
    with pytest.raises(InvalidInput, match="a score is a whole number from 1 to 5"):
        assess_milestone(store, milestone.id, score=score)


def test_synced_assessments_are_read_only_and_strangers_cannot_assess(store, pair):
    goal = create_goal(store, pair.id, title="Give a talk")
    milestone = add_milestone(store, goal.id, title="outline")
    theirs = assess_milestone(store, milestone.id, score=3, person_id=pair.mentee.id)
    with store.write() as session:
        row = session.get(Assessment, theirs.id)
        row.origin = pair.mentee.id
        session.add(row)
    with pytest.raises(MentorError, match="comes from Ada Lovelace's side"):
        assess_milestone(store, milestone.id, score=5, person_id=pair.mentee.id)
    with pytest.raises(MentorError, match="only the pair's mentor or mentee"):
        assess_milestone(store, milestone.id, score=5, person_id="someone-else")
