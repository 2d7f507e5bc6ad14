"""The invite code: what a member hands their partner to join a pair's shared record
(where it is, which pair, who invites, the inviter's key fingerprint, whether it is
encrypted), as one copyable line. Decoding checks every field: a code is typed input."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from mentor_tui.sync.canonical import SyncError, is_uuid
from mentor_tui.sync.keys import normalize_fingerprint
from mentor_tui.sync.state import SyncState

INVITE_PREFIX = "mentor1-"


def invite_code(state: SyncState) -> str:
    data = {
        "v": 1,
        "pair": state.pair_id,
        "kind": state.kind,
        "location": state.location,
        "inviter": state.member_id,
    }
    if state.my_key_fp:
        data["fp"] = state.my_key_fp  # the joiner pins my key with it
    if state.encrypt:
        data["enc"] = True
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    return INVITE_PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_invite(code: str) -> dict[str, Any]:
    text = "".join(code.split()).removeprefix(INVITE_PREFIX)
    try:
        data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError):
        raise SyncError("that is not an invite code (copy all of it)") from None
    if not isinstance(data, dict) or data.get("v") != 1:
        raise SyncError("that invite code is from another version of mentor-tui")
    if not (
        is_uuid(data.get("pair"))
        and is_uuid(data.get("inviter"))
        and data.get("kind") in ("git", "webdav")
        and isinstance(data.get("location"), str)
        and (data.get("fp") is None or _is_fingerprint(data.get("fp")))
    ):
        raise SyncError("that invite code is damaged (copy all of it)")
    return data


def _is_fingerprint(value: object) -> bool:
    return isinstance(value, str) and len(value) == 32 and normalize_fingerprint(value) == value
