"""What the coordinator's screens (Program, Matching) share: where their data comes from.

A screen is given a CoordinatorView (tests, the demo) or reads it from the program's shared
place through `mentor_tui.program.service`, imported only when a screen opens: the app
never pays for it, and a build without that package says so in one line."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mentor_tui.services.program_types import CoordinatorView

NO_PROGRAM = "No program here: `mentor program setup`"
SERVICE = "mentor_tui.program.service"

ViewSource = Callable[[], CoordinatorView | None]
Propose = Callable[[str, str], object]  # (mentee id, mentor id)


class ProgramMissing(Exception):
    """The program package is not installed (or has no such function)."""


def _service(name: str) -> Callable[..., Any]:
    try:
        module = importlib.import_module(SERVICE)
    except ModuleNotFoundError as missing:
        if missing.name and SERVICE.startswith(missing.name):
            raise ProgramMissing(name) from None
        raise
    found = getattr(module, name, None)
    if not callable(found):
        raise ProgramMissing(name)
    return found


def load_view(home: Path) -> CoordinatorView | None:
    """The coordinator's view from the shared place; None without a program (or without
    the program package)."""
    try:
        loader = _service("load_view")
    except ProgramMissing:
        return None
    view = loader(home)
    return view if isinstance(view, CoordinatorView) else None


def propose(home: Path, mentee_id: str, mentor_id: str) -> object:
    """Propose a match through the shared place; ProgramMissing without the package."""
    return _service("propose")(home, mentee_id, mentor_id)


@dataclass(frozen=True)
class Loaded:
    """What a coordinator's screen shows: the view (None: no program) and today."""

    view: CoordinatorView | None
    today: date


def closed_pair_ids(view: CoordinatorView) -> set[str]:
    """Pairs a member's summary says are closed (their people can be matched again)."""
    return {pair_id for (pair_id, _), s in view.summaries.items() if s.figures.get("closed")}
