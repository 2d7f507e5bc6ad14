"""Manifests as a member with their own key edits them: a hostile partner holds their key
(the in-memory keyring of the test), so what they publish by hand is signed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentor_tui.sync import layout
from mentor_tui.sync.canonical import canonical_bytes


def member_key(pair_id: str, member_id: str) -> Any:
    from mentor_tui.sync.keys import load_key

    return load_key(pair_id, member_id, "")  # the member's own key, from the keyring


def inner(data: bytes) -> dict[str, Any]:
    """The manifest inside a plain signed envelope (unverified)."""
    return json.loads(data)["manifest"]


def edit_manifest(
    path: Path, pair_id: str, member_id: str, change: Callable[[dict[str, Any]], None]
) -> None:
    """Change a member's manifest on disk and sign it again with their key."""
    from mentor_tui.sync.signed import wrap_manifest

    manifest = inner(path.read_bytes())
    change(manifest)
    key = member_key(pair_id, member_id)
    where = layout.manifest_path(pair_id, member_id)
    path.write_bytes(wrap_manifest(canonical_bytes(manifest), key, None, where))
