"""Nothing private leaves the machine: a database full of private text (unique markers)
is synced, and every byte on the remote is searched for the markers."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.sync.conftest import DAV_USERS
from tests.sync.helpers import connect, sync

MARKERS = (
    "PRIV-NOTE-7f3a",
    "PRIV-JOURNAL-91c2",
    "PRIV-EMAIL-55d0",
    "PRIV-UNSHARED-c81e",
    "PRIV-DELETED-0b6d",
)


def fill_with_secrets(side) -> None:
    from mentor_tui.services.journal import add_journal_entry, delete_journal_entry
    from mentor_tui.services.profile import set_up_profile
    from mentor_tui.services.sessions import schedule_session, update_session

    pid = side.pair.id
    me = side.pair.me
    set_up_profile(side.store, me.display_name, me.timezone, email="PRIV-EMAIL-55d0@x.org")
    meeting = schedule_session(side.store, pid, "2026-11-20 15:00", agenda="Shared agenda")
    update_session(
        side.store,
        meeting.id,
        private_notes="PRIV-NOTE-7f3a worried about Ada",
        shared_notes="Shared notes",
    )
    add_journal_entry(side.store, "PRIV-JOURNAL-91c2 private thoughts", pair_id=pid)
    add_journal_entry(side.store, "Unpaired PRIV-UNSHARED-c81e", shared=False)
    gone = add_journal_entry(side.store, "PRIV-DELETED-0b6d never shared", pair_id=pid)
    delete_journal_entry(side.store, gone.id)
    add_journal_entry(side.store, "A shared thought for the pair.", shared=True, pair_id=pid)


def all_git_bytes(repo: Path) -> bytes:
    return subprocess.run(
        ["git", "cat-file", "--batch-all-objects", "--batch"],
        cwd=repo,
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout


def all_dav_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


@pytest.mark.parametrize("kind", ["git", "webdav"])
def test_private_text_never_reaches_the_remote(kind, request, bare_repo, mentor, mentee):
    remote = bare_repo if kind == "git" else request.getfixturevalue("dav")
    connect(kind, mentor, mentee, remote)
    for side in (mentor, mentee):
        fill_with_secrets(side)
        side.refresh()
    for side in (mentor, mentee, mentor):
        assert sync(side).problems == []
    blob = all_git_bytes(bare_repo) if kind == "git" else all_dav_bytes(remote.root)
    assert b"A shared thought for the pair." in blob  # the search does see published text
    assert b"Shared notes" in blob
    for marker in MARKERS:
        assert marker.encode() not in blob, marker
    for password in DAV_USERS.values():
        assert password.encode() not in blob
        for side in (mentor, mentee):  # nor in the home: state, clone, database
            for path in side.home.rglob("*"):
                if path.is_file():
                    assert password.encode() not in path.read_bytes(), path


def test_unsharing_replaces_the_webdav_file_with_a_tombstone(request, mentor, mentee):
    from mentor_tui.services.journal import add_journal_entry, list_journal, set_shared

    dav = request.getfixturevalue("dav")
    connect("webdav", mentor, mentee, dav)
    entry = add_journal_entry(
        mentee.store, "Shared then regretted MARK-7d1e", shared=True, pair_id=mentee.pair.id
    )
    sync(mentee)
    sync(mentor)
    assert [e.id for e in list_journal(mentor.store, mentor.pair.id)] == [entry.id]
    set_shared(mentee.store, entry.id, False)
    result = sync(mentee)
    assert result.tombstones == 1
    assert b"MARK-7d1e" not in all_dav_bytes(dav.root)
    sync(mentor)
    assert list_journal(mentor.store, mentor.pair.id) == []  # deleted there too
    set_shared(mentee.store, entry.id, True)  # and shared again: it comes back
    sync(mentee)
    sync(mentor)
    assert [e.id for e in list_journal(mentor.store, mentor.pair.id)] == [entry.id]
