"""The program's files in the shared place (beside the pairs' sync, docs/program.md):

PROGRAM.json                                     the program, signed by the coordinator
participants/<person-id>.json                    one file per member, each part signed on
                                                 its own (program/participants.py): the
                                                 enrolment (with their public key), the
                                                 intake (sealed when encrypted) and an
                                                 answer per proposal
matches/<pair-id>.json                           a proposal (signed by the coordinator)
summaries/<pair-id>/<member-id>.json             the member's summary: figures only (a
                                                 tree of its own: listed without any record)
changes/<person-id>.json                         a change marker (WebDAV): rewritten after
                                                 each write of its person's; only a hint

Every file (every part of a participant file) is an envelope around a body: {"format",
"kind", "signer", "body" | "sealed", "signature"}; the signature covers the body's canonical
bytes (or the sealed bytes).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from mentor_tui.sync.canonical import SyncError, canonical_bytes, check_uuid, parse_json
from mentor_tui.sync.keys import KeyPair, PublicKey, seal, show_fingerprint, unseal

PROGRAM_FORMAT = "mentor-tui-program"
PROGRAM_PATH = "PROGRAM.json"
FILE_LIMIT = 256_000  # any one program file: they hold figures and short answers
SUMMARIES = "summaries"  # beside pairs/, never inside it: listing it lists no record
CHANGES = "changes"  # one flat folder of markers: a refresh lists it, not every member's files
PARTICIPANTS = "participants"  # flat: one file per member, so a listing is one entry each
KINDS = ("program", "participant", "enrol", "intake", "answer", "match", "summary")


def participant_path(person_id: str) -> str:
    return f"{PARTICIPANTS}/{check_uuid(person_id, 'person id')}.json"


# A part's name: its file and the part. Messages say it, and a sealed part is bound to it
# (the sealing's associated data), so a sealed intake moved to another member's file or
# part does not open.
def enrol_part(person_id: str) -> str:
    return f"{participant_path(person_id)}#enrol"


def intake_part(person_id: str) -> str:
    return f"{participant_path(person_id)}#intake"


def answer_part(person_id: str, pair_id: str) -> str:
    return f"{participant_path(person_id)}#answer/{check_uuid(pair_id, 'pair id')}"


def match_path(pair_id: str) -> str:
    return f"matches/{check_uuid(pair_id, 'pair id')}.json"


def summary_path(pair_id: str, member_id: str) -> str:
    pid, mid = check_uuid(pair_id, "pair id"), check_uuid(member_id, "member id")
    return f"{SUMMARIES}/{pid}/{mid}.json"


def marker_path(person_id: str) -> str:
    return f"{CHANGES}/{check_uuid(person_id, 'person id')}.json"


def marker_bytes(previous: bytes | None) -> bytes:
    """The next marker after `previous`: a counter, padded so that each rewrite changes the
    length too (a server whose ETag holds the mtime in whole seconds still shows it). Not
    signed: it only says where to look; what is found there is verified as ever."""
    count = 0
    try:
        raw = parse_json(previous, "marker") if previous else {}
        count = int(raw.get("n", 0)) if isinstance(raw, dict) else 0
    except (SyncError, TypeError, ValueError):
        pass
    count = count + 1 if 0 <= count < 10**9 else 1
    body = {"format": PROGRAM_FORMAT, "kind": "change", "n": count, "pad": "-" * (count % 32)}
    return canonical_bytes(body)


def classify(path: str) -> tuple[str, tuple[str, ...]] | None:
    """(kind, ids) for a path of the program's layout; None for anything else."""
    parts = path.split("/")
    try:
        if parts == [PROGRAM_PATH]:
            return "program", ()
        if len(parts) == 2 and parts[0] == PARTICIPANTS and parts[1].endswith(".json"):
            return "participant", (check_uuid(parts[1].removesuffix(".json"), "person id"),)
        if len(parts) == 2 and parts[0] == "matches" and parts[1].endswith(".json"):
            return "match", (check_uuid(parts[1].removesuffix(".json"), "pair id"),)
        if len(parts) == 3 and parts[0] == SUMMARIES and parts[2].endswith(".json"):
            member = parts[2].removesuffix(".json")
            return "summary", (check_uuid(parts[1], "pair id"), check_uuid(member, "member id"))
    except SyncError:
        return None
    return None


# -- envelopes -------------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def wrap(kind: str, body: dict[str, Any], key: KeyPair, box: bytes | None, path: str) -> bytes:
    """A signed file; sealed with `box` (the member's key with the coordinator's) when given.
    Deterministic: the same body gives the same bytes, so nothing unchanged is rewritten."""
    return canonical_bytes(wrap_part(kind, body, key, box, path))


def wrap_part(
    kind: str, body: dict[str, Any], key: KeyPair, box: bytes | None, path: str
) -> dict[str, Any]:
    """The envelope as an object: a file's whole content, or one part of a participant
    file (`path` is then the part's name)."""
    envelope: dict[str, Any] = {
        "format": PROGRAM_FORMAT,
        "kind": kind,
        "signer": key.public.fingerprint,
    }
    if box is None:
        envelope["body"] = body
        signed = canonical_bytes(body)
    else:
        signed = seal(box, path, canonical_bytes(body))
        envelope["sealed"] = _b64(signed)
    envelope["signature"] = _b64(key.sign(signed))
    return envelope


@dataclass(frozen=True)
class Opened:
    kind: str
    signer: str  # the fingerprint the envelope claims (checked against a pinned key later)
    signature: bytes
    signed: bytes  # what the signature covers
    sealed: bool


def open_envelope(data: bytes, kind: str, path: str) -> Opened:
    """The envelope's parts, before any key is known; SyncError (one line) when it is not
    a program file of this kind."""
    return open_part(parse_json(data, path), kind, path)


def open_part(raw: Any, kind: str, path: str) -> Opened:
    """open_envelope for an envelope already parsed (a part of a participant file)."""
    if not isinstance(raw, dict) or raw.get("format") != PROGRAM_FORMAT:
        raise SyncError(f"{path} is not a mentor-tui program file")
    if raw.get("kind") != kind:
        raise SyncError(f"{path} is not a {kind} file")
    if not isinstance(raw.get("signature"), str) or not raw["signature"]:
        raise SyncError(f"{path} is not signed; refused")
    try:
        signature = base64.b64decode(raw["signature"], validate=True)
        if "sealed" in raw:
            signed = base64.b64decode(str(raw["sealed"]), validate=True)
        elif isinstance(raw.get("body"), dict):
            signed = canonical_bytes(raw["body"])
        else:
            raise SyncError(f"{path} is damaged (no body)")
    except (binascii.Error, ValueError):
        raise SyncError(f"{path} is damaged (not base64)") from None
    signer = raw.get("signer")
    return Opened(
        kind, signer if isinstance(signer, str) else "", signature, signed, "sealed" in raw
    )


def verify(opened: Opened, key: PublicKey, path: str, box: bytes | None = None) -> dict[str, Any]:
    """The body, once the signature verifies against `key` (the one pinned for its writer)
    and, sealed, it opens with `box`; SyncError otherwise."""
    if not key.verify(opened.signature, opened.signed):
        pinned = show_fingerprint(key.fingerprint)
        raise SyncError(f"{path} is not signed by the key pinned for it ({pinned}); refused")
    data = opened.signed
    if opened.sealed:
        if box is None:
            raise SyncError(f"{path} is sealed and cannot be opened here")
        try:
            data = unseal(box, path, data)
        except ValueError:
            raise SyncError(f"{path} cannot be decrypted with your key") from None
    body = parse_json(data, path)
    if not isinstance(body, dict):
        raise SyncError(f"{path} is damaged (not an object)")
    return body


def self_signed(data: bytes, kind: str, path: str) -> tuple[dict[str, Any], PublicKey]:
    """A file that carries its writer's key (PROGRAM.json, an enrolment): the body and the
    key, once the file is signed by that very key (which proves possession only; trust
    comes from the fingerprint pinned for it)."""
    return self_signed_part(parse_json(data, path), kind, path)


def self_signed_part(raw: Any, kind: str, path: str) -> tuple[dict[str, Any], PublicKey]:
    """self_signed for an envelope already parsed (the enrolment part)."""
    opened = open_part(raw, kind, path)
    if opened.sealed:
        raise SyncError(f"{path} must not be sealed")
    body = parse_json(opened.signed, path)
    try:
        key = PublicKey.from_json(body.get("key") if isinstance(body, dict) else None)
    except ValueError:
        raise SyncError(f"{path} carries no valid key") from None
    return verify(opened, key, path), key
