"""A footer that never cuts a key mid-word.

Textual's Footer lays the keys out in a row and the terminal's edge cuts whatever is
past it ("g Go▏" at 80 columns). This one leaves out the keys that would not fit whole,
choosing what stays in this order: `?` (help lists every key), then the screen's own keys
in their order, then the app's (areas, pairs, quit) in theirs; within each, it stops at
the first that does not fit, so what shows is always the head of a list, never a
scattering. The key of the area on screen is left out (it goes nowhere). It recomposes
when its width changes, and only when what it would show changes: Textual's Footer
rebuilds all its keys on every bindings signal (several per screen switch, each a fresh
set of widgets to style and lay out), which was a third of an area switch's time.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_KEY = "question_mark"


def key_width(key: FooterKey, *, compact: bool) -> int:
    """The cells a key takes in the row, margins included (Footer's own CSS)."""
    words = len(key.key_display) + (1 + len(key.description) if key.description else 0)
    return words + (1 if compact else 2)  # compact: margin-right 1; else padding 1 + 1


class FittingFooter(Footer):
    _laid_out_for = 0
    _shown: tuple[Any, ...] | None = None

    def _what_it_shows(self) -> tuple[Any, ...]:
        """Everything the row depends on: the shown keys, the width, the area on screen."""
        keys = tuple(
            (binding.key, binding.key_display, binding.description, binding.action, enabled)
            for _node, binding, enabled, _tip in self.screen.active_bindings.values()
            if binding.show
        )
        width = self.size.width or self.app.size.width
        return (keys, width, self._area_mode(), self.compact)

    def _area_mode(self) -> str:
        """The area whose key goes nowhere here: this footer's own screen's, when that is an
        area (built ahead, it is not the current mode yet); else the area under the screen."""
        return getattr(self.screen, "area_mode", None) or self.app.current_mode

    def on_mount(self) -> None:
        super().on_mount()
        if self.screen is not self.app.screen:
            # Built ahead, hidden (screens/start_up.prebuild): no bindings signal comes until
            # it is shown, and then composing its ~20 keys was a sixth of that switch. Its
            # keys are known now; the switch recomposes only if they differ.
            self.call_after_refresh(self._compose_ahead)

    async def _compose_ahead(self) -> None:
        if self.is_attached and not self._bindings_ready:
            self._bindings_ready = True
            await self.recompose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self._what_it_shows() != self._shown:
            await self.recompose()

    def compose(self) -> ComposeResult:
        items: list[Widget] = list(super().compose())
        width = self.size.width or self.app.size.width
        self._laid_out_for = width
        if self._bindings_ready:
            self._shown = self._what_it_shows()
        here = f"open('{self._area_mode()}')"
        keys = [
            item
            for item in items
            if isinstance(item, FooterKey) and not item.has_class("-command-palette")
        ]
        palette = [item for item in items if isinstance(item, FooterKey) and item not in keys]
        items = [
            item for item in items if not (isinstance(item, FooterKey) and item.action == here)
        ]
        keys = [key for key in keys if key.action != here]
        room = width - sum(key_width(key, compact=self.compact) + 2 for key in palette)
        app_keys = {
            binding.key
            for node, binding, _enabled, _tip in self.screen.active_bindings.values()
            if node is self.app
        }

        def tier(key: FooterKey) -> int:
            return 0 if key.key == HELP_KEY else 2 if key.key in app_keys else 1

        kept: set[int] = set()
        full: set[int] = set()
        for index in sorted(range(len(keys)), key=lambda i: (tier(keys[i]), i)):
            level = tier(keys[index])
            needed = key_width(keys[index], compact=self.compact)
            if level in full or needed > room:
                full.add(level)
                continue
            room -= needed
            kept.add(index)
        dropped = {id(key) for index, key in enumerate(keys) if index not in kept}
        yield from (item for item in items if id(item) not in dropped)

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and event.size.width != self._laid_out_for:
            self.call_after_refresh(self.recompose)
