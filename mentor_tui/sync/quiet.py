"""Knowing that nothing of mine changed without building the publication: at 10,000
records building it (every row read and serialised, my manifest parsed) cost about 1 s,
twice the budget of a sync with no change.

The fingerprint is a few aggregates per synced table - rows, the newest created and
updated stamp, the sum of revisions, the deleted rows - over the whole table (not only my
rows of this pair: simpler, and a change elsewhere only costs one full build). Every write
through the Store stamps updated_at and bumps the revision, an insert or a hard delete
changes the count, and what the pull took in changes the tables too. It also holds what
else shapes my folder: my keys, the partner's, encryption, this module's layout version,
and the day, so a full build runs at least once a day whatever a fingerprint could miss
(a write made outside the Store, say), as `--verify` always does."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import func, select

from mentor_tui.models.db import Store
from mentor_tui.sync import layout
from mentor_tui.sync.canonical import sha256
from mentor_tui.sync.git import GitRemote
from mentor_tui.sync.keys import key_file_bytes
from mentor_tui.sync.records import KINDS
from mentor_tui.sync.sandbox import PAIR_LIMIT, Unsafe
from mentor_tui.sync.signed import Keys
from mentor_tui.sync.state import SyncState
from mentor_tui.sync.webdav import WebDavRemote

LAYOUT = "packs-1"  # a change to what a publication holds must change this


def fingerprint(store: Store, state: SyncState, keys: Keys) -> str:
    found: list[object] = [
        LAYOUT,
        store.clock.now().date().isoformat(),
        state.member_id,
        state.my_local_id,
        state.encrypt,
        keys.mine.public.fingerprint,
        keys.partner.fingerprint if keys.partner else "",
        keys.pair_key is not None,
    ]
    with store.read() as session:
        connection = session.connection()
        for kind in KINDS:
            t = kind.table
            query = select(
                func.count(),
                func.max(t.c.created_at),
                func.max(t.c.updated_at),
                func.total(t.c.revision),
                func.total(t.c.deleted),
            )
            found.append([str(value) for value in connection.execute(query).one()])
    text = json.dumps(found, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def nothing_new(
    remote: object,
    state: SyncState,
    keys: Keys,
    remote_manifest: bytes | None,
    mine: str,
    *,
    verify: bool,
) -> bool:
    """My data as when I last published, my manifest on the remote the one I wrote, and
    the rest of my folder as I left it: on WebDAV my key.json there as it should be (a
    pack damaged there is found by `--verify` or the next sync that writes, and refused
    record by record by the partner meanwhile); on git my folder's tree id the one I
    committed (any file of it changed by someone else changes it) and nothing unpushed."""
    if verify or not state.published_fingerprint or state.published_fingerprint != mine:
        return False
    if state.encrypt and keys.pair_key is None:
        return False
    if remote_manifest is None or sha256(remote_manifest) != state.manifest_sha256:
        return False
    if isinstance(remote, GitRemote):
        own = layout.member_dir(state.pair_id, state.member_id)
        tree = remote.tree_id(own)
        return bool(tree) and tree == state.published_tree and not remote.unpushed()
    if not isinstance(remote, WebDavRemote):
        return False
    try:
        there = remote.read(layout.key_path(state.pair_id, state.member_id), PAIR_LIMIT)
    except Unsafe:
        return False
    return there == key_file_bytes(state.member_id, keys.mine)
