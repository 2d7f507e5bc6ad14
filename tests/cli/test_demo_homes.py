"""`mentor --demo`: a home each for Grace and her mentees, synced through a bare git
repository in the demo's own folder. Grace sees what Ada shared, read-only, and none of
her private journal; `--as mentee` is Ada's own home. Demo homes are throwaway: one left
by a killed demo is swept at the next start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from mentor_tui.cli.launch import DEMO_PREFIX, sweep_stale_demo_homes
from mentor_tui.clock import FrozenClock
from mentor_tui.demo import journal_story, meetings
from mentor_tui.demo.builder import demo_id
from mentor_tui.demo.cache import demo_homes
from mentor_tui.demo.homes import DemoHomes
from mentor_tui.models.db import Store
from mentor_tui.models.tables import (
    Assessment,
    CheckIn,
    Feedback,
    JournalEntry,
    MentoringSession,
    SessionNote,
)
from mentor_tui.services.goals import list_goals
from mentor_tui.services.pairs import list_pairs
from mentor_tui.services.profile import get_me
from mentor_tui.sync.state import load_state
from tests.cli.helpers import assert_one_line_error, mentor
from tests.conftest import FROZEN_NOW

ADA, GRACE, KATHERINE = (demo_id("person", key) for key in ("ada", "grace", "katherine"))
ADA_PAIR = demo_id("pair", "ada")


@pytest.fixture
def homes(tmp_path: Path, demo_cache: Path) -> DemoHomes:
    """A fresh copy of the cached build, as `mentor --demo` makes at each start."""
    return demo_homes(tmp_path / "demo", FrozenClock(FROZEN_NOW), demo_cache)


def _open(home: Path) -> Store:
    return Store.open_home(home, FrozenClock(FROZEN_NOW))


def _rows(store: Store, model: type) -> list:
    with store.read() as session:
        return list(session.exec(select(model)).all())


def _private(author: str) -> list[str]:
    """The bodies of the author's private journal entries, from the story itself."""
    return [
        body
        for who, *_, body, _t, _g, shared, _p in journal_story.JOURNAL
        if who == author and not shared
    ]


def _shared_titles(author: str) -> set[str]:
    return {
        title
        for who, _d, _c, title, *_, shared, _p in journal_story.JOURNAL
        if who == author and shared
    }


def _bytes_under(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_grace_sees_adas_shared_entries_read_only_and_none_of_her_private_ones(homes):
    store = _open(homes.home_for("mentor"))
    try:
        assert get_me(store).id == GRACE
        entries = _rows(store, JournalEntry)
        assert entries and all(e.shared for e in entries)  # no private entry of anyone's
        mine = {e.title for e in entries if e.author_id == ADA}
        assert mine == _shared_titles("ada")
        assert {e.origin for e in entries if e.author_id == ADA} == {ADA}  # hers: read-only
        assert {e.title for e in entries if e.author_id == KATHERINE} == _shared_titles("katherine")
    finally:
        store.close()
    # Not a byte of it anywhere in her home (database, sync clones), nor on the remote.
    on_disk = _bytes_under(homes.home_for("mentor"))
    remote = subprocess.run(
        ["git", "cat-file", "--batch-all-objects", "--batch"],
        cwd=homes.remote,
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
    for body in _private("ada") + _private("katherine"):
        assert body.encode() not in on_disk
        assert body.encode() not in remote
    adas_private_note = meetings.SESSION_NOTES["s1"]["private"]["mentee"]
    assert adas_private_note.encode() not in on_disk + remote


def test_as_the_mentee_it_is_adas_own_home_with_her_private_journal(homes):
    store = _open(homes.home_for("mentee"))
    try:
        assert get_me(store).id == ADA
        [view] = list_pairs(store)
        assert view.my_role == "mentee" and view.partner.id == GRACE
        entries = _rows(store, JournalEntry)
        assert {e.author_id for e in entries} == {ADA} and all(e.origin == "" for e in entries)
        assert {e.body for e in entries if not e.shared} == set(_private("ada"))
        graces = [s for s in _rows(store, MentoringSession) if s.origin]
        assert graces and {s.origin for s in graces} == {GRACE}
        assert all(s.private_notes == "" for s in graces)  # Grace's stay on her machine
    finally:
        store.close()
    graces_private_note = meetings.SESSION_NOTES["s1"]["private"]["mentor"]
    assert graces_private_note.encode() not in _bytes_under(homes.home_for("mentee"))


def test_each_side_holds_its_own_records_and_the_others_shared_ones(homes):
    grace, ada = _open(homes.home_for("mentor")), _open(homes.home_for("mentee"))
    try:
        for store, me in ((grace, GRACE), (ada, ADA)):
            # Whoever wrote a record holds it as theirs; the other side has it read-only.
            for model, writer in (
                (Assessment, "assessor_id"),
                (Feedback, "author_id"),
                (CheckIn, "person_id"),
                (SessionNote, "author_id"),
            ):
                rows = [r for r in _rows(store, model) if r.pair_id == ADA_PAIR]
                assert rows, model
                assert all((r.origin == "") == (getattr(r, writer) == me) for r in rows), model
            assert {a.role for a in _rows(store, Assessment) if a.pair_id == ADA_PAIR} == {
                "mentor",
                "mentee",
            }
            # Ada's goals, approved by Grace in a record of her own: both read them so.
            goals = sorted(g.goal.status for g in list_goals(store, ADA_PAIR))
            assert goals == ["achieved", "approved", "proposed"]
    finally:
        grace.close()
        ada.close()


def test_a_start_copies_the_build_and_syncs_with_its_own_remote(homes, demo_cache):
    for home in homes.homes.values():
        for folder in (home / "sync").iterdir():
            if folder.is_dir():
                assert load_state(home, folder.name).location == str(homes.remote)
    commits = ["git", "rev-list", "--all", "--count"]
    [cached] = list(demo_cache.iterdir())
    before = subprocess.run(commits, cwd=cached / "shared.git", capture_output=True, text=True)
    from mentor_tui.demo.keyring_file import demo_keyring
    from mentor_tui.services.journal import add_journal_entry
    from mentor_tui.sync.service import sync

    store = _open(homes.home_for("mentee"))
    try:
        add_journal_entry(store, "Shared from the demo", shared=True, pair_id=ADA_PAIR)
        with demo_keyring(homes.root):  # as the demo process does (cli/launch.py)
            result = sync(store, homes.home_for("mentee"), ADA_PAIR)
        assert result.problems == [] and result.written > 0
    finally:
        store.close()
    after = subprocess.run(commits, cwd=cached / "shared.git", capture_output=True, text=True)
    assert after.stdout == before.stdout  # the cache's own repository is untouched


def test_mentor_demo_opens_each_side_and_leaves_nothing(home, tmp_path, demo_cache, monkeypatch):
    import tempfile

    import mentor_tui.cli.launch as launch
    import mentor_tui.demo.cache as cache
    from mentor_tui.cli.launch import StoreOpener

    monkeypatch.setattr(cache, "default_cache_dir", lambda: demo_cache)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    opened: list[tuple[str, str, Path]] = []

    def run(opener: StoreOpener, where: Path, *, demo: bool, start_in: str) -> int:
        assert demo
        store = opener()  # the app opens the demo's Store when it needs it, as a user's
        me = get_me(store)
        opened.append((me.display_name, str(list_pairs(store)[0].my_role), where))
        store.close()
        return 0

    monkeypatch.setattr(launch, "_run", run)
    assert mentor("--demo").returncode == 0
    assert mentor("--demo", "--as", "mentee").returncode == 0
    assert [(name, role) for name, role, _ in opened] == [
        ("Grace Hopper", "mentor"),
        ("Ada Lovelace", "mentee"),
    ]
    assert all(where.name in ("grace", "ada") for *_, where in opened)
    assert all(where.parent.name.startswith(DEMO_PREFIX) for *_, where in opened)
    assert not any(where.exists() for *_, where in opened)  # thrown away at the end
    assert not home.exists()  # the user's own home was never opened


def test_without_git_the_demo_says_so_in_one_line(home, tmp_path, monkeypatch):
    import shutil
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no git anywhere
    line = assert_one_line_error(mentor("--demo"))
    assert line == (
        "mentor: mentor --demo needs git on your PATH: the demo's homes sync through a git "
        "repository"
    )
    assert not list(tmp_path.glob(f"{DEMO_PREFIX}*"))  # nothing left behind
    assert not home.exists()


def test_as_without_demo_is_a_usage_error(home, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    line = assert_one_line_error(mentor("--as", "mentee"), code=2)
    assert line.startswith("mentor: --as goes with --demo")
    assert not home.exists()
    assert not list(tmp_path.glob(f"{DEMO_PREFIX}*"))


def test_stale_demo_homes_are_swept_and_live_ones_kept(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    gone = tmp_path / f"{DEMO_PREFIX}dead"
    gone.mkdir()
    (gone / "pid").write_text(str(dead.pid))
    live = tmp_path / f"{DEMO_PREFIX}live"
    live.mkdir()
    (live / "pid").write_text(str(os.getpid()))
    fresh_without_pid = tmp_path / f"{DEMO_PREFIX}new"
    fresh_without_pid.mkdir()
    unrelated = tmp_path / "someone-elses-dir"
    unrelated.mkdir()
    assert sweep_stale_demo_homes(tmp_path) == 1
    assert not gone.exists()
    assert live.exists() and fresh_without_pid.exists() and unrelated.exists()


def test_a_build_is_announced_once_and_a_copy_not_at_all(tmp_path, demo_cache, monkeypatch):
    """A build is seconds of a blank terminal, so `mentor --demo` says why first; a copy of
    today's build is instant and says nothing."""
    import mentor_tui.demo.cache as cache

    told: list[str] = []
    demo_homes(tmp_path / "copied", FrozenClock(FROZEN_NOW), demo_cache, lambda: told.append("x"))
    assert told == []
    builds: list[Path] = []

    def failing_then_built(root: Path, clock: FrozenClock) -> DemoHomes:
        builds.append(root)
        if len(builds) == 1:
            raise OSError("the cache folder is full")  # the cached build fails: build in place
        return DemoHomes(root, root / "shared.git", {}, [])

    monkeypatch.setattr(cache, "build_demo_homes", failing_then_built)
    demo_homes(
        tmp_path / "built",
        FrozenClock(FROZEN_NOW),
        tmp_path / "empty-cache",
        lambda: told.append("x"),
    )
    assert len(builds) == 2 and told == ["x"]


def test_mentor_demo_announces_a_build_on_stderr(capsys):
    from mentor_tui.cli.launch import _building_demo

    _building_demo()
    assert capsys.readouterr().err.startswith("Building today's demo homes")


COPY_AND_LOOK = """
import sys
from pathlib import Path
from mentor_tui.cli.launch import StoreOpener
from mentor_tui.clock import FrozenClock
from mentor_tui.demo.cache import demo_homes
from mentor_tui.demo.layout import git_environment
from mentor_tui.models.utc import from_utc_text

clock = FrozenClock(from_utc_text(sys.argv[3]))
homes = demo_homes(Path(sys.argv[1]), clock, Path(sys.argv[2]), lambda: print("BUILT"))
git_environment(Path(sys.argv[1]))
StoreOpener(homes.home_for("mentor"), clock)
print(sorted({name.split(".")[0] for name in sys.modules} & {"sqlalchemy", "sqlmodel"}))
"""


def test_a_copy_of_todays_demo_homes_imports_no_storage_stack(tmp_path, demo_cache):
    """`mentor --demo` on a day its homes are built: the app starts on the quick path, so
    nothing before it imports SQLAlchemy (half a second of every demo's start)."""
    from mentor_tui.models.utc import to_utc_text

    done = subprocess.run(
        [
            sys.executable,
            "-c",
            COPY_AND_LOOK,
            str(tmp_path / "demo"),
            str(demo_cache),
            to_utc_text(FROZEN_NOW),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]"]  # copied, not built, and nothing heavy
