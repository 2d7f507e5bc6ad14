"""Taking in the partner's side: only what a complete manifest lists, only files whose
sha256 matches, and only records that pass every check. What fails waits for the next sync;
nothing else is held back by it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from mentor_tui.models.db import Store
from mentor_tui.sync import layout
from mentor_tui.sync.canonical import SyncError, parse_json, sha256
from mentor_tui.sync.engine import PullResult, apply_partner
from mentor_tui.sync.records import BadRecord, IdMap, Incoming, parse_record
from mentor_tui.sync.sandbox import MANIFEST_LIMIT, RECORD_LIMIT, Unsafe
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
) -> PullResult:
    """limit: the size limit of one record (a larger one waits, with one line)."""
    pid, partner = state.pair_id, state.partner_id
    try:
        data = remote.read(layout.manifest_path(pid, partner), MANIFEST_LIMIT)
    except Unsafe as problem:
        return PullResult(problems=[f"{problem}; nothing of your partner's was taken this time"])
    if data is None:
        return PullResult()  # the partner has not published yet
    digest = sha256(data)
    if digest == state.partner_manifest_sha256:
        return PullResult()  # nothing new since everything was taken last time
    try:
        manifest = layout.parse_manifest(data, pid, partner, "your partner's")
    except SyncError as problem:
        return PullResult(problems=[f"{problem}; nothing of theirs was taken this time"])
    wanted = [
        rid for rid, entry in manifest.records.items() if state.pulled.get(rid) != entry.sha256
    ]
    paths = {rid: layout.record_path(pid, partner, rid) for rid in wanted}
    progress("reading your partner's records", 0, len(wanted))
    contents = remote.read_many(list(paths.values()), limit)
    ids = IdMap(state.my_local_id, state.member_id)
    incoming: list[tuple[Incoming, str]] = []
    problems: list[str] = []
    for rid in wanted:
        entry = manifest.records[rid]
        content = contents.get(paths[rid])
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
