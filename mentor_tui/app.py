"""MentorApp: the modes (one per area), the pair switcher, the palette and the keys.

The app holds only what every screen shares: the store, who I am, my pairs and which
one is chosen. Everything else is a screen's business.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from mentor_tui.app_pairs import PairActions
from mentor_tui.app_store import StoreOnDemand
from mentor_tui.areas import AREA_NAMES, AREAS, OVERLAY_NAMES, PAIRLESS_AREAS, overlay
from mentor_tui.clock import Clock, SystemClock
from mentor_tui.config import load_config, update_config
from mentor_tui.screens.palette import palette_commands
from mentor_tui.screens.start_up import PairGlimpse, mode_factory, prebuild, quick_preview
from mentor_tui.screens.undo import UNDO_KEY, UndoStack
from mentor_tui.services.start_up import Opened, open_and_read
from mentor_tui.services.text import visible
from mentor_tui.theme import MENTOR_THEME
from mentor_tui.widgets.control_filter import ControlCodeFilter
from mentor_tui.widgets.pair_header import caption

if TYPE_CHECKING:
    # The storage stack (SQLAlchemy, SQLModel) costs half a second to import: the app
    # draws its first frame without it and opens the Store in a worker (see `opening`).
    from mentor_tui.models.data_version import DataVersion
    from mentor_tui.models.db import Store
    from mentor_tui.services.dashboard_types import PersonLike
    from mentor_tui.services.pair_view import PairView

OPEN_GROUP = "open"


class MentorApp(StoreOnDemand, PairActions):
    TITLE = "mentor"
    CSS_PATH = "app.tcss"
    MODES = {area.mode: mode_factory(area) for area in AREAS}
    BINDINGS = [
        *(
            Binding(area.key, f"open('{area.mode}')", area.title, show=area.in_footer)
            for area in AREAS
        ),
        Binding("right_square_bracket", "cycle_pair(1)", "Next pair", key_display="]"),
        Binding("left_square_bracket", "cycle_pair(-1)", "Prev pair", key_display="[", show=False),
        Binding("p", "pick_pair", "Pairs"),
        Binding("c", "edit_charter", "Charter", show=False),
        Binding("n", "new_pair", "New pair", show=False),
        Binding("slash", "push_area('search')", "Search everything", key_display="/", show=False),
        Binding(UNDO_KEY, "undo", "Undo the last delete, drop, done or cancel", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "leave", "Quit"),
    ]

    coordinator = False  # this home coordinates a program (set once me and my pairs are read)

    def __init__(
        self,
        store: Store | None = None,
        home: Path | None = None,
        *,
        open_store: Callable[[], Store] | None = None,
        clock: Clock | None = None,
        demo: bool = False,
        start_in: str = "dashboard",
    ) -> None:
        """Either a `store` already open (tests) or `open_store`, which the app calls in a
        worker after its first frame (the CLI): both take the same road from there."""
        super().__init__()
        source = store if open_store is None else open_store
        if home is None or source is None or (store is not None and open_store is not None):
            raise TypeError("MentorApp needs a home and exactly one of store, open_store")
        self._store = store
        self._store_source: Store | Callable[[], Store] = source
        self.clock: Clock = store.clock if store is not None else clock or SystemClock()
        self.home, self.demo = Path(home), demo
        self.start_in = start_in if start_in in AREA_NAMES + OVERLAY_NAMES else "dashboard"
        self.me: PersonLike | None = None
        self.pairs: list[PairView] = []
        self.control_filter = ControlCodeFilter()
        self.outside_writes: DataVersion | None = None
        self._outside_change = False  # seen while a form or modal was up
        self.start_error: BaseException | None = None  # the Store could not be opened
        self.undo = UndoStack(self)  # one-key changes `u` takes back (screens/undo.py)
        self._glimpse: PairGlimpse | None = None  # the pair the start-up preview is of
        self._opening = threading.Lock()  # one Store, however many workers ask at once

    # ---- stored text never drives the terminal ----------------------------------------

    def get_line_filters(self) -> Sequence[LineFilter]:
        filters = super().get_line_filters()
        return [*filters, self.control_filter] if self.control_filter.enabled else filters

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast is plain text: messages carry names, titles and error lines that
        quote stored text, and markup would crash on `[/y]` or swallow `[OKR]`."""
        super().notify(
            visible(message),
            title=visible(title, one_line=True),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # ---- start-up -------------------------------------------------------------------

    def on_mount(self) -> None:
        self.register_theme(MENTOR_THEME)
        self.theme = MENTOR_THEME.name
        # The first frame: the start area's header, footer and empty panels, drawn while
        # the worker below imports the storage stack and reads.
        self.switch_mode("dashboard" if self.start_in in OVERLAY_NAMES else self.start_in)
        # Only once that frame is painted: the worker's imports hold the GIL in turns with
        # the UI thread, and started here they delayed the frame by a third of a second.
        self.call_after_refresh(self._begin_open)

    def _begin_open(self) -> None:
        source, preview = self._store_source, self._quick_preview()
        light = self._store is None  # the app opens the Store itself: it may wait

        def open_store() -> Opened:
            if preview is not None:
                preview()
            if light:
                from mentor_tui.paths import database_path
                from mentor_tui.services.start_up import read_light

                opened = read_light(database_path(self.home))
                if opened is not None:
                    return opened
            return open_and_read(source)

        self.run_worker(
            open_store,
            thread=True,
            group=OPEN_GROUP,
            exit_on_error=False,
        )

    def _quick_preview(self) -> Callable[[], None] | None:
        """The start screen's preview, read on the quick path before the storage stack is
        imported: its data shows about a second sooner. Only when the app opens the Store
        itself, starting on an area screen."""
        from mentor_tui.screens.base import AreaScreen

        screen = self.screen
        if self._store is not None or not isinstance(screen, AreaScreen):
            return None
        if self.start_in in OVERLAY_NAMES:
            return None
        return quick_preview(screen, self.home, self.clock)

    # ---- areas built ahead ----------------------------------------------------------

    #: Areas composed at idle, once the first data is on screen, so that their key only
    #: switches: a first visit paid 0.2-0.45 s composing the screen and parsing and
    #: applying its widgets' CSS. The Journal is the area a Dashboard most often leads to;
    #: each one built ahead costs memory, and a read when the chosen pair changes.
    PREBUILD = ("journal",)
    _prebuilt = False

    def first_data_shown(self) -> None:
        """An area screen showed the Store's data: build the PREBUILD areas after it is
        painted. Only when the app opened the Store itself (a person waiting on `mentor`;
        tests that hand in a Store skip the extra screen)."""
        if self._prebuilt or self._store_source is self._store:
            return
        self._prebuilt = True
        self.call_after_refresh(self._prebuild)

    def _prebuild(self) -> None:
        import gc

        prebuild(self, self.PREBUILD)
        # What start-up built (modules, ORM classes, screens, styles) lives as long as the
        # app: out of the collector's sight, so a full collection mid-typing walks only what
        # came since (walking it all cost 100-350 ms, every fifteen keys or so).
        gc.freeze()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != OPEN_GROUP:
            return
        if event.state == WorkerState.SUCCESS:
            self._opened(cast(Opened, event.worker.result))
        elif event.state == WorkerState.ERROR:
            # Storage problems (locked, read-only, newer schema, not a database) become
            # the CLI's one line once the terminal is given back (cli/launch.py).
            self.start_error = event.worker.error
            self.exit(return_code=1)

    def _opened(self, opened: Opened) -> None:
        from mentor_tui.models.data_version import DataVersion
        from mentor_tui.paths import database_path

        self._store, self.me = opened.store, opened.me
        path = opened.store.path if opened.store is not None else database_path(self.home)
        self.outside_writes = DataVersion(path)
        if opened.store is not None:
            self.outside_writes.follow(opened.store)
        self.refresh_bindings()  # keys that need me and my pairs (check_action) are offered now
        self.set_interval(self.OUTSIDE_WRITES_EVERY, self.check_outside_writes)
        if self.me is None:
            from mentor_tui.screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen(), self._profile_ready)
        else:
            self._start(opened.pairs)

    def _profile_ready(self, _done: bool | None) -> None:
        from mentor_tui.services.profile import get_me

        self.me = get_me(self.store)
        self._start(None)

    def _start(self, pairs: list[PairView] | None) -> None:
        self.reload_pairs(prefer=load_config(self.home).get("last_pair_id"), read=pairs)
        # A coordinator's screens open with no pair of one's own (and ask for none).
        pairless = self.start_in in OVERLAY_NAMES and not overlay(self.start_in).needs_pair
        if self.start_in in OVERLAY_NAMES and (self.pair_id is not None or pairless):
            self.action_push_area(self.start_in)
        self.coordinator = self._coordinates()
        if not self.pairs and not pairless:
            if self.coordinator:
                self.action_push_area("program")  # a coordinator may have no pair of their own
            else:
                self.action_new_pair()

    def _coordinates(self) -> bool:
        """Whether this home coordinates a program (a file or two read: cheap)."""
        if not (self.home / "program").is_dir():  # program.state.program_root
            # Nothing to read, so nothing to import: program.state brings in the sync
            # keys (cryptography), on the UI thread just before the first data is read.
            return False
        from mentor_tui.program.state import load_state, programs

        return any(
            (state := load_state(self.home, program_id)) is not None and state.role == "coordinator"
            for program_id in programs(self.home)
        )

    # ---- what other processes write (the CLI, a sync) -------------------------------

    #: Seconds between two looks at the database's data_version (a sub-millisecond read).
    OUTSIDE_WRITES_EVERY = 1.0

    def check_outside_writes(self) -> None:
        """Show what another process wrote: re-read the pairs and the area on screen.
        A form or modal on top is left alone (what is being typed stays); the change is
        applied when an area is on screen again."""
        from mentor_tui.screens.base import AreaScreen

        fresh = self.outside_writes is not None and self.outside_writes.changed()
        self._outside_change = self._outside_change or fresh
        if not self._outside_change or not isinstance(self.screen, AreaScreen):
            return
        self._outside_change = False

        def shown(views: list[PairView]) -> list[tuple[object, ...]]:
            return [(v.id, v.label, v.my_role, v.pair.status, v.pair.revision) for v in views]

        if self.me is not None and shown(self._read_pairs()) != shown(self.pairs):
            self.reload_pairs()  # reloads the screens through pair_id
        elif fresh:
            # A change seen while a form was up was loaded when the area came back.
            self.screen.reload()

    def on_unmount(self) -> None:
        if self.outside_writes is not None:
            self.outside_writes.close()

    # ---- pairs ----------------------------------------------------------------------

    def reload_pairs(self, prefer: str | None = None, read: list[PairView] | None = None) -> None:
        """Re-read my pairs (or take those just `read`); keep the chosen one if it still
        exists, else prefer `prefer`."""
        if read is not None:
            self.pairs = read
        else:
            self.pairs = self._read_pairs() if self.me else []
        ids = [view.id for view in self.pairs]
        for candidate in (prefer, self.pair_id):
            if candidate in ids:
                self.choose_pair(candidate)
                return
        self.choose_pair(ids[0] if ids else None)

    def _read_pairs(self) -> list[PairView]:
        """My pairs: through the Store once it is open, else on the quick path (the same
        views, from plain rows: services/start_up.read_light)."""
        if self._store is None:
            from mentor_tui.paths import database_path
            from mentor_tui.services.start_up import read_light

            opened = read_light(database_path(self.home))
            if opened is not None:
                return opened.pairs
        from mentor_tui.services.pairs import list_pairs

        return list_pairs(self.store)

    def choose_pair(self, pair_id: str | None) -> None:
        changed = pair_id != self.pair_id
        self.pair_id = pair_id
        if not changed:
            # Same pair, new data (e.g. its charter was edited): screens still reload.
            self.mutate_reactive(MentorApp.pair_id)
        if pair_id and not self.demo:
            self._remember_pair(pair_id)

    def _remember_pair(self, pair_id: str) -> None:
        """Keep the chosen pair for the next start and the CLI; a home that cannot be
        written (read-only, damaged config) costs only that, never the session."""
        from mentor_tui.errors import MentorError

        try:
            update_config(self.home, last_pair_id=pair_id)
        except MentorError as problem:
            self.notify(str(problem), title="The chosen pair is not remembered", markup=False)

    @property
    def pair(self) -> PairView | None:
        return next((view for view in self.pairs if view.id == self.pair_id), None)

    def previewed(self, pair: PairGlimpse | None) -> None:
        """The start screen shows a preview of `pair` before the Store is open: the header
        names it, as it will once the Store is open."""
        self._glimpse = pair

    def pair_caption(self) -> Text:
        view = self.pair
        if not self.ready:
            seen = self._glimpse
            if seen is None:
                return Text("opening…", style="dim italic")
            return caption(
                seen.label, seen.my_role, seen.status, seen.position, seen.count, self.demo
            )
        if view is None and self.coordinator:
            return Text("coordinating · no pair of your own (n starts one)", style="italic")
        if view is None:
            return Text("no pair yet — n starts one, y joins your partner's", style="italic")
        position = [p.id for p in self.pairs].index(view.id) + 1
        return caption(
            view.label, view.my_role, view.pair.status, position, len(self.pairs), self.demo
        )

    def today_caption(self) -> str:
        from mentor_tui.dates import local

        # Before the Store is open, my zone as the preview read it: the date stays put.
        zone = self.me.timezone if self.me else self._glimpse.zone if self._glimpse else "UTC"
        return local(self.clock.now(), zone).strftime("%a %d %b %Y")

    # ---- actions --------------------------------------------------------------------

    # Actions that leave the current screen: only from an area screen, never from a form
    # or a modal, where a stray key must not throw away what is being typed.
    NAVIGATION = frozenset(
        {"open", "cycle_pair", "pick_pair", "edit_charter", "new_pair", "leave", "push_area"}
    )

    NEEDS_A_PAIR = frozenset({"open", "cycle_pair", "edit_charter"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.NAVIGATION:
            from mentor_tui.screens.base import AreaScreen

            if not self.ready and action not in {"open", "leave"}:
                return False  # a pair, a charter or a search needs the Store open
            # Nothing to show without a pair (a coordinator, or before one is made), but
            # for Sync: a partner's pair is joined there (a coordinator's pairs come through
            # the program's invitations instead).
            pairless = (
                action == "open"
                and bool(parameters)
                and parameters[0] in PAIRLESS_AREAS
                and not self.coordinator
            )
            if self.ready and self.pair is None and action in self.NEEDS_A_PAIR and not pairless:
                return False
            return isinstance(self.screen, AreaScreen)
        return True

    def action_open(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_undo(self) -> None:
        self.undo.undo()

    def action_leave(self) -> None:
        """q: quit from an area screen (forms keep q as a letter; ctrl+q always quits)."""
        self.exit()

    def action_push_area(self, name: str) -> None:
        """Open a screen that lives above the areas (the review, the wins wall)."""
        import importlib

        found = overlay(name)
        self.push_screen(getattr(importlib.import_module(found.module), found.class_name)())

    def action_help(self) -> None:
        from mentor_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # ---- command palette ------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from palette_commands(self)
        yield from super().get_system_commands(screen)
