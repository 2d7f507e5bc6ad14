"""Storage failures at the command line and when the app starts: one line on stderr, exit 1,
no traceback. Reading still works on a read-only or full disk (tests/mounts.py)."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from mentor_tui.cli import main
from mentor_tui.models.migrations import LATEST_VERSION
from mentor_tui.paths import config_path, database_path
from tests.cli.helpers import assert_one_line_error, mentor
from tests.mounts import run_steps


def not_sqlite(home) -> str:
    path = database_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00not a database\n" * 100)
    return f"mentor: {path} is not a mentor-tui database (not SQLite)"


def newer(home) -> str:
    path = database_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as con:
        con.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    return (
        f"mentor: {path} was written by a newer mentor-tui "
        f"(schema {LATEST_VERSION + 1}, this one knows {LATEST_VERSION}); please upgrade"
    )


@pytest.mark.parametrize("damage", [not_sqlite, newer])
@pytest.mark.parametrize(
    "command",
    [("pair", "list"), ("journal", "list"), ("journal", "add", "a thought"), ("export",)],
)
def test_a_database_this_release_cannot_use_is_one_line(home, damage, command):
    expected = damage(home)
    assert assert_one_line_error(mentor(*command, home=home)) == expected


def test_a_database_busy_past_the_timeout_is_one_line(home, monkeypatch, capsys):
    assert main(["init", "--name", "Ada", "--timezone", "UTC"]) == 0
    capsys.readouterr()
    monkeypatch.setattr("mentor_tui.models.db.BUSY_TIMEOUT_MS", 20)
    holder = sqlite3.connect(database_path(home), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program, writing
    try:
        code = main(["init", "--name", "Ada Lovelace", "--timezone", "UTC"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err == "mentor: the database is busy: another program is writing to it (try again)\n"


# ---- the app's start -------------------------------------------------------------------


def bad_utf8(home) -> str:
    home.mkdir(parents=True, exist_ok=True)
    config_path(home).write_bytes(b'last_pair_id = "\xff\xfe"\n')
    return f"mentor: {config_path(home)} is damaged (not UTF-8 text): fix or remove it"


def bad_toml(home) -> str:
    home.mkdir(parents=True, exist_ok=True)
    config_path(home).write_text("last_pair_id = [unclosed\n", encoding="utf-8")
    return f"mentor: {config_path(home)} is damaged ("


@pytest.fixture
def app_run(monkeypatch):
    """The app's run, patched out: what it was given, instead of a terminal interface."""
    started: list[object] = []

    def run(store, home, *, demo, start_in):
        started.append(store)
        return 0

    monkeypatch.setattr("mentor_tui.cli.launch._run", run)
    return started


@pytest.mark.parametrize("damage", [bad_utf8, bad_toml, not_sqlite, newer])
def test_the_app_starts_as_the_cli_does_on_damage(home, capsys, app_run, damage):
    expected = damage(home)
    before = {p.name: p.read_bytes() for p in home.iterdir()}
    assert main([]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith(expected), err
    assert app_run == [], "the interface must not start"
    assert {p.name: p.read_bytes() for p in home.iterdir()} == before, "nothing rewritten"


def test_the_app_starts_on_a_sound_home(home, app_run):
    assert main(["init", "--name", "Ada", "--timezone", "UTC"]) == 0
    assert main([]) == 0 and len(app_run) == 1


def test_the_real_command_refuses_a_non_utf8_config_before_the_interface(home):
    expected = bad_utf8(home)
    try:
        result = mentor(home=home)
    except subprocess.TimeoutExpired:  # the interface started and waited for keys
        pytest.fail("the app started on a damaged config")
    assert assert_one_line_error(result) == expected


# ---- a read-only disk and a full one -----------------------------------------------------

SET_UP = [
    ["mentor", "init", "--name", "Ada Lovelace", "--timezone", "UTC"],
    ["mentor", "pair", "new", "--with", "Grace Hopper", "--their-timezone", "UTC"],
    ["mentor", "journal", "add", "first thought"],
]
READS = [
    ["mentor", "journal", "list"],
    ["mentor", "pair", "list"],
    ["mentor", "export", "--format", "json"],
]
WRITES = [
    ["mentor", "journal", "add", "a second thought"],
    ["mentor", "goal", "new", "--title", "Ship it"],
]


def check_reads_work_and_writes_fail(results, message: str) -> None:
    reads, writes = results[-len(READS + WRITES) : -len(WRITES)], results[-len(WRITES) :]
    assert all(r["code"] == 0 and not r["stderr"] for r in reads), reads
    assert "first thought" in reads[0]["stdout"] and "Grace Hopper" in reads[1]["stdout"]
    assert '"first thought"' in reads[2]["stdout"]
    for result in writes:
        assert (result["code"], result["stderr"]) == (1, f"mentor: {message}\n"), result


def test_a_read_only_home_lists_and_exports_and_writes_are_one_line(tmp_path):
    disk = tmp_path / "disk"
    steps = [["mount", "1m"], *SET_UP, ["read-only"], *READS, *WRITES]
    results = run_steps(disk, steps)
    assert all(r["code"] == 0 for r in results[: len(SET_UP) + 2]), results
    path = disk / "home" / "mentor.db"
    check_reads_work_and_writes_fail(results, f"the database is read-only: {path}")


def test_a_full_disk_lists_and_exports_and_writes_are_one_line(tmp_path):
    disk = tmp_path / "disk"
    steps = [["mount", "1m"], *SET_UP, ["fill"], *READS, *WRITES]
    results = run_steps(disk, steps)
    assert all(r["code"] == 0 for r in results[: len(SET_UP) + 2]), results
    path = disk / "home" / "mentor.db"
    check_reads_work_and_writes_fail(
        results, f"the disk is full: {path} cannot be written (free some space and try again)"
    )
