"""Proposals and answers: the coordinator proposes a match (a signed matches/<pair-id>.json
naming both people, their names, time zones and the fingerprints of their program keys);
each person accepts or declines in their own participant file; when both accepted, each side makes
the local pair with the SAME pair id and the program's charter, and sets up the pair's
normal sync to the same shared place (sync/service.py), the partner's sync key pinned from
their signed answer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from mentor_tui.models.db import Store
from mentor_tui.models.tables import Pair, Person
from mentor_tui.program import layout, participants
from mentor_tui.program.proposals_seen import proposals_for_me
from mentor_tui.program.remote import ProgramRemote
from mentor_tui.program.service import (
    Ask,
    Program,
    my_key,
    opened,
    pick,
    read_program,
)
from mentor_tui.program.state import ProgramState, programs, save_state
from mentor_tui.program.state import load_state as load_program_state
from mentor_tui.services.profile import require_me, viewer_today
from mentor_tui.services.program_types import ProgramPair
from mentor_tui.sync import credentials
from mentor_tui.sync.canonical import SyncError, is_uuid
from mentor_tui.sync.dav_base import host_of
from mentor_tui.sync.keys import PublicKey, load_key
from mentor_tui.sync.state import SyncState, load_state
from mentor_tui.sync.state import save_state as save_sync_state


@dataclass
class Invitation:
    pair_id: str
    role: str  # mine: mentor | mentee
    partner_id: str
    partner_name: str
    partner_zone: str
    cohort: str
    mine: str = ""  # accept | decline | "" (not answered)
    theirs: str = ""
    made: bool = False  # the pair exists here
    partner_sync_fp: str = ""
    previous: str = ""  # rotation: the pair this one follows (linked here when known)
    my_day: str = ""  # ISO days each answered: the pair starts on the later one
    their_day: str = ""


# -- the coordinator proposes ------------------------------------------------------------------
def match_body(
    state: ProgramState, mentor: str, mentee: str, names: dict[str, str], zones: dict[str, str],
    cohort: str, today: date, previous: str = "",
) -> dict[str, Any]:  # fmt: skip
    missing = [p for p in (mentor, mentee) if p not in state.pinned]
    if missing:
        raise SyncError("both people must be enrolled (run `mentor program refresh` first)")
    if mentor == mentee:
        raise SyncError("a mentor and a mentee are two people")
    return {
        "program_id": state.program_id,
        "pair_id": str(uuid.uuid4()),
        "mentor_id": mentor,
        "mentee_id": mentee,
        "cohort": cohort[:60],
        "proposed_at": today.isoformat(),
        "previous_pair_id": previous if is_uuid(previous) else "",
        "names": {p: names.get(p, "")[:200] for p in (mentor, mentee)},
        "zones": {p: zones.get(p, "UTC")[:60] for p in (mentor, mentee)},
        "keys": {p: state.pinned[p] for p in (mentor, mentee)},
    }


def write_match(
    home: Path, state: ProgramState, body: dict[str, Any], ask: Ask | None = None
) -> ProgramPair:
    """Publish a proposal built by match_body (signed by my key, the coordinator's)."""
    key = my_key(state)
    path = layout.match_path(body["pair_id"])
    with opened(home, state, None, ask) as remote:
        remote.write({path: layout.wrap("match", body, key, None, path)}, "mentor-tui: match")
    save_state(home, state)
    return ProgramPair(
        body["pair_id"], body["mentor_id"], body["mentee_id"], body["cohort"], body["proposed_at"],
        previous_pair_id=body["previous_pair_id"],
    )  # fmt: skip


def propose_match(
    home: Path,
    mentee_id: str,
    mentor_id: str,
    *,
    cohort: str = "",
    previous: str = "",
    today: date | None = None,
    program_id: str | None = None,
    ask: Ask | None = None,
) -> ProgramPair:
    """The coordinator proposes: the shared place read first (both people enrolled, their
    keys pinned), the proposal published, the cached view refreshed (the screens' Propose
    and `mentor program match` alike)."""
    from mentor_tui.program.refresh import refresh

    state = pick(home, program_id)
    if state.role != "coordinator":
        raise SyncError("only the coordinator proposes matches")
    view, _problems = refresh(home, program_id=state.program_id, ask=ask)
    state = pick(home, state.program_id)  # the keys pinned by that refresh
    names = {p: a.name for p, a in view.participants.items()}
    names.update(view.enrolled_without_intake)
    zones = {p: a.timezone for p, a in view.participants.items()}
    day = today or datetime.now(UTC).date()
    body = match_body(state, mentor_id, mentee_id, names, zones, cohort, day, previous)
    pair = write_match(home, state, body, ask)
    refresh(home, program_id=state.program_id, ask=ask)
    return pair


# -- a participant's side ----------------------------------------------------------------------
def parse_match(data: bytes, path: str, coordinator: PublicKey) -> dict[str, Any]:
    body = layout.verify(layout.open_envelope(data, "match", path), coordinator, path)
    ids = (body.get("pair_id"), body.get("mentor_id"), body.get("mentee_id"))
    if not all(is_uuid(i) for i in ids) or layout.match_path(str(ids[0])) != path:
        raise SyncError(f"{path} is damaged (ids)")
    for field in ("names", "zones", "keys"):
        if not isinstance(body.get(field), dict):
            raise SyncError(f"{path} is damaged ({field})")
    return body


def _partner_key(parts: participants.Parts | None, program_id: str, fingerprint: str) -> PublicKey:
    """A member's key from their enrolment, once it is the one the match pins."""
    if parts is None:
        raise SyncError("your partner's enrolment is not in the shared place")
    _body, key = participants.enrolment(parts, program_id)
    if key.fingerprint != fingerprint:
        raise SyncError("your partner's key is not the one the coordinator pinned; refused")
    return key


def _invitations(
    home: Path, remote: ProgramRemote, state: ProgramState, program: Program
) -> tuple[list[Invitation], list[str]]:
    me, problems, found = state.person_id, [], []
    mine: participants.Parts | None = None
    try:
        mine = participants.read(remote, me)
    except SyncError as problem:
        problems.append(str(problem))

    def parse(data: bytes, path: str) -> dict[str, Any]:
        return parse_match(data, path, program.coordinator_key)

    # Only the proposals new or changed since the last look are read (proposals_seen.py).
    bodies, unread = proposals_for_me(home, remote, state, parse)
    problems += unread
    files: dict[str, participants.Parts | None] = {}
    for body in bodies.values():
        role = "mentor" if me == body["mentor_id"] else "mentee"
        partner = body["mentee_id"] if role == "mentor" else body["mentor_id"]
        inv = Invitation(
            body["pair_id"], role, partner, str(body["names"].get(partner, ""))[:200],
            str(body["zones"].get(partner, "UTC")), str(body.get("cohort", ""))[:60],
            made=body["pair_id"] in state.made,
        )  # fmt: skip
        previous = body.get("previous_pair_id")
        inv.previous = str(previous) if is_uuid(previous) else ""
        try:
            said = participants.answer(mine, inv.pair_id, my_key(state).public) if mine else None
            if said is not None:
                inv.mine = said["answer"]
                inv.my_day = str(said.get("answered_on", ""))[:10]
            if partner not in files:  # one read per partner, however many proposals
                files[partner] = participants.read(remote, partner)
            theirs_file = files[partner]
            if theirs_file is not None and inv.pair_id in theirs_file.answers:
                fingerprint = str(body["keys"].get(partner, ""))
                key = _partner_key(theirs_file, state.program_id, fingerprint)
                theirs = participants.answer(theirs_file, inv.pair_id, key)
                assert theirs is not None
                inv.theirs = theirs["answer"]
                inv.partner_sync_fp = str(theirs.get("sync_fp", ""))
                inv.their_day = str(theirs.get("answered_on", ""))[:10]
        except SyncError as problem:
            problems.append(str(problem))
        found.append(inv)
    return found, problems


def invitations(
    store: Store, home: Path, *, program_id: str | None = None, ask: Ask | None = None
) -> tuple[list[Invitation], list[str]]:
    """My proposals and where each stands; a pair both accepted is made here now."""
    state = pick(home, program_id)
    if state.role != "participant":
        raise SyncError("invitations are for participants")
    with opened(home, state, None, ask) as remote:
        program = read_program(remote, state)
        found, problems = _invitations(home, remote, state, program)
    for inv in found:
        if inv.mine == inv.theirs == "accept" and not inv.made:
            try:
                make_pair(store, home, state, program, inv, ask)
            except SyncError as problem:
                problems.append(f"the pair with {inv.partner_name} is not set up yet: {problem}")
    _note_awaiting(state, found)
    save_state(home, state)
    return found, problems


def _note_awaiting(state: ProgramState, found: list[Invitation]) -> None:
    """Remember the proposals I accepted and my partner has not answered, so the next
    `mentor sync` asks again and makes the pair the moment they accept too."""
    state.awaiting = [
        inv.pair_id for inv in found if inv.mine == "accept" and not inv.made and not inv.theirs
    ]


def awaited_pairs(
    store: Store, home: Path, ask: Ask | None = None
) -> tuple[list[Invitation], list[str]]:
    """Pairs made now because a partner accepted a match I had accepted (every program
    with a proposal awaiting them); nothing is read where nothing awaits."""
    made: list[Invitation] = []
    problems: list[str] = []
    for program_id in programs(home):
        try:
            state = load_program_state(home, program_id)
            if state is None or state.role != "participant" or not state.awaiting:
                continue
            waiting = set(state.awaiting)
            found, more = invitations(store, home, program_id=program_id, ask=ask)
        except SyncError as problem:
            problems.append(f"program {program_id[:8]}: {problem}")
            continue
        problems += more
        made += [inv for inv in found if inv.pair_id in waiting and inv.made]
    return made, problems


def answer(
    store: Store,
    home: Path,
    pair_ref: str,
    accept: bool,
    *,
    program_id: str | None = None,
    ask: Ask | None = None,
) -> tuple[Invitation, list[str]]:
    state = pick(home, program_id)
    if state.role != "participant":
        raise SyncError("only the two people proposed answer a proposal")
    me = require_me(store)
    ref = pair_ref.strip().lower()
    with opened(home, state, None, ask) as remote:
        program = read_program(remote, state)
        found, problems = _invitations(home, remote, state, program)
        chosen = [i for i in found if ref and i.pair_id.startswith(ref)]
        if len(chosen) != 1:
            raise SyncError(f"no single proposal for you starts with {pair_ref[:40]!r}")
        inv = chosen[0]
        if inv.made and not accept:
            raise SyncError("that pair is made already; close it in the app instead")
        key = my_key(state)
        body: dict[str, Any] = {
            "program_id": state.program_id,
            "pair_id": inv.pair_id,
            "person_id": me.id,
            "answer": "accept" if accept else "decline",
            "answered_on": viewer_today(store).isoformat(),
        }
        if accept:  # my sync key for the pair, made now, so my partner can pin it
            body["sync_fp"] = load_key(inv.pair_id, me.id, "").public.fingerprint
        part = layout.wrap_part("answer", body, key, None, layout.answer_part(me.id, inv.pair_id))
        files = participants.updated(remote, key, me.id, answers={inv.pair_id: part})
        remote.write(files, "mentor-tui: answer")
        inv.mine = body["answer"]
        inv.my_day = body["answered_on"]
    if inv.mine == inv.theirs == "accept" and not inv.made:
        make_pair(store, home, state, program, inv, ask)
    _note_awaiting(state, found)
    save_state(home, state)
    return inv, problems


def make_pair(
    store: Store,
    home: Path,
    state: ProgramState,
    program: Program,
    inv: Invitation,
    ask: Ask | None,
) -> None:
    """The local pair (same id on both sides, the program's charter), then its sync."""
    from mentor_tui.services.pairs import get_pair
    from mentor_tui.sync.service import setup_git, setup_webdav

    me = state.person_id
    days = sorted(d for d in (inv.my_day, inv.their_day) if _is_day(d))
    starts = date.fromisoformat(days[-1]) if days else viewer_today(store)
    mentor, mentee = (me, inv.partner_id) if inv.role == "mentor" else (inv.partner_id, me)
    now = store.clock.now()
    with store.write(preserve_stamps=True) as session:
        if session.get(Person, inv.partner_id) is None:
            session.add(
                Person(
                    id=inv.partner_id, display_name=inv.partner_name or "Your partner",
                    timezone=_zone(inv.partner_zone), origin=inv.partner_id, revision=0,
                    created_at=now, updated_at=now,
                )
            )  # fmt: skip
            session.flush()
        pair = session.get(Pair, inv.pair_id)
        if pair is None:
            pair = Pair(
                id=inv.pair_id, mentor_id=mentor, mentee_id=mentee, cadence=program.cadence,
                starts_on=starts, planned_end_on=starts + timedelta(weeks=program.length_weeks),
                purpose=f"{program.name}"[:200],
            )  # fmt: skip
            if inv.previous and session.get(Pair, inv.previous) is not None:
                pair.previous_pair_id = inv.previous  # the old records stay linked
            pair.revision, pair.created_at, pair.updated_at = 1, now, now
            session.add(pair)
        elif {pair.mentor_id, pair.mentee_id} != {mentor, mentee}:
            raise SyncError("a pair with this id exists here with other people; nothing changed")
    old = load_state(home, inv.pair_id)
    sync_state = SyncState(
        inv.pair_id, state.kind, state.location, me, me, inv.partner_id, user=state.user,
        encrypt=state.encrypt,
        my_key_fp=load_key(inv.pair_id, me, old.my_key_fp if old else "").public.fingerprint,
        partner_key_fp=inv.partner_sync_fp if len(inv.partner_sync_fp) == 32 else "",
    )  # fmt: skip
    save_sync_state(home, sync_state)
    view = get_pair(store, inv.pair_id)
    if state.kind == "git":
        setup_git(store, home, view, state.location, encrypt=state.encrypt)
    else:
        password = credentials.get_password(state.user, host_of(state.location), ask)
        setup_webdav(store, home, view, state.location, state.user, password, encrypt=state.encrypt)
    if inv.pair_id not in state.made:
        state.made.append(inv.pair_id)
    inv.made = True


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _zone(text: str) -> str:
    from mentor_tui.dates import check_timezone
    from mentor_tui.errors import MentorError

    try:
        return check_timezone(text)
    except MentorError:
        return "UTC"
