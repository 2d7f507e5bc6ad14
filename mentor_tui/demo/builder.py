"""Demo data: a mentorship that reads like a real one, written relative to the store's clock.

The story lives in story.py (people, charters, goals, milestones, assessments,
journal) and meetings.py (sessions, action items, feedback, check-ins); this module
turns it into records.

- Deterministic: ids are uuid5 of fixed names and every time is computed from
  `store.clock.now()`, so a frozen clock gives identical records (and snapshots) every run.
- Idempotent: writing the demo twice adds nothing; a home that already holds someone
  else's profile is refused rather than mixed with the demo.
- Stamps are the story's own (a journal entry written two months ago was created two
  months ago), so "since the last session" reads right; they are written with
  preserve_stamps, as an import would.
- One machine stands for both sides: the journal holds all of Ada's entries, private
  ones included, whether you are Grace or Ada. Only private session notes follow the
  viewer (Grace's home holds Grace's, Ada's holds Ada's). As Ada, the Katherine pair is
  left out: Ada would never see it.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from mentor_tui.demo import meetings, story
from mentor_tui.errors import MentorError
from mentor_tui.models.db import Store
from mentor_tui.models.enums import Role
from mentor_tui.models.record import Record
from mentor_tui.models.tables import (
    ALL_TABLES,
    ActionItem,
    ActionItemStatus,
    Assessment,
    CheckIn,
    Feedback,
    Goal,
    GoalChange,
    JournalEntry,
    MentoringSession,
    Milestone,
    Pair,
    Person,
    SessionNote,
)
from mentor_tui.services.pairs import check_role
from mentor_tui.services.profile import get_me

DEMO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mentor-tui.invalid/demo")

# Events given only as a day happen at 17:00 UTC: after every session of the story
# (09:00 New York, 10:00 Chicago), at a working hour on both sides of the Atlantic.
EVENT_TIME = time(17, 0, tzinfo=UTC)

_LABELS = (
    (Pair, "pair", "pairs"),
    (Goal, "goal", "goals"),
    (Milestone, "milestone", "milestones"),
    (Assessment, "assessment", "assessments"),
    (MentoringSession, "session", "sessions"),
    (ActionItem, "action item", "action items"),
    (CheckIn, "check-in", "check-ins"),
    (SessionNote, "session note", "session notes"),
    (JournalEntry, "journal entry", "journal entries"),
)


def demo_id(kind: str, key: str) -> str:
    """The demo record's id: the same in every home and every run."""
    return str(uuid.uuid5(DEMO_NAMESPACE, f"{kind}/{key}"))


def review_day(today: date) -> date:
    """The planned quarterly review: the first Thursday at least two days ahead."""
    ahead = (3 - today.weekday()) % 7
    while ahead < 2:
        ahead += 7
    return today + timedelta(days=ahead)


class _Story:
    """The demo's records for one clock reading and one viewer."""

    def __init__(self, now: datetime, me: Role) -> None:
        self.now, self.me = now, me
        self.today = now.date()
        review = review_day(self.today)
        self.anchors = {name: review + timedelta(days=days) for name, days in story.ANCHORS.items()}
        self.anchors["today"] = self.today
        self.pairs = ["ada"] if me == Role.MENTEE else ["ada", "katherine"]
        self.goal_pair = {key: goal["pair"] for key, goal in story.GOALS.items()}
        self.session_pair = {
            key: meetings.SESSION_PAIR.get(key, "ada") for key in meetings.SESSION_TIMES
        }
        self.author_pair = {"ada": "ada", "katherine": "katherine"}
        self.records: list[Record] = []
        self.sessions: dict[str, MentoringSession] = {}

    # -- time ----------------------------------------------------------------------
    def day(self, spec: str) -> date:
        match = re.fullmatch(r"(today|[A-Z]+\d*)([+-]\d+)?", spec)
        if not match:
            raise ValueError(f"bad demo day {spec!r}")
        return self.anchors[match[1]] + timedelta(days=int(match[2] or 0))

    def event(self, spec: str) -> datetime:
        return datetime.combine(self.day(spec), EVENT_TIME)

    def wall(self, spec: str, clock: str, person: str) -> datetime:
        """A wall time in the person's zone, as a UTC instant."""
        zone = ZoneInfo(story.PEOPLE[person][1])
        hour, minute = (int(part) for part in clock.split(":"))
        local = datetime.combine(self.day(spec), time(hour, minute), tzinfo=zone)
        return local.astimezone(UTC)

    def add(self, record: Record, created: datetime, *later: datetime) -> None:
        """Stamp a record as the story wrote it: created, then changed at each `later`."""
        record.created_at = created
        record.updated_at = max((created, *later))
        record.revision = 1 + len(later)
        self.records.append(record)

    # -- building ------------------------------------------------------------------
    def build(self) -> list[Record]:
        self._people()
        self._pairs()
        self._goals()
        self._milestones()
        self._sessions()
        self._journal()
        return self.records

    def _people(self) -> None:
        me_key = "grace" if self.me == Role.MENTOR else "ada"
        keys = {"grace", "ada", *(story.PAIRS[p]["mentee"] for p in self.pairs)}
        for key in sorted(keys):
            name, zone, email = story.PEOPLE[key]
            person = Person(
                id=demo_id("person", key),
                display_name=name,
                timezone=zone,
                email=email,
                is_me=key == me_key,
            )
            self.add(person, self.event("S1-10"))

    def _pairs(self) -> None:
        for key in self.pairs:
            spec = story.PAIRS[key]
            pair = Pair(
                id=demo_id("pair", key),
                mentor_id=demo_id("person", spec["mentor"]),
                mentee_id=demo_id("person", spec["mentee"]),
                starts_on=self.day(spec["starts"]),
                planned_end_on=self.day(spec["ends"]),
                status="active",
                cadence=spec["cadence"],
                goal_approver=spec["goal_approver"],
                purpose=spec["purpose"],
                success_looks_like=spec["success_looks_like"],
                progress_measure=spec["progress_measure"],
                communication_norms=spec["communication_norms"],
                backup_channel=spec["backup_channel"],
            )
            self.add(pair, self.event(spec["starts"]))

    def _goals(self) -> None:
        for key, spec in story.GOALS.items():
            if spec["pair"] not in self.pairs:
                continue
            record = Goal(
                id=demo_id("goal", key),
                pair_id=demo_id("pair", spec["pair"]),
                title=spec["title"],
                specific=spec["specific"],
                measurable=spec["measurable"],
                achievable=spec["achievable"],
                relevant=spec["relevant"],
                due_on=self.day(spec["due"]),
                status=spec["status"],
                position=spec["position"],
                proposed_at=self.event(spec["proposed"]),
                approved_at=self.event(spec["approved"]) if "approved" in spec else None,
                approved_by_id=demo_id("person", spec["approved_by"])
                if "approved_by" in spec
                else None,
                achieved_at=self.event(spec["achieved"]) if "achieved" in spec else None,
            )
            self.add(record, self.event(spec["created"]), *map(self.event, spec["events"]))
        for n, (goal, day, by, field, old, new, status) in enumerate(story.GOAL_CHANGES):
            if self.goal_pair[goal] not in self.pairs:
                continue
            if field == "due_on":
                old, new = self.day(old).isoformat(), self.day(new).isoformat()
            change = GoalChange(
                id=demo_id("goal_change", f"{goal}/{n}"),
                goal_id=demo_id("goal", goal),
                changed_at=self.event(day),
                changed_by_id=demo_id("person", by),
                field=field,
                old_value=old,
                new_value=new,
                goal_status=status,
            )
            self.add(change, self.event(day))

    def _milestones(self) -> None:
        positions: Counter[str] = Counter()
        for key, goal, title, due, status, done_on, evidence in story.MILESTONES:
            pair = self.goal_pair[goal]
            if pair not in self.pairs:
                continue
            milestone = Milestone(
                id=demo_id("milestone", key),
                pair_id=demo_id("pair", pair),
                goal_id=demo_id("goal", goal),
                title=title,
                due_on=self.day(due),
                status=status,
                evidence=evidence,
                done_on=self.day(done_on) if done_on else None,
                position=positions[goal],
            )
            positions[goal] += 1
            later = [self.event(done_on)] if done_on else []
            self.add(milestone, self.event(story.GOALS[goal]["created"]), *later)
        goal_of = {key: goal for key, goal, *_ in story.MILESTONES}
        for milestone_key, role, score, day, comment in story.ASSESSMENTS:
            pair = self.goal_pair[goal_of[milestone_key]]
            if pair not in self.pairs:
                continue
            assessor = story.PAIRS[pair][role]
            assessment = Assessment(
                id=demo_id("assessment", f"{milestone_key}/{role}"),
                pair_id=demo_id("pair", pair),
                milestone_id=demo_id("milestone", milestone_key),
                assessor_id=demo_id("person", assessor),
                role=role,
                score=score,
                comment=comment,
                assessed_at=self.event(day),
            )
            self.add(assessment, self.event(day))

    def _sessions(self) -> None:
        previous: dict[str, datetime] = {}
        ordered = sorted(meetings.SESSION_TIMES.items(), key=lambda item: self.day(item[1][0]))
        for key, (day, clock, typist, kind, status, minutes) in ordered:
            pair = self.session_pair[key]
            if pair not in self.pairs:
                continue
            starts_at = self.wall(day, clock, typist)
            session = MentoringSession(
                id=demo_id("session", key),
                pair_id=demo_id("pair", pair),
                kind=kind,
                status=status,
                starts_at=starts_at,
                timezone=story.PEOPLE[typist][1],
                duration_minutes=minutes,
            )
            if key in meetings.SESSION_NOTES:  # a held session
                text = meetings.SESSION_NOTES[key]
                session.agenda = text["agenda"]
                session.shared_notes = text["shared_notes"]
                session.private_notes = text["private"].get(self.me.value, "")
                session.takeaways = text["takeaways"]
                session.accomplishments = text["accomplishments"]
                session.roadblocks = text["roadblocks"]
            scheduled = previous.get(pair, self.event(story.PAIRS[pair]["starts"]))
            ended = starts_at + timedelta(minutes=minutes)
            self.add(session, scheduled, *([ended] if status == "held" else []))
            previous[pair] = ended
            self.sessions[key] = session
        self._session_records()

    def _ended(self, session_key: str) -> datetime:
        session = self.sessions[session_key]
        return session.starts_at + timedelta(minutes=session.duration_minutes)

    def _session_records(self) -> None:
        for key, session_key, title, owner, due, status, closed in meetings.ACTION_ITEMS:
            if session_key not in self.sessions:
                continue
            closed_at = self.event(closed) if closed else None
            item = ActionItem(
                id=demo_id("action_item", key),
                pair_id=self.sessions[session_key].pair_id,
                session_id=self.sessions[session_key].id,
                title=title,
                owner_id=demo_id("person", owner),
                due_on=self.day(due),
                status=status,
                closed_at=closed_at,
            )
            self.add(item, self._ended(session_key), *([closed_at] if closed_at else []))
            if key == "a1":  # Ada's own word on the item Grace raised (as sync carries it)
                word = ActionItemStatus(
                    id=demo_id("action_item_status", key),
                    pair_id=item.pair_id,
                    action_item_id=item.id,
                    person_id=demo_id("person", owner),
                    status=item.status,
                    closed_at=item.closed_at,
                )
                self.add(word, item.closed_at or self._ended(session_key))
        for n, (session_key, author, observation, impact, next_step) in enumerate(
            meetings.FEEDBACK
        ):
            if session_key not in self.sessions:
                continue
            feedback = Feedback(
                id=demo_id("feedback", f"{session_key}/{n}"),
                pair_id=self.sessions[session_key].pair_id,
                session_id=self.sessions[session_key].id,
                author_id=demo_id("person", author),
                observation=observation,
                impact=impact,
                next_step=next_step,
            )
            self.add(feedback, self._ended(session_key))
        for session_key, day, clock, lesson, next_goal, rating in meetings.CHECK_INS:
            if session_key not in self.sessions:
                continue
            mentee = story.PAIRS[self.session_pair[session_key]]["mentee"]
            answered_at = self.wall(day, clock, mentee)
            check_in = CheckIn(
                id=demo_id("check_in", session_key),
                pair_id=self.sessions[session_key].pair_id,
                session_id=self.sessions[session_key].id,
                person_id=demo_id("person", mentee),
                lesson=lesson,
                next_goal=next_goal,
                last_goal_rating=rating,
                answered_at=answered_at,
            )
            self.add(check_in, answered_at)
        me_key = "grace" if self.me == Role.MENTOR else "ada"
        for session_key, author, notes, takeaways in meetings.MEMBER_NOTES:
            if session_key not in self.sessions or author == me_key:
                continue
            note = SessionNote(
                id=demo_id("session_note", f"{session_key}/{author}"),
                pair_id=self.sessions[session_key].pair_id,
                session_id=self.sessions[session_key].id,
                author_id=demo_id("person", author),
                notes=notes,
                takeaways=takeaways,
            )
            self.add(note, self._ended(session_key) + timedelta(hours=2))

    def _journal(self) -> None:
        for n, (author, day, clock, title, body, tags, goal, shared, prompt) in enumerate(
            story.JOURNAL
        ):
            pair = self.author_pair[author]
            if pair not in self.pairs:
                continue
            written_at = self.wall(day, clock, author)
            entry = JournalEntry(
                id=demo_id("journal_entry", f"{author}/{n}"),
                pair_id=demo_id("pair", pair),
                author_id=demo_id("person", author),
                written_at=written_at,
                title=title,
                body=body,
                tags=tags,
                goal_id=demo_id("goal", goal) if goal else None,
                shared=shared,
                prompt=prompt,
            )
            self.add(entry, written_at)


def demo_records(now: datetime, as_role: str = "mentor") -> list[Record]:
    """The demo's records as of `now`, seen by the mentor (Grace) or the mentee (Ada)."""
    return _Story(now, Role(check_role(as_role))).build()


def write_demo(store: Store, as_role: str = "mentor") -> str:
    """Write the demo into the store; returns a one-line summary of what was added."""
    role = Role(check_role(as_role))
    records = demo_records(store.clock.now(), role)
    me_key = "grace" if role == Role.MENTOR else "ada"
    me = get_me(store)
    if me is not None and me.id != demo_id("person", me_key):
        name = story.PEOPLE[me_key][0]
        raise MentorError(
            f"this home already belongs to {me.display_name}, not {name}; write the demo into "
            "an empty home (mentor --home DIR demo) or try it with `mentor --demo`"
        )
    added: Counter[type] = Counter()
    with store.write(preserve_stamps=True) as session:
        for model in ALL_TABLES:  # parents before children: foreign keys hold at each flush
            batch = [record for record in records if type(record) is model]
            if not batch:
                continue
            present = set(
                session.exec(
                    select(model.id).where(col(model.id).in_([record.id for record in batch]))
                ).all()
            )
            new = [record for record in batch if record.id not in present]
            session.add_all(new)
            session.flush()
            added[model] += len(new)
    if not sum(added.values()):
        return "the demo is already here; nothing added"
    you = story.PEOPLE[me_key][0]
    counts = ", ".join(
        f"{added[model]} {plural if added[model] != 1 else singular}"
        for model, singular, plural in _LABELS
        if added[model]
    )
    return f"you are {you} ({role.value}); {counts}"
