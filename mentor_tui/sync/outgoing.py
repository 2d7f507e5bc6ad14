"""My folder as the remote should hold it, for one sync: key.json, the records (one file
each on git, packs on WebDAV: sync/packs.py), SUMMARY.md and the signed (and, with
encryption, sealed) manifest, and which files changed."""

from __future__ import annotations

from dataclasses import dataclass, field

from mentor_tui.sync import layout
from mentor_tui.sync.canonical import check_uuid
from mentor_tui.sync.engine import Publication
from mentor_tui.sync.keys import key_file_bytes
from mentor_tui.sync.packs import plan_packs
from mentor_tui.sync.pull import Readable
from mentor_tui.sync.sandbox import PAIR_LIMIT, Unsafe
from mentor_tui.sync.signed import Keys, seal_files, wrap_manifest
from mentor_tui.sync.state import SyncState


@dataclass
class Outgoing:
    files: dict[str, bytes]  # every file of my folder as it should be on the remote
    changed: set[str]  # those that differ from what my last manifest says
    manifest: tuple[str, bytes] | None  # the signed manifest (None: leave it as it is)
    notes: list[str] = field(default_factory=list)
    kept: dict[str, int] = field(default_factory=dict)  # packs already there -> their size
    packs: set[str] = field(default_factory=set)  # every pack file the manifest names
    retire: bool = False  # files of the per-record layout are left to delete (packs now)
    held: bool = False  # encrypting before my partner's key is here: no record goes out


def outgoing(
    remote: Readable,
    state: SyncState,
    keys: Keys,
    pub: Publication,
    previous: layout.Manifest | None,
    remote_manifest: bytes | None,
    *,
    packed: bool = False,
    lost: set[str] | None = None,
) -> Outgoing:
    """My folder as the remote should hold it: key.json, and the records, SUMMARY.md and
    manifest, signed (and sealed when the pair encrypts). Encrypting before my partner's
    key is here: nothing readable goes out, only an empty manifest if I have none there.
    packed: records go in packs (WebDAV); lost: packs the remote does not hold as written
    (their records are packed anew)."""
    pid, mid = state.pair_id, state.member_id
    mine_path = layout.manifest_path(pid, mid)
    key_path = layout.key_path(pid, mid)
    key_file = key_file_bytes(mid, keys.mine)
    files = {key_path: key_file}
    try:
        changed = set() if remote.read(key_path, PAIR_LIMIT) == key_file else {key_path}
    except Unsafe:
        changed = {key_path}
    if state.encrypt and keys.pair_key is None:
        note = (
            "end-to-end encryption: your records go out once your partner's key is here "
            "(after they join and sync); nothing readable was published"
        )
        if remote_manifest is not None:
            return Outgoing(files, changed, None, [note], held=True)
        empty = layout.Manifest(pid, mid, {}).to_bytes()
        envelope = wrap_manifest(empty, keys.mine, None, mine_path)
        return Outgoing(files, changed, (mine_path, envelope), [note], held=True)
    records, manifest, summary = pub.records, pub.manifest, pub.summary
    if state.encrypt:
        assert keys.pair_key is not None
        sealed = seal_files(records, manifest, summary, keys.pair_key)
        records, manifest, summary = sealed.records, sealed.manifest, sealed.summary
    files[layout.summary_path(pid, mid)] = summary
    if previous is None or previous.summary_sha256 != manifest.summary_sha256:
        changed.add(layout.summary_path(pid, mid))
    kept: dict[str, int] = {}
    retire = False
    if packed:
        plan = plan_packs(records, manifest, previous, lost or set())
        manifest = plan.manifest
        for name, data in plan.new.items():
            path = layout.pack_path(pid, mid, name)
            files[path] = data
            changed.add(path)
        kept = {layout.pack_path(pid, mid, name): size for name, size in plan.kept.items()}
        retire = previous is not None and any(not e.pack for e in previous.records.values())
    else:
        records_dir = layout.member_dir(pid, mid) + "/records"
        for rid, data in records.items():
            files[f"{records_dir}/{check_uuid(rid, 'record id')}.json"] = data
        before = previous.records if previous else {}
        changed |= {
            f"{records_dir}/{rid}.json"
            for rid, entry in manifest.records.items()
            if rid not in before or before[rid].sha256 != entry.sha256 or before[rid].pack
        }
    pair_key = keys.pair_key if state.encrypt else None
    envelope = wrap_manifest(manifest.to_bytes(), keys.mine, pair_key, mine_path)
    names = {layout.pack_path(pid, mid, name) for name in manifest.packs}
    return Outgoing(files, changed, (mine_path, envelope), [], kept, names, retire)
