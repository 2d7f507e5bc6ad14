"""The working copy is a sandbox: nothing in it is followed as a link or read as anything
but a regular file, reads are capped, and writes go only under the member's own folder.

Paths are walked one component at a time from the working copy's root with O_NOFOLLOW
(a folder that is a link fails, as does a file that is one), so a link committed by
someone else can point anywhere - /etc/passwd, /dev/zero, a folder outside the home - and
nothing here reads or writes through it. git itself checks links out as small files
(core.symlinks=false, git.py); this also covers a clone made before that setting.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from mentor_tui.sync.canonical import SyncError

MB = 1_000_000
RECORD_LIMIT = 1 * MB  # one record; the setting sync_record_limit_mb changes it
MANIFEST_LIMIT = 32 * MB  # about 200,000 entries
PAIR_LIMIT = 1 * MB  # pair.json, FORMAT.json
LISTING_LIMIT = 64 * MB  # a WebDAV folder listing
_DIR = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Unsafe(SyncError):
    """A path of the shared place that is not what it must be (a link, not a folder, not a
    regular file) or a file over its size limit; the message is one line."""


def record_limit(home: Path) -> int:
    """The size limit of one partner record, in bytes (config: sync_record_limit_mb)."""
    from mentor_tui.config import load_config

    value = load_config(home).get("sync_record_limit_mb")
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 1000:
        return value * MB
    return RECORD_LIMIT


def too_large(path: str, limit: int) -> Unsafe:
    return Unsafe(f"{path} is larger than {limit // MB or 1} MB (sync_record_limit_mb)")


def read_capped(chunks: Iterator[bytes], path: str, limit: int) -> bytes:
    """Join chunks, stopping as soon as they pass the limit (sizes claimed are not trusted)."""
    parts, total = [], 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise too_large(path, limit)
        parts.append(chunk)
    return b"".join(parts)


@contextlib.contextmanager
def _folder(root: Path, parts: list[str], path: str, make: bool = False) -> Iterator[int | None]:
    """A descriptor of root/parts..., walked without following links; None when a folder
    on the way does not exist (and make is False)."""
    fd = os.open(root, _DIR)
    try:
        for part in parts:
            try:
                inner = os.open(part, _DIR, dir_fd=fd)
            except FileNotFoundError:
                if not make:
                    yield None
                    return
                os.mkdir(part, 0o755, dir_fd=fd)
                inner = os.open(part, _DIR, dir_fd=fd)
            except OSError as problem:
                if problem.errno in (errno.ENOTDIR, errno.ELOOP, errno.EMLINK):
                    raise Unsafe(
                        f"{'/'.join(parts[: parts.index(part) + 1])} on the remote is a link "
                        f"or a file where a folder belongs ({path} not used)"
                    ) from None
                raise
            os.close(fd)
            fd = inner
        yield fd
    finally:
        os.close(fd)


def read_regular(root: Path, path: str, limit: int) -> bytes | None:
    """A regular file of the working copy, at most `limit` bytes; None when it does not
    exist; Unsafe when it, or a folder on its way, is a link or not what it must be."""
    *parents, name = path.split("/")
    with _folder(root, parents, path) as fd:
        if fd is None:
            return None
        try:
            handle = os.open(name, os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK, dir_fd=fd)
        except FileNotFoundError:
            return None
        except OSError as problem:
            if problem.errno in (errno.ELOOP, errno.EMLINK):
                raise Unsafe(f"{path} on the remote is a link; it is not followed") from None
            if problem.errno == errno.EISDIR:
                raise Unsafe(f"{path} on the remote is a folder, not a file") from None
            raise
    with os.fdopen(handle, "rb") as opened:
        info = os.fstat(opened.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Unsafe(f"{path} on the remote is not a regular file")
        if info.st_size > limit:
            raise too_large(path, limit)
        return read_capped(iter(lambda: opened.read(1 << 20), b""), path, limit)


def same_content(root: Path, path: str, data: bytes) -> bool:
    """True when the working copy holds exactly these bytes there, as a regular file."""
    try:
        return read_regular(root, path, len(data)) == data
    except (Unsafe, OSError):
        return False


def write_regular(root: Path, path: str, data: bytes) -> None:
    """Write a file, making folders on the way, never through a link."""
    *parents, name = path.split("/")
    with _folder(root, parents, path, make=True) as fd:
        assert fd is not None
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW
        try:
            handle = os.open(name, flags, 0o644, dir_fd=fd)
        except OSError as problem:
            if problem.errno in (errno.ELOOP, errno.EMLINK, errno.EISDIR):
                raise Unsafe(f"{path} on the remote is a link or a folder; not written") from None
            raise
    with os.fdopen(handle, "wb") as out:
        out.write(data)


def check_own_folder(root: Path, folder: str, *, repair: bool) -> None:
    """Before anything is written: every part of my folder (pairs/<pair>/<me>/records) that
    exists is a real folder. repair: a link or file in my own folder (never above it) is
    removed - the link itself, nothing it points at - so the folder can be written anew."""
    parts = [*folder.split("/"), "records"]
    own_from = len(folder.split("/")) - 1  # pairs/<pair>/ is shared; <me>/ and below is mine
    current = root
    for number, part in enumerate(parts):
        current = current / part
        try:
            info = current.lstat()
        except FileNotFoundError:
            return
        if stat.S_ISDIR(info.st_mode):
            continue
        where = "/".join(parts[: number + 1])
        if repair and number >= own_from:
            current.unlink()
            return
        hint = " (`mentor sync --verify` rebuilds it)" if number >= own_from else ""
        raise Unsafe(
            f"{where} on the remote is a link or a file where a folder belongs (someone "
            f"else wrote it); nothing was written{hint}"
        )


def inside(path: str, allowed: tuple[str, ...]) -> bool:
    """A relative path of the shared place within one of the allowed prefixes (folders end
    with "/"), with no way out of it ("..", absolute, empty parts)."""
    parts = path.split("/")
    if path.startswith("/") or any(part in ("", ".", "..") for part in parts):
        return False
    return any(path == prefix or path.startswith(prefix) for prefix in allowed)
