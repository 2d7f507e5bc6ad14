"""Drafts of what a form holds, kept on disk while the user types, so a killed terminal
loses at most the last moment of typing.

One JSON file per draft under <home>/drafts/ (the folder 0700, each file 0600): private
text may be in it, and it is never synced, exported or read by anything but the form that
wrote it. Files, not a table in the database: a draft is written every second or so of
typing, and must not queue behind (or hold) the database's write lock that the CLI and
sync share, nor count as a change anything publishes; and a draft kept beside a database
that cannot be written is still a draft.

Writes are atomic (a temporary file, fsync, then a rename), so a crash leaves the old
draft or the new one, never half of one. A damaged or foreign file is ignored, not fatal:
the stored record is still there. The folder is bounded: each value is cut at the most a
field can hold, a file past MAX_DRAFT_BYTES is neither written nor read, and beyond
MAX_DRAFTS (or MAX_TOTAL_BYTES) the oldest drafts go.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from mentor_tui.models.files import read_regular
from mentor_tui.models.limits import TEXT_LIMIT

#: A field's value as a draft keeps it: text, a switch, a choice (or none), a number.
DraftValue = str | bool | int | None

DRAFTS_FOLDER = "drafts"
MAX_DRAFTS = 100
MAX_FIELDS = 64
MAX_DRAFT_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
FORMAT = 1

_SAFE = re.compile(r"[A-Za-z0-9_-]{1,64}")
# One lock for every draft file of this process: a write that a later discard (or a
# newer write) made pointless sees that under the lock and skips.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class DraftKey:
    """Which form on which record: ("journal", entry id), ("goal", None, pair id) for a new
    goal of a pair, ("action-item", None, pair id, session id) for a new item in a session."""

    kind: str
    record: str | None = None  # the record's id; None for a new one
    pair: str | None = None
    within: str | None = None  # a new record's parent: the session, goal or milestone

    def file_name(self) -> str:
        # A record's id is unique on its own; a new record is "new" within its pair (and
        # parent). The goal editor's drafts had these names before the kit kept them.
        if self.record:
            return f"{_part(self.kind)}-{_part(self.record)}.json"
        name = f"{_part(self.kind)}-new-{_part(self.pair or 'any')}"
        return f"{name}-{_part(self.within)}.json" if self.within else f"{name}.json"


@dataclass(frozen=True)
class Draft:
    values: dict[str, DraftValue] = field(default_factory=dict)
    saved_at: datetime | None = None


def _part(text: str) -> str:
    """A file-name part: ids and kinds as they are, anything else as a short hash."""
    if _SAFE.fullmatch(text):
        return text
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def drafts_folder(home: Path) -> Path:
    return home / DRAFTS_FOLDER


def draft_path(home: Path, key: DraftKey) -> Path:
    return drafts_folder(home) / key.file_name()


def _clean_values(values: Mapping[str, object]) -> dict[str, DraftValue]:
    """What a draft may hold: named scalar values, text cut at what a field can hold."""
    kept: dict[str, DraftValue] = {}
    for name, value in values.items():
        if len(kept) >= MAX_FIELDS:
            break
        if not isinstance(name, str) or not name:
            continue
        if isinstance(value, str):
            kept[name] = value[:TEXT_LIMIT]
        elif value is None or isinstance(value, bool | int):
            kept[name] = value
    return kept


def save_draft(
    home: Path,
    key: DraftKey,
    values: Mapping[str, object],
    saved_at: datetime,
    *,
    still_wanted: Callable[[], bool] | None = None,
) -> Path | None:
    """Write the draft atomically, readable by the user alone. None when it was not
    written: no longer wanted (checked under the lock), or too large to keep. A folder
    that cannot be written raises OSError."""
    document = {
        "format": FORMAT,
        "kind": key.kind,
        "saved_at": saved_at.astimezone(UTC).isoformat(),
        "values": _clean_values(values),
    }
    # ASCII only: text with a lone surrogate (a TextArea can hold one) still round-trips.
    data = json.dumps(document, ensure_ascii=True).encode("ascii")
    if len(data) > MAX_DRAFT_BYTES:
        return None
    path = draft_path(home, key)
    with _LOCK:
        if still_wanted is not None and not still_wanted():
            return None
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
        _prune(path.parent, keep=path)
    return path


def load_draft(home: Path, key: DraftKey) -> Draft | None:
    """The draft, or None when there is no readable one."""
    path = draft_path(home, key)
    try:
        raw = read_regular(path, MAX_DRAFT_BYTES)  # never a link, a FIFO, a huge file
        if len(raw) > MAX_DRAFT_BYTES:
            return None
        data = json.loads(raw)
    except (OSError, ValueError):  # UnsafeFile among them
        return None
    if not isinstance(data, dict):
        return None
    values = data.get("values")
    if not isinstance(values, dict):  # the goal editor's first drafts: the fields, flat
        values = {name: value for name, value in data.items() if name != "saved_at"}
    return Draft(values=_clean_values(values), saved_at=_instant(data.get("saved_at")))


def _instant(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def discard_draft(home: Path, key: DraftKey) -> None:
    # A folder that cannot be written kept no draft worth a message.
    with _LOCK, contextlib.suppress(OSError):
        draft_path(home, key).unlink(missing_ok=True)


def _prune(folder: Path, keep: Path) -> None:
    """The oldest drafts go once there are too many, or they take too much room."""
    try:
        found = []
        for path in folder.glob("*.json"):
            status = path.stat()
            found.append((status.st_mtime, status.st_size, path))
    except OSError:
        return
    found.sort(reverse=True)  # newest first
    total = 0
    for count, (_mtime, size, path) in enumerate(found):
        total += size
        if path != keep and (count >= MAX_DRAFTS or total > MAX_TOTAL_BYTES):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                return
