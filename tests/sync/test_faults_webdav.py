"""WebDAV faults, injected by the middleware in front of wsgidav (or by stopping the
server): each gives a one-line message without the password, leaves both sides as they
were, and the next sync completes with nothing lost."""

from __future__ import annotations

import pytest

from mentor_tui.sync.canonical import SyncError
from tests.sync.conftest import DAV_USERS, start_dav
from tests.sync.helpers import sync
from tests.sync.scenes import first_goal_scene


@pytest.fixture
def linked(dav, mentor, mentee, tmp_path, tmp_path_factory):
    """Both joined; the mentee's first goal already seen by the mentor (a copy of a scene
    built once per test process: tests/sync/scenes.py)."""
    return first_goal_scene("webdav", tmp_path_factory, tmp_path, mentor, mentee, dav)


def _titles(side) -> list[str]:
    from mentor_tui.services.goals import list_goals

    return sorted(g.goal.title for g in list_goals(side.store, side.pair.id))


def _change(mentee, goal) -> None:
    from mentor_tui.services.goals import create_goal, update_goal

    mentee.clock.advance(minutes=5)
    update_goal(mentee.store, goal.id, title="Second title")
    create_goal(mentee.store, mentee.pair.id, title="Another goal")


def _fails_cleanly(side, expected: str) -> str:
    with pytest.raises(SyncError) as caught:
        sync(side)
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message
    for password in DAV_USERS.values():
        assert password not in message
    return message


FAULTS = [
    (dict(method="GET", path="FORMAT.json", status=401), "refused the user name or password"),
    (dict(method="PUT", status=403), "forbids"),
    (dict(method="PUT", status=404, times=50), "(404)"),
    (dict(method="PUT", status=409, times=50), "(409)"),
    (dict(method="PUT", path="manifest", status=412), "changed during the sync"),
    (dict(method="PUT", status=423), "locked"),
    (dict(method="MOVE", status=500), "failed (500)"),
    (dict(method="PUT", status=507), "out of space"),
    (dict(method="PUT", path="/packs/", cut=True), "broke"),
    (dict(method="PUT", path="manifest.json.part", cut=True), "broke"),
    (dict(method="PROPFIND", delay=1.5), "did not answer in time"),
]


def _name(fault: dict) -> str:
    what = fault.get("status") or ("cut" if fault.get("cut") else "slow")
    return f"{fault.get('method')}-{what}-{fault.get('path') or 'any'}"


@pytest.mark.parametrize(("fault", "expected"), FAULTS, ids=[_name(f) for f, _ in FAULTS])
def test_fault_leaves_both_sides_and_next_sync_completes(
    fault, expected, linked, dav, mentor, mentee, monkeypatch
):
    import mentor_tui.sync.webdav as webdav

    _change(mentee, linked)
    dav.faults.add(**fault)
    with monkeypatch.context() as short:
        # A short timeout for the faulty sync only (the slow fault must time out quickly);
        # the syncs after it get the normal one, as a loaded test machine needs.
        short.setattr(webdav, "TIMEOUT_SECONDS", 0.5)
        _fails_cleanly(mentee, expected)
    dav.faults.reset()
    # The mentor sees the mentee's side as it was: nothing half-published.
    result = sync(mentor)
    assert result.problems == []
    assert _titles(mentor) == ["First title"]
    # The next sync completes, and then the mentor gets everything.
    assert sync(mentee).problems == []
    assert sync(mentor).problems == []
    assert _titles(mentor) == ["Another goal", "Second title"]


def test_server_down_then_back(linked, dav, mentor, mentee):
    _change(mentee, linked)
    port = dav.port
    dav.stop()
    _fails_cleanly(mentee, "could not reach the WebDAV server")
    again = start_dav(dav.root, port)
    try:
        assert sync(mentee).problems == []
        assert sync(mentor).problems == []
        assert _titles(mentor) == ["Another goal", "Second title"]
    finally:
        again.stop()


def test_folder_emptied_on_the_server_stops_the_sync(linked, dav, mentor, mentee):
    import shutil

    shutil.rmtree(dav.root / "shared")
    (dav.root / "shared").mkdir()
    _fails_cleanly(mentee, "looks empty")
    assert list((dav.root / "shared").iterdir()) == []  # nothing was written into it
    assert _titles(mentee) == ["First title"]
    assert _titles(mentor) == ["First title"]


def test_a_bad_partner_record_waits_and_the_rest_comes_in(linked, dav, mentor, mentee):
    import json

    from mentor_tui.sync import layout
    from mentor_tui.sync.packs import pack_bytes, split_pack

    _change(mentee, linked)
    sync(mentee)
    pid, member = mentee.pair.id, mentor.pair.mentee.id
    manifest = json.loads((dav.root / "shared" / layout.manifest_path(pid, member)).read_bytes())
    pack = manifest["manifest"]["records"][linked.id]["pack"]
    damaged = dav.root / "shared" / layout.pack_path(pid, member, pack)
    pieces = split_pack(damaged.read_bytes(), 10**6)
    # The goal's record replaced inside its pack; the pack's other records stay whole.
    items = [
        (rid, b"{not json" if rid == linked.id else got[0].data) for rid, got in pieces.items()
    ]
    assert linked.id in pieces and len(items) > 1
    damaged.write_bytes(pack_bytes(items))
    result = sync(mentor)
    assert len(result.problems) == 1 and "sha256" in result.problems[0]
    assert _titles(mentor) == ["Another goal", "First title"]  # the damaged one waits
    assert sync(mentee).written == 0  # a sync that writes nothing does not list the folder
    assert sync(mentee, verify=True).written >= 1  # the listing shows it differs: uploaded
    assert sync(mentor).problems == []
    assert _titles(mentor) == ["Another goal", "Second title"]


def test_setup_on_a_folder_that_does_not_exist_creates_nothing(dav, mentor):
    from mentor_tui.sync.service import setup_webdav

    with pytest.raises(SyncError, match="folder on the way is missing"):
        setup_webdav(
            mentor.store, mentor.home, mentor.pair, dav.url("typo"), "grace", DAV_USERS["grace"]
        )
    assert sorted(p.name for p in dav.root.iterdir()) == ["shared"]
    assert list((dav.root / "shared").iterdir()) == []
