"""Choose a pair: arrows and enter, or its number."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mentor_tui.services.pair_view import PairView
from mentor_tui.services.text import visible


class PairPickerScreen(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, pairs: list[PairView], current: str | None) -> None:
        super().__init__()
        self.pairs, self.current = pairs, current

    def compose(self) -> ComposeResult:
        options = []
        for number, view in enumerate(self.pairs, start=1):
            line = Text(f"{number}  ", style="dim")
            line.append(
                visible(view.label, one_line=True), style="bold" if view.id == self.current else ""
            )
            line.append(f"   you: {view.my_role}", style="dim")
            if view.pair.status != "active":
                line.append(f"  ({view.pair.status})", style="yellow")
            options.append(Option(line, id=view.id))
        options.append(Option(Text("+  New pair…", style="italic"), id="new"))
        with Vertical(classes="modal-card"):
            yield Static("Switch pair", classes="form-title")
            yield OptionList(*options)
            yield Static("enter choose · 1-9 jump · esc close", classes="form-help")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        ids = [view.id for view in self.pairs]
        option_list.highlighted = ids.index(self.current) if self.current in ids else 0
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, number: int) -> None:
        if number <= len(self.pairs):
            self.dismiss(self.pairs[number - 1].id)
