"""Packs on WebDAV (sync/packs.py), against real wsgidav: what one change writes, what a
sync with no change reads, a pack a hostile partner damaged (each record refused alone),
a remote in the per-record layout of the version before, dead packs deleted and
compacted."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from mentor_tui.sync import layout
from mentor_tui.sync.packs import PACK_MAGIC, frame, pack_bytes, split_pack
from tests.sync.helpers import connect, sync
from tests.sync.scenes import linked_scene
from tests.sync.signing import edit_manifest


def _titles(side) -> list[str]:
    from mentor_tui.services.goals import list_goals

    return sorted(g.goal.title for g in list_goals(side.store, side.pair.id))


def _manifest(dav, side, member: str) -> dict[str, Any]:
    path = dav.root / "shared" / layout.manifest_path(side.pair.id, member)
    return json.loads(path.read_bytes())["manifest"]


def _pack_files(dav, side, member: str) -> set[str]:
    folder = dav.root / "shared" / layout.member_dir(side.pair.id, member) / "packs"
    return {p.name.removesuffix(".pack") for p in folder.iterdir()} if folder.is_dir() else set()


def _requests(dav, method: str, part: str) -> list[str]:
    return [p for m, p in dav.faults.requests if m == method and part in p]


@pytest.fixture
def linked(dav, mentor, mentee, tmp_path, tmp_path_factory):
    """Both joined; the mentee's goals seen by the mentor (a copy of a scene built once per
    test process: tests/sync/scenes.py)."""
    from mentor_tui.services.goals import create_goal, get_goal

    def build() -> list[str]:
        connect("webdav", mentor, mentee, dav)
        goals = [create_goal(mentee.store, mentee.pair.id, title=f"Goal {n}") for n in range(6)]
        assert sync(mentee).problems == []
        assert sync(mentor).problems == []
        return [goal.id for goal in goals]

    sides = (mentor, mentee)
    ids = linked_scene("six-goals", tmp_path_factory, tmp_path, sides, dav, build)
    return [get_goal(mentee.store, goal_id).goal for goal_id in ids]


def test_one_changed_record_writes_one_pack_and_a_no_change_sync_reads_no_pack(
    linked, dav, mentor, mentee
):
    from mentor_tui.services.goals import update_goal

    member = mentor.pair.mentee.id
    before = _pack_files(dav, mentee, member)
    mentee.clock.advance(minutes=5)
    update_goal(mentee.store, linked[0].id, title="Goal 0, changed")
    dav.faults.requests.clear()
    assert sync(mentee).problems == []
    writes = dav.faults.writes()
    pack_puts = _requests(dav, "PUT", "/packs/")
    # One new pack (the goal and its change record), SUMMARY.md (the title shows there),
    # the manifest beside its name and the MOVE over it; nothing deleted, no record file.
    assert len(pack_puts) == 1
    assert writes == Counter({"PUT": 3, "MOVE": 1})
    assert _pack_files(dav, mentee, member) == before | {pack_puts[0].rsplit("/")[-1][:-5]}
    dav.faults.requests.clear()
    assert sync(mentor).problems == []
    assert "Goal 0, changed" in _titles(mentor)
    assert len(_requests(dav, "GET", "/packs/")) == 1  # only the new pack is read
    for side in (mentee, mentor):
        dav.faults.requests.clear()
        assert sync(side).written == 0
        assert dav.faults.writes() == Counter()
        assert not _requests(dav, "GET", "/packs/") and not _requests(dav, "GET", "/records/")


def _rewrite_pack(dav, side, member: str, rid: str, change) -> None:
    """The pack that holds rid, rewritten on the server's disk by change(pieces) -> bytes."""
    pack = _manifest(dav, side, member)["records"][rid]["pack"]
    path = dav.root / "shared" / layout.pack_path(side.pair.id, member, pack)
    pieces = {r: got[0].data for r, got in split_pack(path.read_bytes(), 10**9).items()}
    path.write_bytes(change(pieces))


def test_a_damaged_pack_refuses_each_bad_record_alone(dav, mentor, mentee):
    from mentor_tui.config import update_config
    from mentor_tui.services.goals import create_goal

    connect("webdav", mentor, mentee, dav)
    update_config(mentor.home, sync_record_limit_mb=1)
    forged, oversize, cut, good = (
        create_goal(mentee.store, mentee.pair.id, title=title).id
        for title in ("Forged", "Oversize", "Cut short", "Good")
    )
    assert sync(mentee).problems == []
    member = mentor.pair.mentee.id

    def damage(pieces: dict[str, bytes]) -> bytes:
        rest = [(r, d) for r, d in pieces.items() if r not in (forged, oversize, cut)]
        changed = pieces[forged].replace(b"Forged", b"Hacked")
        items = [*rest, (forged, changed), (oversize, b"x" * 1_500_000)]
        # The last record claims more bytes than the pack holds.
        return pack_bytes(items) + frame(cut, pieces[cut] + b"more") + pieces[cut]

    _rewrite_pack(dav, mentee, member, good, damage)
    problems = sync(mentor).problems
    for rid, words in ((forged, "sha256"), (oversize, "larger than"), (cut, "cut short")):
        assert [line for line in problems if rid in line and words in line], (rid, problems)
    # Each bad record alone; the three goals' status changes wait for their goals.
    assert len(problems) == 6
    assert all("goal that is not here yet" in line for line in problems[3:]), problems
    assert _titles(mentor) == ["Good"]  # and the pair's other records came in
    # The partner's `--verify` finds the pack of another size and packs its records anew.
    assert sync(mentee, verify=True).written >= 2
    assert sync(mentor).problems == []
    assert _titles(mentor) == ["Cut short", "Forged", "Good", "Oversize"]


def test_a_pack_is_read_capped_and_never_through_a_link(linked, dav, mentor, mentee, monkeypatch):
    import mentor_tui.sync.packs as packs
    from mentor_tui.services.goals import update_goal

    member = mentor.pair.mentee.id
    mentee.clock.advance(minutes=5)
    update_goal(mentee.store, linked[1].id, title="Goal 1, changed")
    assert sync(mentee).problems == []
    pack = _manifest(dav, mentee, member)["records"][linked[1].id]["pack"]
    path = dav.root / "shared" / layout.pack_path(mentee.pair.id, member, pack)
    content = path.read_bytes()
    # A link on the server's disk: wsgidav refuses to serve it; those records wait.
    path.unlink()
    os.symlink("/etc/passwd", path)
    result = sync(mentor)
    assert result.problems and all("waits" in line for line in result.problems)
    assert any(linked[1].id in line for line in result.problems)
    assert "Goal 1, changed" not in _titles(mentor)
    # A pack past its cap (what a writer makes: 8 MB, or one record up to the record limit
    # of 1 MB when packs are made smaller, as here) is cut off.
    path.unlink()
    path.write_bytes(content + b"x" * 2_000_000)
    monkeypatch.setattr(packs, "PACK_BYTES", 1000)
    result = sync(mentor)
    assert any(linked[1].id in line and "larger than" in line for line in result.problems)
    assert "Goal 1, changed" not in _titles(mentor)
    monkeypatch.undo()
    path.write_bytes(content)
    assert sync(mentor).problems == []
    assert "Goal 1, changed" in _titles(mentor)


def test_a_remote_in_the_per_record_layout_still_pulls_and_moves_to_packs(
    dav, mentor, mentee, monkeypatch
):
    import mentor_tui.sync.service as service
    from mentor_tui.services.goals import create_goal, update_goal

    real = service.outgoing

    def per_record(*args: Any, **options: Any) -> Any:  # the version before packs
        return real(*args, **{**options, "packed": False})

    monkeypatch.setattr(service, "outgoing", per_record)
    connect("webdav", mentor, mentee, dav)
    goal = create_goal(mentee.store, mentee.pair.id, title="Written before packs")
    assert sync(mentee).problems == []
    member = mentor.pair.mentee.id
    folder = dav.root / "shared" / layout.member_dir(mentee.pair.id, member)
    assert (folder / "records" / f"{goal.id}.json").is_file()
    assert not (folder / "packs").exists()
    assert all("pack" not in e for e in _manifest(dav, mentee, member)["records"].values())
    assert sync(mentor).problems == []
    assert _titles(mentor) == ["Written before packs"]
    monkeypatch.undo()
    # This version's next publish moves the writer to packs and removes the old files.
    mentee.clock.advance(minutes=5)
    update_goal(mentee.store, goal.id, title="Written in a pack")
    assert sync(mentee).problems == []
    entries = _manifest(dav, mentee, member)["records"].values()
    assert all(e.get("pack") for e in entries)
    assert not (folder / "records").exists()
    assert {e["pack"] for e in entries} == _pack_files(dav, mentee, member)
    assert sync(mentor).problems == []
    assert _titles(mentor) == ["Written in a pack"]
    for side in (mentee, mentor):
        assert sync(side).written == 0


def _all_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def test_a_withdrawn_record_leaves_the_server_with_its_pack(linked, dav, mentor, mentee):
    from mentor_tui.services.goals import update_goal
    from mentor_tui.services.journal import add_journal_entry, delete_journal_entry

    entry = add_journal_entry(
        mentee.store, "Unique words 7f3a, shared once.", shared=True, pair_id=mentee.pair.id
    )
    mentee.clock.advance(minutes=5)
    update_goal(mentee.store, linked[0].id, title="Goal 0, in the same pack")
    assert sync(mentee).problems == []
    member = mentor.pair.mentee.id
    old = _manifest(dav, mentee, member)["records"][entry.id]["pack"]
    assert b"Unique words 7f3a" in _all_bytes(dav.root)
    delete_journal_entry(mentee.store, entry.id)
    mentee.clock.advance(minutes=5)
    assert sync(mentee).problems == []
    # The tombstone is in a new pack; the pack that held the text was compacted away.
    manifest = _manifest(dav, mentee, member)
    assert manifest["records"][entry.id]["deleted"] is True
    assert old not in _pack_files(dav, mentee, member)
    assert _pack_files(dav, mentee, member) == set(manifest["packs"])
    assert b"Unique words 7f3a" not in _all_bytes(dav.root)
    assert sync(mentor).problems == []
    assert "Goal 0, in the same pack" in _titles(mentor)  # moved to the new pack
    assert sync(mentee).written == 0


def test_a_pack_mostly_dead_is_compacted(dav, mentor, mentee):
    from mentor_tui.services.goals import create_goal, update_goal

    connect("webdav", mentor, mentee, dav)
    goals = [create_goal(mentee.store, mentee.pair.id, title=f"Goal {n}") for n in range(10)]
    assert sync(mentee).problems == []
    member = mentor.pair.mentee.id
    first = {_manifest(dav, mentee, member)["records"][goals[9].id]["pack"]}
    mentee.clock.advance(minutes=5)
    update_goal(mentee.store, goals[0].id, title="Goal 0, changed")
    assert sync(mentee).problems == []
    assert first < _pack_files(dav, mentee, member)  # most of the goals' pack still lives
    mentee.clock.advance(minutes=5)
    for goal in goals[1:]:
        update_goal(mentee.store, goal.id, title=f"{goal.title}, changed")
    assert sync(mentee).problems == []
    # Past half of the goals' pack is dead (every goal; their first status changes live):
    # its live records moved into the new pack, and it is gone.
    now = _pack_files(dav, mentee, member)
    assert not first & now
    assert now == set(_manifest(dav, mentee, member)["packs"])
    assert sync(mentor).problems == []
    assert len(_titles(mentor)) == 10 and sync(mentee).written == 0


def test_the_plan_keeps_what_is_unchanged_and_merges_many_small_packs():
    from mentor_tui.sync.layout import Entry, Manifest
    from mentor_tui.sync.packs import SMALL_PACKS_KEPT, plan_packs

    ids = [f"00000000-0000-4000-8000-{n:012d}" for n in range(SMALL_PACKS_KEPT + 2)]
    records = {rid: b'{"n":"%s"}' % rid.encode() for rid in ids}
    manifest = Manifest("p", "m", {rid: Entry("goal", 1, "s" + rid, False) for rid in ids})
    previous = None
    for rid in ids:  # one change per sync: one small pack each
        one = Manifest("p", "m", {rid: manifest.records[rid]})
        plan = plan_packs({rid: records[rid]}, one, None)
        assert len(plan.new) == 1
        if previous is None:
            previous = plan.manifest
        else:
            previous.records[rid] = plan.manifest.records[rid]
            previous.packs.update(plan.manifest.packs)
    assert previous is not None and len(previous.packs) == len(ids)
    same = plan_packs(records, manifest, previous)
    assert same.new == {} and same.manifest.to_bytes() == previous.to_bytes()
    # One change, and the many small packs are merged into the one new pack.
    changed = dict(manifest.records)
    changed[ids[0]] = Entry("goal", 2, "changed", False)
    records[ids[0]] = b'{"n":"changed"}'
    merged = plan_packs(records, Manifest("p", "m", changed), previous)
    assert len(merged.new) == 1 and merged.kept == {}
    assert set(merged.manifest.packs) == set(merged.new)


def test_a_pack_is_split_within_its_bounds():
    rid = "00000000-0000-4000-8000-000000000001"
    assert split_pack(b"not a pack", 100) == {}
    assert split_pack(PACK_MAGIC + b"../etc 3\nabc", 100) == {}
    assert split_pack(PACK_MAGIC + frame(rid, b"abc") + b"ab", 100)[rid][0].problem
    huge = PACK_MAGIC + rid.encode() + b" 99999999999999999999\n"
    assert split_pack(huge, 100) == {}
    two = split_pack(pack_bytes([(rid, b"one"), (rid, b"two")]), 100)
    assert [p.data for p in two[rid]] == [b"one", b"two"]


def test_a_sync_with_no_change_still_sees_a_write_made_outside_the_orm(linked, dav, mentor, mentee):
    """The no-change shortcut (sync/quiet.py) is taken only while my data and my folder
    there are as I left them: an entry the CLI's quick path inserted with plain sqlite3,
    and my manifest rewritten on the server, each make the next sync build and publish."""
    from mentor_tui.models.journal_quick import open_quick, quick_add
    from mentor_tui.models.journal_sql import Draft

    member = mentor.pair.mentee.id
    assert sync(mentee).written == 0
    conn = open_quick(str(mentee.store.path))
    assert conn is not None
    row = quick_add(
        conn,
        Draft("Quick thought", "Written from the shell", ""),
        author_id=mentee.pair.me.id,
        pair_id=mentee.pair.id,
        shared=True,
        now=mentee.clock.now(),
    )
    conn.close()
    assert sync(mentee).written >= 2  # its pack and the manifest
    assert row.id in _manifest(dav, mentee, member)["records"]
    assert sync(mentee).written == 0
    # Someone rewrites my manifest on the server (dropping an entry): the next sync sees
    # it is not the one I wrote and writes mine again.
    path = dav.root / "shared" / layout.manifest_path(mentee.pair.id, member)
    mine = path.read_bytes()

    def drop(manifest: dict[str, Any]) -> None:
        manifest["records"].pop(row.id)
        manifest["count"] -= 1

    edit_manifest(path, mentee.pair.id, member, drop)
    assert path.read_bytes() != mine
    # The entry is packed again (that manifest named no pack for it), and the manifest.
    assert sync(mentee).written >= 2
    assert row.id in _manifest(dav, mentee, member)["records"]
    assert _pack_files(dav, mentee, member) == set(_manifest(dav, mentee, member)["packs"])
    assert sync(mentor).problems == []
    assert sync(mentee).written == 0
