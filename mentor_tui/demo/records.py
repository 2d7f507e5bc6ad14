"""The demo's records, built from the story (story.py, meetings.py) for one clock reading:
ids are uuid5 of fixed names and every time is computed from the clock's now, so a frozen
clock gives identical records every run. Each record remembers who wrote it, so the story
can be given to one home (one viewer) or split into a home per person (demo.homes)."""

from __future__ import annotations

import re
import uuid
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from mentor_tui.demo import journal_story, meetings, story
from mentor_tui.models.enums import GoalStatus, Role
from mentor_tui.models.record import Record
from mentor_tui.models.tables import (
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

DEMO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mentor-tui.invalid/demo")

# Events given only as a day happen at 17:00 UTC: after every session of the story
# (09:00 New York, 10:00 Chicago), at a working hour on both sides of the Atlantic.
EVENT_TIME = time(17, 0, tzinfo=UTC)


def demo_id(kind: str, key: str) -> str:
    """The demo record's id: the same in every home and every run."""
    return str(uuid.uuid5(DEMO_NAMESPACE, f"{kind}/{key}"))


def review_day(today: date) -> date:
    """The planned quarterly review: the first Thursday at least two days ahead."""
    ahead = (3 - today.weekday()) % 7
    while ahead < 2:
        ahead += 7
    return today + timedelta(days=ahead)


class StoryRecords:
    """The demo's records for one clock reading and one viewer; with no viewer (`me` None),
    every side's records as their writers hold them (see `demo_records_by_writer`)."""

    def __init__(self, now: datetime, me: Role | None) -> None:
        self.now, self.me = now, me
        self.today = now.date()
        review = review_day(self.today)
        self.anchors = {name: review + timedelta(days=days) for name, days in story.ANCHORS.items()}
        self.anchors["today"] = self.today
        self.pairs = ["ada"] if me == Role.MENTEE else ["ada", "katherine"]
        self.writers: dict[str, str] = {}  # record id -> the person key of its writer
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

    def add(self, record: Record, by: str, created: datetime, *later: datetime) -> None:
        """Stamp a record as `by` wrote it: created, then changed at each `later`."""
        record.created_at = created
        record.updated_at = max((created, *later))
        record.revision = 1 + len(later)
        self.records.append(record)
        self.writers[record.id] = by

    @property
    def me_key(self) -> str | None:
        """The viewer's person key; None when every side is built."""
        if self.me is None:
            return None
        return "grace" if self.me == Role.MENTOR else "ada"

    @property
    def split(self) -> bool:
        """Every side as its writer holds it (two homes), rather than one viewer's home."""
        return self.me is None

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
        me_key = self.me_key
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
            self.add(person, key, self.event("S1-10"))

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
            self.add(pair, spec["mentor"], self.event(spec["starts"]))

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
            mentee = story.PAIRS[spec["pair"]]["mentee"]
            self.add(record, mentee, self.event(spec["created"]), *map(self.event, spec["events"]))
            if self.split and "approved_by" in spec:
                self._approval(record, spec["approved_by"])
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
            self.add(change, by, self.event(day))

    def _approval(self, goal: Goal, approver: str) -> None:
        """With a home each, the goal stays its author's record and the approval is the
        approver's own status change pointing at it (services.goals.effective reads it):
        the approval is left out of the author's record, as sync would leave it out."""
        assert goal.approved_at is not None
        change = GoalChange(
            id=demo_id("goal_change", f"{goal.id}/approved"),
            goal_id=goal.id,
            changed_at=goal.approved_at,
            changed_by_id=demo_id("person", approver),
            field="status",
            old_value=GoalStatus.PROPOSED,
            new_value=GoalStatus.APPROVED,
            goal_status=GoalStatus.PROPOSED,
        )
        self.add(change, approver, goal.approved_at)
        if goal.status == GoalStatus.APPROVED:
            goal.status = GoalStatus.PROPOSED
        goal.approved_at = goal.approved_by_id = None

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
            mentee = story.PAIRS[pair]["mentee"]
            self.add(milestone, mentee, self.event(story.GOALS[goal]["created"]), *later)
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
            self.add(assessment, assessor, self.event(day))

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
                # Private notes stay on their writer's machine: with a home each, only
                # the one who scheduled the session keeps some on it (DESIGN: sync).
                mine = self.me.value if self.me else self._role(pair, typist)
                session.private_notes = text["private"].get(mine, "")
                session.takeaways = text["takeaways"]
                session.accomplishments = text["accomplishments"]
                session.roadblocks = text["roadblocks"]
            scheduled = previous.get(pair, self.event(story.PAIRS[pair]["starts"]))
            ended = starts_at + timedelta(minutes=minutes)
            self.add(session, typist, scheduled, *([ended] if status == "held" else []))
            previous[pair] = ended
            self.sessions[key] = session
        self._session_records()

    @staticmethod
    def _role(pair: str, person: str) -> str:
        return "mentor" if story.PAIRS[pair]["mentor"] == person else "mentee"

    def _writer(self, session_key: str) -> str:
        """Who scheduled the session: its action items are theirs too."""
        return meetings.SESSION_TIMES[session_key][2]

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
            raised = self._ended(session_key)
            self.add(item, self._writer(session_key), raised, *([closed_at] if closed_at else []))
            if key == "a1":  # Ada's own word on the item Grace raised (as sync carries it)
                word = ActionItemStatus(
                    id=demo_id("action_item_status", key),
                    pair_id=item.pair_id,
                    action_item_id=item.id,
                    person_id=demo_id("person", owner),
                    status=item.status,
                    closed_at=item.closed_at,
                )
                self.add(word, owner, item.closed_at or self._ended(session_key))
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
            self.add(feedback, author, self._ended(session_key))
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
            self.add(check_in, mentee, answered_at)
        me_key = self.me_key
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
            self.add(note, author, self._ended(session_key) + timedelta(hours=2))

    def _journal(self) -> None:
        for n, (author, day, clock, title, body, tags, goal, shared, prompt) in enumerate(
            journal_story.JOURNAL
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
            self.add(entry, author, written_at)
