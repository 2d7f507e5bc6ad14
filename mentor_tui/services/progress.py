"""Progress over the life of a pair, by week or month: sessions against the cadence, days
between them, goals, milestones, action items, check-in ratings, assessments, journal
activity and wins; and the sentences a review would quote ("cadence kept 83%").

The counting happens in SQLite (models/progress_sql.py); this module fills the buckets
nobody wrote in, adds them up and says them in words. Both sides' records count: what
sync brought from the partner (check-ins, assessments, shared entries) is in the tables.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session

from mentor_tui.errors import InvalidInput
from mentor_tui.models import progress_sql as sql
from mentor_tui.models.db import Store
from mentor_tui.services.pairs import PairView, get_pair
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.progress_frame import Trend, anchor, frame, kept_until, trend_of
from mentor_tui.services.progress_words import sentences


@dataclass(frozen=True)
class Bucket:
    """One week (from its Monday) or one month (from its 1st), in the viewer's zone."""

    start: date
    sessions_held: int = 0
    sessions_cancelled: int = 0
    sessions_planned: int = 0
    cadence_periods: int = 0  # cadence periods that began in this bucket and have ended
    cadence_kept: int = 0  # of those, the ones with a held session
    mean_gap_days: float | None = None  # before each session held in this bucket
    goals_agreed: int = 0
    goals_achieved: int = 0
    milestones_done: int = 0
    milestones_late: int = 0  # done after their due day
    milestones_overdue: int = 0  # due in this bucket, past, and not done
    median_days_to_done: float | None = None
    actions_raised: int = 0
    actions_closed: int = 0
    actions_open_at_end: int = 0  # carried into the next bucket
    checkins: int = 0
    rating: float | None = None  # the check-ins' average "how did the last goal go", 1-5
    self_score: float | None = None  # the mentee's self-assessments, average 1-5
    mentor_score: float | None = None
    journal_entries: int = 0

    @property
    def wins(self) -> int:
        return self.milestones_done + self.goals_achieved


@dataclass(frozen=True)
class Figures:
    """The totals over the period (the pair's life unless limited)."""

    sessions_held: int
    sessions_cancelled: int
    sessions_planned: int
    cadence: str
    cadence_days: int
    cadence_periods: int
    cadence_kept: int
    median_gap_days: float | None
    longest_gap_days: int | None
    goals_agreed: int
    goals_achieved: int
    milestones_done: int
    milestones_late: int
    milestones_overdue: int
    median_days_to_milestone: float | None
    actions_done: int
    actions_dropped: int
    actions_open: int  # now
    actions_carried: int  # open now, and carried past at least one held session
    checkins: int
    ratings: int
    rating_average: float | None
    self_scores: int
    self_average: float | None
    mentor_scores: int
    mentor_average: float | None
    journal_entries: int
    journal_active_buckets: int
    buckets: int

    @property
    def sessions_all(self) -> int:
        return self.sessions_held + self.sessions_cancelled + self.sessions_planned

    @property
    def cadence_share(self) -> float | None:
        return self.cadence_kept / self.cadence_periods if self.cadence_periods else None

    @property
    def actions_closed(self) -> int:
        return self.actions_done + self.actions_dropped

    @property
    def wins(self) -> int:
        return self.milestones_done + self.goals_achieved


@dataclass(frozen=True)
class Progress:
    pair_id: str
    label: str
    by: str  # week | month
    today: date
    buckets: list[Bucket]  # every bucket from the first to today's, empty ones included
    figures: Figures
    sentences: dict[str, str] = field(default_factory=dict)  # topic -> what a review quotes

    def as_json(self) -> dict[str, Any]:
        figures = asdict(self.figures)
        for name in ("sessions_all", "cadence_share", "actions_closed", "wins"):
            figures[name] = getattr(self.figures, name)
        return {
            "pair": self.pair_id,
            "label": self.label,
            "by": self.by,
            "today": self.today.isoformat(),
            "figures": figures,
            "sentences": self.sentences,
            "buckets": [
                {**asdict(b), "start": b.start.isoformat(), "wins": b.wins} for b in self.buckets
            ],
        }


def check_by(value: str) -> str:
    if value not in sql.BUCKETS:
        raise InvalidInput(f"unknown bucket {value!r}; choose one of: {', '.join(sql.BUCKETS)}")
    return value


bucket_start, next_bucket = sql.bucket_start, sql.next_bucket


def _raw(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under a session, for progress_sql's queries."""
    con = session.connection().connection.driver_connection
    assert isinstance(con, sqlite3.Connection)
    return con


def _average(total: float, count: int) -> float | None:
    return total / count if count else None


def load_progress(
    store: Store,
    pair_id: str,
    *,
    by: str = "month",
    since: date | None = None,
    until: date | None = None,
) -> Progress:
    """The pair's progress by week or month; since/until (days, both included) limit it."""
    by = check_by(by)
    if since and until and since > until:
        raise InvalidInput(f"--since {since} is after --until {until}")
    pair = get_pair(store, pair_id)
    today = viewer_today(store)
    f = frame(pair, by, today, since, until)
    with store.read() as session:
        con = _raw(session)
        start = anchor(pair, sql.first_held_day(con, f))
        every = pair.cadence.days
        periods = max(0, (kept_until(pair, today) - start).days // every)
        found = _Found(
            sessions=sql.sessions(con, f),
            cadence=sql.cadence(con, f, start.isoformat(), every, periods),
            gaps=sql.gaps(con, f),
            goals=sql.goals(con, f),
            milestones=sql.milestones(con, f),
            actions=sql.actions(con, f),
            open_actions=sql.open_actions(con, f),
            checkins=sql.checkins(con, f),
            assessments=sql.assessments(con, f),
            journal=sql.journal(con, f),
        )
    buckets = found.buckets(by, bucket_start(start, by), today, since, until)
    figures = found.figures(pair, len(buckets))
    return Progress(pair.id, pair.label, by, today, buckets, figures, sentences(figures, by))


@dataclass(frozen=True)
class _Found:
    """What the queries answered, keyed by bucket (ISO day of its start)."""

    sessions: dict[str, tuple[int, int, int, float | None]]
    cadence: dict[str, tuple[int, int]]
    gaps: tuple[float | None, int | None, int]
    goals: dict[str, tuple[int, int]]
    milestones: tuple[dict[str, tuple[int, int, int, float | None]], float | None]
    actions: dict[str, tuple[int, int, int]]
    open_actions: tuple[int, int]
    checkins: dict[str, tuple[int, int, float]]
    assessments: dict[str, dict[str, tuple[int, float]]]
    journal: dict[str, int]

    def buckets(
        self, by: str, first: date, today: date, since: date | None, until: date | None
    ) -> list[Bucket]:
        """Every bucket from the earliest (the anchor's, or older data's) to today's."""
        keyed = (self.sessions, self.goals, self.milestones[0], self.checkins, self.journal)
        seen = [date.fromisoformat(key) for found in keyed for key in found]
        first = min([first, *seen])
        if since is not None:
            first = max(first, bucket_start(since, by))
        last = bucket_start(min(today, until) if until else today, by)
        open_at_end, day, out = 0, first, []
        # The open count is a running sum over the whole life: add what came before.
        for key, (raised, done, dropped) in sorted(self.actions.items()):
            if key < first.isoformat():
                open_at_end += raised - done - dropped
        while day <= last:
            out.append(self._bucket(day, open_at_end))
            open_at_end = out[-1].actions_open_at_end
            day = next_bucket(day, by)
        return out

    def _bucket(self, day: date, open_before: int) -> Bucket:
        key = day.isoformat()
        held, cancelled, planned, gap = self.sessions.get(key, (0, 0, 0, None))
        periods, kept = self.cadence.get(key, (0, 0))
        agreed, achieved = self.goals.get(key, (0, 0))
        done, late, overdue, took = self.milestones[0].get(key, (0, 0, 0, None))
        raised, closed, dropped = self.actions.get(key, (0, 0, 0))
        checkins, rated, rating_sum = self.checkins.get(key, (0, 0, 0.0))
        scores = self.assessments.get(key, {})
        mentee, mentor = scores.get("mentee", (0, 0.0)), scores.get("mentor", (0, 0.0))
        return Bucket(
            start=day,
            sessions_held=held,
            sessions_cancelled=cancelled,
            sessions_planned=planned,
            cadence_periods=periods,
            cadence_kept=kept,
            mean_gap_days=gap,
            goals_agreed=agreed,
            goals_achieved=achieved,
            milestones_done=done,
            milestones_late=late,
            milestones_overdue=overdue,
            median_days_to_done=took,
            actions_raised=raised,
            actions_closed=closed + dropped,
            actions_open_at_end=open_before + raised - closed - dropped,
            checkins=checkins,
            rating=_average(rating_sum, rated),
            self_score=_average(mentee[1], mentee[0]),
            mentor_score=_average(mentor[1], mentor[0]),
            journal_entries=self.journal.get(key, 0),
        )

    def figures(self, pair: PairView, buckets: int) -> Figures:
        def total(found: dict[str, Any], index: int) -> Any:
            return sum(values[index] for values in found.values())

        roles = [role for by_role in self.assessments.values() for role in by_role.items()]
        self_n = sum(n for role, (n, _s) in roles if role == "mentee")
        self_sum = sum(s for role, (_n, s) in roles if role == "mentee")
        mentor_n = sum(n for role, (n, _s) in roles if role == "mentor")
        mentor_sum = sum(s for role, (_n, s) in roles if role == "mentor")
        ratings, rating_sum = total(self.checkins, 1), total(self.checkins, 2)
        milestones, median_took = self.milestones
        median_gap, longest_gap, _gaps = self.gaps
        return Figures(
            sessions_held=total(self.sessions, 0),
            sessions_cancelled=total(self.sessions, 1),
            sessions_planned=total(self.sessions, 2),
            cadence=pair.cadence.value,
            cadence_days=pair.cadence.days,
            cadence_periods=total(self.cadence, 0),
            cadence_kept=total(self.cadence, 1),
            median_gap_days=median_gap,
            longest_gap_days=longest_gap,
            goals_agreed=total(self.goals, 0),
            goals_achieved=total(self.goals, 1),
            milestones_done=total(milestones, 0),
            milestones_late=total(milestones, 1),
            milestones_overdue=total(milestones, 2),
            median_days_to_milestone=median_took,
            actions_done=total(self.actions, 1),
            actions_dropped=total(self.actions, 2),
            actions_open=self.open_actions[0],
            actions_carried=self.open_actions[1],
            checkins=total(self.checkins, 0),
            ratings=ratings,
            rating_average=_average(rating_sum, ratings),
            self_scores=self_n,
            self_average=_average(self_sum, self_n),
            mentor_scores=mentor_n,
            mentor_average=_average(mentor_sum, mentor_n),
            journal_entries=sum(self.journal.values()),
            journal_active_buckets=sum(1 for n in self.journal.values() if n),
            buckets=buckets,
        )


def session_trend(store: Store, pair_id: str, *, months: int = 12) -> Trend:
    """Sessions held in each of the last `months` months, and the cadence kept in them:
    two small queries over the pair's sessions (the Dashboard asks this)."""
    pair = get_pair(store, pair_id)
    today = viewer_today(store)
    with store.read() as session:
        return trend_of(_raw(session), pair, today, months)


__all__ = [
    "Bucket",
    "Figures",
    "Progress",
    "Trend",
    "check_by",
    "load_progress",
    "sentences",
    "session_trend",
]
