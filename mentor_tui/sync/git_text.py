"""Small pieces of the git backend that need no repository: what a git command line is,
what git answered, what a clone's config says, a blob's id."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

# Commands that never move a ref (add and rm change only the index, which nothing looked
# up depends on): what was looked up stays true across them. Any other command forgets it
# all (a ref, a tree or a listing is then looked up again).
REFS_KEPT = frozenset({"rev-parse", "cat-file", "ls-tree", "rev-list", "diff", "add", "rm"})
_OBJECT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
# What `cat-file --batch-check` says of a name: (object id, type, size), None when missing.
Found = tuple[str, str, int] | None


def redact_url(url: str) -> str:
    """A URL without user info (https://user:token@host/x -> https://host/x)."""
    return re.sub(r"(?<=://)[^/@\s]*@", "", url)


def last_line(text: str, secret_url: str) -> str:
    # git's "hint:" lines follow the error they explain: the error is the line to show.
    lines = [
        line.strip()
        for line in text.strip().splitlines()
        if line.strip() and not line.lstrip().startswith("hint:")
    ]
    line = lines[-1] if lines else "no details"
    line = line.replace(secret_url, redact_url(secret_url))
    return redact_url(re.sub(r"^(fatal|error): ", "", line))[:200]


def symlinks_off(config: Path) -> bool:
    """True when the clone's own config surely says core.symlinks=false (the last value
    wins, as in git); when unsure (unreadable, an include), False: git is asked to set it."""
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    section, value = "", ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            section = line.strip("[]").strip().lower()
            if section.startswith("include"):
                return False
        elif section == "core":
            key, _, found = line.partition("=")
            if key.strip().lower() == "symlinks":
                value = found.strip().lower()
    return value == "false"


def verb(args: tuple[str, ...]) -> str:
    """The git command in args, after any `-c name=value` options."""
    rest = list(args)
    while rest[:1] == ["-c"]:
        rest = rest[2:]
    return rest[0] if rest else ""


def blob_id(data: bytes) -> str:
    """The id git gives a file with this content (SHA-1 repositories)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def parse_found(answer: str) -> Found:
    """One line of `cat-file --batch-check`: "<oid> <type> <size>", or "<name> missing"."""
    oid, _, rest = answer.partition(" ")
    kind, _, size = rest.partition(" ")
    return (oid, kind, int(size)) if _OBJECT.fullmatch(oid) and size.isdigit() else None
