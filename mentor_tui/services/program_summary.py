"""A member's program summary: the pair's health as figures only (SUMMARY_FIELDS), built
from the local database with the progress figures (services/progress.py). Never a title, a
note, a journal entry, or a name: check_summary enforces the allow-list on the way out and
on the way in."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from sqlmodel import col, select

from mentor_tui.errors import InvalidInput
from mentor_tui.models.db import Store
from mentor_tui.models.tables import FinalReview, MentoringSession, Milestone
from mentor_tui.services.pairs import get_pair
from mentor_tui.services.program_types import SUMMARY_FIELDS
from mentor_tui.services.progress import load_progress

MONTHS_KEPT = 36
FIGURE_LIMIT = 1_000_000


def check_summary(figures: Any) -> dict[str, Any]:
    """The figures, when every key is on the allow-list with a value of its type and in
    bounds; InvalidInput (one line) otherwise. Every field must be there."""
    if not isinstance(figures, dict):
        raise InvalidInput("a summary is a table of figures")
    extra = sorted(str(k) for k in figures if k not in SUMMARY_FIELDS)
    if extra:
        raise InvalidInput(f"a summary may not carry {extra[0][:40]!r} (not an allowed figure)")
    missing = sorted(k for k in SUMMARY_FIELDS if k not in figures)
    if missing:
        raise InvalidInput(f"a summary lacks {missing[0]!r}")
    for key, kind in SUMMARY_FIELDS.items():
        value = figures[key]
        if kind is int and (type(value) is not int or not -1 <= value <= FIGURE_LIMIT):
            raise InvalidInput(f"summary figure {key!r} is not a whole number in range")
        if kind is float and (
            type(value) not in (int, float) or not math.isfinite(value) or abs(value) > 1000
        ):
            raise InvalidInput(f"summary figure {key!r} is not a number in range")
        if kind is bool and type(value) is not bool:
            raise InvalidInput(f"summary figure {key!r} is not yes or no")
        if kind is dict:
            _check_months(value, key)
    return dict(figures)


def _check_months(value: Any, key: str) -> None:
    if not isinstance(value, dict) or len(value) > MONTHS_KEPT:
        raise InvalidInput(f"summary figure {key!r} is not a table of at most 36 months")
    for month, count in value.items():
        if not (
            isinstance(month, str)
            and len(month) == 7
            and month[4] == "-"
            and month.replace("-", "").isdigit()
            and type(count) is int
            and 0 <= count <= FIGURE_LIMIT
        ):
            raise InvalidInput(f"summary figure {key!r} holds something other than months")


def member_summary(store: Store, pair_id: str, member_id: str, today: date) -> dict[str, Any]:
    """My side's figures for the pair (both members compute the same shared figures; each
    adds their own closing rating)."""
    view = get_pair(store, pair_id)
    progress = load_progress(store, pair_id, by="month")
    fig = progress.figures
    with store.read() as session:
        held = session.exec(
            select(MentoringSession.starts_at).where(
                MentoringSession.pair_id == pair_id,
                MentoringSession.status == "held",
                col(MentoringSession.deleted).is_(False),
            )
        ).all()
        done = session.exec(
            select(Milestone).where(
                Milestone.pair_id == pair_id,
                col(Milestone.done_on).is_not(None),
                col(Milestone.deleted).is_(False),
            )
        ).all()
        first_done = min((m.done_on for m in done if m.done_on), default=None)
        review = session.exec(
            select(FinalReview).where(
                FinalReview.pair_id == pair_id,
                FinalReview.person_id == member_id,
                col(FinalReview.deleted).is_(False),
            )
        ).first()
    last = max((s.date() for s in held), default=None)
    start = view.pair.starts_on or today
    months = {b.start.strftime("%Y-%m"): b.sessions_held for b in progress.buckets}
    months = {m: n for m, n in sorted(months.items())[-MONTHS_KEPT:] if n}
    figures = {
        "sessions_held": fig.sessions_held,
        "sessions_due": fig.cadence_periods,
        "cadence_kept": fig.cadence_kept,
        "days_since_last_session": (today - last).days if last else -1,
        "goals_agreed": fig.goals_agreed,
        "goals_achieved": fig.goals_achieved,
        "milestones_done": fig.milestones_done,
        "milestones_overdue": fig.milestones_overdue,
        "days_to_first_milestone": max(0, (first_done - start).days) if first_done else -1,
        "rating_average": round(fig.rating_average, 2) if fig.rating_average else -1.0,
        "ratings": fig.ratings,
        "actions_carried": fig.actions_carried,
        "closed": view.pair.status == "closed",
        "closing_rating": (review.again or 0) if review else 0,
        "sessions_by_month": months,
    }
    return check_summary(figures)
