"""My program summaries: one signed file per pair made in the program, in the program's own
tree (summaries/<pair-id>/<me>.json, never among the records), sealed to the coordinator
when the program is encrypted. Preview shows exactly the bytes publish writes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentor_tui.errors import MentorError
from mentor_tui.models.db import Store
from mentor_tui.models.types import to_utc_text
from mentor_tui.program import layout
from mentor_tui.program.service import (
    Ask,
    coordinator_box,
    my_key,
    opened,
    pick,
    read_program,
)
from mentor_tui.program.state import ProgramState, load_state, programs, save_state
from mentor_tui.services.pairs import get_pair
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.program_summary import member_summary
from mentor_tui.sync.canonical import SyncError


@dataclass
class Preview:
    bodies: dict[str, dict[str, Any]]  # path -> the summary as published (before sealing)
    files: dict[str, bytes]  # path -> the exact bytes published


def _bodies(store: Store, state: ProgramState) -> dict[str, dict[str, Any]]:
    today = viewer_today(store)
    out: dict[str, dict[str, Any]] = {}
    for pair_id in state.made:
        try:
            view = get_pair(store, pair_id)
        except MentorError:
            continue  # deleted here: nothing to say
        role = str(view.role_of(state.person_id) or "")
        out[layout.summary_path(pair_id, state.person_id)] = {
            "program_id": state.program_id,
            "pair_id": pair_id,
            "member_id": state.person_id,
            "role": role,
            "as_of": today.isoformat(),
            "figures": member_summary(store, pair_id, state.person_id, today),
            "withdrawn": False,
        }
    return out


def preview(
    store: Store, home: Path, *, program_id: str | None = None, ask: Ask | None = None
) -> Preview:
    """What publish would write: the figures, and the very bytes (sealing needs the
    coordinator's key: read from PROGRAM.json, checked against the pinned fingerprint)."""
    state = pick(home, program_id)
    return _prepare(store, home, state, ask)[0]


def _prepare(store: Store, home: Path, state: ProgramState, ask: Ask | None) -> tuple[Preview, Any]:
    if state.role != "participant":
        raise SyncError("summaries are published by the pairs' members")
    if state.withdrawn:
        raise SyncError("you left this program: nothing of yours is published to it")
    bodies = _bodies(store, state)
    key = my_key(state)
    box = None
    if state.encrypt and bodies:
        with opened(home, state, None, ask) as remote:
            box = coordinator_box(key, read_program(remote, state))
    files = {path: layout.wrap("summary", body, key, box, path) for path, body in bodies.items()}
    return Preview(bodies, files), key


def publish(
    store: Store, home: Path, *, program_id: str | None = None, ask: Ask | None = None
) -> int:
    """Write my summaries (only what changed is written). Returns files written."""
    state = pick(home, program_id)
    return _publish(store, home, state, ask)


def _publish(store: Store, home: Path, state: ProgramState, ask: Ask | None) -> int:
    shown, _key = _prepare(store, home, state, ask)
    if not shown.files:
        return 0
    with opened(home, state, None, ask) as remote:
        written = remote.write(shown.files, "mentor-tui: program summary")
    state.last_refresh_at = to_utc_text(store.clock.now())
    save_state(home, state)
    return written


def publish_after_sync(store: Store, home: Path, pair_ids: list[str]) -> list[str]:
    """After `mentor sync`: the summaries of the programs those pairs belong to, with one
    line per problem (a program's trouble never fails the pair's sync)."""
    problems: list[str] = []
    for program_id in programs(home):
        try:
            state = load_state(home, program_id)
            if state is None or state.withdrawn or not set(state.made) & set(pair_ids):
                continue
            _publish(store, home, state, None)
        except MentorError as problem:
            problems.append(f"program summary not published: {problem}")
    return problems
