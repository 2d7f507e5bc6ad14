"""The participant file, participants/<person-id>.json: one file per member instead of an
enrolment, an intake and an answer per proposal each in a file of its own (a third of the
requests when the coordinator reads a whole program). The file itself is not signed: each
part is an envelope signed on its own, as the separate files were, and is verified on its
own against the key pinned for the member the path names:

    {"format", "kind": "participant", "person_id",
     "enrol":   envelope: name, role wanted, the member's public key (self-signed; public,
                so the partner checks an answer against the key the coordinator pinned),
     "intake":  envelope: the intake answers, sealed to the coordinator when encrypted,
     "answers": {pair id: envelope: accept or decline, with the sync key's fingerprint}}

Only the member writes their file (a forged part is refused, part by part, the rest read);
each write keeps the parts already there that the member's key signed, and drops others."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mentor_tui.program import layout
from mentor_tui.program.remote import ProgramRemote
from mentor_tui.sync.canonical import SyncError, canonical_bytes, is_uuid, parse_json
from mentor_tui.sync.keys import KeyPair, PublicKey
from mentor_tui.sync.sandbox import Unsafe

Envelope = dict[str, Any]


@dataclass
class Parts:
    """A participant file's parts, as envelopes: nothing here is verified yet."""

    person_id: str
    enrol: Envelope | None = None
    intake: Envelope | None = None
    answers: dict[str, Envelope] = field(default_factory=dict)


def to_bytes(parts: Parts) -> bytes:
    out: dict[str, Any] = {
        "format": layout.PROGRAM_FORMAT,
        "kind": "participant",
        "person_id": parts.person_id,
        "answers": parts.answers,
    }
    if parts.enrol is not None:
        out["enrol"] = parts.enrol
    if parts.intake is not None:
        out["intake"] = parts.intake
    return canonical_bytes(out)


def from_bytes(data: bytes, path: str) -> Parts:
    """The parts of the participant file at `path`; SyncError (one line) when it is not one,
    or not the file of the member its path names."""
    kind, ids = layout.classify(path) or ("", ())
    if kind != "participant":
        raise SyncError(f"{path} is not a participant file")
    raw = parse_json(data, path)
    if not isinstance(raw, dict) or raw.get("format") != layout.PROGRAM_FORMAT:
        raise SyncError(f"{path} is not a mentor-tui program file")
    if raw.get("kind") != "participant":
        raise SyncError(f"{path} is not a participant file")
    if raw.get("person_id") != ids[0]:
        raise SyncError(f"{path} speaks for someone else; refused")
    enrol, intake, answers = raw.get("enrol"), raw.get("intake"), raw.get("answers", {})
    if not all(isinstance(part, dict | None) for part in (enrol, intake)):
        raise SyncError(f"{path} is damaged (parts)")
    if not isinstance(answers, dict) or not all(
        is_uuid(pair) and isinstance(part, dict) for pair, part in answers.items()
    ):
        raise SyncError(f"{path} is damaged (answers)")
    return Parts(ids[0], enrol, intake, dict(answers))


def enrolment(parts: Parts, program_id: str) -> tuple[dict[str, Any], PublicKey]:
    """The enrolment's body and the key it carries, once signed by that key and naming
    this member of this program (trust still comes from the fingerprint pinned for it)."""
    name = layout.enrol_part(parts.person_id)
    if parts.enrol is None:
        raise SyncError(f"{name} is missing: the member is not enrolled")
    body, key = layout.self_signed_part(parts.enrol, "enrol", name)
    if body.get("person_id") != parts.person_id or body.get("program_id") != program_id:
        raise SyncError(f"{name} speaks for someone else; refused")
    return body, key


def intake(parts: Parts, key: PublicKey, box: bytes | None) -> dict[str, Any] | None:
    """The intake's body (None when there is none), signed by `key`; opened with `box`
    when sealed (the coordinator's: nobody else holds it)."""
    if parts.intake is None:
        return None
    name = layout.intake_part(parts.person_id)
    body = layout.verify(layout.open_part(parts.intake, "intake", name), key, name, box)
    if body.get("person_id") != parts.person_id:
        raise SyncError(f"{name} speaks for someone else; refused")
    return body


def answer(parts: Parts, pair_id: str, key: PublicKey) -> dict[str, Any] | None:
    """The member's answer to proposal `pair_id` (None when not answered), signed by `key`."""
    raw = parts.answers.get(pair_id)
    if raw is None:
        return None
    name = layout.answer_part(parts.person_id, pair_id)
    body = layout.verify(layout.open_part(raw, "answer", name), key, name)
    if body.get("person_id") != parts.person_id or body.get("pair_id") != pair_id:
        raise SyncError(f"{name} speaks for someone else; refused")
    if body.get("answer") not in ("accept", "decline"):
        raise SyncError(f"{name} is damaged (answer)")
    return body


def read(remote: ProgramRemote, person_id: str) -> Parts | None:
    """A member's file from the shared place (None when there is none)."""
    path = layout.participant_path(person_id)
    try:
        data = remote.read(path, layout.FILE_LIMIT)
    except Unsafe as problem:
        raise SyncError(str(problem)) from None
    return None if data is None else from_bytes(data, path)


def _signed_by(raw: Envelope | None, kind: str, name: str, key: PublicKey) -> bool:
    try:
        opened = layout.open_part(raw, kind, name)
    except SyncError:
        return False
    return key.verify(opened.signature, opened.signed)


def updated(
    remote: ProgramRemote,
    key: KeyPair,
    person_id: str,
    *,
    enrol: Envelope | None = None,
    intake: Envelope | None = None,
    answers: dict[str, Envelope] | None = None,
) -> dict[str, bytes]:
    """My file with these parts replaced ({path: bytes}, for remote.write): the parts
    already there are kept only when my key signed them (someone else's forgery is not
    carried on); a file that is not a participant file (damaged, a link, too large) is
    started again. Failing to reach it fails the write: nothing of mine is dropped."""
    path = layout.participant_path(person_id)
    try:
        data = remote.read(path, layout.FILE_LIMIT)
    except Unsafe:
        data = None  # not a regular file (a link, too large): never read through; replaced
    try:
        old = None if data is None else from_bytes(data, path)
    except SyncError:
        old = None  # damaged: nothing in it is mine to keep
    mine = key.public
    parts = Parts(person_id)
    if old is not None:
        if _signed_by(old.enrol, "enrol", layout.enrol_part(person_id), mine):
            parts.enrol = old.enrol
        if _signed_by(old.intake, "intake", layout.intake_part(person_id), mine):
            parts.intake = old.intake
        parts.answers = {
            pair: raw
            for pair, raw in old.answers.items()
            if _signed_by(raw, "answer", layout.answer_part(person_id, pair), mine)
        }
    parts.enrol = enrol if enrol is not None else parts.enrol
    parts.intake = intake if intake is not None else parts.intake
    parts.answers.update(answers or {})
    return {path: to_bytes(parts)}
