"""The goal editor's drafts, in the words the goal code and its tests use.

The screen kit (screens/form.py) keeps every form's draft through services/drafts.py; a
goal's draft is the one keyed ("goal", goal id) or, for a new goal, ("goal", None, pair).
The files keep the names they had before the kit took drafts over: goal-<id>.json and
goal-new-<pair>.json under <home>/drafts/.
"""

from __future__ import annotations

from pathlib import Path

from mentor_tui.models.db import Store
from mentor_tui.services.drafts import DraftKey, discard_draft, load_draft, save_draft
from mentor_tui.services.drafts import draft_path as _draft_path

DRAFT_FIELDS = ("title", "specific", "measurable", "achievable", "relevant", "due_on")


def goal_draft_key(goal_id: str | None, pair_id: str = "") -> DraftKey:
    return DraftKey("goal", goal_id or None, pair_id or None)


def draft_path(store: Store, goal_id: str | None, pair_id: str = "") -> Path:
    return _draft_path(store.path.parent, goal_draft_key(goal_id, pair_id))


def save_goal_draft(
    store: Store, goal_id: str | None, fields: dict[str, str], pair_id: str = ""
) -> Path:
    """Write the typed texts (the due date as typed, not resolved)."""
    values = {name: str(fields.get(name, "")) for name in DRAFT_FIELDS}
    key = goal_draft_key(goal_id, pair_id)
    path = save_draft(store.path.parent, key, values, store.clock.now())
    return path if path is not None else _draft_path(store.path.parent, key)


def load_goal_draft(store: Store, goal_id: str | None, pair_id: str = "") -> dict[str, str] | None:
    """The saved texts, or None when there is no readable draft."""
    draft = load_draft(store.path.parent, goal_draft_key(goal_id, pair_id))
    if draft is None:
        return None
    return {name: str(draft.values.get(name) or "") for name in DRAFT_FIELDS}


def discard_goal_draft(store: Store, goal_id: str | None, pair_id: str = "") -> None:
    discard_draft(store.path.parent, goal_draft_key(goal_id, pair_id))
