"""Building the demo's homes takes a few seconds (git runs some 280 times as the homes take
turns syncing); the result depends only on the code and on the day. So the first
`mentor --demo` of a day builds them once into the user's cache folder and every start
copies that build into its own throwaway folder (about a tenth of the time).

- Key: the package version, a digest of the code that shapes the build (the demo, the
  models, sync) and the clock's date (UTC): the story's dates are relative to today.
  Other builds in the folder are removed when a new one is made.
- A build is made in a private temporary folder beside the entries and renamed into
  place, so a reader never copies half of one and two demos starting at once do not mix.
- A copy points each home's sync at its own copy of the shared repository (the sync
  state's location); the homes' git clones are left behind and made again at the first
  sync, so nothing in the copy points at the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mentor_tui import __version__
from mentor_tui.clock import Clock
from mentor_tui.demo.layout import MENTEES, MENTOR, REMOTE_NAME, DemoHomes, require_git
from mentor_tui.errors import MentorError
from mentor_tui.sync.state import load_state, save_state, sync_root

_SHAPING = ("demo", "models", "sync")  # the packages whose code shapes a build
_BUILDING = ".building-"
_ABANDONED_S = 3600  # a build folder this old was left by a demo that was killed


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("mentor-tui", appauthor=False)) / "demo"


def cache_key(clock: Clock) -> str:
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for name in _SHAPING:
        for path in sorted((package / name).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{__version__}-{digest.hexdigest()[:12]}-{clock.now().date().isoformat()}"


def demo_homes(
    root: Path,
    clock: Clock,
    cache_dir: Path | None = None,
    on_build: Callable[[], None] = lambda: None,
) -> DemoHomes:
    """The demo's homes in `root` (an empty folder), from the cache when it has today's
    build; a cache that cannot be read or written costs only the time to build.
    `on_build` is called once before a build (seconds, where a copy is instant)."""
    cache_dir = default_cache_dir() if cache_dir is None else cache_dir
    root = Path(root)
    told: list[bool] = []

    def tell() -> None:  # once, however many tries the build takes
        if not told:
            require_git()  # a build without it is one line, not an announcement and a line
            told.append(True)
            on_build()

    try:
        entry = _entry(cache_dir, cache_key(clock), clock, tell)
    except OSError:
        tell()
        return build_demo_homes(root, clock)
    try:
        return _copy(entry, root)
    except (OSError, MentorError):  # MentorError: a damaged sync state in the cache
        for name in (MENTOR, *MENTEES, REMOTE_NAME):  # what the copy made; the pid file stays
            shutil.rmtree(root / name, ignore_errors=True)
        tell()
        return build_demo_homes(root, clock)


def _entry(cache_dir: Path, key: str, clock: Clock, on_build: Callable[[], None]) -> Path:
    entry = cache_dir / key
    if entry.is_dir():
        return entry
    on_build()
    cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    for old in cache_dir.glob(f"{_BUILDING}*"):  # left by a demo killed while building
        with contextlib.suppress(OSError):
            if time.time() - old.stat().st_mtime > _ABANDONED_S:
                shutil.rmtree(old, ignore_errors=True)
    building = Path(tempfile.mkdtemp(prefix=_BUILDING, dir=cache_dir))
    try:
        built = build_demo_homes(building, clock)
        if built.problems:  # never keep a build that did not sync cleanly
            raise OSError("the demo's homes did not sync cleanly")
        for old in cache_dir.iterdir():
            if old.name != key and not old.name.startswith(_BUILDING):
                shutil.rmtree(old, ignore_errors=True)
        building.rename(entry)
    except OSError:
        if not entry.is_dir():  # another demo may have put the same build in place
            raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return entry


def _leave_clones(folder: str, names: list[str]) -> set[str]:
    """Skip `<home>/sync/<pair>/repo`: a clone's origin would be the cache's repository."""
    return {"repo"} if Path(folder).parent.name == sync_root(Path()).name else set()


def _copy(entry: Path, root: Path) -> DemoHomes:
    shutil.copytree(entry, root, ignore=_leave_clones, dirs_exist_ok=True, symlinks=True)
    remote = root / REMOTE_NAME
    homes = {key: root / key for key in (MENTOR, *MENTEES)}
    for home in homes.values():
        for folder in sync_root(home).iterdir():
            if not folder.is_dir():
                continue
            state = load_state(home, folder.name)
            if state is not None:
                state.location = str(remote)
                save_state(home, state)
    return DemoHomes(root, remote, homes)


def build_demo_homes(root: Path, clock: Clock) -> DemoHomes:
    """demo/homes.build_demo_homes, imported only for a build: a copy of today's homes
    imports none of the storage stack."""
    from mentor_tui.demo import homes

    return homes.build_demo_homes(root, clock)
