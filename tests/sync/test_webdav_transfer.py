"""The WebDAV transfer: uploads checked by one listing instead of a read-back per file,
and a sync with no change that writes nothing."""

from __future__ import annotations

from collections import Counter

import pytest

from mentor_tui.sync.canonical import SyncError
from tests.sync.helpers import connect, sync
from tests.sync.scenes import first_goal_scene


def _titles(side) -> list[str]:
    from mentor_tui.services.goals import list_goals

    return sorted(g.goal.title for g in list_goals(side.store, side.pair.id))


@pytest.fixture
def linked(dav, mentor, mentee, tmp_path, tmp_path_factory):
    """Both joined; the mentee's first goal already seen by the mentor (a copy of a scene
    built once per test process: tests/sync/scenes.py)."""
    return first_goal_scene("webdav", tmp_path_factory, tmp_path, mentor, mentee, dav)


def test_an_upload_cut_silently_is_caught_by_the_listing(linked, dav, mentor, mentee):
    from mentor_tui.services.goals import update_goal

    mentee.clock.advance(minutes=5)
    update_goal(mentee.store, linked.id, title="Second title, long enough to be cut")
    dav.faults.add(method="PUT", path="/packs/", short=True)
    with pytest.raises(SyncError, match=r"did not keep .*packs/.* as uploaded"):
        sync(mentee)
    dav.faults.reset()
    # The manifest was not written, so the mentor still sees the side as it was.
    assert sync(mentor).problems == []
    assert _titles(mentor) == ["First title"]
    assert sync(mentee).problems == []
    assert sync(mentor).problems == []
    assert _titles(mentor) == ["Second title, long enough to be cut"]


def test_uploads_are_not_read_back_one_by_one(dav, mentor, mentee):
    from mentor_tui.services.goals import create_goal

    for n in range(12):
        create_goal(mentor.store, mentor.pair.id, title=f"Goal {n}")
    dav.faults.requests.clear()
    connect("webdav", mentor, mentee, dav)
    record_gets = [p for m, p in dav.faults.requests if m == "GET" and "/packs/" in p]
    mine = f"/{mentor.pair.mentor.id}/packs/"
    mentor_puts = [p for m, p in dav.faults.requests if m == "PUT" and mine in p]
    assert len(mentor_puts) == 1  # 12 goals, my profile and the charter: one pack
    # Uploads are checked by a listing; a pack is read only by the partner's pull, once.
    assert record_gets and max(Counter(record_gets).values()) == 1
    assert sorted(_titles(mentee)) == sorted(f"Goal {n}" for n in range(12))


def test_a_sync_with_no_change_writes_nothing(linked, dav, mentor, mentee):
    for side in (mentee, mentor):
        dav.faults.requests.clear()
        assert sync(side).written == 0
        methods = Counter(m for m, _ in dav.faults.requests)
        assert dav.faults.writes() == Counter()
        assert methods["PUT"] == 0
        # No record is read either: both manifests are known.
        assert not any("/records/" in p or "/packs/" in p for _, p in dav.faults.requests)
