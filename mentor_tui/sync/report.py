"""What the user can ask without syncing: the status of a pair's sync, and a preview of
exactly what the next sync would publish."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from mentor_tui.models.db import Store
from mentor_tui.sync import layout
from mentor_tui.sync.canonical import SyncError
from mentor_tui.sync.invite import invite_code
from mentor_tui.sync.keys import show_fingerprint
from mentor_tui.sync.service import _local_copy, _previous, _publication
from mentor_tui.sync.state import SyncState, instant_or_none, load_state


@dataclass(frozen=True)
class SyncStatus:
    pair_id: str
    configured: bool
    kind: str = ""
    location: str = ""
    user: str = ""
    member_id: str = ""
    last_sync_at: datetime | None = None
    partner_last_change_at: datetime | None = None
    to_publish: int = 0  # records that changed since the last publish
    invite: str = ""
    warnings: tuple[str, ...] = ()  # what the last sync refused or left waiting, one line each
    my_fingerprint: str = ""  # my key's, shown in groups (keys.show_fingerprint)
    partner_fingerprint: str = ""  # the partner's pinned key, "" when not known yet
    encrypted: bool = False


def _require(home: Path, pair_id: str) -> SyncState:
    state = load_state(home, pair_id)
    if state is None:
        raise SyncError(
            "sync is not set up for this pair; run `mentor sync setup` or `mentor sync join CODE`"
        )
    return state


def status(store: Store, home: Path, pair_id: str) -> SyncStatus:
    state = load_state(home, pair_id)
    if state is None:
        return SyncStatus(pair_id, configured=False)
    previous = _previous(home, state, _local_copy(home, state))
    pub = _publication(store, home, state, previous)
    before = previous.records if previous else {}
    changed = sum(
        1
        for rid, e in pub.manifest.records.items()
        if rid not in before or before[rid].sha256 != e.sha256
    )
    return SyncStatus(
        pair_id,
        True,
        state.kind,
        state.location,
        state.user,
        state.member_id,
        instant_or_none(state.last_sync_at),
        instant_or_none(state.partner_last_change_at),
        changed,
        invite_code(state) if state.member_id else "",
        tuple(line for line in state.warnings if isinstance(line, str)),
        show_fingerprint(state.my_key_fp) if state.my_key_fp else "",
        show_fingerprint(state.partner_key_fp) if state.partner_key_fp else "",
        state.encrypt,
    )


@dataclass(frozen=True)
class Preview:
    records: list[dict[str, Any]]  # exactly the live records the next sync publishes
    tombstones: list[str]  # ids published before that would become tombstones
    summary: str  # SUMMARY.md as it would be published
    paths: list[str]  # every file of my folder


def preview(store: Store, home: Path, pair_id: str) -> Preview:
    state = _require(home, pair_id)
    previous = _previous(home, state, _local_copy(home, state))
    pub = _publication(store, home, state, previous)
    pid, mid = state.pair_id, state.member_id
    paths = [layout.record_path(pid, mid, rid) for rid in sorted(pub.records)]
    paths += [layout.summary_path(pid, mid), layout.manifest_path(pid, mid)]
    dead = sorted(rid for rid, e in pub.manifest.records.items() if e.deleted)
    records = sorted(pub.published, key=lambda r: (r["kind"], r["id"]))
    return Preview(records, dead, pub.summary.decode("utf-8"), paths)
