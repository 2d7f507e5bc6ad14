"""A textual-plotext plot drawn afresh on every render.

A plotext figure keeps what earlier builds left in it (sizes, limits, ticks). Here the
screen hands over a drawing (a function of a figure) and each render replays it on a new
one, so what is painted depends only on the data, the size and the theme, never on a
build made at a passing size during layout.

Import this module lazily (inside a screen's compose): it loads plotext.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import RenderResult
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

Drawing = Callable[[Plot], None]


def count_axis(plt: Plot, top: float) -> None:
    """A y axis for counts: from 0, in whole numbers, four or five ticks (plotext's own
    choice labels 2 pairs as 0.00, 0.33, 0.67 ...)."""
    import math

    step = max(1, math.ceil(top / 4))
    plt.ylim(0, max(1, top))
    plt.yticks([float(n) for n in range(0, int(max(1, top)) + step, step)])


class ChartPlot(PlotextPlot):
    """A PlotextPlot whose figure is rebuilt from `drawing` for every render."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._drawing: Drawing | None = None

    def draw(self, drawing: Drawing) -> None:
        self._drawing = drawing
        self.refresh()

    def render(self) -> RenderResult:
        self._plot = Plot()
        if self._drawing is not None:
            self._drawing(self._plot)
        return super().render()
