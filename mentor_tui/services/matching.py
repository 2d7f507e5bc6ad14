"""Matching: for every mentee not yet in a pair, the mentors ranked by the coordinator's
rules, each with its reasons in words.

Fast enough for a company (1,000 mentees x 1,000 mentors): everything a comparison needs
is computed once per person (case-folded sets, a working-hours bitmask), overlaps are
cached per pair of distinct masks, and words are written only for the suggestions kept.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from mentor_tui.services.program_types import IntakeAnswers, MatchRules, ProgramPair, Suggestion

# Working hours are compared on one fixed day so a ranking never changes with the date it
# is computed on (daylight saving would move it twice a year otherwise).
REFERENCE_NOON = datetime(2026, 1, 14, 12, 0)
SLOT_MINUTES = 15
SLOTS = 24 * 60 // SLOT_MINUTES
SUGGESTIONS_KEPT = 20  # per mentee; the screen shows a handful, the CLI the first few


@lru_cache(maxsize=4096)
def hours_mask(zone: str, start: int, end: int) -> int:
    """The person's working hours as a bitmask of quarter hours of the UTC day (circular:
    hours 22-6 wrap midnight)."""
    offset = ZoneInfo(zone).utcoffset(REFERENCE_NOON.replace(tzinfo=ZoneInfo(zone)))
    shift = round((offset.total_seconds() if offset else 0) / 60 / SLOT_MINUTES)
    length = ((end - start) % 24) * 60 // SLOT_MINUTES
    first = start * 60 // SLOT_MINUTES - shift
    mask = 0
    for slot in range(first, first + length):
        mask |= 1 << (slot % SLOTS)
    return mask


def overlap_hours(a: IntakeAnswers, b: IntakeAnswers) -> float:
    """Hours of working time the two share on the reference day."""
    both = hours_mask(a.timezone, a.hours_start, a.hours_end) & hours_mask(
        b.timezone, b.hours_start, b.hours_end
    )
    return both.bit_count() * SLOT_MINUTES / 60


@dataclass(frozen=True)
class _Person:
    """What a comparison reads, computed once."""

    answers: IntakeAnswers
    offered: frozenset[str]
    wanted: frozenset[str]
    interests: frozenset[str]
    department: str
    site: str
    mask: int
    sort_name: str


def _person(answers: IntakeAnswers) -> _Person:
    return _Person(
        answers,
        frozenset(s.casefold() for s in answers.skills_offered),
        frozenset(s.casefold() for s in answers.skills_wanted),
        frozenset(s.casefold() for s in answers.interests),
        answers.department.strip().casefold(),
        answers.site.strip().casefold(),
        hours_mask(answers.timezone, answers.hours_start, answers.hours_end),
        answers.name.casefold(),
    )


def _as_typed(items: Sequence[str], keep: frozenset[str]) -> str:
    return ", ".join(item for item in items if item.casefold() in keep)


def _hours_words(hours: float) -> str:
    figure = f"{hours:g}"
    return f"{figure} hour" if figure == "1" else f"{figure} hours"


def reasons(mentee: _Person, mentor: _Person, hours: float) -> tuple[str, ...]:
    """Why this mentor for this mentee, in words (items shown as the mentee typed them)."""
    said: list[str] = []
    skills = mentee.wanted & mentor.offered
    if skills:
        typed = _as_typed(mentee.answers.skills_wanted, skills)
        said.append(f"skills: {typed} wanted here and offered there")
    shared = mentee.interests & mentor.interests
    if shared:
        said.append(f"shared interests: {_as_typed(mentee.answers.interests, shared)}")
    a, b = mentee.answers.timezone, mentor.answers.timezone
    zones = f"both {a}" if a == b else f"{a} and {b}"
    said.append(f"working hours overlap by {_hours_words(hours)} ({zones})")
    if mentee.answers.other_department and _other_department(mentee, mentor):
        said.append("another department, as asked")
    if mentee.site and mentor.site:
        if mentee.site == mentor.site:
            said.append(f"same site ({mentee.answers.site.strip()})")
        else:
            said.append("different site")
    return tuple(said)


def _other_department(mentee: _Person, mentor: _Person) -> bool:
    return bool(mentee.department and mentor.department and mentee.department != mentor.department)


def _current(pair: ProgramPair, closed: Collection[str]) -> bool:
    """Made or pending: proposed, nobody declined, not closed."""
    return not pair.declined_by and pair.pair_id not in closed


def suggest(
    participants: Mapping[str, IntakeAnswers],
    pairs: Sequence[ProgramPair],
    rules: MatchRules,
    *,
    closed_pair_ids: Collection[str] = frozenset(),
    limit: int | None = SUGGESTIONS_KEPT,
) -> dict[str, list[Suggestion]]:
    """Every unmatched mentee's mentors, best first (repeats of an earlier pair last).

    A mentee is unmatched when in no current pair (made or pending; a pair in
    `closed_pair_ids` or declined by either person is not current: at a cycle's end its
    people are matched again). `limit` suggestions are kept per mentee (None: all)."""
    current = [p for p in pairs if _current(p, closed_pair_ids)]
    busy = {person for p in current for person in (p.mentor_id, p.mentee_id)}
    load: dict[str, int] = {}
    for p in current:
        load[p.mentor_id] = load.get(p.mentor_id, 0) + 1
    # Rotation: any earlier pair of the same two people, whatever became of it (a chain of
    # previous_pair_id links pairs whose people are all in `pairs`).
    before: dict[str, set[str]] = {}
    for p in pairs:
        before.setdefault(p.mentee_id, set()).add(p.mentor_id)
        before.setdefault(p.mentor_id, set()).add(p.mentee_id)

    people = {pid: _person(a) for pid, a in participants.items()}
    mentors = sorted(
        (
            people[pid]
            for pid, a in participants.items()
            if a.role_wanted in ("mentor", "either")
            and (not rules.respect_capacity or load.get(pid, 0) < a.capacity)
        ),
        key=lambda m: (m.sort_name, m.answers.person_id),
    )  # a mentor's place here is its tie-break: name, then id
    pool = _Pool(mentors)
    found: dict[str, list[Suggestion]] = {}
    for pid, answers in participants.items():
        if answers.role_wanted in ("mentee", "either") and pid not in busy:
            found[pid] = pool.rank(people[pid], rules, before.get(pid, set()), limit)
    return found


class _Pool:
    """The mentors, indexed once for every mentee's ranking: working-hours masks grouped
    (a company has few distinct ones), skills and interests inverted (who offers what)."""

    def __init__(self, mentors: list[_Person]) -> None:
        self.mentors = mentors
        self.index = {m.answers.person_id: n for n, m in enumerate(mentors)}
        self.masks: list[int] = []
        group: dict[int, int] = {}
        self.keys: list[tuple[int, str, str]] = []
        self.offers: dict[str, list[int]] = {}
        self.likes: dict[str, list[int]] = {}
        for n, mentor in enumerate(mentors):
            if mentor.mask not in group:
                group[mentor.mask] = len(self.masks)
                self.masks.append(mentor.mask)
            self.keys.append((group[mentor.mask], mentor.department, mentor.site))
            for skill in mentor.offered:
                self.offers.setdefault(skill, []).append(n)
            for interest in mentor.interests:
                self.likes.setdefault(interest, []).append(n)

    def rank(
        self, mentee: _Person, rules: MatchRules, before: set[str], limit: int | None
    ) -> list[Suggestion]:
        hours = [(mentee.mask & mask).bit_count() * SLOT_MINUTES / 60 for mask in self.masks]
        base = [h * rules.hours if h >= rules.min_overlap_hours else None for h in hours]
        other = rules.other_department if mentee.answers.other_department else 0.0
        dept, site = mentee.department, mentee.site
        same = rules.site if site and rules.same_site == "prefer" else 0.0
        apart = rules.site if site and rules.same_site == "avoid" else 0.0
        scores: list[float | None] = [
            None
            if (b := base[g]) is None
            else b
            + (other if dept and d and d != dept else 0.0)
            + ((same if s == site else apart) if s else 0.0)
            for g, d, s in self.keys
        ]
        for weight, wanted, index in (
            (rules.skills, mentee.wanted, self.offers),
            (rules.interests, mentee.interests, self.likes),
        ):
            for item in wanted:
                for n in index.get(item, ()):
                    if (score := scores[n]) is not None:
                        scores[n] = score + weight
        own = self.index.get(mentee.answers.person_id)
        if own is not None:
            scores[own] = None
        repeats: list[tuple[float, int]] = []
        for mentor_id in before:
            n = self.index.get(mentor_id, -1)
            if n >= 0 and (score := scores[n]) is not None:
                repeats.append((-score, n))
                scores[n] = None
        # Scores are summed in one order for every mentor of a mentee: equal ones tie exactly.
        fresh = [(-s, n) for n, s in enumerate(scores) if s is not None]
        best = heapq.nsmallest(limit, fresh) if limit is not None else sorted(fresh)
        kept = [(k, n, False) for k, n in best]
        if limit is None or len(kept) < limit:
            room = None if limit is None else limit - len(kept)
            kept += [(k, n, True) for k, n in sorted(repeats)[:room]]
        return [
            self._suggestion(mentee, n, -negative, hours[self.keys[n][0]], repeat)
            for negative, n, repeat in kept
        ]

    def _suggestion(
        self, mentee: _Person, n: int, score: float, hours: float, repeat: bool
    ) -> Suggestion:
        mentor = self.mentors[n]
        return Suggestion(
            mentee.answers.person_id,
            mentor.answers.person_id,
            round(score, 2),
            reasons(mentee, mentor, hours),
            repeat,
        )
