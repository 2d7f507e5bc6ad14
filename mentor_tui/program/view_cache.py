"""The coordinator's view as kept on this machine (view.json, beside cache.json): the
screens and the CLI open it with load_view, without the network; refresh writes it."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from mentor_tui.program.state import program_dir, programs, read_json
from mentor_tui.services.program_types import (
    CoordinatorView,
    IntakeAnswers,
    MemberSummary,
    PairHealth,
    ProgramPair,
)


def view_path(home: Path, program_id: str) -> Path:
    return program_dir(home, program_id) / "view.json"


def _plain(value: Any) -> Any:
    """dataclasses.asdict without its deep copies (a tenth of the time at 2,000 members)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def view_to_json(view: CoordinatorView) -> dict[str, Any]:
    out: dict[str, Any] = _plain(view)
    out["summaries"] = [_plain(s) for s in view.summaries.values()]
    return out


def _tuples(raw: dict[str, Any]) -> dict[str, Any]:
    return {f: tuple(v) if isinstance(v, list) else v for f, v in raw.items()}


def view_from_json(raw: Any) -> CoordinatorView | None:
    try:
        participants = {k: IntakeAnswers(**_tuples(a)) for k, a in raw["participants"].items()}
        pairs = [ProgramPair(**_tuples(p)) for p in raw["pairs"]]
        summaries = {(s["pair_id"], s["member_id"]): MemberSummary(**s) for s in raw["summaries"]}
        previous = [PairHealth(**_tuples(r)) for r in raw.get("previous_rows", [])]
        return CoordinatorView(
            raw["program_id"], raw["name"], raw["cycle"], raw["cycle_ends_on"], participants,
            dict(raw["enrolled_without_intake"]), pairs, summaries, previous,
            raw.get("refreshed_at", ""),
        )  # fmt: skip
    except (KeyError, TypeError, AttributeError, ValueError):
        return None


def load_view(home: Path, program_id: str | None = None) -> CoordinatorView | None:
    """The last refresh's view, from this machine only (no network); None when none."""
    if program_id is None:
        found = programs(home)
        if len(found) != 1:
            return None
        program_id = found[0]
    raw = read_json(view_path(home, program_id))
    return view_from_json(raw) if isinstance(raw, dict) else None


def dumps(view: CoordinatorView) -> str:
    return json.dumps(view_to_json(view), ensure_ascii=False, sort_keys=True)
