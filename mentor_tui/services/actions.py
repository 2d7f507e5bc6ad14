"""Action items (with carry-forward) and feedback entries of sessions.

Carry-forward: an open action item shows in every later session until it is done or
dropped. How many sessions it has been carried = the held sessions that started after the
session it was raised in (or after it was written, when it was raised outside a session).
It is stale when carried through STALE_SESSIONS sessions or overdue by more than
STALE_OVERDUE_DAYS days.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, or_, select

from mentor_tui.errors import InvalidInput, MentorError, NotFound
from mentor_tui.models.db import Store, get_live, require_local
from mentor_tui.models.enums import ActionStatus, SessionStatus
from mentor_tui.models.record import stamped
from mentor_tui.models.tables import (
    ActionItem,
    ActionItemStatus,
    Feedback,
    MentoringSession,
    Person,
)
from mentor_tui.services.dashboard_rules import owners_latest_words, owners_say
from mentor_tui.services.pairs import get_pair
from mentor_tui.services.profile import require_me, viewer_today
from mentor_tui.services.text import long_text, require_title
from mentor_tui.wording import plural

STALE_SESSIONS = 3
STALE_OVERDUE_DAYS = 14


@dataclass(frozen=True)
class CarriedItem:
    item: ActionItem
    owner_name: str
    origin_at: datetime | None  # when the session it was raised in started
    carried: int  # held sessions since it was raised
    overdue_days: int  # 0 unless open and past its due date

    @property
    def stale(self) -> bool:
        return self.item.status == ActionStatus.OPEN and (
            self.carried >= STALE_SESSIONS or self.overdue_days > STALE_OVERDUE_DAYS
        )

    @property
    def carried_text(self) -> str:
        if not self.carried:
            return ""
        return f"carried {plural(self.carried, 'session')}"


def _held_starts(session: Session, pair_id: str) -> list[datetime]:
    return sorted(
        session.exec(
            select(MentoringSession.starts_at).where(
                MentoringSession.pair_id == pair_id,
                MentoringSession.status == SessionStatus.HELD,
                MentoringSession.deleted == False,  # noqa: E712
            )
        ).all()
    )


def owner_words(session: Session, items: list[ActionItem]) -> dict[str, ActionItemStatus]:
    """item id -> its owner's latest word on it (a status record of the owner's own), for
    the items that have one."""

    def read(ids: list[str]) -> list[ActionItemStatus]:
        found: list[ActionItemStatus] = []
        for start in range(0, len(ids), 500):
            found += session.exec(
                select(ActionItemStatus)
                .where(
                    ActionItemStatus.action_item_id.in_(ids[start : start + 500]),  # type: ignore[attr-defined]
                    ActionItemStatus.deleted == False,  # noqa: E712
                )
                .order_by(ActionItemStatus.updated_at)  # type: ignore[arg-type]
            ).all()
        return found

    return owners_latest_words(((item.id, item.owner_id) for item in items), read)


def effective(item: ActionItem, word: ActionItemStatus | None) -> ActionItem:
    """The item as both sides see it: its owner's word on its status decides (the owner
    says it in their own record when the partner raised it). A detached copy if it differs."""
    said = owners_say(
        (item.status, item.closed_at), (word.status, word.closed_at) if word else None
    )
    if said is None:
        return item
    status, closed_at = said
    return ActionItem(**{**item.model_dump(), "status": status, "closed_at": closed_at})


def _views(
    session: Session, store: Store, pair_id: str, *where: Any, open_only: bool = False
) -> list[CarriedItem]:
    today = viewer_today(store)
    held = _held_starts(session, pair_id)
    rows = session.exec(
        select(ActionItem, Person.display_name, MentoringSession.starts_at)
        .join(Person, col(Person.id) == ActionItem.owner_id, isouter=True)
        .join(MentoringSession, col(MentoringSession.id) == ActionItem.session_id, isouter=True)
        .where(ActionItem.pair_id == pair_id, ActionItem.deleted == False, *where)  # noqa: E712
    ).all()
    words = owner_words(session, [item for item, _owner, _at in rows])
    views = []
    for row, owner, origin_at in rows:
        item = effective(row, words.get(row.id))
        if open_only and item.status != ActionStatus.OPEN:
            continue
        since = origin_at or stamped(item.created_at)
        carried = len(held) - bisect_right(held, since)
        overdue = 0
        if item.status == ActionStatus.OPEN and item.due_on and item.due_on < today:
            overdue = (today - item.due_on).days
        views.append(CarriedItem(item, owner or "nobody", origin_at, carried, overdue))
    return sorted(views, key=lambda v: (v.item.due_on or date.max, v.item.created_at))


def carried_items(store: Store, pair_id: str) -> list[CarriedItem]:
    """The pair's open action items, each with how long it has been carried."""
    with store.read() as session:
        return _views(session, store, pair_id, open_only=True)


def all_action_items(store: Store, pair_id: str) -> list[CarriedItem]:
    """Every action item of the pair, whatever its state (reports)."""
    with store.read() as session:
        return _views(session, store, pair_id)


def items_for_session(
    store: Store, row: MentoringSession
) -> tuple[list[CarriedItem], list[CarriedItem]]:
    """(items raised in this session, open items raised before it and still open)."""
    with store.read() as session:
        own = _views(session, store, row.pair_id, ActionItem.session_id == row.id)
        open_items = _views(
            session,
            store,
            row.pair_id,
            or_(
                ActionItem.session_id == None,  # noqa: E711
                ActionItem.session_id != row.id,
            ),
            open_only=True,
        )
    earlier = [v for v in open_items if (v.origin_at or stamped(v.item.created_at)) < row.starts_at]
    return own, earlier


def _check_owner(store: Store, pair_id: str, owner_id: str | None) -> str | None:
    if owner_id is None:
        return None
    pair = get_pair(store, pair_id)
    if pair.person(owner_id) is None:
        raise InvalidInput("the owner of an action item is the mentor or the mentee of the pair")
    return owner_id


def add_action_item(
    store: Store,
    pair_id: str,
    title: str,
    *,
    session_id: str | None = None,
    owner_id: str | None = None,
    due_on: date | None = None,
) -> ActionItem:
    item = ActionItem(
        pair_id=pair_id,
        session_id=session_id,
        title=require_title(title, "action item"),
        owner_id=_check_owner(store, pair_id, owner_id),
        due_on=due_on,
    )
    with store.write() as session:
        if session_id is not None:
            origin = session.get(MentoringSession, session_id)
            if origin is None or origin.pair_id != pair_id:
                raise NotFound(f"no session with id {session_id} in this pair")
        session.add(item)
    return item


def _load_item(session: Session, item_id: str) -> ActionItem:
    item = get_live(session, ActionItem, item_id)
    return item


_KEEP = object()


def update_action_item(
    store: Store,
    item_id: str,
    *,
    title: str | None = None,
    owner_id: object = _KEEP,
    due_on: object = _KEEP,
) -> ActionItem:
    with store.write() as session:
        item = _load_item(session, item_id)
        if title is not None:
            item.title = require_title(title, "action item")
        if owner_id is not _KEEP:
            item.owner_id = _check_owner(store, item.pair_id, owner_id)  # type: ignore[arg-type]
        if due_on is not _KEEP:
            item.due_on = due_on  # type: ignore[assignment]
        session.add(item)
    return item


def _close(store: Store, item_id: str, status: ActionStatus) -> ActionItem:
    """Done, dropped or open again. The partner raised it: its owner (me) says so in a
    record of my own, which sync publishes; the item stays theirs. I raised it: the item
    changes, unless the partner owns it and has said otherwise (their word decides)."""
    me = require_me(store)
    closed_at = None if status == ActionStatus.OPEN else store.clock.now()
    with store.write() as session:
        item = _load_item(session, item_id)
        word = owner_words(session, [item]).get(item.id)
        if item.origin:
            if item.owner_id != me.id:
                require_local(session, item)  # "... comes from Ada's side and is read-only"
            mine = session.exec(
                select(ActionItemStatus).where(
                    ActionItemStatus.action_item_id == item.id,
                    ActionItemStatus.person_id == me.id,
                    ActionItemStatus.origin == "",
                )
            ).first() or ActionItemStatus(
                pair_id=item.pair_id, action_item_id=item.id, person_id=me.id
            )
            mine.status, mine.closed_at, mine.deleted = status.value, closed_at, False
            session.add(mine)
            return effective(item, mine)
        if word is not None and word.person_id != me.id:
            owner = session.get(Person, word.person_id)
            name = owner.display_name if owner else "your partner"
            raise MentorError(
                f"{name} owns this action item and marked it {word.status}; only they change it"
            )
        item.status = status.value
        item.closed_at = closed_at
        session.add(item)
    return item


def complete_action_item(store: Store, item_id: str) -> ActionItem:
    return _close(store, item_id, ActionStatus.DONE)


def drop_action_item(store: Store, item_id: str) -> ActionItem:
    return _close(store, item_id, ActionStatus.DROPPED)


def reopen_action_item(store: Store, item_id: str) -> ActionItem:
    return _close(store, item_id, ActionStatus.OPEN)


def list_feedback(store: Store, session_id: str) -> list[Feedback]:
    with store.read() as session:
        return list(
            session.exec(
                select(Feedback)
                .where(Feedback.session_id == session_id, Feedback.deleted == False)  # noqa: E712
                .order_by(col(Feedback.created_at), col(Feedback.id))
            ).all()
        )


def add_feedback(
    store: Store, session_id: str, observation: str, *, impact: str = "", next_step: str = ""
) -> Feedback:
    """Specific, balanced feedback: what was observed, its impact, a suggested next step."""
    me = require_me(store)
    if not (observation or "").strip():
        raise InvalidInput("the observation is empty; say what you saw or heard")
    with store.write() as session:
        row = get_live(session, MentoringSession, session_id)
        entry = Feedback(
            pair_id=row.pair_id,
            session_id=row.id,
            author_id=me.id,
            observation=long_text(observation, "observation"),
            impact=long_text(impact, "impact"),
            next_step=long_text(next_step, "next step"),
        )
        session.add(entry)
    return entry


def update_feedback(store: Store, feedback_id: str, **changes: str) -> Feedback:
    with store.write() as session:
        entry = get_live(session, Feedback, feedback_id)
        for name, value in changes.items():
            if name not in ("observation", "impact", "next_step"):
                raise TypeError(f"not a feedback field: {name}")
            setattr(entry, name, long_text(value, name.replace("_", " ")))
        if not entry.observation.strip():
            raise InvalidInput("the observation is empty; say what you saw or heard")
        session.add(entry)
    return entry


def delete_feedback(store: Store, feedback_id: str) -> None:
    with store.write() as session:
        entry = get_live(session, Feedback, feedback_id)
        entry.deleted = True
        session.add(entry)


def delete_action_item(store: Store, item_id: str) -> ActionItem:
    """A soft delete (an item written by mistake); dropping is for one that will not be
    done. Only an item I raised: the partner's stays theirs, even when I own it."""
    with store.write() as session:
        item = _load_item(session, item_id)
        require_local(session, item)
        item.deleted = True
        session.add(item)
    return item
