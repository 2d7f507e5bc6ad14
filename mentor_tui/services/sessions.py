"""Mentoring sessions, action items, and the cadence that says when the next one is due.

Times: a session is typed in the scheduler's IANA zone, stored as a UTC instant together
with that zone, and shown in both people's zones side by side (dates.side_by_side).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from mentor_tui.dates import check_timezone, parse_local_datetime
from mentor_tui.errors import InvalidInput, NotFound
from mentor_tui.models.db import Store, get_live
from mentor_tui.models.enums import SessionKind, SessionStatus
from mentor_tui.models.tables import ActionItem, CheckIn, MentoringSession, Person
from mentor_tui.services.dashboard_rules import (
    LAST_HELD,
    NEXT_PLANNED,
    UNRECORDED,
    ActionItemView,
    NextSession,
    SessionPick,
    next_session_of,
    open_items,
    when_text,
)
from mentor_tui.services.pairs import PairView, get_pair
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.text import long_text
from mentor_tui.wording import plural

# The parts of a session a person writes; private_notes never leaves the machine.
NOTE_FIELDS = (
    "agenda",
    "shared_notes",
    "private_notes",
    "takeaways",
    "accomplishments",
    "roadblocks",
)
MIN_MINUTES, MAX_MINUTES = 5, 8 * 60
_KIND_WORDS = {
    "kickoff": SessionKind.KICKOFF,
    "kick_off": SessionKind.KICKOFF,
    "check_in": SessionKind.CHECK_IN,
    "checkin": SessionKind.CHECK_IN,
    "review": SessionKind.REVIEW,
    "quarterly_review": SessionKind.REVIEW,
    "quarterly": SessionKind.REVIEW,
    "ad_hoc": SessionKind.AD_HOC,
    "adhoc": SessionKind.AD_HOC,
}


def check_kind(value: str) -> SessionKind:
    """ "check-in", "quarterly review", "ad hoc"... as a SessionKind."""
    key = "_".join(value.strip().lower().replace("-", " ").split())
    if key in _KIND_WORDS:
        return _KIND_WORDS[key]
    names = ", ".join(kind.label for kind in SessionKind)
    raise InvalidInput(f"unknown session kind {value!r}; choose one of: {names}")


def check_minutes(minutes: int) -> int:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InvalidInput(
            f"a session of {plural(minutes, 'minute')}? "
            f"choose between {MIN_MINUTES} and {MAX_MINUTES}"
        )
    return minutes


@dataclass(frozen=True)
class SessionLists:
    upcoming: list[MentoringSession]
    past: list[MentoringSession]
    past_total: int = -1  # all past sessions, when `past` holds only the latest ones


def list_sessions(store: Store, pair_id: str, *, past_limit: int | None = None) -> SessionLists:
    """Upcoming sessions soonest first; past (or cancelled) ones newest first, the latest
    `past_limit` of them when given (a pair that met for years stays quick to show)."""
    from sqlalchemy import func, or_

    now = store.clock.now()
    mine = (MentoringSession.pair_id == pair_id, MentoringSession.deleted == False)  # noqa: E712
    is_upcoming = (col(MentoringSession.starts_at) >= now) & (
        col(MentoringSession.status) == SessionStatus.PLANNED
    )
    is_past = or_(
        col(MentoringSession.starts_at) < now, col(MentoringSession.status) != SessionStatus.PLANNED
    )
    with store.read() as session:
        upcoming = session.exec(
            select(MentoringSession)
            .where(*mine, is_upcoming)
            .order_by(col(MentoringSession.starts_at))
        ).all()
        past_query = (
            select(MentoringSession)
            .where(*mine, is_past)
            .order_by(col(MentoringSession.starts_at).desc())
        )
        if past_limit is not None:
            past_query = past_query.limit(past_limit)
        past = session.exec(past_query).all()
        total = (
            len(past)
            if past_limit is None or len(past) < past_limit
            else session.exec(
                select(func.count()).select_from(MentoringSession).where(*mine, is_past)
            ).one()
        )
    return SessionLists(upcoming=list(upcoming), past=list(past), past_total=total)


def _pick(
    base: SelectOfScalar[MentoringSession], pick: SessionPick, now: datetime
) -> SelectOfScalar[MentoringSession]:
    """The ORM query for one of the sessions the cadence looks at (dashboard_rules)."""
    query = base.where(MentoringSession.status == pick.status)
    if pick.started is not None:
        starts = col(MentoringSession.starts_at)
        query = query.where(starts < now if pick.started else starts >= now)
    order = col(MentoringSession.starts_at)
    return query.order_by(order.desc() if pick.newest else order).limit(1)


def next_session(store: Store, pair: PairView) -> NextSession[MentoringSession]:
    """Three small indexed reads (not every session of the pair: the Dashboard asks this)."""
    now = store.clock.now()
    today = viewer_today(store)
    base = select(MentoringSession).where(
        MentoringSession.pair_id == pair.id,
        MentoringSession.deleted == False,  # noqa: E712
    )
    with store.read() as session:
        picked = {
            pick: session.exec(_pick(base, pick, now)).first()
            for pick in (LAST_HELD, NEXT_PLANNED, UNRECORDED)
        }
    return next_session_of(picked, pair.cadence, pair.pair.starts_on, today)


def _load(session: Session, session_id: str) -> MentoringSession:
    found = get_live(session, MentoringSession, session_id)
    return found


def get_session(store: Store, session_id: str) -> MentoringSession:
    with store.read() as session:
        return _load(session, session_id)


def find_session(store: Store, pair_id: str, ref: str) -> MentoringSession:
    """A session of the pair by id or id prefix (at least 4 characters)."""
    needle = ref.strip().lower()
    with store.read() as session:
        rows = session.exec(
            select(MentoringSession).where(
                MentoringSession.pair_id == pair_id,
                MentoringSession.deleted == False,  # noqa: E712
                MentoringSession.id.startswith(needle)
                if len(needle) >= 4
                else MentoringSession.id == needle,
            )
        ).all()
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise NotFound(f"no session matches {ref!r}; `mentor session list` shows them")
    raise InvalidInput(f"{ref!r} matches several sessions; type more of the id")


def _instant(store: Store, when: str | datetime, zone: str) -> datetime:
    if isinstance(when, datetime):
        if when.tzinfo is None:
            raise InvalidInput("a session time needs a time zone")
        return when
    return parse_local_datetime(when, zone, store.clock.now().astimezone(ZoneInfo(zone)).date())


def schedule_session(
    store: Store,
    pair_id: str,
    when: str | datetime,
    *,
    timezone: str | None = None,
    kind: str = SessionKind.CHECK_IN,
    minutes: int = 45,
    agenda: str = "",
) -> MentoringSession:
    """Plan a session at a time typed in `timezone` (default: mine)."""
    pair = get_pair(store, pair_id)
    zone = check_timezone(timezone) if timezone else pair.me.timezone
    row = MentoringSession(
        pair_id=pair.id,
        kind=check_kind(kind).value,
        starts_at=_instant(store, when, zone),
        timezone=zone,
        duration_minutes=check_minutes(minutes),
        agenda=long_text(agenda, "agenda"),
    )
    with store.write() as session:
        session.add(row)
    return row


def reschedule_session(
    store: Store, session_id: str, when: str | datetime, *, timezone: str | None = None
) -> MentoringSession:
    with store.write() as session:
        row = _load(session, session_id)
        zone = check_timezone(timezone) if timezone else row.timezone
        row.starts_at, row.timezone = _instant(store, when, zone), zone
        session.add(row)
    return row


def update_session(store: Store, session_id: str, **changes: object) -> MentoringSession:
    """Change a session's notes (NOTE_FIELDS), kind or duration, exactly as typed."""
    with store.write() as session:
        row = _load(session, session_id)
        for name, value in changes.items():
            if name in NOTE_FIELDS:
                setattr(row, name, long_text(str(value or ""), name.replace("_", " ")))
            elif name == "kind":
                row.kind = check_kind(str(value)).value
            elif name == "duration_minutes":
                try:
                    minutes = int(str(value).strip())
                except ValueError:
                    raise InvalidInput(f"{value!r} is not a number of minutes") from None
                row.duration_minutes = check_minutes(minutes)
            else:
                raise TypeError(f"not a session field: {name}")
        session.add(row)
    return row


def set_session_status(store: Store, session_id: str, status: str) -> MentoringSession:
    """Mark a session held, cancelled, or planned again."""
    try:
        wanted = SessionStatus(status.strip().lower())
    except ValueError:
        names = ", ".join(s.value for s in SessionStatus)
        raise InvalidInput(f"unknown session status {status!r}; choose one of: {names}") from None
    with store.write() as session:
        row = _load(session, session_id)
        if wanted == SessionStatus.HELD and row.starts_at > store.clock.now():
            raise InvalidInput("this session has not started yet; it can be marked held after")
        row.status = wanted.value
        session.add(row)
    return row


def delete_session(store: Store, session_id: str) -> None:
    with store.write() as session:
        row = _load(session, session_id)
        row.deleted = True
        session.add(row)


def next_slot(store: Store, pair: PairView, due_on: date | None) -> datetime:
    """When an unplanned next session should go: the cadence's due date (or the next day
    if that has passed), at the hour of the last held session (else 15:00), in my zone."""
    zone = ZoneInfo(pair.me.timezone)
    now = store.clock.now()
    last = next_session(store, pair).last_held
    at = (
        last.starts_at.astimezone(zone).time().replace(second=0, microsecond=0)
        if last
        else time(15, 0)
    )
    day = max(due_on or now.astimezone(zone).date(), now.astimezone(zone).date())
    for offset in range(0, 3):
        candidate = datetime.combine(day + timedelta(days=offset), at, tzinfo=zone)
        if candidate > now:
            return candidate
    return now + timedelta(days=1)  # pragma: no cover - three days ahead is always later


def open_action_items(store: Store, pair_id: str) -> list[ActionItemView[ActionItem]]:
    """Open action items (by their owner's word), soonest due first (undated last)."""
    from mentor_tui.services.actions import effective, owner_words

    with store.read() as session:
        rows = session.exec(
            select(ActionItem, Person.display_name)
            .join(Person, col(Person.id) == ActionItem.owner_id, isouter=True)
            .where(
                ActionItem.pair_id == pair_id,
                ActionItem.deleted == False,  # noqa: E712
            )
        ).all()
        words = owner_words(session, [item for item, _owner in rows])
    return open_items((effective(item, words.get(item.id)), owner) for item, owner in rows)


def session_end(session: MentoringSession) -> datetime:
    return session.starts_at + timedelta(minutes=session.duration_minutes)


@dataclass(frozen=True)
class SessionDetail:
    """Everything the session editor shows."""

    session: MentoringSession
    pair: PairView
    when: str
    feedback: list = field(default_factory=list)  # list[Feedback]
    own_items: list = field(default_factory=list)  # list[CarriedItem] raised in this session
    carried_items: list = field(default_factory=list)  # open ones from earlier sessions
    checkin: CheckIn | None = None  # the latest answered before this session


def session_detail(store: Store, session_id: str) -> SessionDetail:
    from mentor_tui.services.actions import items_for_session, list_feedback
    from mentor_tui.services.checkins import latest_checkin

    row = get_session(store, session_id)
    pair = get_pair(store, row.pair_id)
    own, carried = items_for_session(store, row)
    return SessionDetail(
        session=row,
        pair=pair,
        when=when_text(row, pair),
        feedback=list_feedback(store, row.id),
        own_items=own,
        carried_items=carried,
        checkin=latest_checkin(store, pair.id, before=session_end(row)),
    )


def session_json(row: MentoringSession, pair: PairView, *, private: bool = True) -> dict:
    data = row.model_dump(mode="json")
    if not private:
        data.pop("private_notes", None)
    data["when"] = when_text(row, pair)
    data["kind_label"] = check_kind(row.kind).label
    return data
