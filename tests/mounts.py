"""Real read-only and full disks for storage tests: a tmpfs mounted in a private mount
namespace (`unshare --mount`), so nothing is visible outside the test and nothing is left
mounted if it dies. Needs root (tests run as root here) and permission to unshare; tests
skip with the reason otherwise. Permission bits cannot stand in: root ignores them, while
a read-only mount (EROFS) and a full tmpfs (ENOSPC) stop root too.

`run_steps(folder, steps)` runs, in one namespace, steps such as
    ["mount", "1m"]                   a tmpfs of that size on `folder`
    ["mentor", "journal", "list"]     the real command, MENTOR_TUI_HOME=folder/home
    ["python", "code"]                code in a fresh interpreter (HOME is the home path)
    ["fill"]                          fill the disk to the last byte
    ["read-only"]                     remount it read-only
and returns one {"code", "stdout", "stderr"} per step.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

DRIVER = r"""
import json, os, subprocess, sys
folder, steps = sys.argv[1], json.loads(sys.argv[2])
home = os.path.join(folder, "home")
env = {**os.environ, "MENTOR_TUI_HOME": home}
results = []
for step in steps:
    kind, rest = step[0], step[1:]
    if kind == "mount":
        command = ["mount", "-t", "tmpfs", "-o", f"size={rest[0]},mode=0700", "tmpfs", folder]
    elif kind == "read-only":
        command = ["mount", "-o", "remount,ro", folder]
    elif kind == "mentor":
        command = [sys.executable, "-m", "mentor_tui", *rest]
    elif kind == "python":
        command = [sys.executable, "-c", rest[0], home]
    elif kind == "fill":
        fd = os.open(os.path.join(folder, "filler"), os.O_CREAT | os.O_WRONLY)
        try:
            for size in (1 << 16, 1 << 10, 1):
                try:
                    while True:
                        os.write(fd, b"x" * size)
                except OSError:
                    pass
        finally:
            os.close(fd)
        results.append({"code": 0, "stdout": "", "stderr": ""})
        continue
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    results.append({"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr})
    if kind in ("mount", "read-only") and done.returncode:
        break
print(json.dumps(results))
"""


def run_steps(folder: Path, steps: list[list[str]]) -> list[dict[str, Any]]:
    """Run the steps in a private mount namespace; skip the test when that is impossible."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to mount a private tmpfs")
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            *("unshare", "--mount", "--propagation", "private"),
            *(sys.executable, "-c", DRIVER, str(folder), json.dumps(steps)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode:
        pytest.skip(f"cannot make a private mount namespace: {done.stderr.strip()[:200]}")
    results: list[dict[str, Any]] = json.loads(done.stdout)
    for step, result in zip(steps, results, strict=False):
        if step[0] in ("mount", "read-only") and result["code"]:
            pytest.skip(f"cannot mount a tmpfs here: {result['stderr'].strip()[:200]}")
    return results
