"""A program's homes: one coordinator and six participants, each with its own database,
on the sync tests' real parts (a bare git repository that allows partial clones, wsgidav)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mentor_tui.clock import FrozenClock
from tests.conftest import FROZEN_NOW, open_new_store
from tests.sync.conftest import DAV_USERS, dav  # noqa: F401 (a fixture used here)

PEOPLE = (
    ("Cora Coordinator", "Europe/London", None),
    ("Mia Mentor", "Europe/Berlin", {"role_wanted": "mentor", "skills_offered": "python, sql",
                                      "department": "Platform", "site": "Berlin"}),
    ("Max Mentor", "Europe/Paris", {"role_wanted": "mentor", "skills_offered": "design",
                                     "department": "Design", "site": "Paris"}),
    ("Eli Mentee", "Europe/Berlin", {"role_wanted": "mentee", "skills_wanted": "python",
                                      "department": "Data", "site": "Berlin"}),
    ("Eva Mentee", "Europe/Rome", {"role_wanted": "mentee", "skills_wanted": "design",
                                    "department": "Sales", "site": "Rome"}),
    ("Olli Either", "Europe/Oslo", {"role_wanted": "either", "department": "Ops"}),
    ("Una Mentee", "Europe/Vienna", {"role_wanted": "mentee", "skills_wanted": "sql"}),
)  # fmt: skip


@dataclass
class Home:
    name: str
    home: Path
    store: Any
    intake: dict[str, Any] | None

    @property
    def id(self) -> str:
        from mentor_tui.services.profile import require_me

        return require_me(self.store).id


@pytest.fixture
def homes(tmp_path: Path, migrated_database: Path):
    from mentor_tui.services.profile import set_up_profile

    made = []
    for name, zone, intake in PEOPLE:
        home = tmp_path / name.split()[0].lower()
        store = open_new_store(home, FrozenClock(FROZEN_NOW), migrated_database)
        set_up_profile(store, name, zone)
        made.append(Home(name, home, store, {**intake, "timezone": zone} if intake else None))
    yield made
    for side in made:
        side.store.close()


@pytest.fixture
def program_repo(tmp_path: Path) -> Path:
    path = tmp_path / "program.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(path)], check=True, timeout=60)
    subprocess.run(
        ["git", "-C", str(path), "config", "uploadpack.allowFilter", "true"], check=True, timeout=60
    )
    return path


def where(kind: str, request: pytest.FixtureRequest, program_repo: Path) -> dict[str, Any]:
    if kind == "git":
        return {"kind": "git", "url": str(program_repo)}
    server = request.getfixturevalue("dav")
    return {"kind": "webdav", "url": server.url(), "user": "grace", "password": DAV_USERS["grace"]}
