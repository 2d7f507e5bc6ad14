"""Progress: the pair's life by month (or week, w), one chart per topic with its figures in
words beside it, the same sentences `mentor stats` prints.

Charts are textual-plotext's (widgets/chart.py), imported when the screen is first built
(the app's first frame never pays for plotext). Colours are the Okabe-Ito set, safe for
colour-blind eyes, and never the only cue: each series has its own marker and a legend,
and the figures are there as text. The canvas follows the app's theme (textual-plotext's "auto").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from mentor_tui.screens.base import AreaScreen
from mentor_tui.services.progress import Bucket, Progress, load_progress
from mentor_tui.wording import plural

if TYPE_CHECKING:
    from textual_plotext.plot import Plot

# Okabe & Ito (2008): told apart with any colour vision.
BLUE, ORANGE, GREEN, VERMILION = (0, 114, 178), (230, 159, 0), (0, 158, 115), (213, 94, 0)
SKY, PURPLE = (86, 180, 233), (204, 121, 167)
MARKERS = ("hd", "dot", "x")  # the first series solid, the others drawn differently


@dataclass(frozen=True)
class Series:
    label: str
    values: Callable[[Bucket], float | None]
    color: tuple[int, int, int]


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    series: tuple[Series, ...]
    topics: tuple[str, ...]  # the sentences (Progress.sentences keys) shown beside it
    ylim: tuple[float, float] | None = None


CHARTS = (
    Chart(
        "sessions",
        "Sessions",
        (
            Series("held", lambda b: b.sessions_held, BLUE),
            Series("cadence periods", lambda b: b.cadence_periods, ORANGE),
        ),
        ("cadence", "sessions", "gaps"),
    ),
    Chart(
        "milestones",
        "Milestones and goals",
        (
            Series("done", lambda b: b.milestones_done, GREEN),
            Series("overdue", lambda b: b.milestones_overdue, VERMILION),
        ),
        ("milestones", "time_to_milestone", "goals", "wins"),
    ),
    Chart(
        "actions",
        "Action items",
        (
            Series("closed", lambda b: b.actions_closed, SKY),
            Series("open at the end", lambda b: b.actions_open_at_end, ORANGE),
        ),
        ("actions",),
    ),
    Chart(
        "ratings",
        "Ratings (1-5)",
        (
            Series("check-in", lambda b: b.rating, BLUE),
            Series("self", lambda b: b.self_score, ORANGE),
            Series("mentor", lambda b: b.mentor_score, PURPLE),
        ),
        ("checkins", "assessments"),
        ylim=(1, 5),
    ),
    Chart(
        "journal",
        "Journal",
        (Series("entries", lambda b: b.journal_entries, GREEN),),
        ("journal",),
    ),
)
TICKS = 2  # the first and the last date: placed the same way every time


def tick_labels(buckets: Sequence[Bucket], by: str) -> tuple[list[float], list[str]]:
    """Evenly spaced positions along the buckets, labelled with their dates."""
    if not buckets:
        return [], []
    last = len(buckets) - 1
    positions = sorted({round(n * last / (TICKS - 1)) for n in range(TICKS)}) if last else [0]
    form = "%d %b %y" if by == "week" else "%b %Y"
    return [float(p + 1) for p in positions], [buckets[p].start.strftime(form) for p in positions]


def words(chart: Chart, progress: Progress) -> Text:
    text = Text(chart.title, style="bold")
    for topic in chart.topics:
        text.append("\n• ")
        text.append(progress.sentences.get(topic, ""))
    return text


def draw(plt: Plot, chart: Chart, progress: Progress) -> None:
    """One chart's series on a fresh plotext figure (ChartPlot replays this each render)."""
    buckets = progress.buckets
    for n, series in enumerate(chart.series):
        points = [
            (x, value)
            for x, bucket in enumerate(buckets, start=1)
            if (value := series.values(bucket)) is not None
        ]
        if points:
            xs, ys = zip(*points, strict=True)
            plt.plot(
                list(xs),
                list(ys),
                marker=MARKERS[n % len(MARKERS)],
                color=series.color,
                label=series.label,
            )
    positions, labels = tick_labels(buckets, progress.by)
    plt.xticks(positions, labels)
    if chart.ylim:
        plt.ylim(*chart.ylim)
        plt.yticks([float(n) for n in range(int(chart.ylim[0]), int(chart.ylim[1]) + 1)])
    else:  # counts: whole numbers from 0, four or five ticks
        from mentor_tui.widgets.chart import count_axis

        count_axis(
            plt,
            max((v or 0 for s in chart.series for b in buckets if (v := s.values(b))), default=0),
        )
    plt.frame(False)


class ProgressScreen(AreaScreen[Progress]):
    BINDINGS = [Binding("w", "toggle_by", "Weeks/months")]

    by = "month"

    def compose_body(self) -> ComposeResult:
        from mentor_tui.widgets.chart import ChartPlot

        yield Static("", id="progress-head", classes="screen-summary")
        with VerticalScroll(id="progress-scroll"):
            for chart in CHARTS:
                with Horizontal(classes="progress-row"):
                    yield ChartPlot(id=f"plot-{chart.name}", classes="progress-plot")
                    yield Static(id=f"words-{chart.name}", classes="progress-words")

    def load(self, pair_id: str | None) -> Progress:
        assert pair_id is not None
        return load_progress(self.store, pair_id, by=self.by)

    def show(self, data: Progress) -> None:
        from mentor_tui.widgets.chart import ChartPlot

        other = "weeks" if data.by == "month" else "months"
        head = Text(f"Progress by {data.by}", style="bold")
        head.append(f" · {plural(len(data.buckets), data.by)} · w: by {other}", style="dim")
        self.query_one("#progress-head", Static).update(head)
        for chart in CHARTS:
            plot = self.query_one(f"#plot-{chart.name}", ChartPlot)
            plot.draw(partial(draw, chart=chart, progress=data))
            self.query_one(f"#words-{chart.name}", Static).update(words(chart, data))

    def show_no_pair(self) -> None:
        self.query_one("#progress-head", Static).update(
            Text("No pair yet. Press n to start a mentorship.", style="dim italic")
        )

    def action_toggle_by(self) -> None:
        self.by = "week" if self.by == "month" else "month"
        self.reload()


SCREEN = ProgressScreen
