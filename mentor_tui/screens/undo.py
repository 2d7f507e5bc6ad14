"""One-key changes that can be taken back: the app's undo.

A screen hands a one-key change (delete, drop, done, cancel) to `app.undo.run(...)` with the
service call that makes it and the one that reverts it. The change runs in a thread worker;
once it is made, a notice names it ("Deleted journal entry “Retro” — press u to undo") for
UNDO_SECONDS, and `u`, anywhere in the app, reverts the latest change made within that time.
After that the change stays; deleted records still come back from Recently deleted (the
trash screen) or `mentor restore`. Both directions go through services only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mentor_tui.errors import MentorError

if TYPE_CHECKING:
    from textual.app import App

    from mentor_tui.models.db import Store

UNDO_KEY = "u"
UNDO_SECONDS = 12.0  # long enough to read the notice and decide
KEPT = 20  # changes remembered; only those within UNDO_SECONDS can be undone

Service = Callable[["Store"], Any]


@dataclass(frozen=True)
class Change:
    said: str  # what happened, in words: "Deleted journal entry “Retro”"
    revert: Service
    at: float  # monotonic seconds


class UndoStack:
    """The app's one list of changes that `u` can take back, newest last."""

    def __init__(self, app: App[Any], *, now: Callable[[], float] = time.monotonic) -> None:
        self.app, self.now = app, now
        self.changes: list[Change] = []

    @property
    def store(self) -> Store:
        store: Store = getattr(self.app, "store")  # noqa: B009 - MentorApp's, typed loosely here
        return store

    def run(
        self,
        act: Service,
        said: str,
        revert: Service,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Make the change in a worker; on success remember it, say so, call `then` (a
        screen's reload). A refusal (the partner's record, a busy database) is one line."""

        def made() -> None:
            self.changes.append(Change(said, revert, self.now()))
            del self.changes[:-KEPT]
            self.app.notify(
                f"{said} — press {UNDO_KEY} to undo",
                title="Done",
                timeout=UNDO_SECONDS,
                markup=False,  # `said` quotes stored titles
            )
            if then is not None:
                then()

        self._work(act, made)

    def undo(self) -> None:
        """Revert the latest change made within UNDO_SECONDS."""
        now = self.now()
        self.changes = [c for c in self.changes if now - c.at <= UNDO_SECONDS]
        if not self.changes:
            self.app.notify(
                "Nothing to undo now. Deleted records come back from Recently deleted "
                "(ctrl+p, or `mentor trash`).",
                timeout=5,
            )
            return
        change = self.changes.pop()

        def undone() -> None:
            self.app.notify(f"Undone: {change.said}", timeout=4, markup=False)
            refresh_screen(self.app)

        self._work(change.revert, undone)

    def _work(self, job: Service, done: Callable[[], None]) -> None:
        app = self.app

        def work() -> None:  # a thread: widgets only through call_from_thread
            try:
                # Fetched here: after the light start the Store opens at its first use,
                # which must not hold up the UI.
                job(self.store)
            except MentorError as problem:
                app.call_from_thread(app.notify, str(problem), severity="error")
                return
            app.call_from_thread(done)

        app.run_worker(work, thread=True, group="undo", exit_on_error=False)


def refresh_screen(app: App[Any]) -> None:
    """Show what a change made elsewhere did: area screens reload, and so does a screen
    with `reload_records` (the session editor keeps its texts; the trash re-reads)."""
    from mentor_tui.screens.base import AreaScreen

    screen = app.screen
    if isinstance(screen, AreaScreen):
        screen.reload()
    else:
        reload_records = getattr(screen, "reload_records", None)
        if callable(reload_records):
            reload_records()
