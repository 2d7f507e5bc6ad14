"""Matching on known intake answers: the ranking, its reasons in words, rotation, capacity
and the minimum overlap of working hours."""

from __future__ import annotations

from mentor_tui.services.matching import overlap_hours, suggest
from mentor_tui.services.program_types import IntakeAnswers, MatchRules, ProgramPair


def person(pid: str, name: str, role: str, **answers: object) -> IntakeAnswers:
    return IntakeAnswers(person_id=pid, name=name, role_wanted=role, **answers)  # type: ignore[arg-type]


ANN = person(
    "ann",
    "Ann",
    "mentee",
    department="Data",
    site="Berlin",
    timezone="Europe/Berlin",
    hours_start=9,
    hours_end=17,
    skills_wanted=("Python", "SQL", "Go"),
    interests=("Climbing", "chess"),
    other_department=True,
)
BEA = person(  # New York, 9-17: 3 - 9 = ... overlaps Berlin 15-17 local (09-11 there)
    "bea",
    "Bea",
    "mentor",
    department="Platform",
    site="New York",
    timezone="America/New_York",
    hours_start=8,
    hours_end=17,
    skills_offered=("python", "sql"),
    interests=("climbing",),
    capacity=2,
)
CAL = person(
    "cal",
    "Cal",
    "mentor",
    department="Data",
    site="Berlin",
    timezone="Europe/Berlin",
    hours_start=9,
    hours_end=17,
    skills_offered=("Go",),
)
DAN = person(  # Tokyo: no working hour shared with Berlin
    "dan",
    "Dan",
    "either",
    timezone="Asia/Tokyo",
    hours_start=9,
    hours_end=17,
    skills_offered=("Python", "SQL", "Go"),
)
PEOPLE = {p.person_id: p for p in (ANN, BEA, CAL, DAN)}


def test_overlap_is_computed_on_a_fixed_day() -> None:
    assert overlap_hours(ANN, BEA) == 3  # Berlin 14-17 is New York 08-11 in January
    assert overlap_hours(ANN, CAL) == 8
    assert overlap_hours(ANN, DAN) == 0


def test_the_ranking_and_its_reasons_in_words() -> None:
    found = suggest(PEOPLE, [], MatchRules())
    assert set(found) == {"ann", "dan"}  # mentees and "either"s not in a pair
    first, second = found["ann"]
    assert (first.mentor_id, first.score) == ("bea", 3 * 2 + 1 + 0.5 * 3 + 2)
    assert first.reasons == (
        "skills: Python, SQL wanted here and offered there",
        "shared interests: Climbing",
        "working hours overlap by 3 hours (Europe/Berlin and America/New_York)",
        "another department, as asked",
        "different site",
    )
    assert (second.mentor_id, second.score) == ("cal", 3 + 0.5 * 8)
    assert second.reasons == (
        "skills: Go wanted here and offered there",
        "working hours overlap by 8 hours (both Europe/Berlin)",
        "same site (Berlin)",
    )
    assert not first.repeat and not second.repeat
    # Dan, in Tokyo, never shares 2 hours with anyone here: no suggestion at all.
    assert found["dan"] == []


def test_min_overlap_is_a_floor() -> None:
    found = suggest(PEOPLE, [], MatchRules(min_overlap_hours=4))
    assert [s.mentor_id for s in found["ann"]] == ["cal"]
    found = suggest(PEOPLE, [], MatchRules(min_overlap_hours=0))
    assert [s.mentor_id for s in found["ann"]] == ["bea", "dan", "cal"]  # Dan: 3 skills


def test_same_site_rule_moves_the_ranking() -> None:
    prefer = suggest(PEOPLE, [], MatchRules(same_site="prefer", site=10))
    assert [s.mentor_id for s in prefer["ann"]] == ["cal", "bea"]
    avoid = suggest(PEOPLE, [], MatchRules(same_site="avoid", site=10))
    assert [s.mentor_id for s in avoid["ann"]] == ["bea", "cal"]


def test_ties_are_broken_by_name_then_id() -> None:
    twin = person("aaa", "Cal", "mentor", timezone="Europe/Berlin", skills_offered=("Go",))
    people = {**PEOPLE, "aaa": twin, "ann": ANN}
    ranked = suggest(people, [], MatchRules(min_overlap_hours=4))["ann"]
    assert [s.mentor_id for s in ranked] == ["aaa", "cal"]


def test_rotation_puts_an_earlier_pair_last() -> None:
    old = ProgramPair("p0", "bea", "ann", accepted_by=("bea", "ann"))
    # The old pair is closed: Ann is matched again, and Bea comes after Cal.
    found = suggest(PEOPLE, [old], MatchRules(), closed_pair_ids={"p0"})
    assert [(s.mentor_id, s.repeat) for s in found["ann"]] == [("cal", False), ("bea", True)]
    # Declined proposals count as having been tried too.
    declined = ProgramPair("p1", "cal", "ann", declined_by=("ann",))
    found = suggest(PEOPLE, [declined], MatchRules())
    assert [(s.mentor_id, s.repeat) for s in found["ann"]] == [("bea", False), ("cal", True)]


def test_people_in_a_current_pair_are_not_matched_again() -> None:
    pending = ProgramPair("p2", "cal", "ann")  # proposed, nobody answered yet
    assert "ann" not in suggest(PEOPLE, [pending], MatchRules())


def test_capacity_counts_made_and_pending_pairs() -> None:
    eve = person("eve", "Eve", "mentee", timezone="Europe/Berlin", skills_wanted=("Go",))
    people = {**PEOPLE, "eve": eve}
    made = ProgramPair("p3", "cal", "zed", accepted_by=("cal", "zed"))
    full = suggest(people, [made], MatchRules())
    assert "cal" not in [s.mentor_id for s in full["eve"]]
    relaxed = suggest(people, [made], MatchRules(respect_capacity=False))
    assert "cal" in [s.mentor_id for s in relaxed["eve"]]
    # Bea takes two: one pending pair leaves room for another.
    pending = ProgramPair("p4", "bea", "zed")
    assert "bea" in [s.mentor_id for s in suggest(people, [pending], MatchRules())["eve"]]


def test_nobody_mentors_themselves() -> None:
    solo = person("solo", "Solo", "either", skills_offered=("Go",), skills_wanted=("Go",))
    assert suggest({"solo": solo}, [], MatchRules()) == {"solo": []}
