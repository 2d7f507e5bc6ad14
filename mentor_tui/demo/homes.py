"""`mentor --demo`: a home for each person of the story, synced as users would sync them.

Grace (the mentor) and each of her mentees (Ada, Katherine) get a home of their own in the
demo's folder, connected through a bare git repository there by the same calls
`mentor sync setup` and `mentor sync join` make. Each home holds only what its owner wrote
(demo.builder.demo_records_by_writer); the rest comes through sync, so Grace sees what
Ada shared, read-only, and none of her private journal, and Ada's home keeps it all.

The story points both ways (Ada's check-ins answer Grace's sessions; Grace's scores and
approvals point at Ada's milestones and goals), so the homes take turns, as two people
would: Grace publishes her sessions, each mentee joins and publishes their side, Grace
takes it in and adds her scores and approvals, and Ada takes those in.

Git runs without the user's git configuration (GIT_CONFIG_GLOBAL is an empty file in
the demo's folder, no system file) and never reaches the network: the remote is a path.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mentor_tui.clock import Clock
from mentor_tui.demo.builder import demo_id, demo_records_by_writer, insert_records
from mentor_tui.demo.keyring_file import demo_keyring

# Re-exported: their home is layout.py, which `mentor --demo` imports without this module.
from mentor_tui.demo.layout import MENTEES as MENTEES
from mentor_tui.demo.layout import MENTOR as MENTOR
from mentor_tui.demo.layout import REMOTE_NAME as REMOTE_NAME
from mentor_tui.demo.layout import DemoHomes as DemoHomes
from mentor_tui.demo.layout import git_environment as git_environment
from mentor_tui.demo.layout import require_git as require_git
from mentor_tui.models.db import Store
from mentor_tui.models.record import Record
from mentor_tui.models.tables import Assessment, GoalChange, Person
from mentor_tui.services.pairs import get_pair

if TYPE_CHECKING:
    from mentor_tui.sync.service import SyncResult

# Grace's records that point at her mentees' (her scores, her approvals of their goals):
# written once their milestones and goals have come in.
_AFTER_PULL = (Assessment, GoalChange)
_GIT_TIMEOUT_S = 30


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """os.environ with `values`, restored afterwards (the sync's git inherits it);
    GIT_CONFIG_PARAMETERS (`git -c` from a parent git) is dropped meanwhile."""
    names = (*values, "GIT_CONFIG_PARAMETERS")
    before = {name: os.environ.get(name) for name in names}
    os.environ.pop("GIT_CONFIG_PARAMETERS", None)
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _profile(record: Record, *, is_me: bool) -> Person:
    """A fresh copy of a story person (a record belongs to one database session)."""
    assert isinstance(record, Person)
    person = Person(**record.model_dump())
    person.is_me = is_me
    return person


def build_demo_homes(root: Path, clock: Clock) -> DemoHomes:
    """Build every person's home under `root` (an empty folder the caller owns) as of the
    clock's now, synced through `root/shared.git`."""
    require_git()
    root = Path(root)
    remote = root / REMOTE_NAME
    homes = {key: root / key for key in (MENTOR, *MENTEES)}
    with _environment(git_environment(root)):
        subprocess.run(
            ["git", "init", "--quiet", "--bare", str(remote)],
            check=True,
            capture_output=True,
            timeout=_GIT_TIMEOUT_S,
        )
        with demo_keyring(root):  # the people's sync keys live in the demo's folder
            problems = _build(homes, remote, clock)
    return DemoHomes(root, remote, homes, problems)


def _build(homes: dict[str, Path], remote: Path, clock: Clock) -> list[str]:
    # Imported here: a start that copies a cached build needs no sync (nor httpx).
    from mentor_tui.sync.join import join
    from mentor_tui.sync.service import setup_git, sync

    written = demo_records_by_writer(clock.now())
    people = {key: next(r for r in rows if isinstance(r, Person)) for key, rows in written.items()}
    stores = {key: Store.open_home(home, clock) for key, home in homes.items()}
    problems: list[str] = []

    def check(result: SyncResult) -> None:
        problems.extend(result.problems)

    try:
        grace = stores[MENTOR]
        mine = [r for r in written[MENTOR] if not isinstance(r, Person)]
        first = [r for r in mine if not isinstance(r, _AFTER_PULL)]
        partners = [_profile(people[key], is_me=False) for key in MENTEES]
        insert_records(grace, [_profile(people[MENTOR], is_me=True), *partners, *first])
        pair_ids = {key: demo_id("pair", key) for key in MENTEES}
        for key in MENTEES:  # `mentor sync setup git URL`, then `mentor sync join CODE`
            code, result = setup_git(
                grace, homes[MENTOR], get_pair(grace, pair_ids[key]), str(remote)
            )
            check(result)
            mentee = stores[key]
            insert_records(mentee, [_profile(people[key], is_me=True)])
            check(join(mentee, homes[key], code)[1])
            insert_records(mentee, [r for r in written[key] if not isinstance(r, Person)])
            check(sync(mentee, homes[key], pair_ids[key]))
        for key in MENTEES:
            check(sync(grace, homes[MENTOR], pair_ids[key]))
        insert_records(grace, [r for r in mine if isinstance(r, _AFTER_PULL)])
        for key in MENTEES:
            check(sync(grace, homes[MENTOR], pair_ids[key]))
            check(sync(stores[key], homes[key], pair_ids[key]))
    finally:
        for store in stores.values():
            store.close()
    return problems
