"""Sync state, kept beside the database rather than in it: one JSON file per pair,
<home>/sync/<pair-id>/state.json (mode 0600), and a lock so two syncs on one machine never
overlap. Nothing secret is stored here: the WebDAV password and the sync key live in the
keyring; the state holds only fingerprints."""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from mentor_tui.models.utc import from_utc_text
from mentor_tui.sync.canonical import SyncError, check_uuid

STATE_VERSION = 1
LOCK_WAIT_SECONDS = 5.0  # a second sync waits this long for the first, then says so


def sync_root(home: Path) -> Path:
    return Path(home) / "sync"


def pair_state_dir(home: Path, pair_id: str) -> Path:
    return sync_root(home) / check_uuid(pair_id, "pair id")


@dataclass
class SyncState:
    pair_id: str
    kind: str  # git | webdav
    location: str  # URL without any user info
    member_id: str  # my member id (the id pair.json gives me)
    my_local_id: str  # my Person id in this database (differs from member_id when I joined)
    partner_id: str
    user: str = ""  # WebDAV user name
    branch: str = ""  # git branch
    last_sync_at: str = ""
    partner_last_change_at: str = ""
    synced_before: bool = False  # a complete sync happened: an empty remote is now an error
    partner_manifest_sha256: str = ""  # the partner manifest applied in full last time
    pulled: dict[str, str] = field(default_factory=dict)  # partner record id -> sha256 taken
    warnings: list[str] = field(default_factory=list)  # the last sync's lines (refusals ...)
    encrypt: bool = False  # end-to-end encryption: records leave this machine sealed
    my_key_fp: str = ""  # my key's fingerprint (the key itself is in the keyring)
    partner_key_fp: str = ""  # the partner's, pinned (from the invite, or at first sight)
    manifest_sha256: str = ""  # of the manifest envelope I last wrote
    published_fingerprint: str = ""  # my data when I last published (sync/quiet.py)
    published_counts: list[int] = field(default_factory=list)  # records, tombstones, held then
    published_tree: str = ""  # git: the tree id of my folder as I last committed it
    version: int = STATE_VERSION

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def state_path(home: Path, pair_id: str) -> Path:
    return pair_state_dir(home, pair_id) / "state.json"


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o700)


def load_state(home: Path, pair_id: str) -> SyncState | None:
    path = state_path(home, pair_id)
    try:
        raw = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise SyncError(
            f"the sync state {path} is damaged; run `mentor sync setup` again"
        ) from None
    known = SyncState.__dataclass_fields__
    try:
        return SyncState(**{k: v for k, v in raw.items() if k in known})
    except TypeError:
        raise SyncError(
            f"the sync state {path} is incomplete; run `mentor sync setup` again"
        ) from None


def save_state(home: Path, state: SyncState) -> None:
    """Written to a temporary file and renamed: a crash never leaves half a state."""
    folder = pair_state_dir(home, state.pair_id)
    _private_dir(folder)
    target = folder / "state.json"
    temporary = folder / f".state.{os.getpid()}.tmp"
    fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(state.to_json(), out, ensure_ascii=False, sort_keys=True)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, target)


def configured_pairs(home: Path) -> list[str]:
    root = sync_root(home)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "state.json").is_file())


@contextlib.contextmanager
def sync_lock(home: Path, wait_seconds: float | None = None) -> Iterator[None]:
    """One sync at a time per home. flock is released by the kernel when a process dies,
    so a crashed sync never leaves a stale lock behind; where flock is missing, an
    O_EXCL file holding the owner's pid is used, and a lock whose pid is gone is taken over."""
    root = sync_root(home)
    _private_dir(root)
    path = root / "sync.lock"
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait_seconds is None else wait_seconds)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        fcntl = None  # type: ignore[assignment]
    if fcntl is not None:
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise SyncError("another sync is running; try again when it ends") from None
                    time.sleep(0.1)
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
            yield
        finally:
            os.close(fd)  # closing releases the lock
        return
    while True:  # pragma: no cover - not POSIX
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            break
        except FileExistsError:
            if _stale(path):
                with contextlib.suppress(OSError):
                    path.unlink()
                continue
            if time.monotonic() >= deadline:
                raise SyncError("another sync is running; try again when it ends") from None
            time.sleep(0.1)
    try:  # pragma: no cover - not POSIX
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:  # pragma: no cover - not POSIX
        with contextlib.suppress(OSError):
            path.unlink()


def _stale(path: Path) -> bool:  # pragma: no cover - not POSIX
    try:
        pid = int(path.read_text() or "0")
        os.kill(pid, 0)
    except (OSError, ValueError):
        return True
    return False


def instant_or_none(text: str) -> datetime | None:
    try:
        return from_utc_text(text) if text else None
    except ValueError:
        return None


def sync_times(home: Path, pair_id: str) -> tuple[datetime | None, datetime | None]:
    """(when I last synced, when my partner last changed what they share): for the
    dashboard; (None, None) when sync is not set up. Reads one small file, no network.
    Here rather than in report.py: the Dashboard reads it without importing the sync stack
    (httpx, cryptography), which is neither cheap nor small."""
    try:
        state = load_state(home, pair_id)
    except SyncError:
        return None, None
    if state is None:
        return None, None
    return instant_or_none(state.last_sync_at), instant_or_none(state.partner_last_change_at)
