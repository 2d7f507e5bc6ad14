"""Signed manifests, through both backends: someone with write access to the shared place
but without a member's key cannot add, change or withdraw that member's records; a key
that changes is refused loudly until the other member accepts it (`trust-key`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mentor_tui.sync import layout
from mentor_tui.sync.canonical import SyncError, canonical_bytes, sha256
from mentor_tui.sync.keys import KeyPair, key_file_bytes, show_fingerprint
from mentor_tui.sync.signed import wrap_manifest
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


def _entry(s: Scene, rid: str) -> bytes:
    return canonical_bytes(
        record(
            "journal_entry",
            rid,
            pair_id=s.pair,
            author_id=s.partner,
            written_at=NOW,
            body="FORGED-9d1 by someone without the key",
            shared=True,
        )
    )


def _forge(s: Scene, rid: str, signer: KeyPair | None, key_file: bool = False) -> None:
    """A record and its manifest entry in the partner's folder, the manifest signed by
    `signer` (None: left with the partner's old signature, as an outsider must)."""
    data = _entry(s, rid)

    def change(root: Path) -> None:
        folder = root / layout.member_dir(s.pair, s.partner)
        (folder / "records").mkdir(exist_ok=True)  # WebDAV keeps records in packs/
        (folder / "records" / f"{rid}.json").write_bytes(data)
        path = root / layout.manifest_path(s.pair, s.partner)
        envelope = json.loads(path.read_bytes())
        manifest = envelope["manifest"]
        entry = {"kind": "journal_entry", "revision": 1, "sha256": sha256(data), "deleted": False}
        manifest["records"][rid] = entry
        manifest["count"] = len(manifest["records"])
        if signer is None:
            path.write_bytes(canonical_bytes(envelope))
            return
        where = layout.manifest_path(s.pair, s.partner)
        path.write_bytes(wrap_manifest(canonical_bytes(manifest), signer, None, where))
        if key_file:
            (folder / "key.json").write_bytes(key_file_bytes(s.partner, signer))

    s.forger.edit(change)


def _outsider(s: Scene) -> KeyPair:
    return KeyPair(os.urandom(32), s.pair, s.partner)


def _refused(s: Scene, result, rid: str | None, words: str) -> None:
    one_line_each(result.problems)
    if rid is not None:
        assert any(rid in line and "signature" in line for line in result.problems)
    assert any(words in line for line in result.problems), result.problems


def test_fingerprints_are_pinned_on_both_sides(scene):
    from mentor_tui.sync.report import status

    s = scene
    mine = status(s.mentor.store, s.mentor.home, s.pair)
    theirs = status(s.mentee.store, s.mentee.home, s.pair)
    assert mine.my_fingerprint and theirs.my_fingerprint
    assert mine.my_fingerprint != theirs.my_fingerprint
    assert mine.partner_fingerprint == theirs.my_fingerprint
    assert theirs.partner_fingerprint == mine.my_fingerprint


@pytest.mark.parametrize("who", ["an outsider without the key", "an outsider's own key"])
def test_a_record_not_signed_by_the_partner_is_refused(scene, who):
    from mentor_tui.services.goals import create_goal

    s = scene
    mine = create_goal(s.mentor.store, s.pair, title="Mine, made before the sync")
    before, outside = victim_data(s), tree_state(s.sentinel)
    rid = new_id()
    _forge(s, rid, None if who.startswith("an outsider without") else _outsider(s))
    result = sync(s.mentor)
    _refused(s, result, rid, "not signed by the key pinned")
    assert victim_data(s) == before
    assert tree_state(s.sentinel) == outside
    assert mine.id in published_ids(s.backend, s.remote, s.pair, s.victim)
    after_honest_sync(s)
    assert victim_data(s)["journal_entry"] == []


def test_a_withdrawal_without_the_key_is_refused(scene):
    s = scene

    def withdraw(root: Path) -> None:
        path = root / layout.manifest_path(s.pair, s.partner)
        envelope = json.loads(path.read_bytes())
        entries = envelope["manifest"]["records"]
        entries[s.goal].update(deleted=True, revision=entries[s.goal]["revision"] + 1)
        path.write_bytes(canonical_bytes(envelope))

    before = victim_data(s)
    s.forger.edit(withdraw)
    result = sync(s.mentor)
    _refused(s, result, s.goal, "not signed by the key pinned")
    assert victim_data(s) == before
    after_honest_sync(s)


def test_a_swapped_public_key_is_refused_loudly(scene):
    from mentor_tui.sync.report import status

    s = scene
    pinned = status(s.mentor.store, s.mentor.home, s.pair).partner_fingerprint
    before = victim_data(s)
    evil = _outsider(s)
    _forge(s, new_id(), evil, key_file=True)
    result = sync(s.mentor)
    one_line_each(result.problems)
    assert len(result.problems) == 1
    line = result.problems[0]
    assert "CHANGED" in line and show_fingerprint(evil.public.fingerprint) in line
    assert pinned in line
    assert "trust-key" in line
    assert victim_data(s) == before
    assert sync(s.mentor).problems == result.problems  # refused again, not forgotten
    after_honest_sync(s)  # the partner's app writes its own key.json back


def test_an_unsigned_manifest_from_an_older_version_is_refused(scene):
    s = scene

    def unsign(root: Path) -> None:
        path = root / layout.manifest_path(s.pair, s.partner)
        manifest = json.loads(path.read_bytes())["manifest"]
        path.write_bytes(canonical_bytes(manifest))  # the format before signing

    s.forger.edit(unsign)
    result = sync(s.mentor)
    one_line_each(result.problems)
    assert any("not signed (written by an older" in line for line in result.problems)
    after_honest_sync(s)


def test_my_manifest_with_an_entry_slipped_in_is_not_trusted(scene):
    """An entry someone added to MY manifest (without my key) is neither published as mine
    nor withdrawn: my next sync writes my manifest back as I signed it."""
    s = scene
    rid = new_id()

    def slip(root: Path) -> None:
        path = root / layout.manifest_path(s.pair, s.victim)
        envelope = json.loads(path.read_bytes())
        entry = {"kind": "goal", "revision": 1, "sha256": "0" * 64, "deleted": False}
        envelope["manifest"]["records"][rid] = entry
        envelope["manifest"]["count"] += 1
        path.write_bytes(canonical_bytes(envelope))

    s.forger.edit(slip)
    assert sync(s.mentor).problems == []
    assert rid not in published_ids(s.backend, s.remote, s.pair, s.victim)
    assert sync(s.mentee).problems == []


def test_a_rotated_key_is_accepted_only_deliberately(scene):
    """The mentee loses their key (a new keyring): sync says how to re-key; after `rekey`
    the mentor's app refuses the new key, showing both fingerprints, until `trust-key`."""
    import keyring

    from mentor_tui.services.goals import create_goal
    from mentor_tui.sync.rekey import rekey, trust_key
    from mentor_tui.sync.report import status

    s = scene
    old = status(s.mentee.store, s.mentee.home, s.pair).my_fingerprint
    keyring.get_keyring().delete_password("mentor-tui", f"sync-key:{s.pair}:{s.partner}")
    with pytest.raises(SyncError, match="rekey"):
        sync(s.mentee)
    new, _ = rekey(s.mentee.store, s.mentee.home, s.pair)
    assert new != old
    create_goal(s.mentee.store, s.pair, title="After the new key")
    assert sync(s.mentee).problems == []
    result = sync(s.mentor)
    assert len(result.problems) == 1
    assert old in result.problems[0] and new in result.problems[0]
    assert "After the new key" not in str(victim_data(s)["goal"])
    trust_key(s.mentor.home, s.pair, new)
    assert status(s.mentor.store, s.mentor.home, s.pair).partner_fingerprint == new
    assert sync(s.mentor).problems == []
    assert "After the new key" in str(victim_data(s)["goal"])
    assert sync(s.mentee).problems == []  # my side, signed by my same key, still taken


def test_an_invite_whose_key_is_not_on_the_remote_is_refused(bare_repo, mentor, mentee):
    import base64

    from mentor_tui.sync.invite import INVITE_PREFIX
    from mentor_tui.sync.join import join
    from mentor_tui.sync.service import setup_git

    code, _ = setup_git(mentor.store, mentor.home, mentor.pair, str(bare_repo))
    raw = code.removeprefix(INVITE_PREFIX)
    data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    data["fp"] = "0123456789abcdef" * 2  # a key swapped on the remote, or a doctored code
    forged = INVITE_PREFIX + base64.urlsafe_b64encode(json.dumps(data).encode()).decode()
    with pytest.raises(SyncError, match="not the one in the invite"):
        join(mentee.store, mentee.home, forged)
    from mentor_tui.services.pairs import list_pairs

    assert list_pairs(mentee.store) == []  # nothing changed


def test_the_private_key_is_nowhere_but_the_keyring(scene):
    import base64

    import keyring

    s = scene
    found = [
        value
        for (_service, name), value in keyring.get_keyring().secrets.items()
        if name.startswith("sync-key:")
    ]
    assert len(found) == 2
    secrets = [v.encode() for v in found] + [base64.b64decode(v) for v in found]
    for side in (s.mentor, s.mentee):
        for path in side.home.rglob("*"):
            if path.is_file() and not path.is_symlink():
                content = path.read_bytes()
                for secret in secrets:
                    assert secret not in content, path
