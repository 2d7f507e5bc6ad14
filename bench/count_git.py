"""Count the git processes the code spawns, by command and by call site, while pytest runs
the given tests in this process: `.venv/bin/python bench/count_git.py tests/program/x.py`.
No conftest: subprocess.Popen is wrapped before pytest starts."""

from __future__ import annotations

import subprocess
import sys
import traceback
from collections import Counter
from typing import Any

import pytest

by_command: Counter[str] = Counter()
by_site: Counter[str] = Counter()
_original = subprocess.Popen.__init__


def _site() -> str:
    """The innermost mentor_tui frame that is not the git runner itself, and its method."""
    frames = [f for f in traceback.extract_stack()[:-3] if "/mentor_tui/" in f.filename]
    names = [f"{f.filename.split('/mentor_tui/')[1]}:{f.name}" for f in frames]
    inner = [n for n in names if not n.endswith(("_git", "_has_ref", "_lookup", "_oid"))]
    return " <- ".join(reversed(inner[-2:])) if inner else "tests"


def _counting(self: Any, args: Any, *rest: Any, **kw: Any) -> None:
    if isinstance(args, (list, tuple)) and args and str(args[0]) == "git":
        words = [str(a) for a in args[1:]]
        if words[:1] == ["-C"]:
            words = words[2:]
        while words[:1] == ["-c"]:
            words = words[2:]
        command = " ".join(words[:2]) if words[:1] in (["rev-parse"], ["cat-file"]) else words[0]
        by_command[command] += 1
        by_site[f"{command:18} {_site()}"] += 1
    _original(self, args, *rest, **kw)


subprocess.Popen.__init__ = _counting  # type: ignore[method-assign]

if __name__ == "__main__":
    code = pytest.main(["-q", "-p", "no:cacheprovider", "-p", "no:xdist", *sys.argv[1:]])
    print(f"\ngit processes: {sum(by_command.values())}")
    for name, count in by_command.most_common():
        print(f"{count:6}  {name}")
    print("\nby call site:")
    for name, count in by_site.most_common(40):
        print(f"{count:6}  {name}")
    sys.exit(code)
