"""Linked scenes, built once per test process and copied for each test.

Two homes linked through a shared place and synced cost about a second (git subprocesses,
WebDAV round trips), and dozens of tests start from the same scene. The first test that
asks for one builds it in its own tmp_path, as before; its homes and shared place are then
kept as a template, and each later test gets a copy in its own tmp_path: the same files,
ids and keys, its own databases, bare repository or WebDAV folder (served by its own
wsgidav server). Tests still sync against real git and real wsgidav, from fresh state."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import keyring
import pytest

from mentor_tui.clock import FrozenClock
from tests.sync.conftest import Dav, Side

T = TypeVar("T")

# What a build leaves in its tmp_path (the sides' homes and the shared places).
PARTS = ("mentor-home", "mentee-home", "shared.git", "dav-root")
HOMES = PARTS[:2]
SAMPLES = shutil.ignore_patterns("*.sample")  # git's example hooks: never run, a third of the files


@dataclass
class _Template:
    folder: Path
    origin: str  # the build's tmp_path: state.json and the clones' git config name it
    port: int | None  # the build's WebDAV port: the state's location names it
    secrets: dict[tuple[str, str], str]  # the keyring: sync keys, WebDAV passwords
    pairs: tuple[str, str]  # the mentor's and the mentee's pair ids
    now: tuple[datetime, datetime]  # the sides' clocks when the build ended
    value: Any  # what the build returned: plain ids, valid in every copy
    checked: bool = False  # a first copy was searched whole for the build's path and port


_templates: dict[Hashable, _Template] = {}


def linked_scene(
    key: Hashable,
    factory: pytest.TempPathFactory,
    tmp_path: Path,
    sides: tuple[Side, Side],
    dav: Dav | None,
    build: Callable[[], T],
) -> T:
    """build() links the two sides (in tmp_path) and returns plain data; the first call
    per key and process runs it, later ones copy its result into this test's tmp_path
    and return the same data. Either way the sides' stores are open again afterwards."""
    template = _templates.get(key)
    if template is None:
        value = build()
        _close(sides)
        _templates[key] = _keep(factory, tmp_path, sides, dav, value)
        _reopen(sides, _templates[key].now)
        return value
    _close(sides)
    _copy(template, tmp_path, dav)
    if not template.checked:
        _check_copy(template, tmp_path)
        template.checked = True
    backend = keyring.get_keyring()
    for (service, user), secret in template.secrets.items():
        backend.set_password(service, user, secret)
    _reopen(sides, template.now, template.pairs)
    return template.value


def _close(sides: tuple[Side, Side]) -> None:
    for side in sides:
        side.store.close()  # a closed database is one file, whole: safe to copy


def _keep(
    factory: pytest.TempPathFactory,
    tmp_path: Path,
    sides: tuple[Side, Side],
    dav: Dav | None,
    value: Any,
) -> _Template:
    folder = factory.mktemp("scene")
    for part in PARTS:
        if (tmp_path / part).exists():
            shutil.copytree(tmp_path / part, folder / part, symlinks=True, ignore=SAMPLES)
    secrets = dict(keyring.get_keyring().secrets)  # type: ignore[attr-defined]
    mentor, mentee = sides
    return _Template(
        folder,
        str(tmp_path),
        dav.port if dav else None,
        secrets,
        (mentor.pair.id, mentee.pair.id),
        (mentor.clock.now(), mentee.clock.now()),
        value,
    )


def _copy(template: _Template, tmp_path: Path, dav: Dav | None) -> None:
    for part in PARTS:
        source = template.folder / part
        if source.exists():
            shutil.rmtree(tmp_path / part, ignore_errors=True)
            shutil.copytree(source, tmp_path / part, symlinks=True, ignore=SAMPLES)
    changes = [(template.origin.encode(), str(tmp_path).encode())]
    if template.port is not None and dav is not None:
        changes.append((f"127.0.0.1:{template.port}/".encode(), f"127.0.0.1:{dav.port}/".encode()))
    for home in HOMES:
        for path in _naming_places(tmp_path / home):
            data = original = path.read_bytes()
            for old, new in changes:
                data = data.replace(old, new)
            if data != original:
                path.write_bytes(data)  # keeps the file's mode (state.json is 0600)


def _check_copy(template: _Template, tmp_path: Path) -> None:
    """Once per template: no file of the copied homes, git's objects aside, names the
    build's folder or port any more (else a copy could sync into another test's place)."""
    traces = [template.origin.encode()]
    if template.port is not None:
        traces.append(f":{template.port}/".encode())
    for home in HOMES:
        for path in (tmp_path / home).rglob("*"):
            inside = path.relative_to(tmp_path / home).parts
            if "objects" in inside or path.is_symlink() or not path.is_file():
                continue  # compressed: no path in them reads as text
            data = path.read_bytes()
            assert not any(trace in data for trace in traces), f"{path} names the template"


def _naming_places(home: Path) -> list[Path]:
    """The files of a home that can name the shared place: the sync state (its location)
    and the clone's git config, fetch head and reflogs (the remote's path)."""
    found = [*home.glob("sync/*/*.json")]
    for git in home.glob("sync/*/repo/.git"):
        found += [git / "config", git / "FETCH_HEAD"]
        found += [path for path in (git / "logs").rglob("*") if path.is_file()]
    return [path for path in found if path.is_file() and not path.is_symlink()]


def _reopen(
    sides: tuple[Side, Side], now: tuple[datetime, datetime], pairs: tuple[str, str] | None = None
) -> None:
    from mentor_tui.models.db import Store
    from mentor_tui.services.pairs import get_pair

    for index, side in enumerate(sides):
        side.clock = FrozenClock(now[index])
        side.store = Store.open_home(side.home, side.clock)
        side.pair = get_pair(side.store, pairs[index] if pairs else side.pair.id)


def first_goal_scene(
    backend: str,
    factory: pytest.TempPathFactory,
    tmp_path: Path,
    mentor: Side,
    mentee: Side,
    remote: Any,
) -> Any:
    """Both joined through the backend; the mentee's first goal ("First title") already
    seen by the mentor. Returns that goal, as the mentee's database holds it."""
    from mentor_tui.services.goals import create_goal, get_goal
    from tests.sync.helpers import connect, sync

    def build() -> str:
        connect(backend, mentor, mentee, remote)
        goal = create_goal(mentee.store, mentee.pair.id, title="First title")
        sync(mentee)
        sync(mentor)
        return goal.id

    dav = remote if backend == "webdav" else None
    goal_id = linked_scene(("first-goal", backend), factory, tmp_path, (mentor, mentee), dav, build)
    return get_goal(mentee.store, goal_id).goal


def joined_scene(
    backend: str,
    factory: pytest.TempPathFactory,
    tmp_path: Path,
    mentor: Side,
    mentee: Side,
    remote: Any,
) -> None:
    """Both joined through the backend (the mentor set the pair up, the mentee joined with
    the invite), nothing synced yet."""
    from tests.sync.helpers import connect

    def build() -> None:
        connect(backend, mentor, mentee, remote)

    dav = remote if backend == "webdav" else None
    linked_scene(("joined", backend), factory, tmp_path, (mentor, mentee), dav, build)
