"""A hostile partner, for the sync tests: someone who writes into the shared place by hand
(a commit pushed to the bare repository, or files written straight into the wsgidav root
on disk) instead of through the app."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentor_tui.sync import layout
from mentor_tui.sync.canonical import canonical_bytes, sha256
from tests.sync.conftest import git
from tests.sync.helpers import connect, sync
from tests.sync.scenes import linked_scene
from tests.sync.signing import edit_manifest, inner

STAMP = NOW = "2026-11-16T09:30:00.000000Z"
BACKENDS = ["git", "webdav"]


def new_id() -> str:
    return str(uuid.uuid4())


def record(kind: str, rid: str, revision: int = 1, /, **data: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "id": rid,
        "revision": revision,
        "created_at": STAMP,
        "updated_at": STAMP,
        "deleted": False,
        "data": data,
    }


class Forger:
    """Edits one member's folder on the remote as a person with write access could."""

    def __init__(self, kind: str, remote: Any, work: Path, pair_id: str, member_id: str):
        self.kind, self.remote, self.work = kind, remote, work
        self.pair_id, self.member_id = pair_id, member_id

    def edit(self, change: Callable[[Path], None]) -> None:
        """change(root) edits the shared place's files under root."""
        if self.kind == "webdav":
            change(self.remote.root / "shared")
            return
        shutil.rmtree(self.work, ignore_errors=True)
        git("clone", "--quiet", str(self.remote), str(self.work))
        change(self.work)
        git("add", "--all", cwd=self.work)
        git("-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "forged", cwd=self.work)
        git("push", "-q", "origin", "HEAD", cwd=self.work)

    def folder(self, root: Path) -> Path:
        return root / layout.member_dir(self.pair_id, self.member_id)

    def add(self, rid: str, kind: str, content: bytes | dict[str, Any]) -> None:
        """A record file and its manifest entry (a valid sha256, so only the checks of
        what the record says stand between it and the victim's database)."""
        data = content if isinstance(content, bytes) else canonical_bytes(content)
        self.add_many([(rid, kind, data)])

    def add_many(self, items: list[tuple[str, str, bytes]]) -> None:
        def change(root: Path) -> None:
            for rid, kind, data in items:
                path = root / layout.record_path(self.pair_id, self.member_id, rid)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                self._list(root, rid, kind, sha256(data))

        self.edit(change)

    def add_link(self, rid: str, kind: str, target: str, digest: str = "0" * 64) -> None:
        """A record committed as a symlink (the manifest lists it with some sha256)."""

        def change(root: Path) -> None:
            path = root / layout.record_path(self.pair_id, self.member_id, rid)
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target, path)
            self._list(root, rid, kind, digest)

        self.edit(change)

    def _list(self, root: Path, rid: str, kind: str, digest: str) -> None:
        """The entry, in the manifest signed again with the member's own key (a hostile
        partner holds it)."""

        def change(manifest: dict[str, Any]) -> None:
            entry = {"kind": kind, "revision": 1, "sha256": digest, "deleted": False}
            manifest["records"][rid] = entry
            manifest["count"] = len(manifest["records"])

        edit_manifest(
            root / layout.manifest_path(self.pair_id, self.member_id),
            self.pair_id,
            self.member_id,
            change,
        )


def remote_file(kind: str, remote: Any, path: str) -> bytes | None:
    """A file as the shared place holds it now."""
    if kind == "webdav":
        target = remote.root / "shared" / path
        return target.read_bytes() if target.is_file() else None
    import subprocess

    done = subprocess.run(
        ["git", "--git-dir", str(remote), "show", f"HEAD:{path}"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    return done.stdout if done.returncode == 0 else None


def published_ids(kind: str, remote: Any, pair_id: str, member_id: str) -> set[str]:
    data = remote_file(kind, remote, layout.manifest_path(pair_id, member_id))
    return set(inner(data)["records"]) if data else set()


def tree_state(folder: Path) -> dict[str, bytes | str]:
    """Every file and link under a folder (for 'nothing written there')."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = path.read_bytes()
        else:
            found[key] = "dir"
    return found


@dataclass
class Scene:
    backend: str
    remote: Any
    mentor: Any  # the victim
    mentee: Any  # the partner who forges
    forger: Forger
    sentinel: Path
    goal: str  # the mentee's goal, seen by both
    milestone: str
    session: str
    other_goal: str  # a goal of the mentor's other pair (with Bob)

    @property
    def victim(self) -> str:
        return self.mentor.pair.mentor.id  # member ids: the inviter's ids are the remote's

    @property
    def partner(self) -> str:
        return self.mentor.pair.mentee.id

    @property
    def pair(self) -> str:
        return self.mentor.pair.id


def make_scene(request: Any, backend: str, tmp_path: Path, mentor: Any, mentee: Any) -> Scene:
    """Both joined through the backend; the mentee's goal, milestone and session seen by
    both; the mentor also mentors Bob (another pair, with a goal of its own). Built once
    per test process and backend, copied for each test (tests/sync/scenes.py)."""
    bare_repo = request.getfixturevalue("bare_repo")
    dav = request.getfixturevalue("dav") if backend == "webdav" else None
    remote = bare_repo if backend == "git" else dav

    def build() -> tuple[str, str, str, str]:
        return _link(backend, remote, mentor, mentee)

    factory = request.getfixturevalue("tmp_path_factory")
    ids = linked_scene(("hostile", backend), factory, tmp_path, (mentor, mentee), dav, build)
    sentinel = tmp_path / "sentinel"
    sentinel.mkdir()
    (sentinel / "keep.txt").write_text("untouched")
    forger = Forger(backend, remote, tmp_path / "forge", mentor.pair.id, mentor.pair.mentee.id)
    return Scene(backend, remote, mentor, mentee, forger, sentinel, *ids)


def _link(backend: str, remote: Any, mentor: Any, mentee: Any) -> tuple[str, str, str, str]:
    """The scene's ids: the mentee's goal, milestone and session, the goal with Bob."""
    from mentor_tui.services.goals import create_goal
    from mentor_tui.services.milestones import add_milestone
    from mentor_tui.services.pairs import create_pair
    from mentor_tui.services.sessions import schedule_session

    connect(backend, mentor, mentee, remote)
    goal = create_goal(mentee.store, mentee.pair.id, title="Ada's goal")
    milestone = add_milestone(mentee.store, goal.id, title="Ada's milestone")
    meeting = schedule_session(mentee.store, mentee.pair.id, "2026-11-20 15:00")
    assert sync(mentee).problems == []
    assert sync(mentor).problems == []
    bob = create_pair(mentor.store, partner_name="Bob", my_role="mentor")
    other = create_goal(mentor.store, bob.id, title="Bob's goal")
    return goal.id, milestone.id, meeting.id, other.id


def victim_data(s: Scene) -> dict[str, Any]:
    from mentor_tui.services.exchange import export_data

    return export_data(s.mentor.store)["tables"]


def after_honest_sync(s: Scene) -> None:
    """The partner's app rewrites its folder from its own database; then all is quiet."""
    assert sync(s.mentee).problems == []
    assert sync(s.mentor).problems == []


def one_line_each(problems: list[str]) -> None:
    assert problems
    for line in problems:
        assert "\n" not in line and "Traceback" not in line and len(line) < 300
