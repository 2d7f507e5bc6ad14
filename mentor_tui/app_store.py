"""The app's Store, opened on demand: after the light start (services/start_up.read_light)
the app runs on me and my pairs read on the quick path, and the Store (the storage stack's
import: about 0.4 s and 30 MB) opens at its first use. A base of MentorApp, kept apart so
app.py stays about start-up, the areas and the keys."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, cast

from textual.app import App

if TYPE_CHECKING:
    from textual.actions import ActionParseResult
    from textual.dom import DOMNode

    from mentor_tui.models.data_version import DataVersion
    from mentor_tui.models.db import Store

STORE_GROUP = "store"


class StoreOnDemand(App[None]):
    """Needs what MentorApp keeps: the Store (None until opened) and what opens it, and the
    watch on other processes' writes (set once me and my pairs are read)."""

    _store: Store | None
    _store_source: Store | Callable[[], Store]
    outside_writes: DataVersion | None
    _opening: threading.Lock  # one Store, however many workers ask at once

    @property
    def store(self) -> Store:
        """The open Store. After the light start (services/start_up.read_light) it opens
        here, at its first use: a screen's read in its worker, a save. Only then is the
        storage stack imported (about 0.4 s and 30 MB), so a session that only browses the
        Dashboard and the Journal (read on the quick path) never pays for it."""
        if self._store is None:
            if not self.ready:
                raise RuntimeError("the store is not open yet")
            with self._opening:
                if self._store is None:
                    store = cast("Callable[[], Store]", self._store_source)()
                    if self.outside_writes is not None:
                        self.outside_writes.follow(store)
                    self._store = store
        return self._store

    @property
    def store_open(self) -> bool:
        """Whether the Store is open: until then, screens with a quick path read on it."""
        return self._store is not None

    def open_store_soon(self) -> None:
        """Open the Store in a worker now, when a write is likely (a form was opened), so
        that the save does not wait for it."""
        opening = any(worker.group == STORE_GROUP for worker in self.workers)
        if self._store is None and self.ready and not opening:
            self.run_worker(lambda: self.store, thread=True, group=STORE_GROUP, exit_on_error=False)

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        if self._opening.locked():
            # A worker is opening the Store, importing the storage stack. An action may
            # import parts of it too (a screen's module), and two threads importing
            # SQLAlchemy at once fail ("partially initialized module"): the key waits for
            # the opening (a moment; only while one is under way).
            with self._opening:
                pass
        return await super().run_action(action, default_namespace, namespaces)

    @property
    def ready(self) -> bool:
        """Me and my pairs are read (the Store may open later: see `store`)."""
        return self.outside_writes is not None
