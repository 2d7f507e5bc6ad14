"""The app's start, on the screens' side: building an area's screen, the start screen's
quick-path preview, and areas built ahead at idle (see docs/architecture.md, Start-up).
Kept out of app.py, which holds what every screen shares."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

from mentor_tui.areas import AREAS, Area
from mentor_tui.config import load_config

if TYPE_CHECKING:
    from mentor_tui.app import MentorApp
    from mentor_tui.clock import Clock
    from mentor_tui.screens.base import AreaScreen
    from mentor_tui.services.start_up import QuickStart


def mode_factory(area: Area) -> Callable[[], Screen[None]]:
    def build() -> Screen[None]:
        screen: Screen[None] = importlib.import_module(area.module).SCREEN()
        screen.area_mode = area.mode  # type: ignore[attr-defined]  # the footer reads it
        # Styled by the stylesheet in force as it is registered, right after this: without
        # this mark (private in Textual, pinned <8.3) a mode's first showing re-parses every
        # rule and restyles every node twice (refresh_css; 0.15-0.3 s, the first frame
        # included), which a pushed screen never does. A theme change still counts up.
        screen._css_update_count = screen.app._css_update_count
        return screen

    return build


@dataclass(frozen=True)
class PairGlimpse:
    """The chosen pair as the header names it (MentorApp.pair_caption), read on the quick
    path with the preview: the header names the pair whose data the preview shows."""

    label: str  # as services/pairs.PairView.label
    my_role: str | None
    status: str
    position: int  # 1-based, in my pairs' order
    count: int
    zone: str  # my timezone, for today's date beside it


def glimpse(start: QuickStart) -> PairGlimpse | None:
    """The chosen pair, from what the quick start read already."""
    pair = start.pair
    if pair is None:
        return None
    position = start.pairs.index(pair) + 1
    return PairGlimpse(
        pair.label, pair.my_role, pair.status, position, len(start.pairs), start.me.timezone
    )


def quick_preview(screen: AreaScreen[object], home: Path, clock: Clock) -> Callable[[], None]:
    """The start screen's preview, for the start-up worker to run before it imports the
    storage stack: read on the quick path (plain sqlite3), posted to the screen with the
    pair it is of."""
    from mentor_tui.screens.base import Previewed

    def both(start: QuickStart) -> tuple[object, PairGlimpse | None]:
        return screen.quick_load(start), glimpse(start)

    def preview() -> None:
        from mentor_tui.paths import database_path
        from mentor_tui.services.start_up import read_quickly

        prefer = load_config(home, warn=lambda _line: None).get("last_pair_id")
        try:
            read = read_quickly(database_path(home), prefer, clock, both)
        except Exception:  # a preview is never worth failing the start for
            return  # the full read shows the screen (or says what is wrong) as before
        if read is not None and read[0] is not None:
            screen.post_message(Previewed(*read))  # thread-safe; shown on the UI thread

    return preview


def prebuild(app: MentorApp, modes: tuple[str, ...]) -> None:
    """Compose, style and load these areas now, hidden, unless shown or built already:
    their key then only switches to the installed screen, which shows what it read here
    at once and reads again in the background (a first read waited ~0.1 s for its
    thread, then as long again for the query)."""
    for area in AREAS:
        if area.mode not in modes or area.mode == app.current_mode:
            continue
        try:
            app.get_screen_stack(area.mode)
            continue  # visited already
        except KeyError:
            pass
        name = f"area-{area.mode}"
        screen = mode_factory(area)()
        screen.load_on_mount = True  # type: ignore[attr-defined]  # every area screen has it
        app.install_screen(screen, name)
        app.remove_mode(area.mode)
        app.add_mode(area.mode, name)
        # Registering composes and styles it now, hidden (switching to it would register
        # it anyway): Textual (pinned <8.3) has no public call for that.
        app._get_screen(name)
