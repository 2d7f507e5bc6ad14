"""The SQLModel tables. Plain text for vocabularies (see enums.py), dates as ISO dates,
instants as UTC text (see types.py). Every table is a Record (see record.py).

Changing a table here means adding a migration in migrations.py as well.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field

from mentor_tui.models.record import Record
from mentor_tui.models.types import UTCDateTime


class Person(Record, table=True):
    display_name: str
    timezone: str = "UTC"
    email: str = ""
    is_me: bool = Field(default=False, index=True)


class Pair(Record, table=True):
    """A mentorship and its charter."""

    mentor_id: str = Field(foreign_key="person.id", index=True)
    mentee_id: str = Field(foreign_key="person.id", index=True)
    purpose: str = ""
    success_looks_like: str = ""
    progress_measure: str = ""
    cadence: str = "biweekly"
    communication_norms: str = ""
    goal_approver: str = "mentor"  # decision rights: which role approves goals, in my word
    # With a partner who syncs, the rights change only when both words agree (see
    # services.pairs.agreed_approver): the rights in force ("" = goal_approver), and the
    # partner's word as last published ("" = not heard yet). Neither is ever published.
    goal_approver_agreed: str = ""
    partner_goal_approver: str = ""
    backup_channel: str = ""
    starts_on: date | None = None
    planned_end_on: date | None = None
    status: str = Field(default="active", index=True)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The mentorship this one continues (services/closing.start_next_pair): a local link,
    # since the partner of the next pair may never have seen the old one.
    previous_pair_id: str | None = Field(default=None, foreign_key="pair.id")


class Goal(Record, table=True):
    pair_id: str = Field(foreign_key="pair.id", index=True)
    title: str
    specific: str = ""
    measurable: str = ""
    achievable: str = ""
    relevant: str = ""
    due_on: date | None = None  # the Time-bound dimension
    status: str = Field(default="draft", index=True)
    position: int = 0
    proposed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_by_id: str | None = Field(default=None, foreign_key="person.id")
    achieved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class GoalChange(Record, table=True):
    """One change of one SMART field: the goal's history."""

    __tablename__ = "goal_change"

    goal_id: str = Field(foreign_key="goal.id", index=True)
    changed_at: datetime = Field(sa_type=UTCDateTime)
    changed_by_id: str | None = Field(default=None, foreign_key="person.id")
    field: str
    old_value: str = ""
    new_value: str = ""
    goal_status: str = ""  # the goal's status when the change was made


class Milestone(Record, table=True):
    pair_id: str = Field(foreign_key="pair.id", index=True)
    goal_id: str = Field(foreign_key="goal.id", index=True)
    title: str
    due_on: date | None = Field(default=None, index=True)
    status: str = Field(default="planned", index=True)
    evidence: str = ""
    done_on: date | None = None
    position: int = 0


class Assessment(Record, table=True):
    """A score of a milestone, 1-5, by the mentor or the mentee (self-assessment)."""

    pair_id: str = Field(foreign_key="pair.id", index=True)
    milestone_id: str = Field(foreign_key="milestone.id", index=True)
    assessor_id: str = Field(foreign_key="person.id")
    role: str  # mentor | mentee
    score: int
    comment: str = ""
    assessed_at: datetime = Field(sa_type=UTCDateTime)


class MentoringSession(Record, table=True):
    __tablename__ = "mentoring_session"

    pair_id: str = Field(foreign_key="pair.id", index=True)
    kind: str = "check_in"
    status: str = Field(default="planned", index=True)
    starts_at: datetime = Field(sa_type=UTCDateTime, index=True)
    timezone: str = "UTC"  # the scheduler's zone: the time was typed in this zone
    duration_minutes: int = 45
    agenda: str = ""
    shared_notes: str = ""
    private_notes: str = ""  # never leaves the machine
    takeaways: str = ""
    accomplishments: str = ""
    roadblocks: str = ""


class ActionItem(Record, table=True):
    __tablename__ = "action_item"

    pair_id: str = Field(foreign_key="pair.id", index=True)
    session_id: str | None = Field(default=None, foreign_key="mentoring_session.id", index=True)
    title: str
    owner_id: str | None = Field(default=None, foreign_key="person.id")
    due_on: date | None = None
    status: str = Field(default="open", index=True)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ActionItemStatus(Record, table=True):
    """The owner's word on an action item the partner raised: done, dropped, or open
    again. The item is the partner's record (read-only here), so its owner says so in a
    record of their own (sync: one writer per folder); the owner's word decides the item's
    status on both sides (services/actions.py)."""

    __tablename__ = "action_item_status"

    pair_id: str = Field(foreign_key="pair.id", index=True)
    action_item_id: str = Field(foreign_key="action_item.id", index=True)
    person_id: str = Field(foreign_key="person.id")  # the owner who says so
    status: str = "open"
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Feedback(Record, table=True):
    """Specific, balanced feedback with an action step."""

    pair_id: str = Field(foreign_key="pair.id", index=True)
    session_id: str | None = Field(default=None, foreign_key="mentoring_session.id", index=True)
    author_id: str = Field(foreign_key="person.id")
    observation: str
    impact: str = ""
    next_step: str = ""


class CheckIn(Record, table=True):
    """The three check-in questions, answered by the mentee before a session."""

    __tablename__ = "check_in"

    pair_id: str = Field(foreign_key="pair.id", index=True)
    session_id: str | None = Field(default=None, foreign_key="mentoring_session.id")
    person_id: str = Field(foreign_key="person.id")
    lesson: str = ""
    next_goal: str = ""
    last_goal_rating: int | None = None
    answered_at: datetime = Field(sa_type=UTCDateTime, index=True)


class JournalEntry(Record, table=True):
    __tablename__ = "journal_entry"
    # Each pair's live entries by time (migration 7): Progress counts them by week or month.
    __table_args__ = (Index("ix_journal_entry_pair_written", "pair_id", "deleted", "written_at"),)

    pair_id: str | None = Field(default=None, foreign_key="pair.id", index=True)
    author_id: str = Field(foreign_key="person.id")
    written_at: datetime = Field(sa_type=UTCDateTime, index=True)
    title: str = ""
    body: str = ""
    tags: str = ""  # space-separated, lower case, without '@' (see services/journal)
    goal_id: str | None = Field(default=None, foreign_key="goal.id")
    shared: bool = False  # private unless the author chose to share it
    prompt: str = ""


class SessionNote(Record, table=True):
    """One member's own shared notes on a session, whoever scheduled it: the partner's
    session arrives read-only, so my notes on it live here, in a record of mine."""

    __tablename__ = "session_note"

    pair_id: str = Field(foreign_key="pair.id", index=True)
    session_id: str = Field(foreign_key="mentoring_session.id", index=True)
    author_id: str = Field(foreign_key="person.id")
    notes: str = ""  # Markdown, shared with the partner on sync
    takeaways: str = ""


class FinalReview(Record, table=True):
    """One member's final review of a closed mentorship (services/closing)."""

    __tablename__ = "final_review"

    pair_id: str = Field(foreign_key="pair.id", index=True)
    person_id: str = Field(foreign_key="person.id")
    role: str  # mentor | mentee
    achieved: str = ""  # against the charter's success criteria: goals met and not
    keep_doing: str = ""  # what worked
    change: str = ""  # what to change
    next_steps: str = ""  # what next: carried into the next mentorship's charter
    again: int | None = None  # would you do it again, 1-5
    answered_at: datetime = Field(sa_type=UTCDateTime)


class SharedTemplate(Record, table=True):
    """A template shared with the partner of a pair (services/shared_templates): mine
    (origin "") as I published it, or the partner's copy (origin: the partner's id), which
    is read-only here. The text is a snapshot: sharing again publishes my edits."""

    __tablename__ = "shared_template"

    pair_id: str = Field(foreign_key="pair.id", index=True)
    kind: str  # services.templates.KINDS
    name: str  # a template name: lower-case letters, digits and hyphens
    body: str = ""  # the whole file, its `# title` line included
    shared_by: str = Field(foreign_key="person.id")


ALL_TABLES: tuple[type[Record], ...] = (
    Person,
    Pair,
    Goal,
    GoalChange,
    Milestone,
    Assessment,
    MentoringSession,
    ActionItem,
    ActionItemStatus,
    Feedback,
    CheckIn,
    SessionNote,
    JournalEntry,
    FinalReview,
    SharedTemplate,
)
