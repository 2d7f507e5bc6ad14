"""The merge rules on two homes through a bare git repository: the charter both members
write, profiles, deletions, and records a partner may not claim."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.sync.helpers import sync
from tests.sync.scenes import joined_scene
from tests.sync.signing import edit_manifest


@pytest.fixture
def linked(bare_repo, mentor, mentee, tmp_path, tmp_path_factory):
    """Both joined (a copy of a scene built once per test process: tests/sync/scenes.py)."""
    joined_scene("git", tmp_path_factory, tmp_path, mentor, mentee, bare_repo)


def test_charter_changes_travel_both_ways_and_settle(linked, mentor, mentee):
    from mentor_tui.services.pairs import get_pair, update_charter

    mentor.clock.advance(hours=1)
    update_charter(mentor.store, mentor.pair.id, purpose="Lead the platform team")
    sync(mentor)
    sync(mentee)
    assert get_pair(mentee.store, mentee.pair.id).pair.purpose == "Lead the platform team"
    mentee.clock.advance(hours=2)
    update_charter(mentee.store, mentee.pair.id, backup_channel="+49 30 1234")
    sync(mentee)
    sync(mentor)
    seen = get_pair(mentor.store, mentor.pair.id).pair
    assert (seen.purpose, seen.backup_channel) == ("Lead the platform team", "+49 30 1234")
    # Settled: nothing more goes back and forth.
    for side in (mentee, mentor, mentee):
        result = sync(side)
        assert (result.written, result.received) == (0, 0)


def test_profile_name_and_zone_come_from_the_partner(linked, mentor, mentee):
    from mentor_tui.services.pairs import get_pair
    from mentor_tui.services.profile import set_up_profile

    set_up_profile(mentee.store, "Ada King", "Europe/London", email="ada@private.example")
    sync(mentee)
    sync(mentor)
    partner = get_pair(mentor.store, mentor.pair.id).partner
    assert (partner.display_name, partner.timezone) == ("Ada King", "Europe/London")
    assert partner.email == ""
    assert partner.origin == mentor.pair.mentee.id


def test_deleting_a_published_milestone_sends_a_tombstone(linked, mentor, mentee):
    from mentor_tui.services.goals import create_goal
    from mentor_tui.services.milestones import (
        add_milestone,
        delete_milestone,
        list_milestones,
    )

    goal = create_goal(mentee.store, mentee.pair.id, title="Goal")
    milestone = add_milestone(mentee.store, goal.id, title="Soon gone")
    sync(mentee)
    sync(mentor)
    assert len(list_milestones(mentor.store, mentor.pair.id)) == 1
    delete_milestone(mentee.store, milestone.id)
    assert sync(mentee).tombstones == 1
    sync(mentor)
    assert list_milestones(mentor.store, mentor.pair.id) == []


def test_partner_cannot_overwrite_my_records(linked, bare_repo, mentor, mentee, tmp_path):
    """A record in the partner's folder with the id of one of mine is refused."""
    from mentor_tui.services.goals import create_goal, get_goal
    from mentor_tui.sync import layout
    from mentor_tui.sync.canonical import canonical_bytes, sha256
    from tests.sync.conftest import git

    mine = create_goal(mentor.store, mentor.pair.id, title="Mentor's own")
    sync(mentor)
    sync(mentee)
    work = tmp_path / "evil"
    git("clone", "--quiet", str(bare_repo), str(work))
    member = mentor.pair.mentee.id
    record = json.loads(
        (work / layout.record_path(mentor.pair.id, mentor.pair.mentor.id, mine.id)).read_text()
    )
    record["data"]["title"] = "Hijacked"
    record["revision"] = 99
    data = canonical_bytes(record)
    (work / layout.record_path(mentor.pair.id, member, mine.id)).write_bytes(data)
    path = work / layout.manifest_path(mentor.pair.id, member)

    def slip_in(manifest: dict) -> None:
        manifest["records"][mine.id] = {
            "kind": "goal",
            "revision": 99,
            "sha256": sha256(data),
            "deleted": False,
        }
        manifest["count"] += 1

    edit_manifest(path, mentor.pair.id, member, slip_in)  # the partner signs it
    git("add", "-A", cwd=work)
    git("commit", "-qm", "evil", cwd=work)
    git("push", "-q", "origin", "HEAD", cwd=work)
    result = sync(mentor)
    assert any("not theirs" in problem for problem in result.problems)
    assert get_goal(mentor.store, mine.id).goal.title == "Mentor's own"


def test_sync_never_imports_textual():
    code = (
        "import sys; import mentor_tui.sync.service, mentor_tui.sync.join, "
        "mentor_tui.sync.report, mentor_tui.cli.sync; "
        "assert not [m for m in sys.modules if m.startswith('textual')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_every_column_is_published_or_kept_on_purpose():
    """A column added to a table stays on the machine until someone decides: this test
    names it, so the decision (records.KINDS: fields or never) is not forgotten."""
    from mentor_tui.models.tables import ALL_TABLES
    from mentor_tui.sync.records import KIND_BY_TABLE

    assert {model.__tablename__ for model in ALL_TABLES} == set(KIND_BY_TABLE)
    for kind in KIND_BY_TABLE.values():
        assert kind.unclassified == set(), (kind.name, kind.unclassified)
    assert "private_notes" not in KIND_BY_TABLE["mentoring_session"].fields
    assert "email" not in KIND_BY_TABLE["person"].fields
