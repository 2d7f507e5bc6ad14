"""Storage failures in one line: what went wrong with the database file, in words a user
can act on. Standard library only: the Store, and the CLI's last resort for the quick paths
that use sqlite3 directly (cli/common.run_handler), share these words.

SQLite names what failed (sqlite3 exceptions carry `sqlite_errorname` since Python 3.11;
SQLAlchemy wraps them as `.orig`). The words never include SQLAlchemy's own text, which
quotes the SQL statement and its parameters.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from mentor_tui.errors import StorageError

BUSY = "the database is busy: another program is writing to it (try again)"

# An I/O error with less free space than this is the disk being full: SQLite reports a
# shared-memory file (-shm) that cannot grow as SQLITE_IOERR_SHMSIZE, not SQLITE_FULL.
NEARLY_FULL_BYTES = 1 << 20


def read_only(path: Path | str) -> str:
    return f"the database is read-only: {path}"


def disk_full(path: Path | str) -> str:
    return f"the disk is full: {path} cannot be written (free some space and try again)"


def not_a_database(path: Path | str, why: str = "not SQLite") -> str:
    return f"{path} is not a mentor-tui database ({why})"


def disk_nearly_full(folder: Path) -> bool:
    try:
        stats = os.statvfs(folder)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < NEARLY_FULL_BYTES


def sqlite_error_name(problem: BaseException) -> str:
    """SQLite's name for the failure ("SQLITE_BUSY", ...), or "" when it is not SQLite's."""
    error = problem if isinstance(problem, sqlite3.Error) else getattr(problem, "orig", None)
    if not isinstance(error, sqlite3.Error):
        return ""
    return getattr(error, "sqlite_errorname", "") or "SQLITE_ERROR"


def _sqlite_words(name: str, path: Path | None) -> str | None:
    where = path or "the database"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return BUSY
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")):
        return read_only(where)
    if name == "SQLITE_FULL" or (
        name.startswith("SQLITE_IOERR") and path is not None and disk_nearly_full(path.parent)
    ):
        return disk_full(where)
    if name.startswith("SQLITE_IOERR"):
        return f"the disk could not read or write {where} (I/O error)"
    if name == "SQLITE_NOTADB":
        return not_a_database(where)
    if name.startswith("SQLITE_CORRUPT"):
        return f"{where} is damaged (SQLite finds it malformed); restore it from a backup"
    if name.startswith("SQLITE_CANTOPEN"):
        return f"{where} cannot be opened (its folder is missing or cannot be read)"
    return None  # a mistake in a query, a constraint...: not the storage's doing


def _os_words(problem: OSError, path: Path | None) -> str:
    where = problem.filename or path or "the database"
    if problem.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full(where)
    if problem.errno == errno.EIO:
        return f"the disk could not read or write {where} (I/O error)"
    return f"{problem.strerror or problem}: {where}"


def storage_error(problem: BaseException, path: Path | None = None) -> StorageError | None:
    """The one-line StorageError for a failure of the database or its file (`path`), or
    None when the problem is not the storage's (the caller re-raises it)."""
    if isinstance(problem, StorageError):
        return problem
    name = sqlite_error_name(problem)
    if name:
        words = _sqlite_words(name, path)
        return None if words is None else StorageError(words)
    if isinstance(problem, OSError):
        return StorageError(_os_words(problem, path))
    return None


def probe_database(path: Path, known_version: int) -> None:
    """The refusals the Store makes on opening (not SQLite, another program's file, a newer
    release's), asked with plain sqlite3 before the app takes the terminal: the storage
    stack itself loads after the app's first frame. A missing file is a first run; a busy
    one is left for the Store, which waits for it."""
    if not path.exists():
        return
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=0.2)
        try:
            found = int(conn.execute("PRAGMA user_version").fetchone()[0] or 0)
            tables = int(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as problem:
        if sqlite_error_name(problem).startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return
        mapped = storage_error(problem, path)
        if mapped is None:
            raise
        raise mapped from problem
    refused = refusal(path, found, known_version, has_tables=bool(tables))
    if refused is not None:
        raise StorageError(refused)


def refusal(path: Path | str, found: int, known: int, *, has_tables: bool) -> str | None:
    """Why this release must not touch a database at schema `found`, or None: written by a
    newer release, or another program's SQLite file (version 0 with tables of its own).
    The one wording for the Store's migrations and the app's probe before it starts."""
    if found > known:
        return (
            f"{path} was written by a newer mentor-tui "
            f"(schema {found}, this one knows {known}); please upgrade"
        )
    if found == 0 and has_tables:
        return not_a_database(path, "it holds another program's tables")
    return None


def wal_has_frames(path: Path) -> bool:
    """True when the write-ahead log beside the file may hold changes not yet in it. A
    log is a 32-byte header, then frames: anything longer may need recovering."""
    try:
        return os.stat(f"{path}-wal").st_size > 32
    except FileNotFoundError:
        return False


@dataclass(frozen=True)
class Access:
    """How to open the file: `query` for SQLite's URI ("" = read and write), and why it is
    read-only (None when it is not)."""

    query: str = ""
    read_only: str | None = None


def _open_file(path: Path) -> bool:
    """Create the file (mode 0600, in a private folder) when it is missing. True when it can
    be written, False when it can only be read; a StorageError when it cannot be used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as problem:
        raise StorageError(_os_words(problem, path)) from problem
    with contextlib.suppress(OSError):  # a parent we do not own: the file's mode still holds
        os.chmod(path.parent, 0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as problem:
        cannot_write = problem.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
        if cannot_write and path.is_file() and os.access(path, os.R_OK):
            return False
        raise StorageError(_os_words(problem, path)) from problem
    os.close(fd)
    with contextlib.suppress(OSError):  # someone else's file that we may write: leave it
        os.chmod(path, 0o600)
    return True


def choose_access(path: Path) -> Access:
    """Read and write when both the file and its folder can be written (WAL keeps two files
    beside it, -wal and -shm); otherwise read only:
    - `mode=ro` while SQLite can still share the -shm (it exists, or the folder is
      writable): another program writing meanwhile is seen as usual;
    - `immutable=1` when it cannot (a read-only disk or folder, no -shm): nothing can write
      there, so there are no locks to take. A log left by a crash cannot be recovered
      without writing: that one is refused.
    (os.access, not the permission bits: it answers for root too on a read-only disk.)"""
    writable = _open_file(path)
    folder_writable = os.access(path.parent, os.W_OK)
    shared = folder_writable or Path(f"{path}-shm").exists()
    if writable and shared:
        return Access()
    why = read_only(path)
    if shared:
        return Access("mode=ro", why)
    if wal_has_frames(path):
        raise StorageError(
            f"{path} cannot be read in a read-only folder: its -wal file holds changes not "
            "yet written into it (open it once where it can be written)"
        )
    return Access("immutable=1", why)
