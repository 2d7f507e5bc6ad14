"""Shared fixtures. Every test runs in its own home under tmp_path, with a frozen clock,
an in-memory keyring and none of the user's real config, data or terminal settings."""

from __future__ import annotations

import gc
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from textual import _wait as textual_wait
from textual.css.stylesheet import Stylesheet

from mentor_tui.clock import FrozenClock

# Textual makes many short-lived objects: at the default thresholds (700, 10, 10) the cycle
# collector ran thousands of times per UI test file, about a fifth of its CPU time. Fewer,
# larger collections (each test worker imports this file).
gc.set_threshold(20_000, 20, 20)

# Pilot waits for "idle" after every key (twice) and every pause(): it sleeps in slices of
# 20 ms until one used under 1 ms of CPU, so a key cost at least 60 ms asleep, and Pilot
# tests were mostly asleep (the suite kept one of two cores busy). Slices of 2 ms, idle
# under 0.25 ms of CPU: the same check that nothing is left to do, a tenth of the sleep.
# (Idle under 25 us never happens: the event loop alone costs more, and every wait then
# runs to its 1 s limit.) What a test waits for (workers, messages, screens) is unchanged.
textual_wait.SLEEP_GRANULARITY = 0.002
textual_wait.SLEEP_IDLE = 0.000_25

# Every Pilot and snapshot test builds a new App, and each App's Stylesheet parsed every
# stylesheet again (Textual caches parses per Stylesheet): some 900 rule sets, about a tenth
# of a short UI test's CPU. Parsed rules are only read afterwards, so one cache per test
# process serves every App, keyed also on the variables a parse substitutes (the theme's).
_parsed_css: dict[tuple[object, ...], object] = {}
_parse_rules_of_one_app = Stylesheet._parse_rules


def _parse_rules_once(self: Stylesheet, css: str, read_from: object, *args, **kwargs):  # type: ignore[no-untyped-def]
    key = (
        css,
        read_from,
        args,
        tuple(sorted(kwargs.items())),
        tuple(sorted(self._variables.items())),
    )
    if key not in _parsed_css:
        _parsed_css[key] = _parse_rules_of_one_app(self, css, read_from, *args, **kwargs)  # type: ignore[arg-type]
    return _parsed_css[key]


Stylesheet._parse_rules = _parse_rules_once  # type: ignore[method-assign]


@pytest.fixture(scope="session", autouse=True)
def compiled_sql_shared_across_stores() -> None:
    """SQLAlchemy caches each statement's compiled SQL per Engine, keyed on the Engine's
    dialect object, and every Store makes its own Engine: a store that lives for one test
    compiled every query anew, a fifth to a quarter of a sync test's CPU. One dialect and
    one cache per test process serve every Store (they all open SQLite files through the
    same driver with the same options); the app and the CLI keep one Store for their life."""
    from sqlalchemy.util import LRUCache

    import mentor_tui.models.db as store_module

    make_engine = store_module.create_engine
    compiled: LRUCache[object, object] = LRUCache(5_000)
    dialects: dict[type, object] = {}

    def engine_sharing_compiled_sql(*args, **kwargs):  # type: ignore[no-untyped-def]
        engine = make_engine(*args, **kwargs)
        engine.dialect = dialects.setdefault(type(engine.dialect), engine.dialect)
        engine._compiled_cache = compiled
        return engine

    store_module.create_engine = engine_sharing_compiled_sql  # type: ignore[assignment]


# Room a run's folders need in memory: a full run's take about 0.75 GB, with room to spare.
MEMORY_NEEDED = 4 * 1024**3
IN_MEMORY = pytest.StashKey[bool]()


def pytest_configure(config: pytest.Config) -> None:
    """Every test's folder (homes, databases, git repositories) in memory where there is
    room: on disk, SQLite's and git's syncs and journalling made a third of a sync test's
    wall time and twice its system time. The same files and calls, only not on a disk.
    An explicit `--basetemp` or PYTEST_DEBUG_TEMPROOT still decides."""
    if config.option.basetemp or os.environ.get("PYTEST_DEBUG_TEMPROOT"):
        return
    memory = Path("/dev/shm")
    try:
        room = shutil.disk_usage(memory).free
    except OSError:
        return
    if room >= MEMORY_NEEDED and os.access(memory, os.W_OK):
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(memory)
        config.stash[IN_MEMORY] = True


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A run that passed gives its folders' memory back (a full run's take about 0.75 GB);
    a run with a failure keeps them to look at, as on disk. Only the process that chose
    memory does it, after its workers have ended (theirs are inside its folder)."""
    factory = getattr(session.config, "_tmp_path_factory", None)
    if exitstatus == 0 and session.config.stash.get(IN_MEMORY, False) and factory is not None:
        shutil.rmtree(factory.getbasetemp(), ignore_errors=True)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two workers per core, not one. A Pilot test spends about a third of its
    time waiting (its app's timers and idle checks, git and WebDAV servers, subprocesses),
    and with one worker per core the suite kept the cores busy only ~80% of the time: with
    four workers on two cores it ran in 447 s where two took 508 s. (pytest-xdist's own
    PYTEST_XDIST_AUTO_NUM_WORKERS still decides when set.)"""
    chosen = os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS", "")
    if chosen.isdigit():
        return int(chosen)
    return 2 * len(os.sched_getaffinity(0))


# Monday 16 November 2026, 09:30 UTC: the instant every test and snapshot lives in.
FROZEN_NOW = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets everything when the test ends."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("MENTOR_TUI_HOME", str(home))
    for name in (
        "NO_COLOR",
        "TEXTUAL_THEME",
        "TEXTUAL_ANIMATIONS",
        "MENTOR_TUI_WEBDAV_PASSWORD",
        "EDITOR",
        "VISUAL",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, sub in (
        ("XDG_DATA_HOME", "xdg-data"),
        ("XDG_CONFIG_HOME", "xdg-config"),
        ("XDG_CACHE_HOME", "xdg-cache"),
    ):
        monkeypatch.setenv(name, str(tmp_path / sub))
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (tmp_path / "gitconfig").write_text("[user]\n\tname = Test\n\temail = test@example.com\n")
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield home
    keyring.set_keyring(previous)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(FROZEN_NOW)


@pytest.fixture
def home(isolated_environment: Path) -> Path:
    return isolated_environment


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database with every migration run, made once per test process. Running the
    migrations was about 40 ms a store, paid by most tests; tests/unit/test_migrations.py
    and test_store.py still build and open databases from nothing."""
    from mentor_tui.models.db import Store
    from mentor_tui.paths import database_path

    home = tmp_path_factory.mktemp("migrated") / "home"
    Store.open_home(home, FrozenClock(FROZEN_NOW)).close()
    path = database_path(home)
    assert not Path(f"{path}-wal").exists(), "closed, the database is one file"
    return path


def open_new_store(home: Path, clock: FrozenClock, migrated: Path):
    """Store.open_home(home, clock), from a copy of the migrated empty database when the
    home has none yet: the same file open_home would have made, without the migrations."""
    from mentor_tui.models.db import Store
    from mentor_tui.paths import database_path

    path = database_path(home)
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(migrated, path)
    return Store.open_home(home, clock)


@pytest.fixture
def store(home: Path, clock: FrozenClock, migrated_database: Path):
    opened = open_new_store(home, clock, migrated_database)
    yield opened
    opened.close()


@pytest.fixture
def me(store):
    from mentor_tui.services.profile import set_up_profile

    return set_up_profile(store, "Grace Hopper", "America/New_York")


@pytest.fixture
def pair(store, me):
    from mentor_tui.services.pairs import create_pair

    return create_pair(
        store,
        partner_name="Ada Lovelace",
        partner_timezone="Europe/Berlin",
        my_role="mentor",
        cadence="biweekly",
        purpose="Grow into a staff engineer",
    )


@pytest.fixture
def demo_store(store):
    from mentor_tui.demo.builder import write_demo

    write_demo(store, as_role="mentor")
    return store


@pytest.fixture(scope="session")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache holding the two-home demo, built once per test run as of FROZEN_NOW; tests
    copy it with `demo.cache.demo_homes(folder, clock, demo_cache)`. The build runs under a
    hostile global git configuration (signing that fails, hooks that fail): the demo must
    not read the user's git configuration at all."""
    import os

    from mentor_tui.demo.cache import demo_homes

    hostile = tmp_path_factory.mktemp("hostile-git")
    hooks = hostile / "hooks"
    hooks.mkdir()
    for hook in ("pre-commit", "commit-msg", "pre-push"):
        (hooks / hook).write_text("#!/bin/sh\nexit 1\n")
        (hooks / hook).chmod(0o755)
    (hostile / "gitconfig").write_text(
        "[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = false\n"
        f"[core]\n\thooksPath = {hooks}\n[user]\n\tuseConfigOnly = true\n"
    )
    cache = tmp_path_factory.mktemp("demo-cache")
    names = ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM")
    before = {name: os.environ.get(name) for name in names}
    os.environ["GIT_CONFIG_GLOBAL"] = str(hostile / "gitconfig")
    os.environ.pop("GIT_CONFIG_NOSYSTEM", None)
    try:
        demo_homes(tmp_path_factory.mktemp("demo-first"), FrozenClock(FROZEN_NOW), cache)
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    assert [entry.name for entry in cache.iterdir()], "the build did not sync cleanly"
    return cache


@pytest.fixture
def full_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app opens the Store at start, as it does when the quick path cannot read the
    file (a new home, an older schema): for tests of what shows while the Store opens,
    which the light start (test_light_start.py) would never need to open."""
    monkeypatch.setattr("mentor_tui.services.start_up.read_light", lambda _path: None)
