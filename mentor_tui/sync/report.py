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
from mentor_tui.sync.mine import local_copy, previous_manifest, publication
from mentor_tui.sync.state import SyncState, instant_or_none, load_state
from mentor_tui.sync.wording import NOT_SET_UP
from mentor_tui.wording import plural


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
    # Encrypting before my partner's key is here: nothing goes out (to_publish is 0) and
    # `held` records wait for it.
    waiting_for_key: bool = False
    held: int = 0


def _require(home: Path, pair_id: str) -> SyncState:
    state = load_state(home, pair_id)
    if state is None:
        raise SyncError(NOT_SET_UP)
    return state


def status(store: Store, home: Path, pair_id: str) -> SyncStatus:
    state = load_state(home, pair_id)
    if state is None:
        return SyncStatus(pair_id, configured=False)
    previous = previous_manifest(home, state, local_copy(home, state))
    pub = publication(store, home, state, previous)
    # Sealed for the two of us: until my partner's key is pinned nothing readable leaves.
    waiting = state.encrypt and not state.partner_key_fp
    changed = len(changes(pub.manifest, previous, pub.published, sent_only=True))
    return SyncStatus(
        pair_id,
        True,
        state.kind,
        state.location,
        state.user,
        state.member_id,
        instant_or_none(state.last_sync_at),
        instant_or_none(state.partner_last_change_at),
        0 if waiting else changed,
        invite_code(state) if state.member_id else "",
        tuple(line for line in state.warnings if isinstance(line, str)),
        show_fingerprint(state.my_key_fp) if state.my_key_fp else "",
        show_fingerprint(state.partner_key_fp) if state.partner_key_fp else "",
        state.encrypt,
        waiting,
        len(pub.published) if waiting else 0,
    )


def publish_line(info: SyncStatus, partner: str) -> str:
    """The status's "To publish" in one line that says what the next sync really sends."""
    if info.waiting_for_key:
        return (
            f"nothing until {partner}'s key is here (end-to-end encryption): "
            f"{plural(info.held, 'record')} wait"
        )
    if not info.to_publish:
        return "nothing to send (0 records changed since the last sync)"
    return f"{plural(info.to_publish, 'record')} changed since the last sync"


LABEL_FIELDS = (
    "title", "display_name", "observation", "lesson", "purpose", "field", "kind", "notes",
    "takeaways",
)  # fmt: skip


def record_label(record: dict[str, Any]) -> str:
    """A record's title (or what stands for one), on one line: notes can run to pages."""
    data = record.get("data") or {}
    label = next((str(data[k]) for k in LABEL_FIELDS if data.get(k)), "")
    return " ".join(label.split())[:70]


def changes(
    manifest: layout.Manifest,
    previous: layout.Manifest | None,
    published: list[dict[str, Any]],
    *,
    sent_only: bool = False,
) -> list[dict[str, str]]:
    """Every record of my side as the partner will see it, whatever the backend carries
    it in (a file each on git, packs on WebDAV): kind, id, title and what the next sync
    does with it: new, changed, withdrawn (a tombstone not sent before) or unchanged.
    sent_only: only what the next sync sends."""
    before = previous.records if previous else {}
    titles = {r["id"]: record_label(r) for r in published}
    found: list[dict[str, str]] = []
    for rid, entry in manifest.records.items():
        old = before.get(rid)
        if old is not None and old.sha256 == entry.sha256:
            change = "unchanged"
        elif entry.deleted:
            change = "withdrawn"
        else:
            change = "new" if old is None else "changed"
        if sent_only and change == "unchanged":
            continue
        found.append(
            {"kind": entry.kind, "id": rid, "title": titles.get(rid, ""), "change": change}
        )
    return sorted(found, key=lambda c: (c["kind"], c["id"]))


@dataclass(frozen=True)
class Preview:
    records: list[dict[str, Any]]  # exactly the live records the next sync publishes
    tombstones: list[str]  # ids published before that would become tombstones
    summary: str  # SUMMARY.md as it would be published
    changes: list[dict[str, str]]  # every record: kind, id, title, change (see `changes`)
    waiting_for_key: bool = False  # encrypting before my partner's key is here


def preview(store: Store, home: Path, pair_id: str) -> Preview:
    state = _require(home, pair_id)
    previous = previous_manifest(home, state, local_copy(home, state))
    pub = publication(store, home, state, previous)
    dead = sorted(rid for rid, e in pub.manifest.records.items() if e.deleted)
    records = sorted(pub.published, key=lambda r: (r["kind"], r["id"]))
    waiting = state.encrypt and not state.partner_key_fp
    shown = changes(pub.manifest, previous, pub.published)
    return Preview(records, dead, pub.summary.decode("utf-8"), shown, waiting)
