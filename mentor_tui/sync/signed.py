"""Signed (and, with end-to-end encryption, sealed) manifests, and the keys a sync uses.

manifest.json on the remote is an envelope around the manifest (layout.Manifest):

    {"format": "mentor-tui-signed", "version": 1, "signer": <fingerprint>,
     "manifest": {...}  or  "sealed": <base64 of the sealed manifest>,
     "signature": <base64 Ed25519 over the manifest's canonical bytes, or the sealed bytes>}

The manifest lists every record file with its sha256, so one signature covers the whole
folder: a reader takes nothing from a manifest whose signature does not verify against the
key it pinned for that member, and nothing a manifest does not list."""

from __future__ import annotations

import base64
import binascii
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mentor_tui.sync import layout
from mentor_tui.sync.canonical import SyncError, canonical_bytes, parse_json, sha256
from mentor_tui.sync.keys import (
    KeyPair,
    PublicKey,
    load_key,
    parse_key_file,
    seal,
    show_fingerprint,
    unseal,
)
from mentor_tui.sync.sandbox import PAIR_LIMIT
from mentor_tui.sync.state import SyncState

SIGNED_FORMAT = "mentor-tui-signed"


class BadSignature(SyncError):
    """A manifest not signed by the key pinned for its member (or not signed at all)."""


@dataclass
class Keys:
    """The keys one sync works with."""

    mine: KeyPair
    partner: PublicKey | None = None  # pinned and matching what the remote holds
    pair_key: bytes | None = None  # both keys known: what sealed files use
    refusal: str = ""  # why nothing of the partner's may be read this time (a changed key)


def wrap_manifest(inner: bytes, key: KeyPair, pair_key: bytes | None, path: str) -> bytes:
    """The envelope for my manifest: signed, and sealed when pair_key is given. The same
    manifest gives the same bytes (Ed25519 and the seal are deterministic)."""
    envelope: dict[str, Any] = {
        "format": SIGNED_FORMAT,
        "version": 1,
        "signer": key.public.fingerprint,
    }
    if pair_key is None:
        envelope["manifest"] = parse_json(inner, "my manifest")
        signed = canonical_bytes(envelope["manifest"])
    else:
        signed = seal(pair_key, path, inner)
        envelope["sealed"] = base64.b64encode(signed).decode("ascii")
    envelope["signature"] = base64.b64encode(key.sign(signed)).decode("ascii")
    return canonical_bytes(envelope)


def unverified_entries(data: bytes) -> dict[str, Any]:
    """The entries a plain envelope claims, unverified: only to name what is refused."""
    try:
        raw = parse_json(data, "manifest")
        records = raw.get("manifest", raw).get("records", {}) if isinstance(raw, dict) else {}
    except (SyncError, AttributeError):
        return {}
    return records if isinstance(records, dict) else {}


def open_manifest(
    data: bytes, signer: PublicKey, pair_key: bytes | None, path: str, whose: str
) -> bytes:
    """The manifest's canonical bytes, once its signature verifies against `signer` (and,
    sealed, it opens with the pair key); SyncError (BadSignature) otherwise."""
    what = f"{whose} manifest"
    raw = parse_json(data, what)
    if isinstance(raw, dict) and raw.get("format") == layout.MANIFEST_FORMAT:
        raise BadSignature(f"{what} is not signed (written by an older mentor-tui)")
    if not isinstance(raw, dict) or raw.get("format") != SIGNED_FORMAT:
        raise SyncError(f"{what} is damaged (not a mentor-tui manifest)")
    try:
        signature = base64.b64decode(str(raw.get("signature")), validate=True)
        if "sealed" in raw:
            signed = base64.b64decode(str(raw["sealed"]), validate=True)
        elif isinstance(raw.get("manifest"), dict):
            signed = canonical_bytes(raw["manifest"])
        else:
            raise SyncError(f"{what} is damaged (no manifest)")
    except (binascii.Error, ValueError):
        raise SyncError(f"{what} is damaged (not base64)") from None
    if not signer.verify(signature, signed):
        pinned = show_fingerprint(signer.fingerprint)
        raise BadSignature(f"{what} is not signed by the key pinned for it ({pinned})")
    if "sealed" not in raw:
        return signed
    if pair_key is None:
        raise SyncError(f"{what} is encrypted and the pair's key is not known here yet")
    try:
        return unseal(pair_key, path, signed)
    except ValueError:
        raise SyncError(f"{what} cannot be decrypted with your key") from None


def is_sealed_envelope(data: bytes) -> bool:
    try:
        raw = parse_json(data, "manifest")
    except SyncError:
        return False
    return isinstance(raw, dict) and "sealed" in raw


@dataclass
class Sealed:
    records: dict[str, bytes]
    manifest: layout.Manifest
    summary: bytes


def seal_files(
    records: dict[str, bytes],
    manifest: layout.Manifest,
    summary: bytes,
    pair_key: bytes,
) -> Sealed:
    """Records and SUMMARY.md sealed for the pair, the manifest's sha256s those of the
    sealed files (what the remote holds and a reader checks)."""
    pid, mid = manifest.pair_id, manifest.member_id
    sealed = {
        rid: seal(pair_key, layout.record_path(pid, mid, rid), data)
        for rid, data in records.items()
    }
    entries = {
        rid: dataclasses.replace(entry, sha256=sha256(sealed[rid]))
        for rid, entry in manifest.records.items()
    }
    box = seal(pair_key, layout.summary_path(pid, mid), summary)
    return Sealed(
        sealed,
        dataclasses.replace(manifest, records=entries, summary_sha256=sha256(box)),
        box,
    )


def resolve_keys(
    read: Callable[[str, int], bytes | None], state: SyncState, info: layout.PairInfo
) -> Keys:
    """My key (made at the first sync), and my partner's: from their key.json, else the
    one pair.json carries; pinned at first sight when the invite did not pin it; refused
    loudly when it is not the one pinned (then nothing of theirs is read)."""
    pid = state.pair_id
    mine = load_key(pid, state.member_id, state.my_key_fp)
    state.my_key_fp = mine.public.fingerprint
    keys = Keys(mine)
    try:
        data = read(layout.key_path(pid, state.partner_id), PAIR_LIMIT)
        partner = (
            parse_key_file(data, state.partner_id)
            if data is not None
            else info.public_key(state.partner_id)
        )
    except SyncError as problem:
        keys.refusal = f"{problem}; nothing of theirs was taken this time"
        return keys
    if partner is None:
        return keys  # not published yet: they have not synced since joining
    found = partner.fingerprint
    if not state.partner_key_fp:
        state.partner_key_fp = found  # first sight (the inviter learns the joiner's key)
    if found != state.partner_key_fp:
        keys.refusal = (
            f"your partner's key CHANGED: pinned {show_fingerprint(state.partner_key_fp)}, "
            f"now {show_fingerprint(found)}; nothing of theirs was taken (if they made a new "
            "key, compare it with them, then `mentor sync trust-key NEW`)"
        )
        return keys
    keys.partner = partner
    keys.pair_key = mine.pair_key(partner, pid)
    return keys
