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

Each "mentor" and "python" step is a process of its own, forked from the namespace's
driver once that has imported what the commands import: the same entry point
(`python -m mentor_tui`'s `__main__`, or `-c` code), argv, environment and file
descriptors, its own exit status, and an interpreter's exit (atexit, finalizers, the
database closed); what it does not pay is Python's start and SQLAlchemy's import, about
1.5 s a step. tests/unit/test_quick_start.py checks what a cold process imports.
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
import gc, json, locale, os, runpy, signal, subprocess, sys, tempfile
folder, steps = sys.argv[1], json.loads(sys.argv[2])
home = os.path.join(folder, "home")
os.environ["MENTOR_TUI_HOME"] = home
env = dict(os.environ)
# What the commands past the quick path import (sqlmodel, the tables, SQLite's dialect)
# and the mappers they configure on their first query: over a second of CPU a process,
# paid once here, before anything is mounted. Each step's process starts from this one.
import importlib
import sqlalchemy.orm
for name in (
    "mentor_tui.cli", "mentor_tui.cli.core", "mentor_tui.cli.goals", "mentor_tui.cli.journal",
    "mentor_tui.models.db", "mentor_tui.models.migrations", "mentor_tui.models.tables",
    "mentor_tui.services.pairs", "mentor_tui.services.profile", "mentor_tui.services.goals",
    "mentor_tui.services.exchange", "sqlalchemy.dialects.sqlite",
):
    importlib.import_module(name)
sqlalchemy.orm.configure_mappers()
# What is loaded so far lives as long as each step's process: out of the collector's sight,
# a step's exit does not walk (and copy, page by page) all of it, which cost ~0.5 s a step.
gc.freeze()
ENCODING = locale.getpreferredencoding(False)


def child(kind, rest):
    signal.alarm(120)  # a step that hangs ends, as subprocess.run's timeout ended it
    if kind == "mentor":  # as `python -m mentor_tui REST`
        sys.argv = ["mentor", *rest]
        runpy.run_module("mentor_tui", run_name="__main__", alter_sys=True)
    else:  # as `python -c CODE HOME`
        sys.argv = ["-c", home]
        code = compile(rest[0], "<string>", "exec")
        exec(code, {"__name__": "__main__", "__builtins__": __builtins__})
    raise SystemExit(0)


def forked(kind, rest):
    # A process of its own (fork, not exec): its own stdout, stderr and exit status;
    # it ends as an interpreter does (SystemExit, or a traceback and status 1).
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        child(kind, rest)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    texts = []
    for file in (out, err):
        file.seek(0)
        text = file.read().decode(ENCODING)
        texts.append(text.replace("\r\n", "\n").replace("\r", "\n"))  # as text=True reads
        file.close()
    return {"code": code, "stdout": texts[0], "stderr": texts[1]}


results = []
for step in steps:
    kind, rest = step[0], step[1:]
    if kind in ("mentor", "python"):
        results.append(forked(kind, rest))
        continue
    if kind == "fill":
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
    if kind == "mount":
        command = ["mount", "-t", "tmpfs", "-o", f"size={rest[0]},mode=0700", "tmpfs", folder]
    else:  # read-only
        command = ["mount", "-o", "remount,ro", folder]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    results.append({"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr})
    if done.returncode:
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
