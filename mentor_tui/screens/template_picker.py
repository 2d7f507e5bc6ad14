"""Choose a template where it is applied (a goal, feedback, an assessment): the ones of
that kind, built in, mine and the partner's, by title and source. Arrows and enter, or
its number; escape chooses none."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mentor_tui.services.templates import Template
from mentor_tui.services.text import visible


def picker_line(number: int, template: Template) -> Text:
    line = Text(f"{number}  " if number < 10 else "   ", style="dim")
    line.append(visible(template.title, one_line=True), style="bold" if template.mine else "")
    line.append(f"   {template.ref} · ", style="dim")
    line.append(visible(template.source, one_line=True), style="dim italic")
    return line


class TemplatePickerScreen(ModalScreen[Template | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, heading: str, templates: list[Template]) -> None:
        super().__init__()
        self.heading, self.templates = heading, templates

    def compose(self) -> ComposeResult:
        options = [
            Option(picker_line(number, t), id=str(number - 1))
            for number, t in enumerate(self.templates, start=1)
        ]
        with Vertical(classes="modal-card", id="template-picker"):
            yield Static(self.heading, classes="form-title")
            yield OptionList(*options)
            yield Static("enter choose · 1-9 jump · esc close", classes="form-help")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.templates[int(event.option.id or 0)])

    def action_pick(self, number: int) -> None:
        if number <= len(self.templates):
            self.dismiss(self.templates[number - 1])


def offer(
    screen: Screen[Any],
    heading: str,
    templates: list[Template],
    use: Callable[[Template], None],
    none: str,
) -> None:
    """One key where a template is used: the only one straight away, a choice among
    several, a line when there is none."""
    if not templates:
        screen.notify(none)
    elif len(templates) == 1:
        use(templates[0])
    else:

        def chosen(template: Template | None) -> None:
            if template is not None:
                use(template)

        screen.app.push_screen(TemplatePickerScreen(heading, templates), chosen)
