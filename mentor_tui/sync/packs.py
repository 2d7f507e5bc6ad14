"""Packs: many records of one member in one immutable file, for WebDAV (one request per
record cost seconds at 10,000 records; git packs objects itself, so it keeps one file per
record). A pack is named by the sha256 of its bytes, packs/<sha256>.pack:

    mentor-tui-pack-1\\n
    <record-id> <length>\\n<length bytes: the record file as it would be on its own>
    ...

The record's bytes are exactly those of records/<id>.json (sealed with that path as
associated data when the pair encrypts), so the manifest's sha256 per record is unchanged
and still checked per record; a pack's own framing is never trusted beyond its bounds.

Writing (plan): records new or changed since my last manifest go into new packs (at most
PACK_RECORDS records and PACK_BYTES each); the others stay where they are. Only when
something is written anyway, packs are compacted: one whose live bytes are under half of
what it held, one that held a record since withdrawn (its text must leave the server), one
the remote lost or cut, and the small ones once there are many: their live records move into
the new packs, and the packs no entry names any more are deleted after the manifest."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field

from mentor_tui.sync.canonical import is_uuid
from mentor_tui.sync.layout import Entry, Manifest, PackInfo

PACK_MAGIC = b"mentor-tui-pack-1\n"
PACK_RECORDS = 500  # records in one pack, at most
PACK_BYTES = 8_000_000  # a pack's size, at most (a single larger record gets its own)
SMALL_PACK = PACK_RECORDS // 10  # a pack that held fewer records than this is small ...
SMALL_PACKS_KEPT = 32  # ... and past this many small packs they are merged
_HEADER_MAX = 36 + 1 + 12 + 1  # "<uuid> <length>\n"


def pack_limit(record_limit: int) -> int:
    """The most a reader takes of one pack: what a writer makes (PACK_BYTES, or a single
    record larger than that alone) and no more, whatever a hostile partner uploads."""
    return max(PACK_BYTES, record_limit) + len(PACK_MAGIC) + _HEADER_MAX


def frame(rid: str, data: bytes) -> bytes:
    return b"%s %d\n" % (rid.encode("ascii"), len(data))


def pack_bytes(items: list[tuple[str, bytes]]) -> bytes:
    return PACK_MAGIC + b"".join(frame(rid, data) + data for rid, data in items)


def pack_name(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Piece:
    """One record as a pack holds it: its bytes, or why they cannot be taken."""

    data: bytes = b""
    problem: str = ""


def split_pack(data: bytes, limit: int) -> dict[str, list[Piece]]:
    """The records of a pack, by id (a forged pack may name one twice: every copy is kept,
    the reader takes the one whose sha256 the manifest signed). Every length is checked
    against what is left; a record over `limit` bytes is skipped with its problem; a record
    cut short, and whatever would follow it, is not there."""
    found: dict[str, list[Piece]] = {}
    if not data.startswith(PACK_MAGIC):
        return found
    at, end = len(PACK_MAGIC), len(data)
    while at < end:
        newline = data.find(b"\n", at, min(end, at + _HEADER_MAX))
        if newline < 0:
            break  # not a header: the rest cannot be split
        rid_raw, _, length_raw = data[at:newline].partition(b" ")
        rid = rid_raw.decode("ascii", "replace")
        if not is_uuid(rid) or not length_raw.isdigit() or len(length_raw) > 12:
            break
        length, start = int(length_raw), newline + 1
        if length > end - start:
            found.setdefault(rid, []).append(Piece(problem="cut short in its pack"))
            break
        if length > limit:
            problem = f"larger than {max(limit // 1_000_000, 1)} MB (sync_record_limit_mb)"
            found.setdefault(rid, []).append(Piece(problem=problem))
        else:
            found.setdefault(rid, []).append(Piece(data[start : start + length]))
        at = start + length
    return found


@dataclass
class Plan:
    manifest: Manifest  # with each entry's pack and the packs it names
    new: dict[str, bytes] = field(default_factory=dict)  # pack name -> bytes to upload
    kept: dict[str, int] = field(default_factory=dict)  # packs already there -> their size


def plan_packs(
    records: dict[str, bytes],
    manifest: Manifest,
    previous: Manifest | None,
    lost: set[str] | frozenset[str] = frozenset(),
) -> Plan:
    """Which pack holds each record of `manifest` (records: id -> the bytes the remote
    holds for it). lost: packs the remote does not hold as written."""
    before = previous.records if previous else {}
    held = previous.packs if previous else {}
    where: dict[str, str] = {}
    pending: list[str] = []
    for rid, entry in manifest.records.items():
        old = before.get(rid)
        if old and old.pack in held and old.pack not in lost and old.sha256 == entry.sha256:
            where[rid] = old.pack
        else:
            pending.append(rid)
    if pending:  # compaction only when something is written anyway
        for name in _to_compact(records, manifest, before, held, where, lost):
            pending.extend(rid for rid, pack in where.items() if pack == name)
            where = {rid: pack for rid, pack in where.items() if pack != name}
    plan = Plan(manifest)
    packs: dict[str, PackInfo] = {name: held[name] for name in set(where.values())}
    for chunk in _chunks(sorted(pending), records):
        data = pack_bytes([(rid, records[rid]) for rid in chunk])
        name = pack_name(data)
        plan.new[name] = data
        packs[name] = PackInfo(len(chunk), len(data))
        where.update(dict.fromkeys(chunk, name))
    plan.kept = {name: info.size for name, info in packs.items() if name not in plan.new}
    entries = {
        rid: dataclasses.replace(entry, pack=where[rid]) for rid, entry in manifest.records.items()
    }
    plan.manifest = dataclasses.replace(manifest, records=entries, packs=packs)
    return plan


def _to_compact(
    records: dict[str, bytes],
    manifest: Manifest,
    before: dict[str, Entry],
    held: dict[str, PackInfo],
    where: dict[str, str],
    lost: set[str] | frozenset[str],
) -> set[str]:
    live: dict[str, int] = {}
    for rid, name in where.items():
        live[name] = live.get(name, 0) + len(frame(rid, records[rid])) + len(records[rid])
    now = manifest.records
    withdrawn = {
        old.pack
        for rid, old in before.items()
        if old.pack and not old.deleted and (rid not in now or now[rid].deleted)
    }
    compact = {
        name
        for name, size in live.items()
        if name in withdrawn or name in lost or 2 * size < held[name].size
    }
    small = [n for n in live if n not in compact and held[n].records < SMALL_PACK]
    if len(small) > SMALL_PACKS_KEPT:
        compact.update(small)
    return compact


def _chunks(rids: list[str], records: dict[str, bytes]) -> list[list[str]]:
    chunks: list[list[str]] = []
    current: list[str] = []
    size = len(PACK_MAGIC)
    for rid in rids:
        more = len(frame(rid, records[rid])) + len(records[rid])
        if current and (len(current) >= PACK_RECORDS or size + more > PACK_BYTES):
            chunks.append(current)
            current, size = [], len(PACK_MAGIC)
        current.append(rid)
        size += more
    if current:
        chunks.append(current)
    return chunks
