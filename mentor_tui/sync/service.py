"""Sync as user intents, called by both the CLI and the app: set up, sync (join:
sync/join.py; status and preview: sync/report.py; my side as published: sync/mine.py).
Nothing here imports Textual; long steps report through a progress callback."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from mentor_tui.models.db import Store
from mentor_tui.models.types import from_utc_text, to_utc_text
from mentor_tui.services.pairs import PairView, get_pair
from mentor_tui.sync import credentials, layout
from mentor_tui.sync.canonical import SyncError, sha256
from mentor_tui.sync.dav_base import host_of
from mentor_tui.sync.engine import PullResult
from mentor_tui.sync.git import GitRemote
from mentor_tui.sync.invite import invite_code
from mentor_tui.sync.keys import load_key
from mentor_tui.sync.mine import (
    pair_info,
    previous_manifest,
    publication,
    write_local_copy,
)
from mentor_tui.sync.outgoing import outgoing
from mentor_tui.sync.pull import pull_partner
from mentor_tui.sync.quiet import fingerprint, nothing_new
from mentor_tui.sync.records import IdMap
from mentor_tui.sync.remotes import check_git_url, close_remote, open_remote
from mentor_tui.sync.sandbox import MANIFEST_LIMIT, Unsafe, record_limit
from mentor_tui.sync.signed import resolve_keys
from mentor_tui.sync.state import SyncState, load_state, pair_state_dir, save_state, sync_lock
from mentor_tui.sync.webdav import WebDavRemote
from mentor_tui.sync.wording import NOT_SET_UP

Progress = Callable[[str, int, int], None]
Ask = credentials.Ask
WARNINGS_KEPT = 50  # the last sync's warning lines kept for `mentor sync status`


def _quiet(_stage: str, _done: int, _total: int) -> None:
    return None


@dataclass
class SyncResult:
    pair_id: str
    published: int  # live records I publish
    tombstones: int
    written: int  # files written to the remote this time (0: nothing changed)
    received: int  # partner records taken in
    problems: list[str] = field(default_factory=list)
    last_sync_at: datetime | None = None
    partner_last_change_at: datetime | None = None
    notes: list[str] = field(default_factory=list)  # worth saying, not a fault (exit 0)
    held: int = 0  # records that wait for my partner's key (encrypting): none went out


# -- the sync itself -------------------------------------------------------------------------
def _run(
    store: Store,
    home: Path,
    state: SyncState,
    remote: GitRemote | WebDavRemote,
    progress: Progress,
    *,
    creating: bool = False,
    verify: bool = False,
) -> SyncResult:
    pid, mid = state.pair_id, state.member_id
    progress("contacting the remote", 0, 0)
    remote.fetch()
    layout.check_format(remote.read_remote(layout.FORMAT_PATH))
    pair_json = remote.read_remote(layout.pair_json_path(pid))
    new_files: dict[str, bytes] = {}
    if pair_json is None:
        if state.synced_before:
            raise SyncError(
                "the remote looks empty, but this pair synced there before; "
                "nothing was changed (if it was reset on purpose, run "
                "`mentor sync setup` again and send your partner the new invite)"
            )
        if not creating:
            raise SyncError(
                "the remote holds nothing for this pair; ask your partner for a new invite"
            )
        key = load_key(pid, mid, state.my_key_fp)
        state.my_key_fp = key.public.fingerprint
        view = get_pair(store, pid)
        info = pair_info(view, IdMap(state.my_local_id, mid), key.public, state.encrypt)
        new_files[layout.pair_json_path(pid)] = info.to_bytes()
        if remote.read_remote(layout.FORMAT_PATH) is None:
            new_files[layout.FORMAT_PATH] = layout.format_bytes()
    else:
        info = layout.parse_pair_info(pair_json, pid)
        if info.member(mid) is None or info.member(state.partner_id) is None:
            raise SyncError(
                "the remote holds this pair for other people; "
                "join with your partner's invite code instead"
            )
    remote.settle()
    keys = resolve_keys(remote.read, state, info)
    # The partner's side first: what it changes here (the charter) is then published in
    # this same sync, so both sides settle in one round.
    progress("taking in your partner's side", 0, 0)
    try:
        pulled = pull_partner(store, state, remote, progress, record_limit(home), keys)
    except SyncError as problem:  # nothing of theirs ever stops mine from going out
        pulled = PullResult(problems=[f"{problem}; your side is published all the same"])

    progress("preparing", 0, 0)
    mine_path = layout.manifest_path(pid, mid)
    try:
        remote_manifest = remote.read(mine_path, MANIFEST_LIMIT)
    except Unsafe:
        remote_manifest = b""  # not what I wrote (a link, too large): my local copy serves
    if remote_manifest is None and state.synced_before and not verify:
        raise SyncError(
            "your folder is gone from the remote; nothing was changed "
            "(`mentor sync --verify` publishes it anew)"
        )
    mine = fingerprint(store, state, keys)
    full = verify or bool(new_files) or pulled.applied > 0  # what the partner changed goes out
    if nothing_new(remote, state, keys, remote_manifest, mine, verify=full):
        # Nothing of mine changed and my folder there is as I left it: nothing to build.
        published, tombstones, held = ([*state.published_counts, 0, 0, 0])[:3]
        return _finish(
            store, home, state, pulled, remote_manifest, published, tombstones, held=held
        )
    previous = previous_manifest(home, state, remote_manifest, keys)
    pub = publication(store, home, state, previous)
    packed = isinstance(remote, WebDavRemote)
    out = outgoing(remote, state, keys, pub, previous, remote_manifest, packed=packed)
    # Files of mine changed or cut short on the remote: git compares blob ids (cheap, so
    # always); WebDAV lists my folder and its packs, only when asked, when this sync writes
    # anyway, or when my manifest there is not the one I wrote.
    if (
        isinstance(remote, GitRemote)
        or verify
        or out.changed
        or remote_manifest is None
        or sha256(remote_manifest) != state.manifest_sha256
    ):
        if isinstance(remote, WebDavRemote):
            differ = remote.differing({**out.files, **out.kept})
            lost = {
                path.rsplit("/", 1)[1].removesuffix(".pack") for path in differ & out.kept.keys()
            }
            if lost:  # a pack missing or cut short there: its records are packed anew
                out = outgoing(
                    remote, state, keys, pub, previous, remote_manifest, packed=True, lost=lost
                )
            out.changed |= differ & out.files.keys()
        else:
            out.changed |= remote.differing(out.files)
    to_write = {path: out.files[path] for path in sorted(out.changed)}
    for path, data in new_files.items():
        if isinstance(remote, WebDavRemote):
            if not remote.create(path, data):
                raise SyncError(
                    "someone set this pair up on the remote at the same moment; run sync again"
                )
        else:
            to_write[path] = data
    manifest = out.manifest
    if manifest is not None and remote_manifest == manifest[1] and not to_write:
        manifest = None
    message = f"mentor-tui: {len(pub.published)} records, {pub.tombstones} tombstones"

    def tick(done: int, total: int) -> None:
        progress("publishing", done, total)

    if isinstance(remote, WebDavRemote):
        written = remote.publish(
            to_write,
            manifest,
            layout.member_dir(pid, mid),
            [],
            message,
            tick,
            repair=verify,
            packs=out.packs,
            retire=out.retire or verify,
        )
    else:
        extra = list(new_files)
        own = layout.member_dir(pid, mid)
        written = remote.publish(to_write, manifest, own, extra, message, tick, repair=verify)
    if isinstance(remote, GitRemote):
        state.branch = remote.branch
        state.published_tree = remote.tree_id(layout.member_dir(pid, mid))
    # What the remote holds now: while my records wait for my partner's key, an empty
    # manifest (the local copy must not claim they went out: status counts from it).
    if out.held:
        published, tombstones, held = 0, 0, len(pub.published)
        copy = layout.Manifest(pid, mid, {}).to_bytes()
    else:
        published, tombstones, held = len(pub.published), pub.tombstones, 0
        copy = pub.manifest.to_bytes()
    if out.manifest is not None:
        write_local_copy(home, state, copy)
    now_there = manifest[1] if manifest is not None else remote_manifest
    state.published_fingerprint = mine
    state.published_counts = [published, tombstones, held]
    return _finish(
        store, home, state, pulled, now_there, published, tombstones, written, out.notes, held
    )


def _finish(
    store: Store,
    home: Path,
    state: SyncState,
    pulled: PullResult,
    now_there: bytes | None,
    published: int,
    tombstones: int,
    written: int = 0,
    notes: list[str] | None = None,
    held: int = 0,
) -> SyncResult:
    state.manifest_sha256 = sha256(now_there) if now_there else ""
    state.last_sync_at = to_utc_text(store.clock.now())
    state.synced_before = True
    state.warnings = pulled.problems[:WARNINGS_KEPT]
    save_state(home, state)
    return SyncResult(
        state.pair_id,
        published,
        tombstones,
        written,
        pulled.applied,
        pulled.problems,
        from_utc_text(state.last_sync_at),
        _instant(state.partner_last_change_at),
        notes or [],
        held,
    )


def _instant(text: str) -> datetime | None:
    try:
        return from_utc_text(text) if text else None
    except ValueError:
        return None


# -- intents ---------------------------------------------------------------------------------
def _setup(
    store: Store,
    home: Path,
    view: PairView,
    state: SyncState,
    password: str | None,
    progress: Progress | None,
) -> tuple[str, SyncResult]:
    if view.my_role is None:
        raise SyncError("you are not a member of this pair")
    try:
        old = load_state(home, view.id)
    except SyncError:
        old = None
    if old is not None and old.member_id == state.member_id:  # set up again: same keys
        state.my_key_fp, state.partner_key_fp = old.my_key_fp, old.partner_key_fp
    with sync_lock(home):
        shutil.rmtree(pair_state_dir(home, view.id) / "repo", ignore_errors=True)
        (pair_state_dir(home, view.id) / "published.json").unlink(missing_ok=True)
        remote = open_remote(home, state, password, None)
        try:
            result = _run(store, home, state, remote, progress or _quiet, creating=True)
        finally:
            close_remote(remote)
    return invite_code(state), result


def _members(home: Path, view: PairView) -> tuple[str, str, str]:
    """(my member id, my local id, partner's member id). The pair's ids stay what they
    were when it synced before (I may have joined: my member id is not my local id)."""
    try:
        old = load_state(home, view.id)
    except SyncError:
        old = None
    if old is not None and old.my_local_id == view.me_id:
        return old.member_id, view.me_id, old.partner_id
    return view.me_id, view.me_id, view.partner.id


def setup_git(
    store: Store,
    home: Path,
    view: PairView,
    url: str,
    progress: Progress | None = None,
    *,
    encrypt: bool = False,
) -> tuple[str, SyncResult]:
    """Publish the pair to a git repository (an empty one, or one that holds it already).
    Returns the invite code for the partner and the first sync's result. encrypt: records
    leave this machine sealed for the two members only (end-to-end encryption)."""
    state = SyncState(view.id, "git", check_git_url(url), *_members(home, view))
    state.encrypt = encrypt
    return _setup(store, home, view, state, None, progress)


def setup_webdav(
    store: Store,
    home: Path,
    view: PairView,
    url: str,
    user: str,
    password: str,
    progress: Progress | None = None,
    *,
    encrypt: bool = False,
) -> tuple[str, SyncResult]:
    if not user.strip():
        raise SyncError("give the WebDAV user name (--user)")
    probe = WebDavRemote(url, user, password)  # checks the URL; the state keeps no user info
    probe.close()
    state = SyncState(view.id, "webdav", probe.base, *_members(home, view), user=user.strip())
    state.encrypt = encrypt
    code, result = _setup(store, home, view, state, password, progress)
    credentials.store_password(state.user, host_of(state.location), password)
    return code, result


def sync(
    store: Store,
    home: Path,
    pair_id: str,
    *,
    ask: Ask | None = None,
    progress: Progress | None = None,
    verify: bool = False,
) -> SyncResult:
    """Publish my side of the pair and take in my partner's. verify: re-check every file
    of my folder on the remote and upload again what is missing or damaged."""
    state = load_state(home, pair_id)
    if state is None:
        raise SyncError(NOT_SET_UP)
    with sync_lock(home):
        remote = open_remote(home, state, None, ask)
        try:
            return _run(store, home, state, remote, progress or _quiet, verify=verify)
        finally:
            close_remote(remote)
