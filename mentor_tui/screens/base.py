"""The base of every area screen: data is read in a thread worker, shown on success.

Workers never touch widgets: `load` runs off the UI thread and returns plain data;
Textual posts Worker.StateChanged to the screen, whose handler calls `show` on the UI
thread. A screen reloads when it becomes active again and when the chosen pair changes,
so what it shows is never stale after an edit elsewhere.

At start-up, before the Store is open, the app may ask the first screen for a preview
(`quick_load`, on the quick path's plain sqlite3 connection, in the app's worker): shown
through `preview`, and replaced by the screen's own `load` once the Store is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from mentor_tui.widgets.footer import FittingFooter
from mentor_tui.widgets.pair_header import PairHeader

if TYPE_CHECKING:
    from mentor_tui.app import MentorApp
    from mentor_tui.models.db import Store
    from mentor_tui.screens.start_up import PairGlimpse
    from mentor_tui.services.start_up import QuickStart

Data = TypeVar("Data")

LOAD_GROUP = "load"


class Previewed(Message):
    """What a screen's `quick_load` read, posted from the app's start-up worker, and the
    pair it is of (screens/start_up.PairGlimpse, for the header)."""

    def __init__(self, data: object, pair: PairGlimpse | None = None) -> None:
        super().__init__()
        self.data, self.pair = data, pair


class AreaScreen(Screen[None], Generic[Data]):
    """A screen that shows data of the chosen pair."""

    app: MentorApp

    #: Screens that work without a chosen pair (e.g. a journal across pairs) set False.
    NEEDS_PAIR = True

    def compose(self) -> ComposeResult:
        yield PairHeader()
        yield from self.compose_body()
        yield FittingFooter(compact=True)

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets, between the header and the footer."""
        yield from ()

    #: Set on a screen built ahead, hidden: it reads its data once mounted, so that its
    #: key shows that at once (and reads again, as every showing does).
    load_on_mount = False

    def on_mount(self) -> None:
        self.watch(self.app, "pair_id", self._pair_changed, init=False)
        if self.load_on_mount:
            self.reload()

    def on_screen_resume(self) -> None:
        # Every showing, the first included, loads once: data edited elsewhere is fresh.
        self.reload()

    def _pair_changed(self, _pair_id: str | None) -> None:
        if self.is_attached:
            self.reload()

    def refresh_header(self) -> None:
        # Its own child (compose): no walk of the whole screen on every reload.
        header = self.query_children(PairHeader)
        if header:
            header.first().show(self.app.pair_caption(), self.app.today_caption())

    @property
    def store(self) -> Store:
        return self.app.store

    def reload(self) -> None:
        self.refresh_header()
        if not self.app.ready:
            return  # the app reloads the screen on screen once the Store is open
        pair_id = self.app.pair_id
        if self.NEEDS_PAIR and pair_id is None:
            self.show_no_pair()
            return
        self.run_worker(
            lambda: self.load(pair_id),
            thread=True,
            exclusive=True,
            group=LOAD_GROUP,
            exit_on_error=False,
        )

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        if event.worker.group != LOAD_GROUP:
            return
        if event.state == WorkerState.SUCCESS:
            self.show(cast(Data, event.worker.result))
            self.app.first_data_shown()
        elif event.state == WorkerState.ERROR:
            self.notify(str(event.worker.error), title="Could not load", severity="error")

    def load(self, pair_id: str | None) -> Data:
        """Read what the screen shows (runs in a thread: no widgets here)."""
        raise NotImplementedError

    def show(self, data: Data) -> None:
        """Put the loaded data on screen (runs on the UI thread)."""
        raise NotImplementedError

    @on(Previewed)
    def _previewed(self, message: Previewed) -> None:
        # Only while the Store opens: once it is open, `load` has the last word.
        if not self.app.ready and self.app.screen is self:
            self.app.previewed(message.pair)  # the header names the pair shown
            self.refresh_header()
            self.preview(cast(Data, message.data))

    def quick_load(self, start: QuickStart) -> Data | None:
        """What the screen shows first, read on the quick path before the Store is open
        (runs in the app's worker: no widgets here); None: nothing to preview."""
        return None

    def preview(self, data: Data) -> None:
        """Show what `quick_load` read (on the UI thread), until `load` replaces it."""
        self.show(data)

    def show_no_pair(self) -> None:
        """What the screen says before any pair exists."""
