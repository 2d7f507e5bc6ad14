"""The wins wall: finished milestones and achieved goals, newest first, as cards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Static

from mentor_tui.dates import relative_day
from mentor_tui.screens.base import AreaScreen
from mentor_tui.services.milestones import viewer_today
from mentor_tui.services.wins import Win, list_wins
from mentor_tui.widgets.render import one_line
from mentor_tui.wording import plural


@dataclass(frozen=True)
class WinsData:
    wins: list[Win]
    today: date


def win_card(win: Win, today: date) -> Text:
    card = Text()
    if win.kind == "goal":
        card.append("★ Goal achieved\n", style="bold yellow")
    else:
        card.append("✓ Milestone done\n", style="bold green")
    card.append(one_line(win.title, 120) + "\n", style="bold")
    if win.kind == "milestone":
        card.append(one_line(win.goal_title, 60) + "\n", style="italic")
    card.append(f"{win.on:%a %d %b %Y} · {relative_day(win.on, today)}", style="dim")
    if win.evidence:
        card.append("\n")
        card.append(one_line(win.evidence, 80), style="dim cyan")
    return card


class WinsScreen(AreaScreen[WinsData]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="wins-title", classes="screen-summary")
        with VerticalScroll(id="wins-scroll"):
            yield Grid(id="wins-wall")

    def load(self, pair_id: str | None) -> WinsData:
        assert pair_id is not None
        return WinsData(list_wins(self.store, pair_id), viewer_today(self.store))

    def show(self, data: WinsData) -> None:
        goals = sum(win.kind == "goal" for win in data.wins)
        title = Text("Wins wall", style="bold")
        done = len(data.wins) - goals
        title.append(
            f"   {plural(done, 'milestone')} done, {plural(goals, 'goal')} achieved",
            style="dim",
        )
        self.query_one("#wins-title", Static).update(title)
        wall = self.query_one("#wins-wall", Grid)
        wall.remove_children()
        if not data.wins:
            wall.mount(
                Static(
                    Text(
                        "No wins yet: finish a milestone and it shows up here.", style="dim italic"
                    ),
                    classes="win-card",
                )
            )
            return
        wall.mount_all(
            Static(win_card(win, data.today), classes=f"win-card win-{win.kind}")
            for win in data.wins
        )

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "narrow")


SCREEN = WinsScreen
