"""A draft survives a real process killed with SIGKILL: `mentor` runs in a tmux pane on the
test's home, the journal editor gets some text, the process is killed once the draft is on
disk, and the next `mentor` offers the text back in the same editor.

Under load this is slow, never flaky: every step waits for what it needs (the screen
showing it, the draft file holding it), polled with a generous limit, and nothing asserts
how long anything took. It is marked `real_terminal` (`-m "not real_terminal"` skips it)
and skipped where tmux is missing.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mentor_tui.services.drafts import DraftKey, load_draft

TMUX = shutil.which("tmux")
LIMIT = 180.0  # seconds a step may take on a loaded machine before the test gives up
TYPED = "Killed mid-thought, kept anyway"

pytestmark = [
    pytest.mark.real_terminal,
    pytest.mark.skipif(TMUX is None, reason="needs tmux"),
]


def wait_until(what: str, check: Callable[[], object], shown: Callable[[], str]) -> None:
    """Poll until `check()` is truthy; fail only after LIMIT seconds of never, with what
    the terminal showed."""
    deadline = time.monotonic() + LIMIT
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}; the terminal shows:\n{shown()}")
        time.sleep(0.2)


class Tmux:
    """A private tmux server (its own socket and config) for one test."""

    def __init__(self, folder: Path) -> None:
        self.socket = folder / "tmux.sock"
        # A dead pane stays, with what it showed last: an app that failed can say why.
        self.config = folder / "tmux.conf"
        self.config.write_text("set -g remain-on-exit on\nset -g default-size 120x40\n")

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        assert TMUX is not None
        return subprocess.run(
            [TMUX, "-S", str(self.socket), "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=check,
        )

    def start(self, name: str, command: list[str]) -> int:
        """`command` in a new 120x40 pane; the pane's process id (the command itself)."""
        # The pane's own size, not one the test runner's environment may claim.
        shell = "exec env -u COLUMNS -u LINES " + " ".join(shlex.quote(p) for p in command)
        self.run("new-session", "-d", "-s", name, "-x", "120", "-y", "40", shell)
        return int(self.run("display-message", "-p", "-t", name, "#{pane_pid}").stdout)

    def screen(self, name: str) -> str:
        shown = self.run("capture-pane", "-p", "-t", name, check=False)
        return shown.stdout if shown.returncode == 0 else ""

    def alive(self, name: str) -> bool:
        shown = self.run("display-message", "-p", "-t", name, "#{pane_dead}", check=False)
        return shown.returncode == 0 and shown.stdout.strip() == "0"

    def keys(self, name: str, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", name, *(["-l"] if literal else []), *keys)

    def waiter(self, name: str) -> Callable[[str, Callable[[], object]], None]:
        """wait_until, showing this pane when it gives up."""
        return lambda what, check: wait_until(what, check, lambda: self.screen(name))

    def close(self) -> None:
        self.run("kill-server", check=False)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    # A short folder of its own: a unix socket's path has a small limit.
    folder = Path(tempfile.mkdtemp(prefix="mt-tmux-"))
    server = Tmux(folder)
    yield server
    server.close()
    shutil.rmtree(folder, ignore_errors=True)


def mentor_command() -> list[str]:
    script = Path(sys.executable).parent / "mentor"
    base = [str(script)] if script.exists() else [sys.executable, "-m", "mentor_tui"]
    return [*base, "--open", "journal"]


def open_new_entry(tmux: Tmux, name: str) -> None:
    """From the journal list, `a`: the editor, known by its hint line."""
    wait = tmux.waiter(name)
    wait("the journal list", lambda: "No entries" in tmux.screen(name))
    tmux.keys(name, "a")
    wait("the journal editor", lambda: "ctrl+e opens $EDITOR" in tmux.screen(name))


def test_a_journal_draft_survives_sigkill_and_is_offered_back(
    tmux: Tmux, home: Path, pair, store
) -> None:
    store.close()  # the app processes own the database from here
    key = DraftKey("journal", None, pair.id)

    def drafted() -> bool:
        draft = load_draft(home, key)
        return draft is not None and draft.values.get("entry-body") == TYPED

    pid = tmux.start("first", mentor_command())
    open_new_entry(tmux, "first")
    wait = tmux.waiter("first")
    tmux.keys("first", TYPED, literal=True)
    wait("the text on screen", lambda: TYPED in tmux.screen("first"))
    wait("the draft on disk", drafted)
    os.kill(pid, signal.SIGKILL)  # no chance to clean up, save or say goodbye
    wait("the process gone", lambda: not tmux.alive("first"))
    assert drafted(), "the killed process left its draft"

    tmux.start("second", mentor_command())
    open_new_entry(tmux, "second")
    wait = tmux.waiter("second")
    wait("the draft offered back", lambda: TYPED in tmux.screen("second"))
    wait("the notice", lambda: "Restored your unsaved" in tmux.screen("second"))
    assert drafted(), "offered back, not dropped: nothing was saved or discarded"
