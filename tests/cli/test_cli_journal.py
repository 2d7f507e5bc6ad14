"""`mentor journal ...` as a shell sees it: exit codes, stdout, stderr (in process, on the
frozen clock; the quick path's imports through a real process)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mentor_tui.clock import FrozenClock
from tests.cli.helpers import mentor, mentor_process
from tests.conftest import FROZEN_NOW

SAMPLES = Path(__file__).parent.parent / "fixtures" / "jrnl"


@pytest.fixture
def ada(home):
    assert mentor("init", "--name", "Ada Lovelace", "--timezone", "Europe/Berlin").returncode == 0
    made = mentor(
        "pair",
        "new",
        "--with",
        "Grace Hopper",
        "--role",
        "mentee",
        "--their-timezone",
        "America/New_York",
    )
    assert made.returncode == 0, made.stderr
    return home


def test_add_and_list(ada):
    added = mentor("journal", "add", "Learned about FTS5. It is fast @sqlite", "--tag", "db")
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Added (private, ")
    a_minute_later = FrozenClock(FROZEN_NOW + timedelta(minutes=1))  # newest first needs a newer
    mentor("journal", "add", "Second thought", "--share", clock=a_minute_later)
    listed = json.loads(mentor("journal", "list", "--json").stdout)
    assert [e["title"] for e in listed] == ["Second thought", "Learned about FTS5."]
    assert listed[1]["tags"] == ["db", "sqlite"] and listed[1]["body"] == "It is fast @sqlite"
    assert listed[0]["shared"] and not listed[1]["shared"]
    text = mentor("journal", "list").stdout
    assert "shared   Second thought" in text and "private  Learned about FTS5. @db" in text


def test_search_prints_structured_matches(ada):
    mentor("journal", "add", "Kafka consumer lag. The consumer fell behind")
    mentor("journal", "add", "Nothing to see")
    found = mentor("journal", "list", "--search", "consum", "-n", "20", "--json")
    rows = json.loads(found.stdout)
    assert len(rows) == 1
    assert ["consumer", True] in rows[0]["title_spans"]
    plain = mentor("journal", "list", "--search", "consumer").stdout
    assert "Kafka consumer lag." in plain and "\x1b[" not in plain  # not a terminal
    assert mentor("journal", "list", "--search", "zebra").stdout == "No entries match.\n"


def test_filters(ada):
    mentor("journal", "add", "Tagged @career")
    mentor("journal", "add", "Other")
    assert len(json.loads(mentor("journal", "list", "--tag", "career", "--json").stdout)) == 1
    since = json.loads(mentor("journal", "list", "--since", "tomorrow", "--json").stdout)
    assert since == []
    assert len(json.loads(mentor("journal", "list", "--until", "today", "--json").stdout)) == 2


def test_text_from_stdin_and_terminal_escapes_are_neutralised(ada):
    added = mentor("journal", "add", input="Evil \x1b[31mred\x1b[0m title")
    assert added.returncode == 0
    assert "\x1b" not in added.stdout and "\\x1b[31mred" in added.stdout
    entry = json.loads(mentor("journal", "list", "--json").stdout)[0]
    assert entry["title"] == "Evil \x1b[31mred\x1b[0m title"  # stored exactly


def test_share_and_unshare(ada):
    mentor("journal", "add", "To share")
    entry_id = json.loads(mentor("journal", "list", "--json").stdout)[0]["id"]
    assert mentor("journal", "share", entry_id[:8]).stdout.startswith("Shared: To share")
    assert json.loads(mentor("journal", "list", "--shared", "--json").stdout)[0]["shared"]
    assert mentor("journal", "share", entry_id[:8], "--off").returncode == 0
    assert json.loads(mentor("journal", "list", "--shared", "--json").stdout) == []


def test_import_jrnl(ada):
    done = mentor("journal", "import", "--format", "jrnl", str(SAMPLES / "journal.txt"))
    assert done.returncode == 0, done.stderr
    assert "6 entries added, 0 already there" in done.stdout
    again = mentor("journal", "import", "--format", "jrnl", str(SAMPLES / "export.json"))
    assert "0 entries added, 6 already there" in again.stdout
    rows = json.loads(mentor("journal", "list", "--tag", "testing", "--json").stdout)
    assert rows[0]["written_at"] == "2024-01-05T08:12:00.000000Z"  # 09:12 in Berlin


@pytest.mark.parametrize(
    "args,code,message",
    [
        (("journal", "add", "  "), 1, "the entry is empty"),
        (("journal", "add", "x", "--tag", "bad!"), 1, "is not a tag"),
        (("journal", "list", "-n", "0"), 2, "positive number"),
        (("journal", "list", "--since", "someday"), 1, "cannot read 'someday'"),
        (("journal", "import", "--format", "jrnl", "/nonexistent"), 1, "no such file"),
        (("journal", "share", "ab"), 2, "at least 4"),
    ],
)
def test_errors_are_one_line(ada, args, code, message):
    done = mentor(*args)
    assert done.returncode == code
    assert message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_without_a_profile(home):
    done = mentor("journal", "add", "x")
    assert done.returncode == 1 and "no profile yet" in done.stderr


def test_share_without_a_pair_and_with_several(home):
    mentor("init", "--name", "Grace", "--timezone", "UTC")
    assert "no pairs yet" in mentor("journal", "add", "x", "--share").stderr
    assert mentor("journal", "add", "private note without a pair").returncode == 0
    mentor("pair", "new", "--with", "Ada")
    mentor("pair", "new", "--with", "Katherine")
    done = mentor("journal", "add", "for Ada", "--pair", "Ada", "--share", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["shared"]
    assert "several pairs" in mentor("journal", "add", "x", "--share").stderr


def test_the_quick_path_runs_on_the_commands_clock(ada):
    """`journal add` and `journal list` skip the Store, but not the clock main was given."""
    added = json.loads(mentor("journal", "add", "On the frozen clock", "--json").stdout)
    assert added["written_at"] == "2026-11-16T09:30:00.000000Z"
    # 21:00 in New York on the 16th is already the 17th in UTC: "today" is the viewer's.
    late = FrozenClock(datetime(2026, 11, 17, 2, 0, tzinfo=UTC))
    assert mentor("init", "--name", "Ada", "--timezone", "America/New_York").returncode == 0
    today = mentor("journal", "list", "--since", "today", "--json", clock=late)
    assert [e["title"] for e in json.loads(today.stdout)] == ["On the frozen clock"]
    tomorrow = mentor("journal", "list", "--since", "tomorrow", "--json", clock=late)
    assert json.loads(tomorrow.stdout) == []


# What `journal add` and `journal list` may import of mentor_tui: a module added here makes
# every capture from the shell slower; add it only on purpose (issue 13).
QUICK_MODULES = {
    "mentor_tui",
    "mentor_tui.__main__",
    "mentor_tui.cli",
    "mentor_tui.cli.common",
    "mentor_tui.cli.journal",
    "mentor_tui.clock",
    "mentor_tui.config",
    "mentor_tui.dates",  # journal list only
    "mentor_tui.errors",
    "mentor_tui.models",
    "mentor_tui.models.journal_quick",
    "mentor_tui.models.journal_sql",
    "mentor_tui.models.limits",
    "mentor_tui.models.utc",
    "mentor_tui.paths",
    "mentor_tui.services",
    "mentor_tui.services.text",
}
# What they must not import: the storage stack and the interface, and what the quick path
# does without (tomllib: the config's plain lines; uuid: os.urandom; dataclasses with
# inspect: NamedTuples; json: only --json; shutil: argparse's width, only for help).
NEVER_ON_THE_QUICK_PATH = {
    "sqlalchemy",
    "sqlmodel",
    "textual",
    "rich",
    "pendulum",
    "keyring",
    "platformdirs",
    "tomllib",
    "uuid",
    "dataclasses",
    "inspect",
    "json",
    "shutil",
}


def test_the_quick_path_never_imports_sqlalchemy(ada, home):
    """What a real process imports: `journal add` and `journal list` stay off SQLAlchemy,
    and import only the modules they need (issue 13 pins them), a current pair chosen."""
    assert mentor("pair", "use", "Grace").returncode == 0
    assert "last_pair_id" in (home / "config.toml").read_text()
    importtime = {"PYTHONPROFILEIMPORTTIME": "1"}  # one stderr line per imported module
    added = mentor_process("journal", "add", "Fast from the shell", env=importtime)
    assert added.returncode == 0 and added.stdout.startswith("Added (private, ")
    listed = mentor_process("journal", "list", env=importtime)
    assert listed.returncode == 0 and "Fast from the shell" in listed.stdout
    searched = mentor_process("journal", "list", "--search", "fast", "-n", "5", env=importtime)
    assert searched.returncode == 0 and "Fast from the shell" in searched.stdout
    for run in (added, listed, searched):
        imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()}
        assert "mentor_tui.models.journal_sql" in imported  # the quick path was taken
        assert {m for m in imported if m.startswith("mentor_tui")} <= QUICK_MODULES
        assert not {m.split(".")[0] for m in imported} & NEVER_ON_THE_QUICK_PATH
    imported = {line.rsplit("|", 1)[-1].strip() for line in added.stderr.splitlines()}
    assert "zoneinfo" not in imported and "mentor_tui.dates" not in imported  # no zone to add
