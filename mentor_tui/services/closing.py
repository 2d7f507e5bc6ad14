"""Ending a mentorship well: a final review from each member, the record kept read-only
(services/closed_guard), reopening, and the next mentorship started from what this one left.

Either member closes the pair on their own machine with their own final review; the
status travels through sync with the charter, the review as a record of its own, so both
end up seeing both reviews side by side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from mentor_tui.errors import InvalidInput
from mentor_tui.models.db import Store, get_live
from mentor_tui.models.enums import ActionStatus, GoalStatus, MilestoneStatus, PairStatus
from mentor_tui.models.tables import FinalReview, Pair, Person
from mentor_tui.services.actions import add_action_item, all_action_items
from mentor_tui.services.goals import GoalView, create_goal, list_goals
from mentor_tui.services.milestones import MilestoneView, add_milestone, list_milestones
from mentor_tui.services.pairs import PairView, check_role, create_pair, get_pair
from mentor_tui.services.profile import require_me, viewer_today
from mentor_tui.services.progress import load_progress
from mentor_tui.services.text import long_text

# (field, the question as asked): the final review, in the order it is asked.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("achieved", "What was achieved against the charter's success criteria (goals met and not)?"),
    ("keep_doing", "What worked, and should be kept doing?"),
    ("change", "What would you change?"),
    ("next_steps", "What next?"),
)
AGAIN_QUESTION = "Would you do it again (1-5)?"
# (field, heading): the same answers where they are shown side by side (app, report).
HEADINGS: tuple[tuple[str, str], ...] = (
    ("achieved", "Goals met and not"),
    ("keep_doing", "What worked"),
    ("change", "What to change"),
    ("next_steps", "What next"),
)
AGAIN_HEADING = "Would do it again"
OPEN_GOALS = (GoalStatus.DRAFT, GoalStatus.PROPOSED, GoalStatus.APPROVED)


@dataclass(frozen=True)
class Closing:
    """What a closed (or closing) mentorship leaves: both reviews, figures, end states."""

    pair: PairView
    mine: FinalReview | None
    partners: FinalReview | None
    figures: list[str]  # the progress figures in the words a review quotes
    goals: list[GoalView]  # every goal, with the status it ended in
    open_milestones: list[MilestoneView]
    open_actions: list[str]  # titles of the action items still open


def check_again(value: int | None) -> int | None:
    if value is not None and not 1 <= value <= 5:
        raise InvalidInput(f"'would you do it again' is 1-5, not {value}")
    return value


def close_pair(
    store: Store,
    pair_id: str,
    *,
    achieved: str = "",
    keep_doing: str = "",
    change: str = "",
    next_steps: str = "",
    again: int | None = None,
) -> FinalReview:
    """Close the mentorship with my final review (or change my review of a closed one)."""
    me = require_me(store)
    view = get_pair(store, pair_id)
    role = view.my_role
    if role is None:
        raise InvalidInput("only a member of the pair can close it")
    answers = {
        "achieved": long_text(achieved, "what was achieved"),
        "keep_doing": long_text(keep_doing, "what to keep doing"),
        "change": long_text(change, "what to change"),
        "next_steps": long_text(next_steps, "what next"),
    }
    if not any(text.strip() for text in answers.values()) and again is None:
        raise InvalidInput("the final review is empty: answer at least one question")
    check_again(again)
    with store.write() as session:
        pair = get_live(session, Pair, pair_id)
        if pair.status != PairStatus.CLOSED:
            pair.status, pair.closed_at = PairStatus.CLOSED, store.clock.now()
            session.add(pair)
        review = _my_review(session, pair_id, me.id) or FinalReview(
            pair_id=pair_id, person_id=me.id, role=role, answered_at=store.clock.now()
        )
        for name, text in answers.items():
            setattr(review, name, text)
        review.again, review.answered_at = again, store.clock.now()
        session.add(review)
        session.flush()
        return review


def _my_review(session: Session, pair_id: str, me_id: str) -> FinalReview | None:
    query = select(FinalReview).where(
        FinalReview.pair_id == pair_id,
        FinalReview.person_id == me_id,
        FinalReview.origin == "",
        FinalReview.deleted == False,  # noqa: E712
    )
    return session.exec(query).first()


def reopen_pair(store: Store, pair_id: str) -> PairView:
    """Reopen a closed mentorship: an explicit act that travels like any status change."""
    view = get_pair(store, pair_id)
    if view.my_role is None:
        raise InvalidInput("only a member of the pair can reopen it")
    with store.write() as session:
        pair = get_live(session, Pair, pair_id)
        if pair.status != PairStatus.CLOSED:
            raise InvalidInput(f"the mentorship with {view.partner.display_name} is not closed")
        pair.status, pair.closed_at = PairStatus.ACTIVE, None
        session.add(pair)
    return get_pair(store, pair_id)


def load_closing(store: Store, pair_id: str) -> Closing:
    """Both final reviews side by side, the pair's figures and how its goals ended."""
    view = get_pair(store, pair_id)
    with store.read() as session:
        reviews = session.exec(
            select(FinalReview)
            .where(FinalReview.pair_id == pair_id, FinalReview.deleted == False)  # noqa: E712
            .order_by(col(FinalReview.answered_at))
        ).all()
    mine = next((r for r in reviews if r.person_id == view.me_id and not r.origin), None)
    partners = next((r for r in reversed(reviews) if r.person_id == view.partner.id), None)
    progress = load_progress(store, pair_id)
    milestones = [
        m for m in list_milestones(store, pair_id) if m.milestone.status != MilestoneStatus.DONE
    ]
    actions = [
        c.item.title for c in all_action_items(store, pair_id) if c.item.status == ActionStatus.OPEN
    ]
    return Closing(
        pair=view,
        mine=mine,
        partners=partners,
        figures=list(progress.sentences.values()),
        goals=list_goals(store, pair_id, include_dropped=True),
        open_milestones=milestones,
        open_actions=actions,
    )


def start_next_pair(
    store: Store,
    from_pair_id: str,
    *,
    partner_name: str | None = None,
    partner_timezone: str = "UTC",
    my_role: str | None = None,
    goal_ids: Iterable[str] | None = None,
    milestone_ids: Iterable[str] | None = None,
    carry_actions: bool = True,
    starts_on: date | None = None,
) -> PairView:
    """The next mentorship, from a closed one: the same partner (partner_name None) or
    someone new; the open goals (those in goal_ids; None = all) come over as drafts with
    their unfinished milestones (those in milestone_ids; None = all), the open action items
    too, and both reviews' "what next" opens the new charter, which links back to the old
    record."""
    closing = load_closing(store, from_pair_id)
    old = closing.pair
    if old.pair.status != PairStatus.CLOSED:
        raise InvalidInput(
            f"the mentorship with {old.partner.display_name} is still open; "
            "close it first with `mentor pair close`"
        )
    role = check_role(my_role) if my_role else old.my_role
    if role is None:
        raise InvalidInput("only a member of the pair can start the next one from it")
    purpose = _next_purpose(closing)
    carried: dict[str, Any] = dict(
        cadence=old.pair.cadence,
        goal_approver=old.pair.goal_approver,
        communication_norms=old.pair.communication_norms,
        backup_channel=old.pair.backup_channel,
        purpose=purpose,
        success_looks_like=old.pair.success_looks_like,
        progress_measure=old.pair.progress_measure,
    )
    if partner_name is None and role == old.my_role:
        new = _same_people(store, old, starts_on, carried)
    else:
        new = create_pair(
            store,
            partner_name=partner_name or old.partner.display_name,
            partner_timezone=partner_timezone if partner_name else old.partner.timezone,
            my_role=role,
            starts_on=starts_on,
            **carried,
        )
        with store.write() as session:
            pair = get_live(session, Pair, new.id)
            pair.previous_pair_id = old.id
            session.add(pair)
    _carry(store, closing, new, goal_ids, milestone_ids, carry_actions)
    return get_pair(store, new.id)


def _next_purpose(closing: Closing) -> str:
    old = closing.pair
    when = old.pair.closed_at.date().isoformat() if old.pair.closed_at else "closed"
    lines = [f"Continues the mentorship {old.label} ({when})."]
    for review in (closing.mine, closing.partners):
        if review is not None and review.next_steps.strip():
            who = old.person(review.person_id)
            name = who.display_name if who is not None else review.role
            lines.append(f"What next, in {name}'s words: {review.next_steps.strip()}")
    return long_text("\n".join(lines), "purpose")


def _same_people(
    store: Store, old: PairView, starts_on: date | None, carried: dict[str, Any]
) -> PairView:
    """A new pair of the same two people: create_pair always makes a new partner."""
    me = require_me(store)
    with store.write() as session:
        pair = Pair(
            mentor_id=old.mentor.id,
            mentee_id=old.mentee.id,
            starts_on=starts_on or viewer_today(store),
            previous_pair_id=old.id,
            **carried,
        )
        session.add(pair)
        session.flush()
        mentor, mentee = session.get(Person, pair.mentor_id), session.get(Person, pair.mentee_id)
        assert mentor is not None and mentee is not None  # the old pair's people
        return PairView(pair=pair, mentor=mentor, mentee=mentee, me_id=me.id)


def _carry(
    store: Store,
    closing: Closing,
    new: PairView,
    goal_ids: Iterable[str] | None,
    milestone_ids: Iterable[str] | None,
    carry_actions: bool,
) -> None:
    """Copy what was left open through the services that own each kind's rules."""
    chosen = set(goal_ids) if goal_ids is not None else None
    ticked = set(milestone_ids) if milestone_ids is not None else None
    for view in closing.goals:
        goal = view.goal
        if goal.status not in OPEN_GOALS or (chosen is not None and goal.id not in chosen):
            continue
        copy = create_goal(
            store,
            new.id,
            title=goal.title,
            specific=goal.specific,
            measurable=goal.measurable,
            achievable=goal.achievable,
            relevant=goal.relevant,
            due_on=goal.due_on,
        )
        for m in closing.open_milestones:
            if m.milestone.goal_id == goal.id and (ticked is None or m.milestone.id in ticked):
                add_milestone(
                    store,
                    copy.id,
                    title=m.milestone.title,
                    due_on=m.milestone.due_on,
                    status=m.milestone.status,
                    evidence=m.milestone.evidence,
                )
    if not carry_actions:
        return
    members = {new.mentor.id, new.mentee.id}
    for carried in all_action_items(store, closing.pair.id):
        item = carried.item
        if item.status != ActionStatus.OPEN:
            continue
        owner = item.owner_id if item.owner_id in members else None
        add_action_item(store, new.id, item.title, owner_id=owner, due_on=item.due_on)


# The final review as text (`mentor pair close --file`, $EDITOR): a heading per question.
REVIEW_TEMPLATE = """\
# Achieved
<!-- What was achieved against the charter's success criteria: goals met and not. -->

# Keep doing
<!-- What worked, and should be kept doing. -->

# Change
<!-- What would you change? -->

# Next
<!-- What next: this opens the next mentorship's charter (mentor pair new --from). -->

# Again
<!-- Would you do it again? 1 (no) to 5 (gladly). -->
"""
_HEADINGS = {
    "achieved": "achieved",
    "keep doing": "keep_doing",
    "change": "change",
    "next": "next_steps",
    "what next": "next_steps",
    "again": "again",
}
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"^#\s+(.+?)\s*$")


def parse_review_text(text: str) -> dict[str, Any]:
    """The answers under '# Achieved', '# Keep doing', '# Change', '# Next', '# Again';
    text before any heading counts as what was achieved."""
    parts: dict[str, list[str]] = {}
    current = "achieved"
    for line in _COMMENT.sub("", text).splitlines():
        found = _HEADING.match(line)
        if found and found.group(1).casefold() in _HEADINGS:
            current = _HEADINGS[found.group(1).casefold()]
            continue
        parts.setdefault(current, []).append(line)
    answers: dict[str, Any] = {name: "\n".join(lines).strip() for name, lines in parts.items()}
    again = answers.pop("again", "")
    if again:
        try:
            answers["again"] = check_again(int(again))
        except ValueError:
            raise InvalidInput(f"'would you do it again' is 1-5, not {again[:20]!r}") from None
    return answers
