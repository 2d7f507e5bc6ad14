"""`mentor init`, `mentor pair ...` and the error contract: in process on the frozen clock,
and through a real process where only a process tells (the entry point, exit statuses, a
closed pipe)."""

from __future__ import annotations

import json

from mentor_tui import __version__
from tests.cli.helpers import assert_one_line_error, mentor, mentor_process


def test_version_is_printed(home):
    result = mentor_process("--version", home=home)  # the real entry point, as installed
    assert result.returncode == 0
    assert result.stdout.strip() == f"mentor-tui {__version__}"
    assert not home.exists(), "--version must not touch the home"


def test_exit_statuses_of_a_real_process(home):
    """0, 1 for an error a user can act on, 2 for a usage error: as a shell sees them."""
    assert mentor("init", "--name", "Grace", "--timezone", "UTC", home=home).returncode == 0
    helped = mentor_process("--help", home=home)
    assert helped.returncode == 0 and helped.stderr == ""
    # The journal's quick path: an error without the price of importing SQLAlchemy.
    line = assert_one_line_error(mentor_process("journal", "add", "  ", home=home))
    assert line.startswith("mentor: the entry is empty")
    assert_one_line_error(mentor_process("pair", "frobnicate", home=home), code=2)


def test_init_then_pair_new_then_list_as_json(home):
    assert (
        mentor(
            "init", "--name", "Grace Hopper", "--timezone", "America/New_York", home=home
        ).returncode
        == 0
    )
    created = mentor(
        "pair",
        "new",
        "--with",
        "Ada Lovelace",
        "--their-timezone",
        "Europe/Berlin",
        "--cadence",
        "weekly",
        "--ends",
        "2027-06-30",
        "--purpose",
        "Grow into a staff engineer",
        "--json",
        home=home,
    )
    assert created.returncode == 0, created.stderr
    pair = json.loads(created.stdout)
    listed = json.loads(mentor("pair", "list", "--json", home=home).stdout)
    assert [p["id"] for p in listed] == [pair["id"]]
    assert listed[0]["mentee"]["display_name"] == "Ada Lovelace"
    assert listed[0]["cadence"] == "weekly" and listed[0]["planned_end_on"] == "2027-06-30"
    assert listed[0]["my_role"] == "mentor"


def test_home_flag_works_before_and_after_the_command(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert mentor("--home", str(first), "init", "--name", "A", "--timezone", "UTC").returncode == 0
    assert mentor("init", "--name", "B", "--timezone", "UTC", "--home", str(second)).returncode == 0
    assert (first / "mentor.db").exists() and (second / "mentor.db").exists()


def test_unknown_time_zone_is_one_line_and_exit_1(home):
    line = assert_one_line_error(
        mentor("init", "--name", "Ada", "--timezone", "Mars/Base", home=home)
    )
    assert "unknown time zone 'Mars/Base'" in line


def test_date_that_does_not_parse_is_one_line_and_exit_1(home):
    mentor("init", "--name", "Grace", "--timezone", "UTC", home=home)
    line = assert_one_line_error(
        mentor("pair", "new", "--with", "Ada", "--ends", "someday soon", home=home)
    )
    assert "cannot read 'someday soon' as a date" in line
    assert json.loads(mentor("pair", "list", "--json", home=home).stdout) == []


def test_unknown_pair_is_one_line_and_exit_1(home):
    mentor("init", "--name", "Grace", "--timezone", "UTC", home=home)
    mentor("pair", "new", "--with", "Ada", home=home)
    line = assert_one_line_error(mentor("pair", "show", "Linus", home=home))
    assert "no pair matches 'Linus'" in line


def test_commands_before_a_profile_say_what_to_do(home):
    line = assert_one_line_error(mentor("pair", "list", home=home))
    assert "mentor init" in line


def test_usage_errors_exit_2_with_one_line(home):
    assert_one_line_error(mentor("pair", "frobnicate", home=home), code=2)
    assert_one_line_error(mentor("--no-such-flag", home=home), code=2)


def test_markup_and_escape_codes_are_printed_literally_and_stored_faithfully(home):
    mentor("init", "--name", "Grace", "--timezone", "UTC", home=home)
    name = "Ada [bold red]Lovelace[/] \x1b[31mred\x1b[0m 漢字"
    assert mentor("pair", "new", "--with", name, home=home).returncode == 0
    shown = mentor("pair", "list", home=home).stdout
    assert "Ada [bold red]Lovelace[/]" in shown and "\x1b" not in shown
    stored = json.loads(mentor("pair", "list", "--json", home=home).stdout)
    assert stored[0]["mentee"]["display_name"] == name


def test_a_database_that_is_not_sqlite_is_a_one_line_error(home):
    home.mkdir(parents=True)
    (home / "mentor.db").write_text("this is not a database " * 200)
    line = assert_one_line_error(mentor("pair", "list", home=home))
    assert "database" in line


def test_a_closed_pipe_ends_quietly(home):
    """`mentor journal list | head -1`: the reader may go away; that is no error to print."""
    import os
    import subprocess
    import sys

    mentor("init", "--name", "Grace", "--timezone", "UTC", home=home)
    mentor("pair", "new", "--with", "Ada", home=home)
    mentor("journal", "add", "Something to list", home=home)
    # A real process: the point is the OS pipe and what Python does when it exits.
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    result = subprocess.run(
        [sys.executable, "-m", "mentor_tui", "journal", "list"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        env={**os.environ, "MENTOR_TUI_HOME": str(home)},
    )
    os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 1
