"""A participant's `invitations` reads only what is new: with 20 proposals in a WebDAV
program, a second look with nothing new lists the change markers and reads no proposal;
a new proposal is read alone. git: the same answers from the remembered bodies."""

from __future__ import annotations

from typing import Any

import pytest

from tests.program.conftest import Home, where

PAIRS = 20


def _program(kind: str, request: pytest.FixtureRequest, program_repo: Any, homes: list[Home]):
    """The coordinator (homes[0]) and six participants enrolled, and PAIRS proposals among
    them; Eli (homes[3]) is named in every sixth or so."""
    from mentor_tui.program.service import join, setup

    coordinator, people = homes[0], homes[1:]
    place = where(kind, request, program_repo)
    login = {k: place[k] for k in ("user", "password") if k in place}
    code, _ = setup(
        coordinator.store, coordinator.home, "P", kind=place["kind"], url=place["url"], **login
    )
    for person in people:
        join(person.store, person.home, code, person.intake["role_wanted"], **login)
    mentors = [p for p in people if p.intake["role_wanted"] in ("mentor", "either")]
    mentees = [p for p in people if p.intake["role_wanted"] in ("mentee", "either")]
    made = []
    for n in range(PAIRS):
        mentor, mentee = mentors[n % len(mentors)], mentees[n % len(mentees)]
        if mentor is mentee:
            mentee = mentees[(n + 1) % len(mentees)]
        made.append(_propose(coordinator, mentor, mentee))
    return coordinator, made


def _propose(coordinator: Home, mentor: Home, mentee: Home) -> str:
    from datetime import date

    from mentor_tui.program.answers import match_body, write_match
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import pick

    state = pick(coordinator.home)
    if mentor.id not in state.pinned or mentee.id not in state.pinned:
        refresh(coordinator.home)  # pins the enrolled people's keys
        state = pick(coordinator.home)
    names = {mentor.id: mentor.name, mentee.id: mentee.name}
    body = match_body(state, mentor.id, mentee.id, names, {}, "", date(2026, 11, 1))
    return write_match(coordinator.home, state, body).pair_id


def _named(made_for: Home, found: list[Any]) -> list[str]:
    return sorted(inv.pair_id for inv in found)


def test_a_second_look_reads_no_proposal_and_a_new_one_alone(request, program_repo, homes, dav):
    from mentor_tui.program.answers import invitations

    coordinator, made = _program("webdav", request, program_repo, homes)
    eli, mia = homes[3], homes[1]
    dav.faults.reset()
    first, problems = invitations(eli.store, eli.home)
    assert problems == [] and first
    read = [p for m, p in dav.faults.requests if m == "GET" and "/matches/" in p]
    assert len(read) == PAIRS  # the first look reads every proposal once

    dav.faults.reset()
    again, problems = invitations(eli.store, eli.home)
    assert problems == []
    assert _named(eli, again) == _named(eli, first)
    touched = [(m, p) for m, p in dav.faults.requests if "/matches/" in p]
    assert touched == []  # the coordinator's marker did not move: matches/ not even listed
    gets = sorted(p for m, p in dav.faults.requests if m == "GET")
    # My own file, PROGRAM.json, and each partner's file once (their answers): no proposal.
    assert len(gets) == 2 + len({inv.partner_id for inv in first}), gets

    mine = _propose(coordinator, mia, eli)
    other = _propose(coordinator, homes[2], homes[4])
    dav.faults.reset()
    third, problems = invitations(eli.store, eli.home)
    assert problems == []
    assert _named(eli, third) == sorted([*_named(eli, first), mine])
    read = sorted(
        p.rsplit("/", 1)[1] for m, p in dav.faults.requests if m == "GET" and "/matches/" in p
    )
    assert read == sorted([f"{mine}.json", f"{other}.json"])  # only the two new ones
    assert len(made) == PAIRS


def test_a_damaged_proposal_is_read_again_until_mended(request, program_repo, homes, dav):
    from mentor_tui.program import layout
    from mentor_tui.program.answers import invitations

    _coordinator, made = _program("webdav", request, program_repo, homes)
    eli = homes[3]
    path = dav.root / "shared" / layout.match_path(made[0])
    good = path.read_bytes()
    path.write_bytes(b"not json")
    for _ in range(2):  # refused each time, with one line; the others are taken
        dav.faults.reset()
        _found, problems = invitations(eli.store, eli.home)
        assert len(problems) == 1 and made[0][:8] in problems[0]
        assert [p for m, p in dav.faults.requests if m == "GET" and made[0] in p]
    path.write_bytes(good)
    _found, problems = invitations(eli.store, eli.home)
    assert problems == []


def test_git_answers_the_same_from_what_it_remembers(request, program_repo, homes):
    from mentor_tui.program.answers import invitations

    coordinator, _made = _program("git", request, program_repo, homes)
    eli, mia = homes[3], homes[1]
    first, problems = invitations(eli.store, eli.home)
    assert problems == [] and first
    again, problems = invitations(eli.store, eli.home)
    assert problems == [] and _named(eli, again) == _named(eli, first)
    mine = _propose(coordinator, mia, eli)
    third, problems = invitations(eli.store, eli.home)
    assert problems == [] and _named(eli, third) == sorted([*_named(eli, first), mine])
