"""Create a pair, or edit its charter: purpose, success, cadence, decision rights..."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from mentor_tui.dates import detect_timezone, parse_date
from mentor_tui.errors import MentorError
from mentor_tui.models.charter import CHARTER_TEXT_FIELDS
from mentor_tui.models.enums import Cadence, PairStatus, Role
from mentor_tui.services.pairs import PairView, create_pair, update_charter
from mentor_tui.services.profile import viewer_today
from mentor_tui.widgets.confirm import ConfirmScreen
from mentor_tui.widgets.render import plain


def _options(values: type) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in values]


class CharterScreen(Screen[str | None]):
    """Dismisses with the pair's id when saved, None when left without saving."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, view: PairView | None) -> None:
        super().__init__()
        self.view = view
        self._initial: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        pair = self.view.pair if self.view else None
        title = f"Charter: {self.view.label}" if self.view else "New pair"
        with VerticalScroll(id="charter", classes="form-card"):
            yield Static(plain(title, one_line=True), classes="form-title")
            if self.view is None:
                yield Static("Who is your partner, and which side are you?", classes="form-help")
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("Partner's name")
                        yield Input(id="partner", placeholder="e.g. Ada Lovelace")
                    with Vertical():
                        yield Label("Partner's time zone")
                        yield Input(id="partner_timezone", value=detect_timezone())
                    with Vertical():
                        yield Label("I am the")
                        yield Select(
                            _options(Role), id="my_role", value="mentor", allow_blank=False
                        )
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Cadence")
                    yield Select(
                        _options(Cadence),
                        id="cadence",
                        allow_blank=False,
                        value=pair.cadence if pair else "biweekly",
                    )
                with Vertical():
                    yield Label("Goals approved by")
                    yield Select(
                        _options(Role),
                        id="goal_approver",
                        allow_blank=False,
                        value=pair.goal_approver if pair else "mentor",
                    )
                if pair is not None:
                    with Vertical():
                        yield Label("Status")
                        yield Select(
                            _options(PairStatus), id="status", allow_blank=False, value=pair.status
                        )
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Starts (date or phrase)")
                    starts = str(pair.starts_on or "") if pair else "today"
                    yield Input(id="starts_on", value=starts)
                    yield Static("", id="starts_on-hint", classes="field-hint")
                with Vertical():
                    yield Label("Planned end")
                    yield Input(
                        id="planned_end_on",
                        placeholder="e.g. in 6 months",
                        value=str(pair.planned_end_on or "") if pair else "",
                    )
                    yield Static("", id="planned_end_on-hint", classes="field-hint")
            for field in CHARTER_TEXT_FIELDS:
                yield Label(field.label)
                yield Static(field.prompt, classes="field-prompt")
                yield TextArea(
                    getattr(pair, field.name) if pair else "",
                    id=field.name,
                    soft_wrap=True,
                    classes="charter-text",
                )
            yield Static("", id="error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self._initial = self._values()
        for name in ("starts_on", "planned_end_on"):
            self._show_date_hint(name)
        self.query_one("#partner" if self.view is None else "#cadence").focus()

    def _today(self) -> date:
        return viewer_today(self.app.store)  # type: ignore[attr-defined]

    def _values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for widget in self.query("Input, Select, TextArea"):
            if widget.id:
                raw = widget.text if isinstance(widget, TextArea) else widget.value
                values[widget.id] = "" if raw is Select.BLANK else str(raw)
        return values

    def _show_date_hint(self, name: str) -> None:
        text = self.query_one(f"#{name}", Input).value
        hint = self.query_one(f"#{name}-hint", Static)
        if not text.strip():
            hint.update("")
            return
        try:
            hint.update(Text(f"→ {parse_date(text, self._today()):%a %d %b %Y}", style="green"))
        except MentorError as problem:
            hint.update(Text(str(problem), style="red"))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("starts_on", "planned_end_on"):
            self._show_date_hint(event.input.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_leave()

    def _date(self, values: dict[str, str], name: str) -> date | None:
        text = values.get(name, "").strip()
        return parse_date(text, self._today()) if text else None

    def action_save(self) -> None:
        values = self._values()
        store = self.app.store  # type: ignore[attr-defined]
        texts = {field.name: values[field.name] for field in CHARTER_TEXT_FIELDS}
        try:
            starts_on = self._date(values, "starts_on")
            planned_end_on = self._date(values, "planned_end_on")
            if self.view is None:
                saved = create_pair(
                    store,
                    partner_name=values["partner"],
                    partner_timezone=values["partner_timezone"],
                    my_role=values["my_role"],
                    cadence=values["cadence"],
                    goal_approver=values["goal_approver"],
                    starts_on=starts_on,
                    planned_end_on=planned_end_on,
                    **texts,
                )
            else:
                saved = update_charter(
                    store,
                    self.view.id,
                    cadence=values["cadence"],
                    goal_approver=values["goal_approver"],
                    status=values["status"],
                    starts_on=starts_on,
                    planned_end_on=planned_end_on,
                    **texts,
                )
        except MentorError as problem:
            self.query_one("#error", Static).update(Text(str(problem)))
            return
        self.notify("Charter saved" if self.view else f"Pair started: {saved.label}")
        self.dismiss(saved.id)

    def action_leave(self) -> None:
        if self._values() == self._initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Leave without saving? Your changes to the charter are lost.",
                yes="Discard",
                no="Keep editing",
            ),
            answered,
        )
