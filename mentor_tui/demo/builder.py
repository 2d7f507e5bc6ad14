"""Demo data: a mentorship that reads like a real one, written relative to the store's clock.

The story lives in story.py (people, charters, goals, milestones, assessments,
journal) and meetings.py (sessions, action items, feedback, check-ins); records.py turns
it into records, and this module writes them.

- Deterministic: ids are uuid5 of fixed names and every time is computed from
  `store.clock.now()`, so a frozen clock gives identical records (and snapshots) every run.
- Idempotent: writing the demo twice adds nothing; a home that already holds someone
  else's profile is refused rather than mixed with the demo.
- Stamps are the story's own (a journal entry written two months ago was created two
  months ago), so "since the last session" reads right; they are written with
  preserve_stamps, as an import would.
- Two ways to use it. `write_demo` puts one side into one home (`mentor demo`, the test
  fixtures): that home also holds the partner's records, private journal entries
  included, as if one machine stood for both. `demo_records_by_writer` splits the story by
  who wrote each record, so that `demo.homes` can give each person a home of their own and
  let sync carry what is shared (`mentor --demo`).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlmodel import col, select

from mentor_tui.demo import story
from mentor_tui.demo.records import StoryRecords, demo_id, review_day
from mentor_tui.errors import MentorError
from mentor_tui.models.db import Store
from mentor_tui.models.enums import Role
from mentor_tui.models.record import Record
from mentor_tui.models.tables import (
    ALL_TABLES,
    ActionItem,
    Assessment,
    CheckIn,
    Goal,
    JournalEntry,
    MentoringSession,
    Milestone,
    Pair,
    SessionNote,
)
from mentor_tui.services.pairs import check_role
from mentor_tui.services.profile import get_me

__all__ = [
    "demo_id",
    "demo_records",
    "demo_records_by_writer",
    "insert_records",
    "review_day",
    "write_demo",
]

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


def demo_records(now: datetime, as_role: str = "mentor") -> list[Record]:
    """The demo's records as of `now`, seen by the mentor (Grace) or the mentee (Ada)."""
    return StoryRecords(now, Role(check_role(as_role))).build()


def demo_records_by_writer(now: datetime) -> dict[str, list[Record]]:
    """Every side's records as of `now`, by the key of the person who wrote them ("grace",
    "ada", "katherine"): what each one's own home holds before any sync. Each person's
    own profile is among their records, with is_me left for the home to set."""
    built = StoryRecords(now, None)
    by_writer: dict[str, list[Record]] = {key: [] for key in story.PEOPLE}
    for record in built.build():
        by_writer[built.writers[record.id]].append(record)
    return by_writer


def insert_records(store: Store, records: list[Record]) -> Counter[type]:
    """Add the records the store does not hold yet, stamps kept; counts what was added."""
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
    return added


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
    added = insert_records(store, records)
    if not sum(added.values()):
        return "the demo is already here; nothing added"
    you = story.PEOPLE[me_key][0]
    counts = ", ".join(
        f"{added[model]} {plural if added[model] != 1 else singular}"
        for model, singular, plural in _LABELS
        if added[model]
    )
    return f"you are {you} ({role.value}); {counts}"
