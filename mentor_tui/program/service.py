"""The program as user intents (coordinator: set up; participant: join, intake, leave),
called by the CLI and the screens alike. Matches and answers: program/answers.py;
summaries: program/summaries.py; the coordinator's roll-up: program/refresh.py."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mentor_tui.errors import InvalidInput
from mentor_tui.models.db import Store
from mentor_tui.program import layout, participants
from mentor_tui.program.intake_local import save_form
from mentor_tui.program.remote import (
    ProgramGit,
    ProgramRemote,
    allow_filters_here,
    close,
    open_program_remote,
)
from mentor_tui.program.state import (
    ProgramState,
    decode_code,
    enrolment_code,
    load_state,
    program_lock,
    programs,
    save_state,
)
from mentor_tui.services.intake import QUESTIONS, Questions, check_questions
from mentor_tui.services.profile import require_me
from mentor_tui.sync import credentials
from mentor_tui.sync import layout as sync_layout
from mentor_tui.sync.canonical import SyncError
from mentor_tui.sync.dav_base import host_of
from mentor_tui.sync.keys import KeyPair, PublicKey, load_key
from mentor_tui.sync.remotes import check_git_url
from mentor_tui.sync.sandbox import Unsafe
from mentor_tui.sync.webdav import WebDavRemote

Ask = credentials.Ask
Progress = Callable[[str, int, int], None]
CADENCES = ("weekly", "biweekly", "monthly")


def quiet(_stage: str, _done: int, _total: int) -> None:
    return None


@dataclass(frozen=True)
class Program:
    """PROGRAM.json, verified against the coordinator's pinned key."""

    program_id: str
    name: str
    coordinator_id: str
    coordinator_key: PublicKey
    cycle: str
    cycle_ends_on: str
    cadence: str
    length_weeks: int
    encrypted: bool
    questions: Questions = QUESTIONS  # the intake asks these, with these prompts


def program_body(program: Program, **changes: Any) -> dict[str, Any]:
    """PROGRAM.json's body for `program`, with `changes` (cycle, questions...): every
    writer goes through here so that no field is dropped when another changes."""
    body: dict[str, Any] = {
        "program_id": program.program_id,
        "name": program.name,
        "coordinator_id": program.coordinator_id,
        "key": program.coordinator_key.to_json(),
        "cycle": program.cycle,
        "cycle_ends_on": program.cycle_ends_on,
        "charter": {"cadence": program.cadence, "length_weeks": program.length_weeks},
        "encrypted": program.encrypted,
        "questions": [list(q) for q in program.questions],
    }
    body.update(changes)
    return body


def pick(home: Path, program_id: str | None = None) -> ProgramState:
    """The program named (an id or its prefix), else the only one this home takes part in."""
    found = programs(home)
    if program_id:
        found = [p for p in found if p.startswith(program_id.strip().lower())]
    if not found:
        raise SyncError(
            "no program here; `mentor program setup` starts one, `mentor program join CODE` "
            "enrols in one"
        )
    if len(found) > 1:
        raise SyncError("you take part in several programs: name one with --program")
    state = load_state(home, found[0])
    assert state is not None
    return state


@contextlib.contextmanager
def opened(
    home: Path, state: ProgramState, password: str | None = None, ask: Ask | None = None
) -> Iterator[ProgramRemote]:
    """The shared place, brought up to date; closed after (one at a time per home)."""
    with program_lock(home):
        remote = open_program_remote(home, state, password, ask)
        try:
            remote.fetch()
            if isinstance(remote, ProgramGit):
                state.branch = remote.branch
            yield remote
        finally:
            close(remote)


def my_key(state: ProgramState) -> KeyPair:
    """My key in this program (the keyring holds it, as sync/keys.py keeps a pair's)."""
    key = load_key(state.program_id, state.person_id, state.my_fp)
    state.my_fp = key.public.fingerprint
    return key


def read_file(remote: ProgramRemote, path: str) -> bytes | None:
    try:
        return remote.read(path, layout.FILE_LIMIT)
    except Unsafe as problem:
        raise SyncError(str(problem)) from None


def read_program(remote: ProgramRemote, state: ProgramState) -> Program:
    data = read_file(remote, layout.PROGRAM_PATH)
    if data is None:
        raise SyncError("the shared place holds no program (PROGRAM.json is missing)")
    return parse_program(data, state)


def parse_program(data: bytes, state: ProgramState) -> Program:
    body, key = layout.self_signed(data, "program", layout.PROGRAM_PATH)
    if key.fingerprint != state.coordinator_fp:
        raise SyncError(
            "PROGRAM.json is not signed by the coordinator's key the enrolment code names; "
            "nothing was taken from it"
        )
    charter = body.get("charter") if isinstance(body.get("charter"), dict) else {}
    assert isinstance(charter, dict)
    cadence, weeks = charter.get("cadence"), charter.get("length_weeks")
    if (
        body.get("program_id") != state.program_id
        or body.get("coordinator_id") != state.coordinator_id
        or cadence not in CADENCES
        or not isinstance(weeks, int)
        or not 1 <= weeks <= 520
    ):
        raise SyncError("PROGRAM.json does not describe this program; nothing was taken")
    try:  # absent in programs set up before the questions travelled: the default ones
        questions = check_questions(body["questions"]) if "questions" in body else QUESTIONS
    except InvalidInput as problem:
        raise SyncError(
            f"PROGRAM.json's questions are refused ({problem}); nothing was taken"
        ) from None
    return Program(
        state.program_id,
        _short(body.get("name"), 200),
        state.coordinator_id,
        key,
        _short(body.get("cycle"), 60),
        _day_text(body.get("cycle_ends_on")),
        cadence,
        weeks,
        body.get("encrypted") is True,
        questions,
    )


def _short(value: object, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _day_text(value: object) -> str:
    try:
        return date.fromisoformat(value).isoformat() if isinstance(value, str) and value else ""
    except ValueError:
        return ""


def coordinator_box(key: KeyPair, program: Program) -> bytes:
    """The key a member and the coordinator share for sealed files (X25519 + HKDF)."""
    return key.pair_key(program.coordinator_key, program.program_id)


# -- the coordinator sets up -------------------------------------------------------------------
def setup(
    store: Store,
    home: Path,
    name: str,
    *,
    kind: str,
    url: str,
    user: str = "",
    password: str | None = None,
    encrypt: bool = False,
    cycle: str = "",
    cycle_end: date | None = None,
    cadence: str = "biweekly",
    length_weeks: int = 26,
    progress: Progress = quiet,
) -> tuple[str, ProgramState]:
    """A new program in a git repository or WebDAV folder (which may hold pairs already).
    Returns the enrolment code participants join with."""
    me = require_me(store)
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise SyncError("give the program a name (at most 200 characters)")
    if cadence not in CADENCES:
        raise SyncError(f"the cadence is one of {', '.join(CADENCES)}")
    if not 1 <= length_weeks <= 520:
        raise SyncError("the program's length is 1 to 520 weeks")
    if kind == "git":
        location = check_git_url(url)
        allow_filters_here(location)
    else:
        if not user.strip():
            raise SyncError("give the WebDAV user name (--user)")
        probe = WebDavRemote(url, user, password or "")
        probe.close()
        location = probe.base
    program_id = str(uuid.uuid4())
    state = ProgramState(
        program_id, "coordinator", kind, location, me.id, me.id, "", name=name,
        encrypt=encrypt, user=user.strip(),
    )  # fmt: skip
    key = my_key(state)
    state.coordinator_fp = key.public.fingerprint
    program = Program(
        program_id, name, me.id, key.public, cycle.strip()[:60],
        cycle_end.isoformat() if cycle_end else "", cadence, length_weeks, encrypt,
    )  # fmt: skip
    body = program_body(program)
    progress("contacting the shared place", 0, 0)
    with opened(home, state, password) as remote:
        sync_layout.check_format(remote.read_remote(sync_layout.FORMAT_PATH))
        if read_file(remote, layout.PROGRAM_PATH) is not None:
            raise SyncError(
                "this shared place holds a program already: join it with its enrolment "
                "code, or choose another place"
            )
        files = {layout.PROGRAM_PATH: layout.wrap("program", body, key, None, "")}
        if remote.read_remote(sync_layout.FORMAT_PATH) is None:
            files[sync_layout.FORMAT_PATH] = sync_layout.format_bytes()
        progress("publishing", 0, 1)
        remote.write(files, f"mentor-tui: program {program_id[:8]}")
    save_state(home, state)
    if kind == "webdav" and password:
        credentials.store_password(state.user, host_of(location), password)
    return enrolment_code(state), state


# -- a participant joins, answers, leaves ------------------------------------------------------
def join(
    store: Store,
    home: Path,
    code: str,
    role_wanted: str,
    *,
    user: str = "",
    password: str | None = None,
    ask: Ask | None = None,
) -> tuple[Program, ProgramState]:
    """Enrol from an enrolment code: PROGRAM.json is checked against the coordinator's key
    the code pins, then my enrolment (my name, the role I want, my key) is published in my
    participant file."""
    data = decode_code(code)
    if role_wanted not in ("mentor", "mentee", "either"):
        raise SyncError("--as is mentor, mentee or either")
    me = require_me(store)
    if me.id == data["coordinator"]:
        raise SyncError("that is your own program's code: give it to the participants")
    if data["kind"] == "webdav" and not user.strip():
        raise SyncError("this program is in a WebDAV folder: give your user name (--user)")
    old = load_state(home, data["program"])
    state = ProgramState(
        data["program"], "participant", data["kind"], data["location"], me.id,
        data["coordinator"], data["fp"], encrypt=data.get("enc") is True, user=user.strip(),
        role_wanted=role_wanted,
        my_fp=old.my_fp if old else "", made=old.made if old else [],
    )  # fmt: skip
    if state.kind == "webdav" and password is None:
        password = credentials.get_password(state.user, host_of(state.location), ask)
    key = my_key(state)
    with opened(home, state, password, ask) as remote:
        program = read_program(remote, state)
        save_form(home, state.program_id, program.questions)
        state.name = program.name
        state.encrypt = state.encrypt or program.encrypted
        body = {
            "program_id": state.program_id,
            "person_id": me.id,
            "name": me.display_name,
            "role_wanted": role_wanted,
            "key": key.public.to_json(),
            "withdrawn": False,
        }
        part = layout.wrap_part("enrol", body, key, None, layout.enrol_part(me.id))
        remote.write(participants.updated(remote, key, me.id, enrol=part), "mentor-tui: enrol")
    save_state(home, state)
    if state.kind == "webdav" and password:
        credentials.store_password(state.user, host_of(state.location), password)
    return program, state


def submit_intake(
    store: Store,
    home: Path,
    raw: Mapping[str, Any],
    *,
    program_id: str | None = None,
    ask: Ask | None = None,
) -> Any:
    """Check my answers (services/intake.py) and publish them for the coordinator only:
    signed, and sealed to the coordinator's key when the program is encrypted. Only the
    questions PROGRAM.json asks may be answered; my answers are kept here to prefill."""
    from mentor_tui.services.intake import check_asked, intake_to_json, parse_intake
    from mentor_tui.services.intake_form import answers_as_text

    state = pick(home, program_id)
    if state.role != "participant":
        raise SyncError("the intake is for participants; as the coordinator you read it")
    me = require_me(store)
    answers = parse_intake(dict(raw), me.id, me.display_name)
    key = my_key(state)
    with opened(home, state, None, ask) as remote:
        program = read_program(remote, state)
        save_form(home, state.program_id, program.questions)
        check_asked(raw, program.questions)
        box = coordinator_box(key, program) if state.encrypt else None
        body = {"person_id": me.id, "answers": intake_to_json(answers), "withdrawn": False}
        part = layout.wrap_part("intake", body, key, box, layout.intake_part(me.id))
        remote.write(participants.updated(remote, key, me.id, intake=part), "mentor-tui: intake")
    if state.role_wanted != answers.role_wanted:
        state.role_wanted = answers.role_wanted
    save_state(home, state)
    save_form(
        home, state.program_id, program.questions, answers_as_text(answers, program.questions)
    )
    return answers


def leave(
    store: Store, home: Path, *, program_id: str | None = None, ask: Ask | None = None
) -> int:
    """Withdraw: my enrolment, intake and every summary become signed tombstones (a
    missing file never means withdrawn); my answers stay, as said. Returns files written
    (my participant file and the summaries)."""
    state = pick(home, program_id)
    if state.role != "participant":
        raise SyncError("the coordinator does not leave a program")
    me = require_me(store)
    key = my_key(state)
    tomb = {"program_id": state.program_id, "person_id": me.id, "withdrawn": True}
    files: dict[str, bytes] = {}
    with opened(home, state, None, ask) as remote:
        program = read_program(remote, state)
        box = coordinator_box(key, program) if state.encrypt else None
        enrol = {**tomb, "name": me.display_name, "role_wanted": state.role_wanted,
                 "key": key.public.to_json()}  # fmt: skip
        files.update(
            participants.updated(
                remote, key, me.id,
                enrol=layout.wrap_part("enrol", enrol, key, None, layout.enrol_part(me.id)),
                intake=layout.wrap_part("intake", tomb, key, box, layout.intake_part(me.id)),
            )
        )  # fmt: skip
        for pair_id in state.made:
            path = layout.summary_path(pair_id, me.id)
            body = {**tomb, "pair_id": pair_id, "member_id": me.id}
            files[path] = layout.wrap("summary", body, key, box, path)
        written = remote.write(files, "mentor-tui: leave the program")
    state.withdrawn = True
    save_state(home, state)
    return written


# -- what the coordinator's screens call (screens/program_common.py) ----------------------------
def load_view(home: Path, program_id: str | None = None) -> Any:
    """The coordinator's cached view (CoordinatorView), no network; None when none."""
    from mentor_tui.program.refresh import load_view as cached

    return cached(home, program_id)


def propose(home: Path, mentee_id: str, mentor_id: str, **options: Any) -> Any:
    """Propose a match (a ProgramPair); see answers.propose_match."""
    from mentor_tui.program.answers import propose_match

    return propose_match(home, mentee_id, mentor_id, **options)
