"""Starting the interface: the only place the CLI imports the Textual app."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mentor_tui.cli.common import clock_of, home_of

if TYPE_CHECKING:
    from mentor_tui.clock import Clock
    from mentor_tui.models.db import Store


def start_app(args: argparse.Namespace) -> int:
    if args.demo:
        # A throwaway home: the demo never reads or writes the user's own data.
        sweep_stale_demo_homes()
        demo_home = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
        (demo_home / "pid").write_text(str(os.getpid()))
        try:
            from mentor_tui.demo.cache import demo_homes
            from mentor_tui.demo.layout import git_environment

            # Git in the demo (its build, and the Sync screen) never reads the user's git
            # configuration; this process is the demo's alone.
            os.environ.pop("GIT_CONFIG_PARAMETERS", None)
            os.environ.update(git_environment(demo_home))
            clock = clock_of(args)
            homes = demo_homes(demo_home, clock, on_build=_building_demo)
            from mentor_tui.demo.keyring_file import use_demo_keyring

            use_demo_keyring(demo_home)  # the demo people's keys, never the user's keyring
            home = homes.home_for(args.demo_as)
            # As for the user's own home: the app reads the demo on the quick path and
            # opens its Store only when it is needed (MentorApp.store).
            return _run(StoreOpener(home, clock), home, demo=True, start_in=args.start_in)
        finally:
            shutil.rmtree(demo_home, ignore_errors=True)
    home = home_of(args)
    # Checked before the interface takes the terminal, so that a problem is one line on
    # stderr and exit 1, as for any command: the app writes the config (the chosen pair),
    # and a damaged one is never overwritten; the Store refuses a database from a newer
    # release or a file that is not one, in its own words.
    from mentor_tui.config import read_config

    read_config(home)
    from mentor_tui.models.storage import probe_database
    from mentor_tui.models.utc import SCHEMA_VERSION
    from mentor_tui.paths import database_path

    probe_database(database_path(home), SCHEMA_VERSION)
    return _run(StoreOpener(home, clock_of(args)), home, demo=False, start_in=args.start_in)


@dataclass(frozen=True)
class StoreOpener:
    """Opens the home's Store when the app calls it, in a worker after its first frame: the
    storage stack is the slowest import of all. Its problems end the app with one line."""

    home: Path
    clock: Clock

    def __call__(self) -> Store:
        from mentor_tui.models.db import Store

        return Store.open_home(self.home, self.clock)


DEMO_PREFIX = "mentor-tui-demo-"
STALE_WITHOUT_PID_S = 3600


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _building_demo() -> None:
    # Before the interface takes the terminal: a build takes seconds of a blank screen.
    print(
        "Building today's demo homes (a few seconds; later starts today copy them)...",
        file=sys.stderr,
        flush=True,
    )


def sweep_stale_demo_homes(temp_dir: Path | None = None) -> int:
    """Remove demo homes left by a demo that was killed (a closed terminal skips the
    clean-up in `finally`): those whose process is gone. Returns how many went."""
    removed = 0
    for path in Path(temp_dir or tempfile.gettempdir()).glob(f"{DEMO_PREFIX}*"):
        try:
            pid = int((path / "pid").read_text())
            stale = not _alive(pid)
        except (OSError, ValueError):  # no pid file: only once it is clearly abandoned
            try:
                stale = time.time() - path.stat().st_mtime > STALE_WITHOUT_PID_S
            except OSError:
                continue
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


def _run(store: StoreOpener, home: Path, *, demo: bool, start_in: str) -> int:
    from mentor_tui.app import MentorApp

    app = MentorApp(open_store=store, home=home, clock=store.clock, demo=demo, start_in=start_in)
    app.run()
    if app.start_error is not None:
        raise app.start_error  # one line and exit 1, like any command's storage problem
    return int(app.return_code or 0)
