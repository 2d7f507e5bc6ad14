"""My side as published: the publication built from my database, and my last manifest
(as the remote has it once it verifies, else my local copy, published.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mentor_tui.models.db import Store
from mentor_tui.services.pairs import PairView, get_pair
from mentor_tui.sync import layout
from mentor_tui.sync.canonical import SyncError
from mentor_tui.sync.engine import Publication, build_publication
from mentor_tui.sync.keys import PublicKey
from mentor_tui.sync.records import KIND_BY_NAME, IdMap
from mentor_tui.sync.signed import Keys, open_manifest
from mentor_tui.sync.state import SyncState, pair_state_dir


def _charter(view: PairView) -> dict[str, Any]:
    from mentor_tui.sync.canonical import to_json_value

    return {name: to_json_value(getattr(view.pair, name)) for name in KIND_BY_NAME["pair"].fields}


def pair_info(view: PairView, ids: IdMap, key: PublicKey, sealed: bool) -> layout.PairInfo:
    """pair.json; with encryption only its public parts (ids, roles, my public key): the
    names, time zones and charter travel sealed, in the records."""

    def member(person: Any, role: str) -> layout.Member:
        name, zone = ("", "UTC") if sealed else (person.display_name, person.timezone)
        return layout.Member(ids.out(person.id) or person.id, role, name, zone)

    return layout.PairInfo(
        view.id,
        member(view.mentor, "mentor"),
        member(view.mentee, "mentee"),
        ids.my_member_id,
        {} if sealed else _charter(view),
        {ids.my_member_id: key.to_json()},
        sealed,
    )


def publication(
    store: Store, home: Path, state: SyncState, previous: layout.Manifest | None
) -> Publication:
    view = get_pair(store, state.pair_id)
    ids = IdMap(state.my_local_id, state.member_id)
    role = view.role_of(state.my_local_id) or "member"
    return build_publication(
        store,
        state.pair_id,
        ids,
        previous,
        view.me.display_name,
        str(role),
        view.label,
        vouched=_vouched(home, state),
    )


def _vouched(home: Path, state: SyncState) -> set[str] | None:
    """The ids my last manifest (my local copy) listed: an entry someone else slipped into
    my manifest on the remote is not mine to withdraw. None: no copy, trust the remote's."""
    data = local_copy(home, state)
    if data is None:
        return None
    try:
        return set(layout.parse_manifest(data, state.pair_id, state.member_id, "my").records)
    except SyncError:
        return None


def previous_manifest(
    home: Path, state: SyncState, data: bytes | None, keys: Keys | None = None
) -> layout.Manifest | None:
    """My manifest as the remote has it, once it verifies against my key (keys None: data
    is my local copy); if that fails (a cut upload, an entry slipped in, signed by my old
    key), my local copy of the last one I wrote; if the remote has none, none."""
    if data is None:
        return None
    pid, mid = state.pair_id, state.member_id
    if keys is not None:
        try:
            path = layout.manifest_path(pid, mid)
            data = open_manifest(data, keys.mine.public, keys.pair_key, path, "my")
        except SyncError:
            data = None
    for candidate in (data, local_copy(home, state)):
        if candidate is None:
            continue
        try:
            return layout.parse_manifest(candidate, pid, mid, "my")
        except SyncError:
            continue  # damaged (a cut upload): the other copy, else publish everything
    return None


def local_copy(home: Path, state: SyncState) -> bytes | None:
    try:
        return (pair_state_dir(home, state.pair_id) / "published.json").read_bytes()
    except OSError:
        return None


def write_local_copy(home: Path, state: SyncState, data: bytes) -> None:
    folder = pair_state_dir(home, state.pair_id)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "published.json"
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    path.write_bytes(data)
