"""`mentor journal ...` as a shell sees it: exit codes, stdout, stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent.parent / "fixtures" / "jrnl"


def mentor(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mentor_tui", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
    )


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
    mentor("journal", "add", "Second thought", "--share")
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
    added = mentor("journal", "add", stdin="Evil \x1b[31mred\x1b[0m title")
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
