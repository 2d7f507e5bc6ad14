"""Taking in the partner's side: only what a complete manifest signed by the partner's
pinned key lists, only files whose sha256 matches (opened with the pair key when sealed),
and only records that pass every check. What fails waits for the next sync; nothing else
is held back by it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from mentor_tui.models.db import Store
from mentor_tui.sync import layout
from mentor_tui.sync.canonical import SyncError, parse_json, sha256
from mentor_tui.sync.engine import PullResult, apply_partner
from mentor_tui.sync.keys import is_sealed, show_fingerprint, unseal
from mentor_tui.sync.packs import Piece, pack_limit, split_pack
from mentor_tui.sync.records import BadRecord, IdMap, Incoming, parse_record
from mentor_tui.sync.sandbox import MANIFEST_LIMIT, RECORD_LIMIT, Unsafe
from mentor_tui.sync.signed import BadSignature, Keys, open_manifest, unverified_entries
from mentor_tui.sync.state import SyncState


class Readable(Protocol):
    def read(self, path: str, limit: int = ...) -> bytes | None: ...

    def read_many(self, paths: list[str], limit: int) -> dict[str, bytes | SyncError | None]: ...


def pull_partner(
    store: Store,
    state: SyncState,
    remote: Readable,
    progress: Callable[[str, int, int], None],
    limit: int = RECORD_LIMIT,
    keys: Keys | None = None,
) -> PullResult:
    """limit: the size limit of one record (a larger one waits, with one line). keys: the
    partner's pinned key and the pair key (None: tests of the checks behind signatures)."""
    pid, partner = state.pair_id, state.partner_id
    path = layout.manifest_path(pid, partner)
    try:
        data = remote.read(path, MANIFEST_LIMIT)
    except Unsafe as problem:
        return PullResult(problems=[f"{problem}; nothing of your partner's was taken this time"])
    if data is None:
        return PullResult()  # the partner has not published yet
    if keys is not None and keys.refusal:
        return PullResult(problems=[keys.refusal])
    digest = sha256(data)
    if digest == state.partner_manifest_sha256:
        return PullResult()  # nothing new since everything was taken last time
    try:
        if keys is None:
            inner = data
        elif keys.partner is None:
            raise BadSignature(
                "your partner's manifest cannot be checked: their key is not on the remote"
            )
        else:
            inner = open_manifest(data, keys.partner, keys.pair_key, path, "your partner's")
        manifest = layout.parse_manifest(inner, pid, partner, "your partner's")
    except BadSignature as problem:
        return PullResult(problems=_unsigned(state, data, str(problem)))
    except SyncError as problem:
        return PullResult(problems=[f"{problem}; nothing of theirs was taken this time"])
    wanted = [
        rid for rid, entry in manifest.records.items() if state.pulled.get(rid) != entry.sha256
    ]
    paths = {rid: layout.record_path(pid, partner, rid) for rid in wanted}
    progress("reading your partner's records", 0, len(wanted))
    contents = _contents(remote, manifest, wanted, paths, limit)
    ids = IdMap(state.my_local_id, state.member_id)
    incoming: list[tuple[Incoming, str]] = []
    problems: list[str] = []
    for rid in wanted:
        entry = manifest.records[rid]
        content = contents.get(rid)
        if isinstance(content, SyncError):
            problems.append(f"partner record {rid} waits: {content}")
            continue
        if content is None:
            problems.append(f"partner record {rid} is listed but missing; it waits")
            continue
        if sha256(content) != entry.sha256:
            problems.append(
                f"partner record {rid} does not match its sha256 (incomplete or "
                "damaged); it waits (their `mentor sync --verify` repairs it)"
            )
            continue
        if is_sealed(content):
            try:
                assert keys is not None and keys.pair_key is not None
                content = unseal(keys.pair_key, paths[rid], content)
            except (AssertionError, ValueError):
                problems.append(f"partner record {rid} cannot be decrypted with your key; it waits")
                continue
        try:
            record = parse_json(content, f"partner record {rid}")
            incoming.append((parse_record(record, rid, ids), entry.sha256))
        except (SyncError, BadRecord) as problem:
            problems.append(f"partner record {rid} was refused: {problem}")
    result = apply_partner(store, pid, partner, ids, incoming)
    result.problems[:0] = problems
    state.pulled.update(result.taken)
    if not result.problems:
        state.partner_manifest_sha256 = digest
    state.partner_last_change_at = manifest.last_change_at or state.partner_last_change_at
    return result


def _contents(
    remote: Readable,
    manifest: layout.Manifest,
    wanted: list[str],
    paths: dict[str, str],
    limit: int,
) -> dict[str, bytes | SyncError | None]:
    """Each wanted record's bytes (not checked yet), or why not: from its own file
    (records/<id>.json, the layout before packs and git's), or from the packs that hold
    them, each pack read once and capped at what a writer makes (packs.pack_limit)."""
    pid, partner = manifest.pair_id, manifest.member_id
    loose = [rid for rid in wanted if not manifest.records[rid].pack]
    packed: dict[str, list[str]] = {}
    for rid in wanted:
        if manifest.records[rid].pack:
            packed.setdefault(manifest.records[rid].pack, []).append(rid)
    found: dict[str, bytes | SyncError | None] = {}
    if loose:
        read = remote.read_many([paths[rid] for rid in loose], limit)
        found.update((rid, read.get(paths[rid])) for rid in loose)
    if not packed:
        return found
    pack_paths = {name: layout.pack_path(pid, partner, name) for name in packed}
    packs = remote.read_many(list(pack_paths.values()), pack_limit(limit))
    for name, rids in packed.items():
        data = packs.get(pack_paths[name])
        if not isinstance(data, bytes):
            found.update(dict.fromkeys(rids, data))
            continue
        pieces = split_pack(data, limit)
        for rid in rids:
            found[rid] = _choose(pieces.get(rid, []), manifest.records[rid].sha256)
    return found


def _choose(pieces: list[Piece], digest: str) -> bytes | SyncError | None:
    """The copy the manifest signed, else the first (its problem, or bytes that then fail
    the sha256 check); None when the pack does not hold it."""
    for piece in pieces:
        if not piece.problem and sha256(piece.data) == digest:
            return piece.data
    if not pieces:
        return None
    first = pieces[0]
    return SyncError(first.problem) if first.problem else first.data


def _unsigned(state: SyncState, data: bytes, why: str) -> list[str]:
    """One line per record a manifest that fails its signature would bring (what differs
    from what was taken), then why: none of it is taken."""
    lines = [
        f"partner record {rid} is not covered by a valid signature of your partner's key; refused"
        for rid, entry in sorted(unverified_entries(data).items())
        if not isinstance(entry, dict)
        or state.pulled.get(rid) != entry.get("sha256")
        or entry.get("deleted")  # a withdrawal (its sha256 may be the one taken)
    ]
    shown = lines[:20] + ([f"... and {len(lines) - 20} more"] if len(lines) > 20 else [])
    pinned = show_fingerprint(state.partner_key_fp)
    return [*shown, f"{why}; nothing of theirs was taken this time (pinned key {pinned})"]
