"""Keys as user intents: accept a partner's new key deliberately, and make a new key of my
own (a lost keyring, a key that may have leaked). Both leave what was taken in untouched."""

from __future__ import annotations

from pathlib import Path

from mentor_tui.models.db import Store
from mentor_tui.sync.canonical import SyncError
from mentor_tui.sync.keys import new_key, normalize_fingerprint, show_fingerprint
from mentor_tui.sync.service import Ask, Progress, SyncResult, sync
from mentor_tui.sync.state import SyncState, load_state, save_state, sync_lock
from mentor_tui.sync.wording import NOT_SET_UP


def _state(home: Path, pair_id: str) -> SyncState:
    state = load_state(home, pair_id)
    if state is None:
        raise SyncError(NOT_SET_UP)
    return state


def trust_key(home: Path, pair_id: str, fingerprint: str) -> str:
    """Pin the partner's key with this fingerprint (compared with them, aloud or in person):
    the next sync takes their side again when the remote holds that key. Returns it shown."""
    fp = normalize_fingerprint(fingerprint)
    if len(fp) != 32:
        raise SyncError("a key fingerprint has 32 hex digits (as `mentor sync status` shows it)")
    with sync_lock(home):
        state = _state(home, pair_id)
        state.partner_key_fp = fp
        state.partner_manifest_sha256 = ""  # read their manifest again, with this key
        save_state(home, state)
    return show_fingerprint(fp)


def rekey(
    store: Store,
    home: Path,
    pair_id: str,
    *,
    ask: Ask | None = None,
    progress: Progress | None = None,
) -> tuple[str, SyncResult]:
    """A new key of mine for the pair (kept in the keyring), then a sync that publishes it
    and signs (and seals) my side with it. My partner's app refuses it loudly until they
    accept it with `mentor sync trust-key`. Returns the new fingerprint, shown."""
    with sync_lock(home):
        state = _state(home, pair_id)
        key = new_key(state.pair_id, state.member_id)
        state.my_key_fp = key.public.fingerprint
        save_state(home, state)
    return show_fingerprint(state.my_key_fp), sync(store, home, pair_id, ask=ask, progress=progress)
