"""Reading the home's own small files (templates, drafts) the way partner data is read:
never through a link, never a FIFO or a device, never more than a bound."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


class UnsafeFile(ValueError):
    """A link, or something that is not a regular file (a FIFO would block, a device never
    end); its words finish "... is skipped: it ..."."""


def read_regular(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of the regular file at `path` (one more than the bound, so
    the caller can tell a file that is too long). OSError when it cannot be read."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as problem:
        if problem.errno == errno.ELOOP:
            raise UnsafeFile("is a link") from None
        raise
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise UnsafeFile("is not a regular file")
        return handle.read(limit + 1)
