"""Oversize and malformed records from a hostile partner, through both backends: each
waits with one line (never a traceback), the victim's data stays as it was, the victim's
own side is still published, and once the partner's app has rewritten its folder the
next sync completes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.sync.helpers import sync
from tests.sync.hostile import (
    BACKENDS,
    NOW,
    Scene,
    after_honest_sync,
    make_scene,
    new_id,
    one_line_each,
    published_ids,
    record,
    tree_state,
    victim_data,
)


@pytest.fixture(params=BACKENDS)
def scene(request, tmp_path, mentor, mentee) -> Scene:
    return make_scene(request, request.param, tmp_path, mentor, mentee)


def _entry(s: Scene, rid: str, **data: Any) -> dict[str, Any]:
    values = {"pair_id": s.pair, "author_id": s.partner, "written_at": NOW, "shared": True}
    return record("journal_entry", rid, **{**values, **data})


def _json(data: Any) -> bytes:
    return json.dumps(data).encode()  # ASCII escapes: "\ud800" stays a lone surrogate


# name -> (the file's bytes, given the scene and the record id; what the line says)
BAD: dict[str, tuple[Any, str]] = {
    "a 21 MB journal body": (
        lambda s, rid: _json(_entry(s, rid, body="x" * 21_000_000)),
        "larger than 1 MB",
    ),
    "a 2.2-million-character title": (
        lambda s, rid: _json(_entry(s, rid, title="t" * 2_200_000)),
        "larger than 1 MB",
    ),
    "a title over the local limit": (
        lambda s, rid: _json(_entry(s, rid, title="t" * 501)),
        "journal_entry.title is 501 characters long",
    ),
    "a lone surrogate": (
        lambda s, rid: _json(_entry(s, rid, body="before \ud800 after")),
        "not valid Unicode",
    ),
    "a time before year 1": (
        lambda s, rid: _json(_entry(s, rid, written_at="0001-01-01T00:00:00+01:00")),
        "not a valid time",
    ),
    "stamps before year 1": (
        lambda s, rid: _json({**_entry(s, rid), "updated_at": "0001-01-01T00:00:00+01:00"}),
        "bad time stamps",
    ),
    "a year 0 date": (
        lambda s, rid: _json(_entry(s, rid, written_at="0000-06-01T00:00:00Z")),
        "not a valid time",
    ),
    "a date out of range": (
        lambda s, rid: _json(_entry(s, rid, written_at="9999-12-31T23:59:59Z")),
        "outside 1900-2999",
    ),
    "invalid UTF-8 bytes": (
        lambda s, rid: _json(_entry(s, rid, body="@@")).replace(b"@@", b"\xff\xfe"),
        "not valid JSON",
    ),
    "JSON that is not an object": (lambda s, rid: b"[1, 2, 3]", "not a record"),
    "JSON nested too deep": (lambda s, rid: b"[" * 200_000 + b"]" * 200_000, "not valid JSON"),
    "an unknown time zone": (
        lambda s, rid: _json(
            record(
                "session",
                rid,
                pair_id=s.pair,
                starts_at=NOW,
                timezone="Mars/Olympus_Mons",
                kind="check_in",
                status="planned",
            )
        ),
        "not a known time zone",
    ),
    "a score of 99": (
        lambda s, rid: _json(
            record(
                "assessment",
                rid,
                pair_id=s.pair,
                milestone_id=s.milestone,
                assessor_id=s.partner,
                role="mentee",
                score=99,
                assessed_at=NOW,
            )
        ),
        "from 1 to 5",
    ),
}


@pytest.mark.parametrize("bad", sorted(BAD))
def test_a_bad_record_waits_with_one_line(scene, bad):
    from mentor_tui.services.goals import create_goal

    s = scene
    make, words = BAD[bad]
    mine = create_goal(s.mentor.store, s.pair, title="Mine, made before the sync")
    good = new_id()  # a good record of theirs beside the bad one still comes in
    before, outside = victim_data(s), tree_state(s.sentinel)
    rid = new_id()
    kind = "goal"  # the manifest's word: the file itself says what it is
    s.forger.add_many(
        [
            (rid, kind, make(s, rid)),
            (good, "journal_entry", _json(_entry(s, good, body="A fine entry"))),
        ]
    )
    result = sync(s.mentor)
    one_line_each(result.problems)
    assert len(result.problems) == 1 and rid in result.problems[0], result.problems
    assert words in result.problems[0], result.problems
    after = victim_data(s)
    assert [e["id"] for e in after["journal_entry"]] == [good]
    after["journal_entry"] = before["journal_entry"]
    assert after == before
    assert tree_state(s.sentinel) == outside
    assert mine.id in published_ids(s.backend, s.remote, s.pair, s.victim)
    after_honest_sync(s)
