"""The owner of an action item the partner raised closes it in their own folder, through
both backends: their own record says so, and both sides show it."""

from __future__ import annotations

import pytest

from mentor_tui.errors import MentorError
from mentor_tui.models.db import ReadOnlyRecord
from tests.sync.helpers import sync
from tests.sync.hostile import BACKENDS, Forger, new_id, one_line_each, record, victim_data
from tests.sync.scenes import joined_scene


@pytest.fixture(params=BACKENDS)
def linked(request, bare_repo, mentor, mentee, tmp_path, tmp_path_factory):
    """Both joined (a copy of a scene built once per test process: tests/sync/scenes.py)."""
    remote = bare_repo if request.param == "git" else request.getfixturevalue("dav")
    joined_scene(request.param, tmp_path_factory, tmp_path, mentor, mentee, remote)
    return request.param, remote


def _open_titles(side) -> list[str]:
    from mentor_tui.services.actions import carried_items
    from mentor_tui.services.sessions import open_action_items

    carried = sorted(view.item.title for view in carried_items(side.store, side.pair.id))
    dashboard = sorted(view.item.title for view in open_action_items(side.store, side.pair.id))
    assert carried == dashboard
    return carried


def test_the_owner_closes_an_item_the_partner_raised(linked, mentor, mentee):
    from mentor_tui.services.actions import (
        add_action_item,
        complete_action_item,
        drop_action_item,
        reopen_action_item,
    )

    pid, ada = mentor.pair.id, mentor.pair.mentee.id
    item = add_action_item(mentor.store, pid, "Read DDIA chapter 11", owner_id=ada)
    mine = add_action_item(mentor.store, pid, "Introduce Ada to Marcus", owner_id=mentor.pair.me.id)
    assert sync(mentor).problems == [] and sync(mentee).problems == []
    assert _open_titles(mentee) == ["Introduce Ada to Marcus", "Read DDIA chapter 11"]

    done = complete_action_item(mentee.store, item.id)  # Ada owns it: her own record says so
    assert done.status == "done" and done.closed_at is not None
    assert _open_titles(mentee) == ["Introduce Ada to Marcus"]
    with pytest.raises(ReadOnlyRecord):  # not hers to close: Grace owns it
        complete_action_item(mentee.store, mine.id)
    assert sync(mentee).problems == [] and sync(mentor).problems == []
    assert _open_titles(mentor) == ["Introduce Ada to Marcus"]
    with pytest.raises(MentorError, match="owns this action item"):
        reopen_action_item(mentor.store, item.id)  # her word decides, not the raiser's

    drop_action_item(mentee.store, item.id)
    reopen_action_item(mentee.store, item.id)
    assert sync(mentee).problems == [] and sync(mentor).problems == []
    assert _open_titles(mentor) == ["Introduce Ada to Marcus", "Read DDIA chapter 11"]
    for side in (mentee, mentor):  # settled
        result = sync(side)
        assert (result.written, result.received, result.problems) == (0, 0, [])


def test_only_the_owner_may_say_an_item_is_closed(linked, mentor, mentee, tmp_path):
    """Ada publishes, by hand, a status record closing an item Grace owns."""
    from mentor_tui.services.actions import add_action_item
    from mentor_tui.sync.canonical import canonical_bytes

    kind, remote = linked
    pid, ada = mentor.pair.id, mentor.pair.mentee.id
    item = add_action_item(mentor.store, pid, "Grace's own task", owner_id=mentor.pair.me.id)
    assert sync(mentor).problems == [] and sync(mentee).problems == []
    before = victim_data_of(mentor)
    rid = new_id()
    data = record(
        "action_item_status",
        rid,
        pair_id=pid,
        action_item_id=item.id,
        person_id=ada,
        status="done",
        closed_at="2026-11-16T09:30:00.000000Z",
    )
    Forger(kind, remote, tmp_path / "forge", pid, ada).add(
        rid, "action_item_status", canonical_bytes(data)
    )
    result = sync(mentor)
    one_line_each(result.problems)
    assert any(rid in line and "(owner-closes)" in line for line in result.problems)
    assert victim_data_of(mentor) == before
    assert _open_titles(mentor) == ["Grace's own task"]
    assert sync(mentee).problems == [] and sync(mentor).problems == []


def victim_data_of(side):
    from types import SimpleNamespace

    return victim_data(SimpleNamespace(mentor=side))  # type: ignore[arg-type]
