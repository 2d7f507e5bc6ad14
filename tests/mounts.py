"""Real read-only and full disks for storage tests: a tmpfs mounted in a private mount
namespace (`unshare --mount`), so nothing is visible outside the test and nothing is left
mounted if it dies. Needs root (tests run as root here) and permission to unshare; tests
skip with the reason otherwise. Permission bits cannot stand in: root ignores them, while
a read-only mount (EROFS) and a full tmpfs (ENOSPC) stop root too.

`run_steps(folder, steps)` runs, in the namespace, steps such as
    ["mount", "1m"]                   a tmpfs of that size on `folder`
    ["mentor", "journal", "list"]     the real command, MENTOR_TUI_HOME=folder/home
    ["python", "code"]                code in a fresh interpreter (HOME is the home path)
    ["fill"]                          fill the disk to the last byte
    ["read-only"]                     remount it read-only
and returns one {"code", "stdout", "stderr"} per step; `folder` is unmounted after.

One namespace serves a test process: a driver started in it at the first call, which
imports what the commands import once. Each "mentor" and "python" step is a process of
its own, forked from that driver: the same entry point (`python -m mentor_tui`'s
`__main__`, or `-c` code), argv, environment (the test's, sent with each call) and exit
status, stdin empty, an interpreter's exit (atexit, finalizers, the database closed);
what it does not pay is Python's start and SQLAlchemy's import, over a second a step.
tests/unit/test_quick_start.py checks what a cold process imports.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

DRIVER = r"""
import gc, json, locale, os, runpy, signal, subprocess, sys, tempfile, time
# Calls arrive on stdin and answers leave on stdout, one JSON line each; the steps'
# processes get neither: stdin is empty for them, and stdout their own file.
calls, answers = os.fdopen(os.dup(0), "r"), os.fdopen(os.dup(1), "w")
os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
# What the commands past the quick path import (sqlmodel, the tables, SQLite's dialect)
# and the mappers they configure on their first query: over a second of CPU a process,
# paid once here. Nothing here reads the environment or a home.
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


def child(kind, rest, home):
    signal.alarm(120)  # a step that hangs ends, as subprocess.run's timeout ended it
    if kind == "mentor":  # as `python -m mentor_tui REST`
        sys.argv = ["mentor", *rest]
        runpy.run_module("mentor_tui", run_name="__main__", alter_sys=True)
    else:  # as `python -c CODE HOME`
        sys.argv = ["-c", home]
        code = compile(rest[0], "<string>", "exec")
        exec(code, {"__name__": "__main__", "__builtins__": __builtins__})
    raise SystemExit(0)


def forked(kind, rest, home):
    # A process of its own (fork, not exec): its own stdout, stderr and exit status;
    # it ends as an interpreter does (SystemExit, or a traceback and status 1): the step's
    # exception unwinds through this driver's frames to the top, so no frame between the
    # fork and the top may hold a `finally`, `with` or `except` (a `finally` that
    # unmounted once ran in a step's process, and the next steps wrote to the real disk).
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        calls.close()
        answers.close()
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        child(kind, rest, home)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    texts = []
    for file in (out, err):
        file.seek(0)
        text = file.read().decode(ENCODING)
        texts.append(text.replace("\r\n", "\n").replace("\r", "\n"))  # as text=True reads
        file.close()
    return {"code": code, "stdout": texts[0], "stderr": texts[1]}


def fill(folder):
    if not small_tmpfs(folder):  # never the real disk
        return {"code": 1, "stdout": "", "stderr": f"{folder} is not the test's tmpfs\n"}
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
    return {"code": 0, "stdout": "", "stderr": ""}


def small_tmpfs(folder):
    found = os.statvfs(folder)
    return os.path.ismount(folder) and found.f_blocks * found.f_frsize <= 64 << 20


def run(folder, steps, env):
    home = os.path.join(folder, "home")
    os.environ.clear()
    os.environ.update(env, MENTOR_TUI_HOME=home)
    time.tzset()
    results = []
    mounted = False
    for step in steps:
        kind, rest = step[0], step[1:]
        if mounted and not small_tmpfs(folder):  # a step must not reach the real disk
            results.append({"code": 1, "stdout": "", "stderr": f"{folder} was unmounted\n"})
            break
        if kind in ("mentor", "python"):
            results.append(forked(kind, rest, home))
            continue
        if kind == "fill":
            results.append(fill(folder))
            continue
        if kind == "mount":
            command = ["mount", "-t", "tmpfs", "-o", f"size={rest[0]},mode=0700", "tmpfs", folder]
        else:  # read-only
            command = ["mount", "-o", "remount,ro", folder]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        results.append({"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr})
        if done.returncode:
            break
        mounted = True
    return results


answers.write("ready\n")
answers.flush()
DRIVER_PID = os.getpid()
for line in calls:
    call = json.loads(line)
    results = run(call["folder"], call["steps"], call["env"])  # no `finally`: see forked
    assert os.getpid() == DRIVER_PID, "a step's process came back into the driver"
    # The next call's disk is another folder: this one goes, as the namespace did.
    subprocess.run(["umount", "-l", call["folder"]], capture_output=True, timeout=120)
    answers.write(json.dumps(results) + "\n")
    answers.flush()
"""


class _Namespace:
    """The driver in its namespace, for this test process; started at the first call."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        # Its stderr, read when it fails; open while this test process lives.
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115
        self.refused = ""  # why a namespace cannot be made here, once known

    def start(self) -> subprocess.Popen[str]:
        if self.refused:
            pytest.skip(self.refused)
        if self.process is None:
            process = subprocess.Popen(
                [
                    *("unshare", "--mount", "--propagation", "private"),
                    *(sys.executable, "-c", DRIVER),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.errors,
                text=True,
            )
            assert process.stdout is not None
            if process.stdout.readline() != "ready\n":
                process.wait(timeout=60)
                self.refused = f"cannot make a private mount namespace: {self.stderr()[:200]}"
                pytest.skip(self.refused)
            self.process = process
            atexit.register(self.stop)
        return self.process

    def call(self, folder: Path, steps: list[list[str]]) -> list[dict[str, Any]]:
        process = self.start()
        assert process.stdin is not None and process.stdout is not None
        call = {"folder": str(folder), "steps": steps, "env": dict(os.environ)}
        try:
            process.stdin.write(json.dumps(call) + "\n")
            process.stdin.flush()
            answer = process.stdout.readline()
        except BrokenPipeError:
            answer = ""
        if not answer:  # it died; the next call starts another
            self.process = None
            pytest.fail(f"the mount namespace's driver ended: {self.stderr()[-2000:]}")
        results: list[dict[str, Any]] = json.loads(answer)
        return results

    def stderr(self) -> str:
        self.errors.seek(0)
        return self.errors.read().decode(errors="replace").strip()

    def stop(self) -> None:
        if self.process is not None and self.process.stdin is not None:
            self.process.stdin.close()
            self.process.wait(timeout=60)
            self.process = None


_NAMESPACE = _Namespace()


def run_steps(folder: Path, steps: list[list[str]]) -> list[dict[str, Any]]:
    """Run the steps in a private mount namespace; skip the test when that is impossible."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to mount a private tmpfs")
    folder.mkdir(parents=True, exist_ok=True)
    results = _NAMESPACE.call(folder, steps)
    for step, result in zip(steps, results, strict=False):
        if step[0] in ("mount", "read-only") and result["code"]:
            pytest.skip(f"cannot mount a tmpfs here: {result['stderr'].strip()[:200]}")
    return results
