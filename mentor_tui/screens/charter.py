"""Create a pair, or edit its charter: purpose, success, cadence, decision rights..."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static, TextArea
from textual.widgets.select import NoSelection

from mentor_tui.dates import detect_timezone, local, parse_date
from mentor_tui.errors import MentorError
from mentor_tui.models.charter import CHARTER_TEXT_FIELDS
from mentor_tui.models.enums import Cadence, PairStatus, Role
from mentor_tui.screens.form import EditorScreen, Job
from mentor_tui.services.closing_end import LENGTHS, length_of, planned_end
from mentor_tui.services.drafts import DraftKey
from mentor_tui.services.pair_view import PairView
from mentor_tui.widgets.footer import FittingFooter
from mentor_tui.widgets.quiet import update_static
from mentor_tui.widgets.render import plain

if TYPE_CHECKING:
    from mentor_tui.models.db import Store


def _options(values: type[StrEnum]) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in values]


class CharterScreen(EditorScreen[str | None]):
    """Dismisses with the pair's id when saved, None when left without saving."""

    LEAVE_QUESTION = "Leave without saving? Your changes to the charter are lost."

    def __init__(self, view: PairView | None) -> None:
        super().__init__()
        self.view = view

    def draft_key(self) -> DraftKey:
        return DraftKey("charter", self.view.id if self.view else None)

    def compose(self) -> ComposeResult:
        pair = self.view.pair if self.view else None
        title = f"Charter: {self.view.label}" if self.view else "New pair"
        with VerticalScroll(id="charter", classes="form-card"):
            yield Static(plain(title, one_line=True), classes="form-title")
            if self.view is None:
                yield Static(
                    "Who is your partner, and which side are you? If your partner has made"
                    " the pair already, press Escape, then y (Sync), to join it with their"
                    " invite code.",
                    classes="form-help",
                )
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
                    yield Label("Program length")
                    yield Select(
                        [(words, name) for name, words in LENGTHS],
                        id="length",
                        prompt="a date of my own",
                        value=self._initial_length(),
                    )
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
            yield from self.error_and_buttons()
        yield FittingFooter()

    def _initial_length(self) -> str | NoSelection:
        if self.view is None:
            return "open"
        found = length_of(self.view.pair.starts_on, self.view.pair.planned_end_on)
        return Select.NULL if found is None else found

    def _typed_date(self, name: str) -> date | None:
        """The date typed in `name`; None when empty or not a date (the hint says why)."""
        text = self.query_one(f"#{name}", Input).value.strip()
        if not text:
            return None
        try:
            return parse_date(text, self._today())
        except MentorError:
            return None

    @on(Select.Changed, "#length")
    def _length_chosen(self) -> None:
        """A length sets the planned end from the start; the date stays editable."""
        length = self.query_one("#length", Select).value
        if not isinstance(length, str):
            return  # a date of my own: leave it as typed
        starts = self._typed_date("starts_on") or self._today()
        end = planned_end(starts, length)
        text = end.isoformat() if end else ""
        ends = self.query_one("#planned_end_on", Input)
        if ends.value.strip() != text and self._typed_date("planned_end_on") != end:
            ends.value = text

    def _length_follows_dates(self) -> None:
        """A planned end typed by hand shows as its length, or as a date of my own."""
        select = self.query_one("#length", Select)
        starts = self._typed_date("starts_on") or self._today()
        ends_text = self.query_one("#planned_end_on", Input).value.strip()
        ends = self._typed_date("planned_end_on")
        found = "open" if not ends_text else length_of(starts, ends)
        value = Select.NULL if found is None else found
        if select.value != value:
            select.value = value

    def on_mount(self) -> None:
        for name in ("starts_on", "planned_end_on"):
            self._show_date_hint(name)
        self.query_one("#partner" if self.view is None else "#cadence").focus()

    def _today(self) -> date:
        """My today (services/profile.viewer_today), from the app's me and clock: the date
        hints ask on every key, and the form may open before the Store (the light start)."""
        me = self.mentor.me
        now = self.mentor.clock.now()
        return local(now, me.timezone).date() if me is not None else now.date()

    def _values(self) -> dict[str, str]:
        return {name: "" if raw is None else str(raw) for name, raw in self.form_values().items()}

    def _show_date_hint(self, name: str) -> None:
        text = self.query_one(f"#{name}", Input).value
        hint = self.query_one(f"#{name}-hint", Static)
        if not text.strip():
            update_static(hint, "")
            return
        try:
            shown = Text(f"→ {parse_date(text, self._today()):%a %d %b %Y}", style="green")
        except MentorError as problem:
            shown = Text(str(problem), style="red")
        update_static(hint, shown)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("starts_on", "planned_end_on"):
            self._show_date_hint(event.input.id)
        if event.input.id == "starts_on":
            self._length_chosen()  # a chosen length moves with the start
        elif event.input.id == "planned_end_on":
            self._length_follows_dates()

    def _date(self, values: dict[str, str], name: str) -> date | None:
        text = values.get(name, "").strip()
        return parse_date(text, self._today()) if text else None

    def save_job(self) -> Job:
        values = self._values()
        texts = {field.name: values[field.name] for field in CHARTER_TEXT_FIELDS}
        starts_on = self._date(values, "starts_on")
        planned_end_on = self._date(values, "planned_end_on")
        cadence, approver = values["cadence"], values["goal_approver"]
        if self.view is None:
            partner, zone, role = values["partner"], values["partner_timezone"], values["my_role"]

            def create(store: Store) -> PairView:
                # Imported in the write's worker, once the Store is open (the light start).
                from mentor_tui.services.pairs import create_pair

                return create_pair(
                    store,
                    partner_name=partner,
                    partner_timezone=zone,
                    my_role=role,
                    cadence=cadence,
                    goal_approver=approver,
                    starts_on=starts_on,
                    planned_end_on=planned_end_on,
                    **texts,
                )

            return create
        pair_id, status = self.view.id, values["status"]

        def update(store: Store) -> PairView:
            from mentor_tui.services.pairs import update_charter

            return update_charter(
                store,
                pair_id,
                cadence=cadence,
                goal_approver=approver,
                status=status,
                starts_on=starts_on,
                planned_end_on=planned_end_on,
                **texts,
            )

        return update

    def saved(self, result: PairView) -> None:
        self.notify("Charter saved" if self.view else f"Pair started: {result.label}", markup=False)
        self.dismiss(result.id)
