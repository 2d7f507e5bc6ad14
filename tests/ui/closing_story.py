"""A closed mentorship for the closing UI tests: goals met and not, my final review, and
(optionally) the partner's, as sync would have brought it."""

from __future__ import annotations

from datetime import UTC, datetime

from mentor_tui.models.tables import FinalReview, Goal
from mentor_tui.services import goals, milestones
from mentor_tui.services.closing import close_pair

HOSTILE = "[bold]kept literally[/bold] \x1b[31m"


def closed_pair(store, pair, *, partner: bool = True) -> dict[str, str]:
    """Two goals (one achieved), open milestones, closed with both reviews (or only mine)."""
    with store.write() as session:
        met = Goal(pair_id=pair.id, title="Ship the parser", status="achieved")
        session.add(met)
    open_goal = goals.create_goal(store, pair.id, title="Lead a design review")
    first = milestones.add_milestone(store, open_goal.id, title="Draft the RFC")
    second = milestones.add_milestone(store, open_goal.id, title="Hold the review")
    other = goals.create_goal(store, pair.id, title="Give a talk")
    close_pair(
        store,
        pair.id,
        achieved="The parser shipped; the design review did not happen yet.",
        keep_doing="Weekly written updates before each session.",
        change=f"More pairing, less status. {HOSTILE}",
        next_steps="Own a design review end to end.",
        again=5,
    )
    if partner:
        with store.write() as session:
            session.add(
                FinalReview(
                    pair_id=pair.id,
                    person_id=pair.partner.id,
                    role="mentee",
                    achieved="Parser: yes. Design review: not yet.",
                    keep_doing="The written updates helped me think.",
                    change="Meet every week, not every other.",
                    next_steps="Lead the payments design review.",
                    again=4,
                    answered_at=datetime(2026, 11, 15, 18, 0, tzinfo=UTC),
                    origin="partner",
                )
            )
    return {
        "met": met.id,
        "open": open_goal.id,
        "other": other.id,
        "first": first.id,
        "second": second.id,
    }
