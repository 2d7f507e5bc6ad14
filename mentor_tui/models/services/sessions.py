"""Mentoring sessions, action items, and the cadence that says when the next one is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import select

from mentor_tui.models.db import Store
from mentor_tui.models.enums import ActionStatus, SessionStatus
from mentor_tui.models.services.pairs import PairView
from mentor_tui.models.tables import ActionItem, MentoringSession, Person


@dataclass(frozen=True)
class SessionLists:
    upcoming: list[MentoringSession]
    past: list[MentoringSession]


def list_sessions(store: Store, pair_id: str) -> SessionLists:
    """Upcoming sessions soonest first; past (or cancelled) ones newest first."""
    now = store.clock.now()
    with store.read() as session:
        rows = session.exec(
            select(MentoringSession).where(
                MentoringSession.pair_id == pair_id,
                MentoringSession.deleted == False,  # noqa: E712
            )
        ).all()
    upcoming = [s for s in rows if s.starts_at >= now and s.status == SessionStatus.PLANNED]
    past = [s for s in rows if s not in upcoming]
    return SessionLists(
        upcoming=sorted(upcoming, key=lambda s: s.starts_at),
        past=sorted(past, key=lambda s: s.starts_at, reverse=True),
    )


@dataclass(frozen=True)
class NextSession:
    """What the cadence says: the next planned session, and when one is due."""

    planned: MentoringSession | None
    last_held: MentoringSession | None
    due_on: date | None  # by the charter's cadence, from the last held session
    days_since_last: int | None

    def slipped_days(self, today: date) -> int:
        """Days past due with nothing planned; 0 when on track."""
        if self.planned is not None or self.due_on is None:
            return 0
        return max(0, (today - self.due_on).days)


def next_session(store: Store, pair: PairView) -> NextSession:
    lists = list_sessions(store, pair.id)
    held = [s for s in lists.past if s.status == SessionStatus.HELD]
    last_held = held[0] if held else None
    today = store.clock.now().date()
    if last_held is not None:
        due_on: date | None = last_held.starts_at.date() + timedelta(days=pair.cadence.days)
        days_since: int | None = (today - last_held.starts_at.date()).days
    else:
        due_on, days_since = pair.pair.starts_on, None
    return NextSession(
        planned=lists.upcoming[0] if lists.upcoming else None,
        last_held=last_held,
        due_on=due_on,
        days_since_last=days_since,
    )


@dataclass(frozen=True)
class ActionItemView:
    item: ActionItem
    owner_name: str


def open_action_items(store: Store, pair_id: str) -> list[ActionItemView]:
    """Open action items, soonest due first (undated last)."""
    with store.read() as session:
        rows = session.exec(
            select(ActionItem, Person.display_name)
            .join(Person, Person.id == ActionItem.owner_id, isouter=True)
            .where(
                ActionItem.pair_id == pair_id,
                ActionItem.status == ActionStatus.OPEN,
                ActionItem.deleted == False,  # noqa: E712
            )
        ).all()
    views = [ActionItemView(item, owner or "nobody") for item, owner in rows]
    return sorted(views, key=lambda v: (v.item.due_on or date.max, v.item.created_at))


def session_end(session: MentoringSession) -> datetime:
    return session.starts_at + timedelta(minutes=session.duration_minutes)
