"""Vocabularies stored as plain text (so adding a value never needs a migration)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


class Cadence(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"

    @property
    def days(self) -> int:
        return {"weekly": 7, "biweekly": 14, "monthly": 30}[self.value]


class PairStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    CLOSED = "closed"


class GoalStatus(StrEnum):
    DRAFT = "draft"
    PROPOSED = "proposed"
    APPROVED = "approved"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class MilestoneStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class SessionKind(StrEnum):
    KICKOFF = "kickoff"
    CHECK_IN = "check_in"
    REVIEW = "review"
    AD_HOC = "ad_hoc"

    @property
    def label(self) -> str:
        return {
            "kickoff": "kickoff",
            "check_in": "check-in",
            "review": "quarterly review",
            "ad_hoc": "ad hoc",
        }[self.value]


class SessionStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


def session_kind_label(value: str) -> str:
    """The kind as people say it; an unknown value (from a newer partner) as stored."""
    try:
        return SessionKind(value).label
    except ValueError:
        return value
