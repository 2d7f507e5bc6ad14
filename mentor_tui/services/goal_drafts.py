"""Drafts of the goal editor's fields, kept on disk so a crash loses nothing.

The editor saves its typed texts (the due date as typed, not resolved) while the user
types, deletes the draft when the goal is saved, and offers it back on the next open.
One JSON file per goal under <home>/drafts/: goal-<id>.json, or goal-new-<pair>.json.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mentor_tui.models.db import Store

DRAFT_FIELDS = ("title", "specific", "measurable", "achievable", "relevant", "due_on")


def draft_path(store: Store, goal_id: str | None, pair_id: str = "") -> Path:
    name = f"goal-{goal_id}.json" if goal_id else f"goal-new-{pair_id or 'any'}.json"
    return store.path.parent / "drafts" / name


def save_goal_draft(
    store: Store, goal_id: str | None, fields: dict[str, str], pair_id: str = ""
) -> Path:
    """Write the typed texts atomically (a temporary file, then a rename), readable by
    the user alone: drafts can hold private text."""
    path = draft_path(store, goal_id, pair_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {name: str(fields.get(name, "")) for name in DRAFT_FIELDS}
    data["saved_at"] = store.clock.now().isoformat()
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return path


def load_goal_draft(store: Store, goal_id: str | None, pair_id: str = "") -> dict[str, str] | None:
    """The saved texts, or None when there is no readable draft (a damaged file is ignored,
    not fatal: the stored goal is still there)."""
    path = draft_path(store, goal_id, pair_id)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    return {name: str(data.get(name, "")) for name in DRAFT_FIELDS}


def discard_goal_draft(store: Store, goal_id: str | None, pair_id: str = "") -> None:
    draft_path(store, goal_id, pair_id).unlink(missing_ok=True)
