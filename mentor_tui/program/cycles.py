"""A program's cycles: the coordinator ends one and starts the next. The ending cycle's
roll-up is kept on the coordinator's machine (cycles/<n>.json beside the cached view), so
the report can set this cycle against the last; PROGRAM.json names the new cycle, signed
again. Pairs are not touched: those that closed free their people for new matches (and
matching ranks a repeat of an earlier pair last); the others run on."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Any

from mentor_tui.program import layout
from mentor_tui.program.service import my_key, opened, pick, program_body, read_program
from mentor_tui.program.state import program_dir, read_json, save_state, write_private
from mentor_tui.services.program_types import CoordinatorView, PairHealth
from mentor_tui.sync.canonical import SyncError, canonical_bytes
from mentor_tui.sync.credentials import Ask

CYCLE_NAME_LIMIT = 60


def _cycles_dir(home: Path, program_id: str) -> Path:
    return program_dir(home, program_id) / "cycles"


def _archives(home: Path, program_id: str) -> list[Path]:
    folder = _cycles_dir(home, program_id)
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if p.suffix == ".json" and p.stem.isdigit()),
        key=lambda p: int(p.stem),
    )


def last_cycle_rows(home: Path, program_id: str) -> list[PairHealth]:
    """The roll-up of the cycle before this one, as it stood when it ended ([] if none)."""
    found = _archives(home, program_id)
    raw = read_json(found[-1]) if found else None
    if not isinstance(raw, dict) or not isinstance(raw.get("rows"), list):
        return []
    rows: list[PairHealth] = []
    for item in raw["rows"]:
        fields: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in dict(item).items()
        }
        try:
            rows.append(PairHealth(**fields))
        except TypeError:
            continue  # an archive from another release: skip the row, keep the rest
    return rows


def with_last_cycle(home: Path, view: CoordinatorView) -> CoordinatorView:
    return replace(view, previous_rows=last_cycle_rows(home, view.program_id))


def start_cycle(
    home: Path,
    name: str,
    ends_on: date | None,
    today: date,
    *,
    program_id: str | None = None,
    ask: Ask | None = None,
) -> tuple[str, int]:
    """End the current cycle (its roll-up kept here) and name the next in PROGRAM.json.
    Returns the cycle that ended and how many pairs its roll-up held."""
    from mentor_tui.program.refresh import load_view
    from mentor_tui.services.program_health import health_rows

    state = pick(home, program_id)
    if state.role != "coordinator":
        raise SyncError("only the coordinator starts a new cycle")
    name = " ".join(name.split())
    if not name or len(name) > CYCLE_NAME_LIMIT:
        raise SyncError(f"give the new cycle a name (at most {CYCLE_NAME_LIMIT} characters)")
    if ends_on is not None and ends_on <= today:
        raise SyncError(f"the new cycle's end ({ends_on}) must be after today ({today})")
    view = load_view(home, state.program_id)
    if view is None:
        raise SyncError("refresh first (`mentor program refresh`): the ending cycle is kept")
    if name == view.cycle:
        raise SyncError(f"the program is in the cycle {name!r} already")
    rows = health_rows(view, today)
    key = my_key(state)
    with opened(home, state, None, ask) as remote:
        program = read_program(remote, state)
        body = program_body(
            program, cycle=name, cycle_ends_on=ends_on.isoformat() if ends_on else ""
        )
        files = {layout.PROGRAM_PATH: layout.wrap("program", body, key, None, "")}
        remote.write(files, f"mentor-tui: program cycle {name[:30]}")
    number = len(_archives(home, state.program_id)) + 1
    archive = {
        "cycle": view.cycle,
        "ended_on": today.isoformat(),
        "rows": [asdict(row) for row in rows],
    }
    write_private(_cycles_dir(home, state.program_id) / f"{number}.json", canonical_bytes(archive))
    save_state(home, state)
    return view.cycle, len(rows)
