"""What the app reads before it can show anything of the user's: the Store opened (the
storage stack imported on the way), who I am, my pairs. Called off the UI thread, after
the app's first frame; nothing here is imported before it is called."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentor_tui.models.db import Store
    from mentor_tui.models.tables import Person
    from mentor_tui.services.pairs import PairView


@dataclass(frozen=True)
class Opened:
    """What the start-up worker read: the Store, who I am and my pairs."""

    store: Store
    me: Person | None
    pairs: list[PairView]


def open_and_read(source: Store | Callable[[], Store]) -> Opened:
    """Open the Store (or take the one given), read me and my pairs."""
    from mentor_tui.services.pairs import list_pairs
    from mentor_tui.services.profile import get_me

    store = source() if callable(source) else source
    me = get_me(store)
    return Opened(store, me, list_pairs(store) if me else [])
