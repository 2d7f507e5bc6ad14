"""The check-in: three questions the mentee answers before a session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from mentor_tui.errors import InvalidInput
from mentor_tui.models.db import Store, get_live, require_local
from mentor_tui.models.enums import Role
from mentor_tui.models.tables import CheckIn
from mentor_tui.services.pairs import PairView, get_pair
from mentor_tui.services.text import long_text, one_to_five


@dataclass(frozen=True)
class Question:
    name: str
    text: str


QUESTIONS = (
    Question("lesson", "What lesson has stuck with you since last time?"),
    Question("next_goal", "One goal before the next session?"),
    Question("last_goal_rating", "How well did the last goal go, from 1 (not at all) to 5?"),
)


def require_mentee(pair: PairView) -> None:
    """Check-ins are the mentee's to answer (the mentor reads them in the prep brief)."""
    if pair.my_role != Role.MENTEE:
        raise InvalidInput(
            f"check-ins are answered by the mentee ({pair.mentee.display_name}), on their side"
        )


def check_rating(value: object) -> int | None:
    """1-5, or None when not given; anything else is refused in one line."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return one_to_five(value, "the rating")


def answer_checkin(
    store: Store,
    pair_id: str,
    *,
    lesson: str = "",
    next_goal: str = "",
    rating: object = None,
    session_id: str | None = None,
) -> CheckIn:
    """Record the mentee's answers, linked to the next planned session unless told."""
    from mentor_tui.services.sessions import next_session

    pair = get_pair(store, pair_id)
    require_mentee(pair)
    last_goal_rating = check_rating(rating)
    if not (lesson or "").strip() and not (next_goal or "").strip() and last_goal_rating is None:
        raise InvalidInput("the check-in is empty; answer at least one of the three questions")
    if session_id is None:
        planned = next_session(store, pair).planned
        session_id = planned.id if planned else None
    row = CheckIn(
        pair_id=pair.id,
        session_id=session_id,
        person_id=pair.mentee.id,
        lesson=long_text(lesson, "lesson"),
        next_goal=long_text(next_goal, "goal"),
        last_goal_rating=last_goal_rating,
        answered_at=store.clock.now(),
    )
    with store.write() as session:
        session.add(row)
    return row


def latest_checkin(store: Store, pair_id: str, *, before: datetime | None = None) -> CheckIn | None:
    with store.read() as session:
        query = select(CheckIn).where(CheckIn.pair_id == pair_id, CheckIn.deleted == False)  # noqa: E712
        if before is not None:
            query = query.where(CheckIn.answered_at <= before)
        return session.exec(query.order_by(col(CheckIn.answered_at).desc())).first()


def list_checkins(store: Store, pair_id: str, *, limit: int = 20) -> list[CheckIn]:
    with store.read() as session:
        return list(
            session.exec(
                select(CheckIn)
                .where(CheckIn.pair_id == pair_id, CheckIn.deleted == False)  # noqa: E712
                .order_by(col(CheckIn.answered_at).desc())
                .limit(limit)
            ).all()
        )


def latest_own_checkin(store: Store, pair_id: str) -> CheckIn | None:
    """My latest live check-in in the pair (the partner's came through sync: theirs)."""
    with store.read() as session:
        return session.exec(
            select(CheckIn)
            .where(CheckIn.pair_id == pair_id, CheckIn.deleted == False, CheckIn.origin == "")  # noqa: E712
            .order_by(col(CheckIn.answered_at).desc())
        ).first()


def delete_checkin(store: Store, checkin_id: str) -> CheckIn:
    """A soft delete of my own answers (`restore` brings them back); the partner's are theirs."""
    with store.write() as session:
        row = get_live(session, CheckIn, checkin_id)
        require_local(session, row)
        row.deleted = True
        session.add(row)
    return row
