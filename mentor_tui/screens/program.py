"""The coordinator's Program screen: every pair of the program in one table, read from the
members' summaries (figures only, never a note), with the flags that need a coordinator;
filtered by flag, site, cohort and mentor, sorted by any column that matters, and the
cohort's plots with their figures in words beside them.

Plots are textual-plotext's (widgets/chart.py), imported when the screen is first built,
as on Progress: the app's first frame never pays for plotext."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Static

from mentor_tui.dates import city
from mentor_tui.screens.base import AreaScreen
from mentor_tui.screens.program_common import NO_PROGRAM, Loaded, ViewSource, load_view
from mentor_tui.services.program_health import (
    FLAG_WORDS,
    SORT_KEYS,
    CohortFigures,
    cohort_figures,
    filter_rows,
    health_rows,
    sort_rows,
)
from mentor_tui.services.program_types import FLAGS, CoordinatorView, PairHealth
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import one_line, plain
from mentor_tui.wording import plural

if TYPE_CHECKING:
    from textual_plotext.plot import Plot

COLUMNS = (
    "Mentee",
    "Mentor",
    "Flags",
    "Last session",
    "Cadence",
    "Goals",
    "Milestones",
    "Rating",
    "Status",
    "Sites",
    "Zones",
    "Start",
    "Activity",
    "Cohort",
)
BLUE, ORANGE, GREEN = (0, 114, 178), (230, 159, 0), (0, 158, 115)  # Okabe-Ito, as Progress
CHARTS = ("active", "sessions", "outcomes")
CHART_TITLES = {
    "active": "Active pairs by month",
    "sessions": "Sessions per month",
    "outcomes": "Outcomes (%)",
}
SITE_TEXT_WIDTH = 24


def _dash() -> Text:
    return Text("–", style="dim")


def flag_cell(row: PairHealth) -> Text:
    if not row.flags:
        return _dash()
    return Text(" ".join(FLAG_WORDS[f] for f in row.flags), style="bold red")


def cells(row: PairHealth) -> list[Text | str]:
    """One pair's cells: the two names (shown literally), then figures. All Text: the
    table takes them as they are (a str would go through `plain` on every refill)."""
    days = row.days_since_last_session
    pct = row.cadence_kept_pct
    milestones = Text(str(row.milestones_done))
    if row.milestones_overdue:
        milestones.append(f" ({row.milestones_overdue} late)", style="red")
    sites = f"{row.mentee_site or '?'} / {row.mentor_site or '?'}"
    zones = f"{city(row.mentee_zone or '?')} / {city(row.mentor_zone or '?')}"
    shown: list[Text | str] = [
        one_line(row.mentee_name, 24),
        one_line(row.mentor_name, 24),
        flag_cell(row),
        Text(f"{days}d ago", style="red" if days >= 21 else "") if days is not None else _dash(),
        Text(f"{pct}%", style="red" if pct < 60 else "") if pct is not None else _dash(),
        f"{row.goals_achieved}/{row.goals_agreed}",
        milestones,
        Text(f"{row.rating:.1f}", style="red" if row.rating < 3 else "")
        if row.rating is not None
        else _dash(),
        Text(row.status, style="dim" if row.status in ("closed", "proposed") else ""),
        one_line(sites, SITE_TEXT_WIDTH),
        one_line(zones, SITE_TEXT_WIDTH),
        row.starts_on or "–",
        row.last_activity[:10] or "–",
        one_line(row.cohort, 12) or "–",
    ]
    return [plain(cell) if isinstance(cell, str) else cell for cell in shown]


def draw(plt: Plot, chart: str, figures: CohortFigures) -> None:
    """One cohort chart on a fresh plotext figure (ChartPlot replays it each render)."""
    labels = [f"{m[5:]}/{m[2:4]}" for m in figures.months]
    xs = list(range(1, len(labels) + 1))
    if chart == "outcomes":
        rate = figures.match_rate
        goals = figures.goals_achieved / figures.goals_agreed if figures.goals_agreed else 0
        plt.bar(["goals achieved", "mentees matched"], [100 * goals, 100 * (rate or 0)])
        plt.ylim(0, 100)
    else:
        values = figures.active_pairs if chart == "active" else figures.sessions
        color = BLUE if chart == "active" else ORANGE
        if chart == "active":
            plt.plot(xs, list(values), marker="hd", color=color, label="active pairs")
        else:
            plt.bar(xs, list(values), color=color, label="sessions")
        plt.xticks([xs[0], xs[-1]], [labels[0], labels[-1]])
        from mentor_tui.widgets.chart import count_axis

        count_axis(plt, max(values, default=0))
    plt.title(CHART_TITLES[chart])
    plt.frame(False)


def words(figures: CohortFigures) -> Text:
    text = Text("The cohort in words", style="bold")
    for sentence in figures.sentences.values():
        text.append("\n• ")
        text.append(sentence)
    return text


@dataclass(frozen=True)
class Filters:
    flag: str | None = None
    site: str | None = None
    cohort: str | None = None
    mentor: str | None = None  # a mentor's id
    text: str = ""
    sort: str = "flags"

    def words(self, rows: Sequence[PairHealth]) -> str:
        said = [f"sort: {SORT_KEYS[self.sort].label}"]
        if self.flag:
            said.append(f"flag: {FLAG_WORDS[self.flag]}")
        if self.site:
            said.append(f"site: {one_line(self.site, 20)}")
        if self.cohort:
            said.append(f"cohort: {one_line(self.cohort, 12)}")
        if self.mentor:
            name = next((r.mentor_name for r in rows if r.mentor_id == self.mentor), self.mentor)
            said.append(f"mentor: {one_line(name, 20)}")
        return " · ".join(said)


def _next(current: str | None, choices: Sequence[str]) -> str | None:
    """The choice after `current`, and None (no filter) after the last one."""
    if not choices:
        return None
    if current is None or current not in choices:
        return choices[0]
    index = list(choices).index(current) + 1
    return choices[index] if index < len(choices) else None


class ProgramScreen(AreaScreen[Loaded]):
    """Every pair's health; `view` given (tests, the demo) or read from the program."""

    NEEDS_PAIR = False
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("f", "next_flag", "Flag"),
        Binding("s", "next_site", "Site"),
        Binding("h", "next_cohort", "Cohort"),
        Binding("m", "mentor", "Mentor"),
        Binding("o", "next_sort", "Sort"),
        Binding("x", "clear", "Clear", show=False),
        Binding("g", "next_chart", "Chart"),
        Binding("slash", "find", "Find", key_display="/", show=False),
    ]

    def __init__(
        self, view: CoordinatorView | None = None, *, source: ViewSource | None = None
    ) -> None:
        super().__init__()
        self._given, self._source = view, source
        self.view: CoordinatorView | None = None
        self.rows: list[PairHealth] = []
        self.cells: dict[str, list[Text | str]] = {}
        self.shown: list[PairHealth] = []
        self.filters = Filters()
        self.chart = CHARTS[0]
        self.today: date | None = None

    def compose_body(self) -> ComposeResult:
        from mentor_tui.widgets.chart import ChartPlot

        yield Static("", id="program-summary", classes="screen-summary")
        yield Input(placeholder="Find a name (/)", id="program-find", compact=True)
        yield RecordTable(COLUMNS, id="program-table", empty="No pair in this program yet.")
        with Horizontal(id="program-charts"):
            yield ChartPlot(id="program-plot")
            with VerticalScroll(id="program-words-scroll"):
                yield Static(id="program-words")

    def load(self, pair_id: str | None) -> Loaded:
        if self._given is not None:
            view: CoordinatorView | None = self._given
        else:
            view = self._source() if self._source else load_view(self.app.home)
        return Loaded(view, self.app.clock.now().date())

    def show(self, data: Loaded) -> None:
        self.view, self.today = data.view, data.today
        if data.view is None:
            self.query_one("#program-summary", Static).update(Text(NO_PROGRAM, style="italic"))
            self.query_one(RecordTable).empty = NO_PROGRAM
            self.query_one(RecordTable).fill([])
            return
        self.rows = health_rows(data.view, data.today)
        self.cells = {row.pair_id: cells(row) for row in self.rows}  # once per load
        self.refresh_rows()

    # ---- the table ------------------------------------------------------------------

    def refresh_rows(self) -> None:
        f = self.filters
        picked = filter_rows(
            self.rows, flag=f.flag, site=f.site, cohort=f.cohort, mentor=f.mentor, text=f.text
        )
        self.shown = sort_rows(picked, f.sort)
        table = self.query_one(RecordTable)
        table.empty = (
            "No pair in this program yet."
            if not self.rows
            else "No pair matches these filters (x clears them)."
        )
        table.update_rows((r.pair_id, self.cells[r.pair_id]) for r in self.shown)
        self._summary()
        self._chart()

    def _summary(self) -> None:
        view = self.view
        if view is None:
            return
        head = plain(view.name, "bold", one_line=True)
        flagged = sum(bool(r.flags) for r in self.shown)
        head.append(f" · {one_line(view.cycle, 12)} · " if view.cycle else " · ", style="dim")
        head.append(f"{len(self.shown)} of {plural(len(self.rows), 'pair')}")
        head.append(f", {flagged} flagged", style="bold red" if flagged else "dim")
        head.append(f"\n{self.filters.words(self.rows)}", style="dim")
        self.query_one("#program-summary", Static).update(head)

    def _chart(self) -> None:
        from mentor_tui.widgets.chart import ChartPlot

        if self.view is None or self.today is None:
            return
        figures = cohort_figures(self.view, self.shown, self.today)
        plot = self.query_one("#program-plot", ChartPlot)
        plot.draw(partial(draw, chart=self.chart, figures=figures))
        self.query_one("#program-words", Static).update(words(figures))

    # ---- keys -----------------------------------------------------------------------

    def _filter(self, **changes: Any) -> None:
        self.filters = replace(self.filters, **changes)
        self.refresh_rows()

    def action_next_flag(self) -> None:
        self._filter(flag=_next(self.filters.flag, list(FLAGS)))

    def action_next_site(self) -> None:
        sites = sorted({s for r in self.rows for s in (r.mentee_site, r.mentor_site) if s})
        self._filter(site=_next(self.filters.site, sites))

    def action_next_cohort(self) -> None:
        self._filter(cohort=_next(self.filters.cohort, sorted({r.cohort for r in self.rows})))

    def action_mentor(self) -> None:
        """Only the highlighted pair's mentor's pairs; again: everyone's."""
        if self.filters.mentor:
            self._filter(mentor=None)
            return
        key = self.query_one(RecordTable).selected_key
        row = next((r for r in self.shown if r.pair_id == key), None)
        if row is not None:
            self._filter(mentor=row.mentor_id)

    def action_next_sort(self) -> None:
        self._filter(sort=_next(self.filters.sort, list(SORT_KEYS)) or "flags")

    def action_clear(self) -> None:
        self.query_one("#program-find", Input).value = ""
        self.filters = Filters(sort=self.filters.sort)
        self.refresh_rows()

    def action_next_chart(self) -> None:
        self.chart = CHARTS[(CHARTS.index(self.chart) + 1) % len(CHARTS)]
        self._chart()

    def action_find(self) -> None:
        self.query_one("#program-find", Input).focus()

    def action_back(self) -> None:
        find = self.query_one("#program-find", Input)
        if find.has_focus:
            self.query_one(RecordTable).focus()
        else:
            self.app.pop_screen()

    @on(Input.Changed, "#program-find")
    def _find(self, event: Input.Changed) -> None:
        self._filter(text=event.value)

    @on(Input.Submitted, "#program-find")
    def _found(self) -> None:
        self.query_one(RecordTable).focus()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RecordTable).focus()

    def on_resize(self) -> None:
        self.set_class(self.size.height < 32, "short")
        self.set_class(self.size.width < 100, "narrow")


SCREEN = ProgramScreen
