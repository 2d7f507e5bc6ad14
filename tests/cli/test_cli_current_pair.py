"""The current pair from the shell: `mentor pair use NAME` chooses it (as the app's
switcher does), every command without --pair works on it, and `journal add` files under
it on the quick path, whatever the number of pairs."""

from __future__ import annotations

import contextlib
import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentor_tui.clock import FrozenClock
from mentor_tui.errors import InvalidInput
from mentor_tui.models.db import Store
from mentor_tui.services.dashboard import load_dashboard
from mentor_tui.services.journal import list_journal
from mentor_tui.services.pairs import find_pair, update_charter
from tests.cli.helpers import assert_one_line_error, home_built_once, mentor, mentor_process
from tests.conftest import FROZEN_NOW


def _three_pairs(home: Path) -> dict[str, str]:
    """Grace mentors Ada, Katherine and Linus; name -> pair id."""
    assert mentor("init", "--name", "Grace Hopper", "--timezone", "UTC").returncode == 0
    ids = {}
    for name in ("Ada", "Katherine", "Linus"):
        made = mentor("pair", "new", "--with", name, "--json")
        assert made.returncode == 0, made.stderr
        ids[name] = json.loads(made.stdout)["id"]
    return ids


@contextlib.contextmanager
def _store(home: Path) -> Iterator[Store]:
    store = Store.open_home(home, FrozenClock(FROZEN_NOW))
    try:
        yield store
    finally:
        store.close()


def _config(home: Path) -> dict[str, object]:
    return tomllib.loads((home / "config.toml").read_text(encoding="utf-8"))


@pytest.fixture
def three(home: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return home_built_once("three-pairs", home, tmp_path_factory, lambda: _three_pairs(home))


def test_pair_use_sets_the_current_pair_the_app_reads(home, three):
    used = mentor("pair", "use", "Ada")
    assert used.returncode == 0, used.stderr
    assert used.stdout.startswith("Current pair: Grace Hopper → Ada (")
    assert _config(home)["last_pair_id"] == three["Ada"]  # what MentorApp._start prefers
    assert json.loads(mentor("pair", "show", "--json").stdout)["id"] == three["Ada"]
    mentor("pair", "use", three["Linus"][:8])
    assert _config(home)["last_pair_id"] == three["Linus"]


def test_pair_list_marks_the_current_pair(home, three):
    before = mentor("pair", "list").stdout
    assert not any(line.startswith("*") for line in before.splitlines())
    assert "No current pair: choose one with `mentor pair use NAME`." in before
    mentor("pair", "use", "Katherine")
    lines = mentor("pair", "list").stdout.splitlines()
    marked = [line for line in lines if line.startswith("*")]
    assert len(marked) == 1 and "Grace Hopper → Katherine" in marked[0]
    assert "No current pair" not in "\n".join(lines)
    listed = json.loads(mentor("pair", "list", "--json").stdout)
    assert [p["id"] for p in listed if p["current"]] == [three["Katherine"]]


def test_one_pair_needs_neither_use_nor_pair(home):
    mentor("init", "--name", "Grace", "--timezone", "UTC")
    mentor("pair", "new", "--with", "Ada")
    assert mentor("goal", "list").returncode == 0
    assert mentor("pair", "list").stdout.splitlines()[1].startswith("*")
    added = json.loads(mentor("journal", "add", "Only pair", "--json").stdout)
    assert added["pair_id"] == json.loads(mentor("pair", "show", "--json").stdout)["id"]


def test_pair_use_with_an_unknown_name_is_one_line_and_exit_1(home, three):
    line = assert_one_line_error(mentor("pair", "use", "Nobody"))
    assert "no pair matches 'Nobody'" in line
    assert not (home / "config.toml").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("goal", "list"),
        ("session", "list"),
        ("pair", "show"),
        ("journal", "add", "x"),
        ("journal", "list"),
    ],
)
def test_several_pairs_and_no_current_one_names_pair_use(home, three, args):
    line = assert_one_line_error(mentor(*args))
    assert "several pairs (Ada, Katherine, Linus)" in line
    assert "`mentor pair use NAME`" in line


def test_a_journal_entry_never_goes_under_no_pair_when_pairs_exist(home, three):
    assert_one_line_error(mentor("journal", "add", "Where would this go?"))
    assert mentor("journal", "add", "For Katherine", "--pair", "Kath").returncode == 0
    mentor("pair", "use", "Ada")
    with _store(home) as store:
        entries = [e for pid in three.values() for e in list_journal(store, pid)]
    assert [e.title for e in entries] == ["For Katherine"]


def test_after_pair_use_journal_add_shows_in_that_pairs_journal_and_dashboard(home, three):
    """The issue's Done-when, through the services the Journal and Dashboard screens use."""
    assert mentor("pair", "use", "Ada").returncode == 0
    added = mentor("journal", "add", "x")
    assert added.returncode == 0, added.stderr
    with _store(home) as store:
        assert [e.title for e in list_journal(store, three["Ada"])] == ["x"]
        assert [e.title for e in load_dashboard(store, three["Ada"]).journal] == ["x"]
        for other in ("Katherine", "Linus"):
            assert list_journal(store, three[other]) == []


def test_journal_list_shows_the_current_pairs_entries(home, three):
    mentor("journal", "add", "For Ada", "--pair", "Ada")
    mentor("journal", "add", "For Linus", "--pair", "Linus")
    mentor("pair", "use", "Linus")
    assert [e["title"] for e in json.loads(mentor("journal", "list", "--json").stdout)] == [
        "For Linus"
    ]
    found = mentor("journal", "list", "--search", "for", "--json")
    assert [e["title"] for e in json.loads(found.stdout)] == ["For Linus"]
    ada = mentor("journal", "list", "--pair", "Ada", "--json")
    assert [e["title"] for e in json.loads(ada.stdout)] == ["For Ada"]


def test_share_and_import_use_the_current_pair(home, three):
    mentor("pair", "use", "Katherine")
    shared = json.loads(mentor("journal", "add", "Shared", "--share", "--json").stdout)
    assert shared["shared"] and shared["pair_id"] == three["Katherine"]
    jrnl = home.parent / "journal.txt"
    jrnl.write_text("[2024-01-05 09:12] Imported entry.\nBody.\n", encoding="utf-8")
    assert mentor("journal", "import", "--format", "jrnl", str(jrnl)).returncode == 0
    titles = [e["title"] for e in json.loads(mentor("journal", "list", "--json").stdout)]
    assert titles == ["Shared", "Imported entry."]


def test_a_current_pair_that_is_gone_is_no_longer_used(home, three):
    mentor("pair", "use", "Ada")
    with _store(home) as store:
        from mentor_tui.models.tables import Pair

        with store.write() as session:
            pair = session.get(Pair, three["Ada"])
            assert pair is not None
            pair.deleted = True
            session.add(pair)
    for args in (("journal", "add", "x"), ("journal", "list"), ("goal", "list")):
        line = assert_one_line_error(mentor(*args))
        assert "several pairs (Katherine, Linus)" in line
    with _store(home) as store, pytest.raises(InvalidInput, match="several pairs"):
        find_pair(store, None, three["Ada"])


def test_a_current_pair_that_is_not_mine_is_not_used(home, three):
    """The quick path's SQL and the services agree: a pair I am no member of is no choice."""
    with _store(home) as store:
        from mentor_tui.models.tables import Pair, Person

        with store.write() as session:
            other = Person(display_name="Someone", timezone="UTC")
            other2 = Person(display_name="Else", timezone="UTC")
            session.add(other)
            session.add(other2)
            session.flush()
            stranger = Pair(mentor_id=other.id, mentee_id=other2.id)
            session.add(stranger)
            session.flush()
            stranger_id = stranger.id
    mentor("pair", "use", "Ada")
    config = home / "config.toml"
    config.write_text(f'last_pair_id = "{stranger_id}"\n', encoding="utf-8")
    line = assert_one_line_error(mentor("journal", "add", "x"))
    assert "several pairs" in line


def test_a_closed_current_pair_is_still_the_current_pair(home, three):
    """As in the app, which shows a closed pair's record when it is the one chosen."""
    mentor("pair", "use", "Linus")
    with _store(home) as store:
        update_charter(store, three["Linus"], status="closed")
    assert json.loads(mentor("pair", "show", "--json").stdout)["id"] == three["Linus"]
    # issue 11: a closed pair is read-only, so an entry filed to it is refused in one line
    line = assert_one_line_error(mentor("journal", "add", "Looking back", "--json"))
    assert line.startswith("mentor: the mentorship with Linus") and "is closed" in line


def test_one_active_pair_among_closed_ones_is_the_default(home, three):
    with _store(home) as store:
        update_charter(store, three["Ada"], status="closed")
        update_charter(store, three["Linus"], status="closed")
    added = json.loads(mentor("journal", "add", "To Katherine", "--json").stdout)
    assert added["pair_id"] == three["Katherine"]
    assert json.loads(mentor("pair", "show", "--json").stdout)["id"] == three["Katherine"]


def test_as_without_demo_is_a_usage_error(home):
    line = assert_one_line_error(mentor("--as", "mentee"), code=2)
    assert "--as goes with --demo" in line
    assert not home.exists()  # the real home was not opened
    assert_one_line_error(mentor("--as", "mentor", "pair", "list"), code=2)


def test_the_quick_path_with_many_pairs(home, three):
    """A real process: with three pairs and a current one, `journal add` and `journal list`
    stay off SQLAlchemy and the entry lands under the current pair."""
    mentor("pair", "use", "Ada")
    importtime = {"PYTHONPROFILEIMPORTTIME": "1"}
    added = mentor_process("journal", "add", "Fast @quick", "--json", env=importtime)
    assert added.returncode == 0, added.stderr
    entry = json.loads(added.stdout)
    assert entry["pair_id"] == three["Ada"] and entry["tags"] == ["quick"]
    listed = mentor_process("journal", "list", env=importtime)
    assert "Fast @quick" in listed.stdout
    for run in (added, listed):
        imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()}
        assert "mentor_tui.models.journal_sql" in imported
        assert not {m for m in imported if m.split(".")[0] in ("sqlalchemy", "sqlmodel")}


def test_the_first_pair_takes_in_the_journal_kept_before_it(home):
    """An entry of no pair shows only while there are no pairs: the first pair adopts it."""
    mentor("init", "--name", "Grace", "--timezone", "UTC")
    before = json.loads(mentor("journal", "add", "Before any pair", "--json").stdout)
    assert before["pair_id"] is None
    ada = json.loads(mentor("pair", "new", "--with", "Ada", "--json").stdout)["id"]
    mentor("pair", "new", "--with", "Katherine")
    with _store(home) as store:
        journal = list_journal(store, ada)
        assert [(e.title, e.shared) for e in journal] == [("Before any pair", False)]
        assert [e.title for e in load_dashboard(store, ada).journal] == ["Before any pair"]


def test_as_with_demo_still_chooses_the_demo_side(home, monkeypatch):
    import mentor_tui.cli.launch as launch

    seen: list[tuple[bool, str]] = []
    monkeypatch.setattr(launch, "start_app", lambda args: seen.append((args.demo, args.demo_as)))
    assert mentor("--demo", "--as", "mentee").returncode == 0
    assert mentor("--demo").returncode == 0
    assert mentor().returncode == 0  # your own data: no side to choose
    assert seen == [(True, "mentee"), (True, "mentor"), (False, "mentor")]
    assert mentor("demo", "--as", "mentee").returncode == 0  # the subcommand keeps its --as
