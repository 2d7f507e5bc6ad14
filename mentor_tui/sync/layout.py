"""The shared place, the same for git and WebDAV:

FORMAT.json                              {"format": "mentor-tui-sync", "version": 1}
pairs/<pair-id>/pair.json                identity: pair id, both members, charter summary
pairs/<pair-id>/<member-id>/manifest.json    written last: what this member published
pairs/<pair-id>/<member-id>/records/<record-id>.json    one record (git)
pairs/<pair-id>/<member-id>/packs/<sha256>.pack          many records (WebDAV; sync/packs.py)
pairs/<pair-id>/<member-id>/SUMMARY.md
pairs/<pair-id>/<member-id>/key.json     that member's public keys (sync/keys.py)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mentor_tui.sync.canonical import (
    FORMAT_NAME,
    FORMAT_VERSION,
    SyncError,
    canonical_bytes,
    check_uuid,
    is_uuid,
    parse_json,
    sha256,
)
from mentor_tui.sync.keys import PublicKey

FORMAT_PATH = "FORMAT.json"
MANIFEST_FORMAT = "mentor-tui-manifest"


def pair_dir(pair_id: str) -> str:
    return f"pairs/{check_uuid(pair_id, 'pair id')}"


def pair_json_path(pair_id: str) -> str:
    return f"{pair_dir(pair_id)}/pair.json"


def member_dir(pair_id: str, member_id: str) -> str:
    return f"{pair_dir(pair_id)}/{check_uuid(member_id, 'member id')}"


def manifest_path(pair_id: str, member_id: str) -> str:
    return f"{member_dir(pair_id, member_id)}/manifest.json"


def summary_path(pair_id: str, member_id: str) -> str:
    return f"{member_dir(pair_id, member_id)}/SUMMARY.md"


def key_path(pair_id: str, member_id: str) -> str:
    return f"{member_dir(pair_id, member_id)}/key.json"


def record_path(pair_id: str, member_id: str, record_id: str) -> str:
    return f"{member_dir(pair_id, member_id)}/records/{check_uuid(record_id, 'record id')}.json"


def pack_path(pair_id: str, member_id: str, name: str) -> str:
    if not is_pack_name(name):
        raise SyncError(f"not a valid pack name: {str(name)[:70]!r}")
    return f"{member_dir(pair_id, member_id)}/packs/{name}.pack"


def is_pack_name(name: object) -> bool:
    """A pack is named by the sha256 of its bytes: 64 lower-case hex digits."""
    return isinstance(name, str) and len(name) == 64 and all(c in "0123456789abcdef" for c in name)


def format_bytes() -> bytes:
    return canonical_bytes({"format": FORMAT_NAME, "version": FORMAT_VERSION})


def check_format(data: bytes | None) -> None:
    """None (nothing there yet) is fine; anything else must be our format, a version we read."""
    if data is None:
        return
    info = parse_json(data, "the remote's FORMAT.json")
    if not isinstance(info, dict) or info.get("format") != FORMAT_NAME:
        raise SyncError(
            "the remote holds something that is not mentor-tui sync data; "
            "choose an empty repository or folder"
        )
    version = info.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise SyncError(
            f"the remote uses sync format version {version}; update mentor-tui to read it"
        )


@dataclass(frozen=True)
class Member:
    id: str
    role: str  # mentor | mentee
    display_name: str
    timezone: str


@dataclass(frozen=True)
class PairInfo:
    """pairs/<id>/pair.json: written once, by whoever set the pair up."""

    pair_id: str
    mentor: Member
    mentee: Member
    created_by: str
    charter: dict[str, Any]
    keys: dict[str, dict[str, str]] = field(default_factory=dict)  # member id -> public key
    encrypted: bool = False  # names, zones and charter left out: they travel sealed

    def public_key(self, member_id: str) -> PublicKey | None:
        try:
            return PublicKey.from_json(self.keys.get(member_id))
        except ValueError:
            return None

    def member(self, member_id: str) -> Member | None:
        return {self.mentor.id: self.mentor, self.mentee.id: self.mentee}.get(member_id)

    def other(self, member_id: str) -> Member:
        return self.mentee if member_id == self.mentor.id else self.mentor

    def to_bytes(self) -> bytes:
        def person(m: Member) -> dict[str, str]:
            return {"id": m.id, "display_name": m.display_name, "timezone": m.timezone}

        info: dict[str, Any] = {
            "format": FORMAT_NAME,
            "pair_id": self.pair_id,
            "mentor": person(self.mentor),
            "mentee": person(self.mentee),
            "created_by": self.created_by,
            "charter": self.charter,
        }
        if self.keys:
            info["keys"] = self.keys
        if self.encrypted:
            info["encrypted"] = True
        return canonical_bytes(info)


def parse_pair_info(data: bytes, pair_id: str) -> PairInfo:
    info = parse_json(data, "the remote's pair.json")
    what = "the remote's pair.json"
    if not isinstance(info, dict) or info.get("format") != FORMAT_NAME:
        raise SyncError(f"{what} is not mentor-tui sync data")
    if info.get("pair_id") != pair_id:
        raise SyncError(
            "the remote holds another pair under this pair's folder; nothing was changed"
        )

    def member(role: str) -> Member:
        raw = info.get(role)
        if not isinstance(raw, dict) or not is_uuid(raw.get("id")):
            raise SyncError(f"{what} names no valid {role}")
        name, zone = raw.get("display_name"), raw.get("timezone")
        return Member(
            raw["id"],
            role,
            name if isinstance(name, str) else "?",
            zone if isinstance(zone, str) else "UTC",
        )

    mentor, mentee = member("mentor"), member("mentee")
    if mentor.id == mentee.id:
        raise SyncError(f"{what} names the same person twice")
    charter = info.get("charter")
    created_by = info.get("created_by")
    keys = info.get("keys")
    return PairInfo(
        pair_id,
        mentor,
        mentee,
        created_by if isinstance(created_by, str) else mentor.id,
        charter if isinstance(charter, dict) else {},
        keys if isinstance(keys, dict) else {},
        info.get("encrypted") is True,
    )


@dataclass(frozen=True)
class Entry:
    kind: str
    revision: int
    sha256: str
    deleted: bool
    pack: str = ""  # the pack that holds it ("": its own file, records/<id>.json)

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "kind": self.kind,
            "revision": self.revision,
            "sha256": self.sha256,
            "deleted": self.deleted,
        }
        if self.pack:  # left out otherwise: a manifest without packs keeps its old bytes
            found["pack"] = self.pack
        return found


@dataclass(frozen=True)
class PackInfo:
    """What a pack held when it was written: for compaction (dead bytes), never trusted
    for reading."""

    records: int
    size: int


@dataclass
class Manifest:
    pair_id: str
    member_id: str
    records: dict[str, Entry]
    summary_sha256: str = ""
    last_change_at: str = ""  # the newest updated_at published: data, not export time
    packs: dict[str, PackInfo] = field(default_factory=dict)  # name -> what it held

    def to_bytes(self) -> bytes:
        body: dict[str, Any] = {
            "format": MANIFEST_FORMAT,
            "version": FORMAT_VERSION,
            "pair_id": self.pair_id,
            "member_id": self.member_id,
            "count": len(self.records),
            "last_change_at": self.last_change_at,
            "summary_sha256": self.summary_sha256,
            "records": {rid: e.to_json() for rid, e in self.records.items()},
        }
        if self.packs:
            body["packs"] = {
                name: {"records": p.records, "bytes": p.size}
                for name, p in sorted(self.packs.items())
            }
        return canonical_bytes(body)


def parse_manifest(data: bytes, pair_id: str, member_id: str, whose: str) -> Manifest:
    """A manifest, complete and for this pair and member, or SyncError: a reader trusts
    nothing a damaged manifest lists."""
    what = f"{whose} manifest"
    raw = parse_json(data, what)
    if not isinstance(raw, dict) or raw.get("format") != MANIFEST_FORMAT:
        raise SyncError(f"{what} is damaged (not a mentor-tui manifest)")
    if raw.get("pair_id") != pair_id or raw.get("member_id") != member_id:
        raise SyncError(f"{what} belongs to another pair or member")
    records = raw.get("records")
    if not isinstance(records, dict) or raw.get("count") != len(records):
        raise SyncError(f"{what} is incomplete")
    entries: dict[str, Entry] = {}
    for rid, entry in records.items():
        if not is_uuid(rid):
            raise SyncError(f"{what} lists a record id that is not valid: {str(rid)[:40]!r}")
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("sha256"), str)
            and isinstance(entry.get("revision"), int)
            and isinstance(entry.get("kind"), str)
        ):
            raise SyncError(f"{what} is damaged (entry {rid})")
        pack = entry.get("pack", "")
        if pack != "" and not is_pack_name(pack):
            raise SyncError(f"{what} is damaged (entry {rid} names no valid pack)")
        entries[rid] = Entry(
            entry["kind"], entry["revision"], entry["sha256"], bool(entry.get("deleted")), pack
        )
    last = raw.get("last_change_at")
    summary = raw.get("summary_sha256")
    return Manifest(
        pair_id,
        member_id,
        entries,
        summary if isinstance(summary, str) else "",
        last if isinstance(last, str) else "",
        _packs(raw.get("packs", {}), what),
    )


def _packs(raw: object, what: str) -> dict[str, PackInfo]:
    if not isinstance(raw, dict):
        raise SyncError(f"{what} is damaged (packs)")
    packs: dict[str, PackInfo] = {}
    for name, info in raw.items():
        if not (
            is_pack_name(name)
            and isinstance(info, dict)
            and type(info.get("records")) is int
            and type(info.get("bytes")) is int
        ):
            raise SyncError(f"{what} is damaged (pack {str(name)[:70]!r})")
        packs[name] = PackInfo(info["records"], info["bytes"])
    return packs


def digest(data: bytes) -> str:
    return sha256(data)
