"""The in-process runner (tests/cli/helpers.py) behaves like a fresh process each time."""

from __future__ import annotations

import json
import os
import sys

from mentor_tui import __version__
from tests.cli.helpers import mentor


def test_argparse_exits_become_the_exit_status(home):
    version = mentor("--version", home=home)
    assert (version.returncode, version.stdout) == (0, f"mentor-tui {__version__}\n")
    helped = mentor("journal", "--help", home=home)
    assert helped.returncode == 0 and "journal commands" in helped.stdout
    usage = mentor("--no-such-flag", home=home)
    assert usage.returncode == 2 and usage.stderr.startswith("mentor: unrecognized arguments")


def test_nothing_of_a_run_stays_behind(home, tmp_path):
    stdin, cwd = sys.stdin, os.getcwd()
    other = tmp_path / "other"
    done = mentor(
        "init",
        "--name",
        "Grace",
        "--timezone",
        "UTC",
        home=other,
        input="ignored",
        env={"MENTOR_TUI_WEBDAV_PASSWORD": "pw"},
    )
    assert done.returncode == 0, done.stderr
    assert (other / "mentor.db").exists() and not home.exists()
    assert os.environ["MENTOR_TUI_HOME"] == str(home)
    assert "MENTOR_TUI_WEBDAV_PASSWORD" not in os.environ
    assert (sys.stdin, os.getcwd()) == (stdin, cwd)


def test_stdin_is_a_pipe_not_a_terminal(home):
    mentor("init", "--name", "Ada", "--timezone", "UTC", home=home)
    piped = mentor("journal", "add", "--json", home=home, input="From a pipe")
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["title"] == "From a pipe"
    # No input at all reads as an empty pipe, never as a terminal to ask on.
    empty = mentor("journal", "add", home=home)
    assert empty.returncode == 1 and "the entry is empty" in empty.stderr
