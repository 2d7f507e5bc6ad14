"""Joining a pair from an invite code.

The invite names the pair and the inviter's member id; pair.json on the remote names both
members. The joiner becomes the member that is not the inviter. Their own profile keeps its
local id (a primary key cannot change): the sync state maps that local id to the member id,
and records cross that boundary translated (see records.IdMap). The pair and the inviter's
profile are created here with the remote's ids, so every record id matches on both sides.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mentor_tui.models.db import Store
from mentor_tui.models.tables import Pair, Person
from mentor_tui.services.pairs import PairView, get_pair
from mentor_tui.services.profile import require_me
from mentor_tui.sync import credentials, layout
from mentor_tui.sync.canonical import SyncError
from mentor_tui.sync.dav_base import host_of
from mentor_tui.sync.invite import decode_invite
from mentor_tui.sync.keys import parse_key_file, show_fingerprint
from mentor_tui.sync.records import KIND_BY_NAME, BadRecord, IdMap, parse_record
from mentor_tui.sync.remotes import close_remote, open_remote
from mentor_tui.sync.sandbox import PAIR_LIMIT
from mentor_tui.sync.service import Ask, Progress, SyncResult, _quiet, _run
from mentor_tui.sync.state import SyncState, pair_state_dir, sync_lock

PLACEHOLDER_STAMP = datetime(2000, 1, 1, tzinfo=UTC)  # older than any change a person makes


def join(
    store: Store,
    home: Path,
    code: str,
    *,
    user: str = "",
    password: str | None = None,
    ask: Ask | None = None,
    progress: Progress | None = None,
) -> tuple[PairView, SyncResult]:
    invite = decode_invite(code)
    me = require_me(store)
    pair_id, inviter = invite["pair"], invite["inviter"]
    if me.id == inviter:
        raise SyncError("that invite is your own: give it to your partner")
    # Joining again (the remote was reset and set up anew) replaces the old state.
    if invite["kind"] == "webdav" and not user.strip():
        raise SyncError("this pair syncs through WebDAV: give your user name (--user)")
    state = SyncState(
        pair_id,
        invite["kind"],
        invite["location"],
        member_id="0" * 36,
        my_local_id=me.id,
        partner_id=inviter,
        user=user.strip(),
        encrypt=invite.get("enc") is True,
        partner_key_fp=invite.get("fp") or "",  # the inviter's key, pinned by the invite
    )
    with sync_lock(home):
        shutil.rmtree(pair_state_dir(home, pair_id) / "repo", ignore_errors=True)
        (pair_state_dir(home, pair_id) / "published.json").unlink(missing_ok=True)
        if state.kind == "webdav" and password is None:
            password = credentials.get_password(state.user, host_of(state.location), ask)
        remote = open_remote(home, state, password, ask)
        try:
            remote.fetch()
            layout.check_format(remote.read_remote(layout.FORMAT_PATH))
            data = remote.read_remote(layout.pair_json_path(pair_id))
            if data is None:
                raise SyncError(
                    "the remote holds nothing for this pair; ask your partner to "
                    "run `mentor sync` and send the invite again"
                )
            info = layout.parse_pair_info(data, pair_id)
            if info.member(inviter) is None:
                raise SyncError("the invite does not match the pair on the remote")
            state.member_id = info.other(inviter).id
            _check_inviter_key(remote, info, state)
            _make_local_pair(store, info, inviter, me.id, state.member_id)
            result = _run(store, home, state, remote, progress or _quiet)
        finally:
            close_remote(remote)
    if state.kind == "webdav" and password:
        credentials.store_password(state.user, host_of(state.location), password)
    return get_pair(store, pair_id), result


def _check_inviter_key(remote: Any, info: layout.PairInfo, state: SyncState) -> None:
    """The inviter's key on the remote is the one the invite names, before anything here
    changes (an invite without one, from an older mentor-tui: pinned at first sight)."""
    if not state.partner_key_fp:
        return
    data = remote.read(layout.key_path(state.pair_id, state.partner_id), PAIR_LIMIT)
    found = (
        parse_key_file(data, state.partner_id)
        if data is not None
        else info.public_key(state.partner_id)
    )
    if found is None or found.fingerprint != state.partner_key_fp:
        there = show_fingerprint(found.fingerprint) if found else "none"
        raise SyncError(
            f"the inviter's key on the remote ({there}) is not the one in the invite "
            f"({show_fingerprint(state.partner_key_fp)}); nothing was changed: ask your "
            "partner for their fingerprint"
        )


def _make_local_pair(
    store: Store, info: layout.PairInfo, inviter: str, me_local: str, me_member: str
) -> None:
    """The pair and the inviter's profile, with the remote's ids; mine is my profile."""
    partner = info.member(inviter)
    assert partner is not None
    local = {inviter: inviter, me_member: me_local}
    ids = IdMap(me_local, me_member)
    try:
        charter = parse_record(
            {
                "kind": "pair",
                "id": info.pair_id,
                "revision": 1,
                "deleted": False,
                "created_at": "2000-01-01T00:00:00.000000Z",
                "updated_at": "2000-01-01T00:00:00.000000Z",
                "data": {k: v for k, v in info.charter.items() if k in KIND_BY_NAME["pair"].fields},
            },
            info.pair_id,
            ids,
        ).values
    except BadRecord:
        charter = {}  # the charter comes again with the inviter's records
    now = store.clock.now()
    # Stamps set here: the inviter's placeholder keeps revision 0, so their profile record
    # (revision 1) replaces it (with encryption pair.json carries no name).
    with store.write(preserve_stamps=True) as session:
        if session.get(Person, inviter) is None:
            session.add(
                Person(
                    id=inviter,
                    display_name=partner.display_name or "Your partner",
                    timezone=partner.timezone,
                    origin=inviter,
                    revision=0,
                    created_at=now,
                    updated_at=now,
                )
            )
            session.flush()
        pair = session.get(Pair, info.pair_id)
        mentor_id, mentee_id = local[info.mentor.id], local[info.mentee.id]
        if pair is None:
            pair = Pair(id=info.pair_id, mentor_id=mentor_id, mentee_id=mentee_id, **charter)
            pair.revision = 1
            # A placeholder charter (with encryption pair.json carries none): stamped before
            # any real change, so the inviter's charter wins when it arrives, never this.
            pair.created_at, pair.updated_at = now, PLACEHOLDER_STAMP
            session.add(pair)
        elif {pair.mentor_id, pair.mentee_id} != {mentor_id, mentee_id}:
            raise SyncError("a pair with this id exists here with other people; nothing changed")
