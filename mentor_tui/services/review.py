"""Assessments and the side-by-side review.

Each side scores a milestone 1-5 with a comment: one assessment per person per milestone
(assessing again updates it). The review shows, per milestone of a goal, the mentee's
status, self-score and evidence next to the mentor's score and comment, and says where
they disagree. It shows whatever the database holds, whoever recorded it: with sync the
partner's column comes from their synced (read-only) records.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from mentor_tui.errors import MentorError
from mentor_tui.models.db import Store, get_live, require_local
from mentor_tui.models.enums import MilestoneStatus, Role
from mentor_tui.models.tables import Assessment, Goal, Milestone
from mentor_tui.services.milestones import MilestoneView, goal_milestones
from mentor_tui.services.pairs import get_pair
from mentor_tui.services.profile import require_me
from mentor_tui.services.text import long_text, one_to_five

LOW_SCORE = 2  # "done" next to a score this low is a disagreement
APART = 2  # scores this far apart are a disagreement


def check_score(value: object) -> int:
    return one_to_five(value, "a score")


def assess_milestone(
    store: Store,
    milestone_id: str,
    *,
    score: object,
    comment: str = "",
    person_id: str | None = None,
) -> Assessment:
    """Score a milestone as `person_id` (default: me); the role comes from the pair.
    Assessing again updates the same assessment."""
    score = check_score(score)
    comment = long_text(comment, "comment")
    assessor_id = person_id or require_me(store).id
    with store.write() as session:
        milestone = get_live(session, Milestone, milestone_id)
        role = get_pair(store, milestone.pair_id).role_of(assessor_id)
        if role is None:
            raise MentorError("only the pair's mentor or mentee can assess its milestones")
        existing = session.exec(
            select(Assessment).where(
                Assessment.milestone_id == milestone_id,
                Assessment.assessor_id == assessor_id,
                Assessment.deleted == False,  # noqa: E712
            )
        ).first()
        if existing is not None:
            require_local(session, existing)
        assessment = existing or Assessment(
            pair_id=milestone.pair_id,
            milestone_id=milestone_id,
            assessor_id=assessor_id,
            role=role.value,
            score=score,
            assessed_at=store.clock.now(),
        )
        assessment.score, assessment.comment = score, comment
        assessment.role, assessment.assessed_at = role.value, store.clock.now()
        session.add(assessment)
    return assessment


@dataclass(frozen=True)
class ReviewRow:
    view: MilestoneView
    mentee: Assessment | None  # the self-assessment
    mentor: Assessment | None
    disagreement: str  # "" when the two sides agree (or one has not scored)

    @property
    def milestone(self) -> Milestone:
        return self.view.milestone


@dataclass(frozen=True)
class Review:
    goal: Goal
    rows: tuple[ReviewRow, ...]

    @property
    def disagreements(self) -> int:
        return sum(bool(row.disagreement) for row in self.rows)


def disagreement(status: str, mentee_score: int | None, mentor_score: int | None) -> str:
    """Why the two sides disagree, in a few words; "" when they do not."""
    if status == MilestoneStatus.DONE and mentor_score is not None and mentor_score <= LOW_SCORE:
        return f"marked done, but the mentor scored it {mentor_score}/5"
    if mentee_score is not None and mentor_score is not None:
        gap = abs(mentee_score - mentor_score)
        if gap >= APART:
            return f"scores {gap} apart: self {mentee_score}/5, mentor {mentor_score}/5"
    return ""


def review_rows(store: Store, goal_id: str) -> Review:
    """One row per milestone of the goal, in the goal's milestone order."""
    views = goal_milestones(store, goal_id)
    with store.read() as session:
        goal = session.get(Goal, goal_id)
        assert goal is not None  # goal_milestones raised NotFound otherwise
        assessments = session.exec(
            select(Assessment)
            .where(
                col(Assessment.milestone_id).in_([v.milestone.id for v in views]),
                Assessment.deleted == False,  # noqa: E712
            )
            .order_by(col(Assessment.assessed_at))
        ).all()
    # The latest per (milestone, role): with sync both records of one role could arrive.
    latest: dict[tuple[str, str], Assessment] = {}
    for assessment in assessments:
        latest[(assessment.milestone_id, assessment.role)] = assessment
    rows = []
    for view in views:
        mentee = latest.get((view.milestone.id, Role.MENTEE))
        mentor = latest.get((view.milestone.id, Role.MENTOR))
        reason = disagreement(
            view.milestone.status,
            mentee.score if mentee else None,
            mentor.score if mentor else None,
        )
        rows.append(ReviewRow(view, mentee, mentor, reason))
    return Review(goal, tuple(rows))
