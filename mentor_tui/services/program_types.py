"""The program's shapes, shared by the shared place (program/), the rules (services/) and the
screens: an intake's answers, a matching suggestion, a member's summary (figures only),
and one pair's row in the coordinator's roll-up. Plain dataclasses: nothing here reads
the database or a remote, so the CLI and the screens import it cheaply."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

RoleWanted = Literal["mentor", "mentee", "either"]
SamePlace = Literal["prefer", "avoid", "any"]

# The figures a member's summary may carry, and nothing else (an allow-list, as the sync's):
# never a title, a note, a journal entry or the name of anything but the two people.
SUMMARY_FIELDS: dict[str, type] = {
    "sessions_held": int,
    "sessions_due": int,  # cadence periods that have ended since the start
    "cadence_kept": int,  # of those, the ones with a held session
    "days_since_last_session": int,  # -1: no session held yet
    "goals_agreed": int,
    "goals_achieved": int,
    "milestones_done": int,
    "milestones_overdue": int,
    "days_to_first_milestone": int,  # -1: none done yet
    "rating_average": float,  # -1.0: no rating yet (check-ins, 1-5)
    "ratings": int,
    "actions_carried": int,
    "closed": bool,
    "closing_rating": int,  # "would you do it again", 1-5; 0: not closed or not answered
    "sessions_by_month": dict,  # {"YYYY-MM": sessions held}, at most the last 36 months
}


@dataclass(frozen=True)
class IntakeAnswers:
    """One participant's answers to the program's intake questionnaire."""

    person_id: str
    name: str
    role_wanted: RoleWanted
    seniority: str = ""  # junior | mid | senior | lead | ...
    department: str = ""
    site: str = ""
    timezone: str = "UTC"  # IANA
    hours_start: int = 9  # local working hours, whole hours 0-23
    hours_end: int = 17
    skills_offered: tuple[str, ...] = ()
    skills_wanted: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    goals: str = ""
    availability: str = ""  # e.g. "one hour every two weeks"
    free_text: str = ""
    other_department: bool = False  # a mentee who asked for a mentor outside their department
    capacity: int = 1  # how many mentees a mentor takes at once


@dataclass(frozen=True)
class MatchRules:
    """What the coordinator weighs when ranking suggestions."""

    skills: float = 3.0  # per skill wanted by the mentee and offered by the mentor
    interests: float = 1.0  # per shared interest
    hours: float = 0.5  # per hour of working time that overlaps
    min_overlap_hours: int = 2  # fewer shared hours than this: never suggested
    other_department: float = 2.0  # when the mentee asked for one
    same_site: SamePlace = "any"
    site: float = 2.0  # added when same_site is prefer (same site) or avoid (another one)
    respect_capacity: bool = True


@dataclass(frozen=True)
class Suggestion:
    """A ranked mentor for a mentee, with the reasons in words."""

    mentee_id: str
    mentor_id: str
    score: float
    reasons: tuple[str, ...]
    repeat: bool = False  # the two were paired before (rotation avoids this)


@dataclass(frozen=True)
class MemberSummary:
    """What one member of a pair says about the pair's health: SUMMARY_FIELDS only."""

    program_id: str
    pair_id: str
    member_id: str
    role: Literal["mentor", "mentee"]
    published_at: str  # UTC, ISO 8601
    figures: dict[str, int | float | bool] = field(default_factory=dict)


@dataclass(frozen=True)
class ProgramPair:
    """A match the coordinator proposed: a pair once both people accepted it."""

    pair_id: str  # chosen when proposed; the pair made on acceptance takes this id
    mentor_id: str
    mentee_id: str
    cohort: str = ""
    proposed_at: str = ""  # UTC ISO
    starts_on: str = ""  # ISO date, set when both accepted
    planned_end_on: str = ""
    accepted_by: tuple[str, ...] = ()  # person ids that accepted (both: the pair is made)
    declined_by: tuple[str, ...] = ()
    previous_pair_id: str = ""  # rotation: the closed pair this one follows

    @property
    def made(self) -> bool:
        return {self.mentor_id, self.mentee_id} <= set(self.accepted_by)


@dataclass(frozen=True)
class CoordinatorView:
    """Everything the coordinator's screens show, as read from the shared place."""

    program_id: str
    name: str
    cycle: str  # e.g. "2026-H2"
    cycle_ends_on: str  # ISO date, "" when open-ended
    participants: dict[str, IntakeAnswers]  # person id -> answers (enrolled, intake given)
    enrolled_without_intake: dict[str, str]  # person id -> name
    pairs: list[ProgramPair]  # proposed and made
    summaries: dict[tuple[str, str], MemberSummary]  # (pair id, member id) -> summary
    previous_rows: list[PairHealth] = field(default_factory=list)  # last cycle, for trends
    refreshed_at: str = ""


@dataclass(frozen=True)
class PairHealth:
    """One pair in the coordinator's roll-up: both members' summaries read together."""

    pair_id: str
    mentor_id: str
    mentor_name: str
    mentee_id: str
    mentee_name: str
    mentor_site: str
    mentee_site: str
    mentor_zone: str
    mentee_zone: str
    cohort: str
    starts_on: str  # ISO date, "" when unknown
    planned_end_on: str
    status: str  # active | closed | waiting (made, no summary yet)
    days_since_last_session: int | None
    cadence_kept_pct: int | None
    goals_agreed: int
    goals_achieved: int
    milestones_done: int
    milestones_overdue: int
    rating: float | None
    last_activity: str  # UTC ISO of the newest summary, "" when none
    flags: tuple[str, ...] = ()  # FLAGS keys
    never_synced: tuple[str, ...] = ()  # member ids without a summary


# What needs a coordinator, in the order the Program screen lists them.
FLAGS: dict[str, str] = {
    "no_session": "no session for 21 days or more",
    "cadence": "the cadence is slipping (under 60% kept)",
    "overdue": "milestones overdue",
    "low_rating": "a low rating (under 3 of 5)",
    "never_synced": "a member never synced",
    "end_near": "the planned end is within 14 days",
}
