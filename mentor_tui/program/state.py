"""A program's local state, beside the database: <home>/program/<program-id>/state.json
(mode 0600, written whole and renamed, like sync/state.py), the files read from the shared
place (cache.json: what each path held when last read, so a refresh reads only what
changed) and the coordinator's view (view.json, so the screens open without the network).
Nothing secret: keys live in the keyring (sync/keys.py), the state holds fingerprints."""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mentor_tui.sync.canonical import SyncError, check_uuid, is_uuid
from mentor_tui.sync.keys import normalize_fingerprint

STATE_VERSION = 1
CODE_PREFIX = "mentorprog1-"


@dataclass
class ProgramState:
    program_id: str
    role: str  # coordinator | participant
    kind: str  # git | webdav
    location: str  # URL without user info
    person_id: str  # my person id (my profile's id)
    coordinator_id: str
    coordinator_fp: str  # pinned: from the enrolment code (or my own key, coordinating)
    my_fp: str = ""
    name: str = ""
    encrypt: bool = False
    user: str = ""  # WebDAV user name
    branch: str = ""
    role_wanted: str = ""  # participant: mentor | mentee | either
    pinned: dict[str, str] = field(default_factory=dict)  # person id -> key fingerprint
    made: list[str] = field(default_factory=list)  # pair ids made here from the program
    # pair ids I accepted while my partner had not yet: `mentor sync` looks for their answer
    awaiting: list[str] = field(default_factory=list)
    withdrawn: bool = False
    last_refresh_at: str = ""
    version: int = STATE_VERSION

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def program_root(home: Path) -> Path:
    return Path(home) / "program"


def program_dir(home: Path, program_id: str) -> Path:
    return program_root(home) / check_uuid(program_id, "program id")


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o700)


def write_private(path: Path, data: bytes) -> None:
    """0600, to a temporary file renamed over the old one: never half a file."""
    _private_dir(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def save_state(home: Path, state: ProgramState) -> None:
    data = json.dumps(state.to_json(), ensure_ascii=False, sort_keys=True).encode()
    write_private(program_dir(home, state.program_id) / "state.json", data)


def load_state(home: Path, program_id: str) -> ProgramState | None:
    path = program_dir(home, program_id) / "state.json"
    try:
        raw = json.loads(path.read_text("utf-8"))
        known = ProgramState.__dataclass_fields__
        return ProgramState(**{k: v for k, v in raw.items() if k in known})
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, AttributeError):
        raise SyncError(f"the program state {path} is damaged; join or set up again") from None


@contextlib.contextmanager
def program_lock(home: Path, wait_seconds: float = 5.0) -> Iterator[None]:
    """One program operation at a time per home (flock: released when a process dies).
    Separate from the pairs' sync lock: accepting a match runs a pair's sync setup."""
    import fcntl
    import time

    root = program_root(home)
    _private_dir(root)
    fd = os.open(root / "program.lock", os.O_CREAT | os.O_RDWR, 0o600)
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise SyncError("another program command is running; try again") from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)


def programs(home: Path) -> list[str]:
    root = program_root(home)
    if not root.is_dir():
        return []
    return sorted(
        p.name for p in root.iterdir() if is_uuid(p.name) and (p / "state.json").is_file()
    )


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


# -- the enrolment code -----------------------------------------------------------------------
def enrolment_code(state: ProgramState) -> str:
    data: dict[str, Any] = {
        "v": 1,
        "program": state.program_id,
        "kind": state.kind,
        "location": state.location,
        "coordinator": state.coordinator_id,
        "fp": state.coordinator_fp,
    }
    if state.encrypt:
        data["enc"] = True
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    return CODE_PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_code(code: str) -> dict[str, Any]:
    """Every field checked: a code is typed (or pasted) input."""
    text = "".join(code.split())
    if not text.startswith(CODE_PREFIX):
        raise SyncError("that is not a program enrolment code (it starts with mentorprog1-)")
    text = text.removeprefix(CODE_PREFIX)
    try:
        data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError):
        raise SyncError("that enrolment code is damaged (copy all of it)") from None
    if not isinstance(data, dict) or data.get("v") != 1:
        raise SyncError("that enrolment code is from another version of mentor-tui")
    fp = data.get("fp")
    if not (
        is_uuid(data.get("program"))
        and is_uuid(data.get("coordinator"))
        and data.get("kind") in ("git", "webdav")
        and isinstance(data.get("location"), str)
        and 0 < len(data["location"]) <= 2000
        and isinstance(fp, str)
        and len(fp) == 32
        and normalize_fingerprint(fp) == fp
        and data.get("enc", False) in (True, False)
    ):
        raise SyncError("that enrolment code is damaged (copy all of it)")
    return data
