"""End-to-end encryption (`--encrypt`), two homes through git and WebDAV: both sides see
each other's records, and every byte the host holds (every git object and `git log -p
--all`; every WebDAV file) carries none of the shared text, the names or the charter."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from tests.sync.conftest import DAV_USERS, Side
from tests.sync.helpers import sync
from tests.sync.test_privacy import all_dav_bytes, all_git_bytes

SHARED = (
    "SEALED-GOAL-3c9e",
    "SEALED-JOURNAL-a07b",
    "SEALED-MENTEE-GOAL-51fd",
    "Grace Hopper",
    "Ada Lovelace",
    "Grow into a staff engineer",
)


def connect_sealed(kind: str, mentor: Side, mentee: Side, remote: Any) -> str:
    from mentor_tui.sync.join import join
    from mentor_tui.sync.service import setup_git, setup_webdav

    if kind == "git":
        code, result = setup_git(mentor.store, mentor.home, mentor.pair, str(remote), encrypt=True)
        view, _ = join(mentee.store, mentee.home, code)
    else:
        code, result = setup_webdav(
            mentor.store,
            mentor.home,
            mentor.pair,
            remote.url(),
            "grace",
            DAV_USERS["grace"],
            encrypt=True,
        )
        view, _ = join(mentee.store, mentee.home, code, user="ada", password=DAV_USERS["ada"])
    assert any("encryption" in note for note in result.notes)  # nothing went out readable
    mentee.pair = view
    return code


def everything_on_the_host(kind: str, remote: Any) -> bytes:
    if kind == "webdav":
        return all_dav_bytes(remote.root)
    log = subprocess.run(
        ["git", "--git-dir", str(remote), "log", "-p", "--all"],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
    return all_git_bytes(remote) + log


@pytest.mark.parametrize("kind", ["git", "webdav"])
def test_the_host_sees_only_ciphertext(kind, request, bare_repo, mentor, mentee):
    from mentor_tui.services.goals import create_goal, list_goals
    from mentor_tui.services.journal import add_journal_entry, list_journal
    from mentor_tui.sync.report import status

    remote = bare_repo if kind == "git" else request.getfixturevalue("dav")
    create_goal(mentor.store, mentor.pair.id, title="SEALED-GOAL-3c9e")
    connect_sealed(kind, mentor, mentee, remote)
    create_goal(mentee.store, mentee.pair.id, title="SEALED-MENTEE-GOAL-51fd")
    add_journal_entry(mentee.store, "SEALED-JOURNAL-a07b", shared=True, pair_id=mentee.pair.id)
    for side in (mentee, mentor, mentee):
        assert sync(side).problems == []
    mentor_titles = {g.goal.title for g in list_goals(mentor.store, mentor.pair.id)}
    mentee_titles = {g.goal.title for g in list_goals(mentee.store, mentee.pair.id)}
    assert {"SEALED-GOAL-3c9e", "SEALED-MENTEE-GOAL-51fd"} <= mentor_titles
    assert {"SEALED-GOAL-3c9e", "SEALED-MENTEE-GOAL-51fd"} <= mentee_titles
    entries = list_journal(mentor.store, mentor.pair.id)
    assert [f"{e.title}{e.body}" for e in entries] == ["SEALED-JOURNAL-a07b"]
    mentee.refresh()
    assert mentee.pair.partner.display_name == "Grace Hopper"  # the name came sealed
    assert status(mentor.store, mentor.home, mentor.pair.id).encrypted
    assert status(mentee.store, mentee.home, mentee.pair.id).encrypted

    blob = everything_on_the_host(kind, remote)
    assert b"mentor-tui-sealed-1" in blob  # the search does see the files
    for text in SHARED:
        assert text.encode() not in blob, text


@pytest.mark.parametrize("kind", ["git", "webdav"])
def test_a_sync_with_no_change_writes_nothing_when_sealed(kind, request, bare_repo, mentor, mentee):
    from mentor_tui.services.goals import create_goal, update_goal

    remote = bare_repo if kind == "git" else request.getfixturevalue("dav")
    goal = create_goal(mentor.store, mentor.pair.id, title="Sealed and still")
    connect_sealed(kind, mentor, mentee, remote)
    for side in (mentee, mentor, mentee, mentor):
        assert sync(side).problems == []
    for side in (mentor, mentee):
        assert sync(side).written == 0  # no fresh ciphertext for unchanged records
    if kind == "webdav":
        remote.faults.reset()
        sync(mentor)
        assert remote.faults.writes() == {}
    update_goal(mentor.store, goal.id, title="Sealed and changed")
    written = sync(mentor).written
    # The goal, its change record, SUMMARY.md, the manifest; on WebDAV both records are
    # in one pack.
    assert written == (4 if kind == "git" else 3)
