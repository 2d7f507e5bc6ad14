"""Links committed into the shared place by hand, through both backends.

git: the clone checks links out as small files (core.symlinks=false) and the working copy
is read and written without following any (sync/sandbox.py). WebDAV has no links: a link
on the server's disk is the server's business. wsgidav refuses to serve or write through
one (403), so there the checks are that such a file only makes that record wait, that a
folder of mine the server refuses stops the sync with one line, and that nothing outside
the home is written either way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mentor_tui.sync import layout
from mentor_tui.sync.canonical import SyncError, sha256
from tests.sync.helpers import sync
from tests.sync.hostile import (
    BACKENDS,
    Scene,
    after_honest_sync,
    make_scene,
    new_id,
    one_line_each,
    published_ids,
    tree_state,
    victim_data,
)


@pytest.fixture(params=BACKENDS)
def scene(request, tmp_path, mentor, mentee) -> Scene:
    return make_scene(request, request.param, tmp_path, mentor, mentee)


def _link_in_place(path: Path, target: Path) -> None:
    """Replace a folder of the shared place by a link to somewhere else."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
    os.symlink(target, path)


def _unlink(s: Scene, folder: str) -> None:
    """What the WebDAV server's administrator does: the link goes."""
    if s.backend == "webdav":
        (s.remote.root / "shared" / folder).unlink()


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero"])
def test_a_partner_record_that_is_a_link_is_never_followed(scene, target):
    from mentor_tui.services.goals import create_goal

    s = scene
    mine = create_goal(s.mentor.store, s.pair, title="Mine, made before the sync")
    before, outside = victim_data(s), tree_state(s.sentinel)
    rid = new_id()
    # The manifest even lists the sha256 of what the link points at, were it followed.
    passwd = Path("/etc/passwd")
    digest = sha256(passwd.read_bytes()) if target == str(passwd) else "0" * 64
    s.forger.add_link(rid, "goal", target, digest)
    result = sync(s.mentor)
    one_line_each(result.problems)
    assert any(rid in line for line in result.problems), result.problems
    assert victim_data(s) == before
    assert tree_state(s.sentinel) == outside
    assert mine.id in published_ids(s.backend, s.remote, s.pair, s.victim)
    after_honest_sync(s)


@pytest.mark.parametrize("what", ["records", "member folder"])
def test_my_folder_replaced_by_a_link_writes_nothing_anywhere(scene, what):
    from mentor_tui.services.goals import create_goal, list_goals

    s = scene
    mine = create_goal(s.mentor.store, s.pair, title="Mine, made before the sync")
    before, outside = victim_data(s), tree_state(s.sentinel)
    held = "/packs" if s.backend == "webdav" else "/records"  # where my records are kept
    folder = layout.member_dir(s.pair, s.victim) + (held if what == "records" else "")
    s.forger.edit(lambda root: _link_in_place(root / folder, s.sentinel))
    with pytest.raises(SyncError) as caught:
        sync(s.mentor)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 300
    assert victim_data(s) == before
    assert tree_state(s.sentinel) == outside
    _unlink(s, folder)
    assert sync(s.mentor, verify=True).problems == []  # rebuilds my folder
    assert tree_state(s.sentinel) == outside
    assert mine.id in published_ids(s.backend, s.remote, s.pair, s.victim)
    assert sync(s.mentee).problems == []
    assert mine.id in {view.goal.id for view in list_goals(s.mentee.store, s.pair)}
    assert sync(s.mentor).problems == []


def test_the_partners_folder_as_a_link_is_not_read(scene):
    from mentor_tui.services.goals import create_goal

    s = scene
    mine = create_goal(s.mentor.store, s.pair, title="Mine, made before the sync")
    before, outside = victim_data(s), tree_state(s.sentinel)
    folder = layout.member_dir(s.pair, s.partner)
    mine_folder = s.remote.root / "shared" if s.backend == "webdav" else None
    target = (mine_folder or s.sentinel) / layout.member_dir(s.pair, s.victim)
    # Their folder points at mine (on the server's disk, or a path in the clone).
    s.forger.edit(lambda root: _link_in_place(root / folder, target))
    result = sync(s.mentor)
    one_line_each(result.problems)
    assert victim_data(s) == before
    assert tree_state(s.sentinel) == outside
    assert mine.id in published_ids(s.backend, s.remote, s.pair, s.victim)
    _unlink(s, folder)
    assert sync(s.mentee, verify=True).problems == []  # their app rebuilds their folder
    assert sync(s.mentor).problems == []
