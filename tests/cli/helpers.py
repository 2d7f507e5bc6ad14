"""Run the `mentor` command and see what a user's shell would see: exit code, stdout, stderr.

`mentor(...)` runs `main(argv)` in this process on the tests' frozen clock: no interpreter
start and no SQLAlchemy import per call, so hundreds of commands take seconds. Each call
is made to look like a fresh process: its own stdin (empty and not a terminal unless
`input` is given), its own environment, cwd, keyring backend and logging handlers put back
afterwards, and the per-run password memory forgotten.

`mentor_process(...)` runs the real `python -m mentor_tui`, for the few things only a
process shows: what a command imports, a closed pipe, exit codes through a real shell.
"""

from __future__ import annotations

import contextlib
import copy
import io
import logging
import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import pytest

from mentor_tui.clock import Clock, FrozenClock
from tests.conftest import FROZEN_NOW

Result = subprocess.CompletedProcess[str]
T = TypeVar("T")


def mentor(
    *args: str,
    home: Path | None = None,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    clock: Clock | None = None,
) -> Result:
    """`mentor ARGS` in process, on `clock` (default: the frozen FROZEN_NOW)."""
    from mentor_tui.cli import main

    argv = list(args)
    out, err = io.StringIO(), io.StringIO()
    with (
        _like_a_fresh_process(home, env, stdin=input or ""),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = main(argv, clock=clock or FrozenClock(FROZEN_NOW))
        except SystemExit as leaving:  # argparse: usage errors, --help, --version
            code = _exit_status(leaving.code)
        except Exception:  # what the interpreter would do with an uncaught error
            traceback.print_exc()
            code = 1
    return subprocess.CompletedProcess(["mentor", *argv], code, out.getvalue(), err.getvalue())


def mentor_process(
    *args: str,
    home: Path | None = None,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Result:
    """`python -m mentor_tui ARGS` as a real process, on the system clock."""
    environment = {**os.environ, **(env or {})}
    if home is not None:
        environment["MENTOR_TUI_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "mentor_tui", *args],
        capture_output=True,
        text=True,
        env=environment,
        input=input,
        timeout=120,
    )


def _exit_status(code: object) -> int:
    """sys.exit's argument as a process's exit status (a text is printed, status 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


@contextlib.contextmanager
def _like_a_fresh_process(
    home: Path | None, env: Mapping[str, str] | None, *, stdin: str
) -> Iterator[None]:
    import keyring

    changes = dict(env or {})
    if home is not None:
        changes["MENTOR_TUI_HOME"] = str(home)
    saved_env = {name: os.environ.get(name) for name in changes}
    saved_stdin, saved_cwd, saved_keyring = sys.stdin, os.getcwd(), keyring.get_keyring()
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    os.environ.update(changes)
    sys.stdin = io.StringIO(stdin)  # a pipe's worth of text, and not a terminal
    try:
        # A process reads PYTHON_KEYRING_BACKEND when it starts; the test's in-memory
        # keyring stands in for the system one otherwise.
        chosen = keyring.core.load_env() if "PYTHON_KEYRING_BACKEND" in changes else None
        if chosen is not None:
            keyring.set_keyring(chosen)
        yield
    finally:
        sys.stdin = saved_stdin
        os.chdir(saved_cwd)
        keyring.set_keyring(saved_keyring)
        root.handlers[:], root.level = saved_handlers, saved_level
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        # Passwords asked for (or set up) in this run live in memory until the process
        # ends; forget them, as the end of a process would.
        credentials = sys.modules.get("mentor_tui.sync.credentials")
        if credentials is not None:
            credentials.forget_run_passwords()


def assert_one_line_error(result: Result, code: int = 1) -> str:
    """Exit `code`, exactly one line on stderr, and no traceback anywhere."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# name -> (a copy of the home as built, what the build returned); one per test process.
_BUILT: dict[str, tuple[Path, Any]] = {}


def home_built_once(
    name: str, home: Path, tmp_path_factory: pytest.TempPathFactory, build: Callable[[], T]
) -> T:
    """What `build()` makes in `home`, built once per test process: the first test to ask
    builds it in its own isolated home and a copy is kept; each later one gets a copy of
    those files (its own, fresh) and what the build returned, without running it again.
    `build` must leave no store open and return only what holds for every copy (ids)."""
    if name in _BUILT:
        kept, value = _BUILT[name]
        shutil.copytree(kept, home, dirs_exist_ok=True)
        return copy.deepcopy(value)
    value = build()
    kept = tmp_path_factory.mktemp(f"built-{name}")
    shutil.copytree(home, kept, dirs_exist_ok=True)
    assert not list(kept.rglob("*-wal")), "a store was left open: the copy could miss writes"
    _BUILT[name] = (kept, copy.deepcopy(value))
    return value
