"""The Dashboard's rules over plain values: what counts as the next session and when one is
due, the owner's word on an action item, which items are open and in what order, a
goal's agreed status and progress, the wins wall. Standard library only (no SQLAlchemy,
no SQLModel), so that the services' ORM reads and the app's quick start (plain sqlite3,
services/dashboard_quick.py) apply the same rules to what they read.

What the Dashboard shows is typed by what it reads (the Protocols in dashboard_types.py):
ORM records and the quick path's rows both fit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Generic, Protocol, TypeVar

from mentor_tui.dates import side_by_side
from mentor_tui.models.enums import (
    ActionStatus,
    Cadence,
    GoalStatus,
    MilestoneStatus,
    SessionStatus,
)
from mentor_tui.services.dashboard_types import (
    ActionItemLike,
    EntryLike,
    GoalLike,
    GoalProgress,
    PairLike,
    PairRecordLike,
    PersonLike,
    SessionLike,
)
from mentor_tui.wording import plural

P = TypeVar("P", bound=PersonLike)
S = TypeVar("S", bound=SessionLike, covariant=True)
A = TypeVar("A", bound=ActionItemLike, covariant=True)

# ---- the pair ---------------------------------------------------------------------------


def cadence_of(value: str) -> Cadence:
    """The charter's cadence; one this release does not know reads as biweekly."""
    try:
        return Cadence(value)
    except ValueError:
        return Cadence.BIWEEKLY


def me_and_partner(me_id: str, mentor: P, mentee: P) -> tuple[P, P]:
    """(me, my partner): I am the mentor of the pair, or else its mentee."""
    return (mentor, mentee) if me_id == mentor.id else (mentee, mentor)


@dataclass(frozen=True)
class PairLine:
    """A pair read on the quick path, seen from my side as services/pairs.PairView."""

    pair: PairRecordLike
    mentor: PersonLike
    mentee: PersonLike
    me_id: str

    @property
    def id(self) -> str:
        return self.pair.id

    @property
    def me(self) -> PersonLike:
        return me_and_partner(self.me_id, self.mentor, self.mentee)[0]

    @property
    def partner(self) -> PersonLike:
        return me_and_partner(self.me_id, self.mentor, self.mentee)[1]

    @property
    def cadence(self) -> Cadence:
        return cadence_of(self.pair.cadence)


class TwoZones(Protocol):
    @property
    def me(self) -> PersonLike: ...
    @property
    def partner(self) -> PersonLike: ...


def when_text(session: SessionLike, pair: TwoZones, *, with_date: bool = True) -> str:
    """The session's start in my zone, then my partner's: "Tue 24 Nov 08:00 New York · 14:00
    Berlin"."""
    return side_by_side(
        session.starts_at, [pair.me.timezone, pair.partner.timezone], with_date=with_date
    )


# ---- the cadence: the next session, and when one is due ---------------------------------


@dataclass(frozen=True)
class SessionPick:
    """One session the cadence looks at: the first of this status (the newest when
    `newest`), among those started already (True), not yet (False) or all (None)."""

    status: str
    started: bool | None
    newest: bool


LAST_HELD = SessionPick(SessionStatus.HELD, None, newest=True)
NEXT_PLANNED = SessionPick(SessionStatus.PLANNED, False, newest=False)
# A planned session whose time has passed without being marked held or cancelled.
UNRECORDED = SessionPick(SessionStatus.PLANNED, True, newest=True)


@dataclass(frozen=True)
class NextSession(Generic[S]):
    """What the cadence says: the next planned session, and when one is due."""

    planned: S | None
    last_held: S | None
    due_on: date | None  # by the charter's cadence, from the last held session
    days_since_last: int | None
    cadence_days: int = 14
    unrecorded: S | None = None

    def slipped_days(self, today: date) -> int:
        """Days past due with nothing planned; 0 when on track (a nudge, never a block)."""
        if self.planned is not None or self.due_on is None:
            return 0
        return max(0, (today - self.due_on).days)

    def nudge(self, today: date) -> str:
        """One line for the Dashboard when the cadence slipped; "" when on track."""
        if self.unrecorded is not None:
            return "a past session is not marked held or cancelled yet"
        slipped = self.slipped_days(today)
        if slipped:
            return f"the next session was due {plural(slipped, 'day')} ago and none is planned"
        return ""


def next_session_of(
    picked: Mapping[SessionPick, S | None], cadence: Cadence, starts_on: date | None, today: date
) -> NextSession[S]:
    """The cadence from the sessions picked: the next one is due a cadence after the last
    held one, or at the charter's start before any was held."""
    last_held = picked[LAST_HELD]
    if last_held is not None:
        held_on = last_held.starts_at.date()
        due_on: date | None = held_on + timedelta(days=cadence.days)
        days_since: int | None = (today - held_on).days
    else:
        due_on, days_since = starts_on, None
    return NextSession(
        planned=picked[NEXT_PLANNED],
        last_held=last_held,
        due_on=due_on,
        days_since_last=days_since,
        cadence_days=cadence.days,
        unrecorded=picked[UNRECORDED],
    )


# ---- action items -----------------------------------------------------------------------


class WordLike(Protocol):
    @property
    def action_item_id(self) -> str: ...
    @property
    def person_id(self) -> str: ...


WL = TypeVar("WL", bound=WordLike)


def owners_latest_words(
    items: Iterable[tuple[str, str | None]], read: Callable[[list[str]], Iterable[WL]]
) -> dict[str, WL]:
    """item id -> its owner's latest word on it, for the (item id, owner id) given;
    `read(ids)` gives the words on the owned ones, oldest first. Only a word of the
    owner's own counts (the partner cannot close my item for me)."""
    owners = {item_id: owner for item_id, owner in items if owner}
    latest: dict[str, WL] = {}
    for word in read(list(owners)):
        if owners.get(word.action_item_id) == word.person_id:
            latest[word.action_item_id] = word
    return latest


def owners_say(
    item: tuple[str, datetime | None], word: tuple[str, datetime | None] | None
) -> tuple[str, datetime | None] | None:
    """The (status, closed_at) the owner's word gives the item, or None when the item
    already says so: the owner's word decides on both sides."""
    if word is None or word == item:
        return None
    return word


@dataclass(frozen=True)
class ActionItemView(Generic[A]):
    item: A
    owner_name: str


def open_items(rows: Iterable[tuple[A, str | None]]) -> list[ActionItemView[A]]:
    """The open items (each as its owner's word makes it), soonest due first, undated
    last, then by creation; an item without a known owner belongs to "nobody"."""
    views = [
        ActionItemView(item, owner or "nobody")
        for item, owner in rows
        if item.status == ActionStatus.OPEN
    ]
    return sorted(views, key=lambda v: (v.item.due_on or date.max, v.item.created_at))


# ---- goals ------------------------------------------------------------------------------


#: The goal_change field a status change is written under (services/goals).
GOAL_STATUS_FIELD = "status"


def agreed_status(status: str, latest_change: str | None) -> str:
    """The goal's status as both sides see it: the approver's approval is a status change
    of their own pointing at the goal, so a draft or proposed goal reads as approved when
    the latest status change says so."""
    if latest_change == GoalStatus.APPROVED and status in (GoalStatus.DRAFT, GoalStatus.PROPOSED):
        return GoalStatus.APPROVED
    return status


def goal_progress(status: str, done: int, total: int) -> float:
    """An achieved goal is done; otherwise the share of its milestones done."""
    if status == GoalStatus.ACHIEVED:
        return 1.0
    return done / total if total else 0.0


def count_milestones(rows: Iterable[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """goal id -> (milestones done, milestones in all), from (goal id, status) rows."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for goal_id, status in rows:
        counts[goal_id][1] += 1
        counts[goal_id][0] += status == MilestoneStatus.DONE
    return {goal_id: (done, total) for goal_id, (done, total) in counts.items()}


@dataclass(frozen=True)
class GoalLine:
    """A goal read on the quick path with its milestones counted, as GoalView shows it."""

    goal: GoalLike
    milestones_done: int
    milestones_total: int

    @property
    def progress(self) -> float:
        return goal_progress(self.goal.status, self.milestones_done, self.milestones_total)


# ---- wins -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Win:
    kind: str  # "milestone" | "goal"
    title: str
    goal_title: str
    on: date
    evidence: str = ""


def wins_of(
    milestones: Iterable[tuple[str, str, date | None, datetime, str]],
    goals: Iterable[tuple[str, datetime | None, datetime]],
    limit: int | None = None,
) -> list[Win]:
    """The wins wall, newest first (a goal before a milestone of its day): finished
    milestones (title, goal's title, done on, updated at, evidence) on their done day, or
    the day they were last changed; achieved goals (title, achieved at, updated at)."""
    wins = [
        Win("milestone", title, goal_title, done_on or updated_at.date(), evidence)
        for title, goal_title, done_on, updated_at, evidence in milestones
    ] + [
        Win("goal", title, title, (achieved_at or updated_at).date())
        for title, achieved_at, updated_at in goals
    ]
    wins.sort(key=lambda w: (w.on, w.kind == "goal"), reverse=True)
    return wins[:limit] if limit else wins


# ---- the Dashboard ----------------------------------------------------------------------

#: How many wins and journal entries the Dashboard shows.
DASHBOARD_WINS = DASHBOARD_ENTRIES = 5


@dataclass(frozen=True)
class Dashboard:
    pair: PairLike
    now: datetime
    today: date
    next_session: NextSession[SessionLike]
    action_items: Sequence[ActionItemView[ActionItemLike]]
    goals: Sequence[GoalProgress]
    journal: Sequence[EntryLike]
    wins: Sequence[Win]
