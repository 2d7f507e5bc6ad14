"""The mentor's prep brief for the chosen pair: what changed since the last session.

One key (a) writes it into the next session's agenda (planning that session at the
cadence's due date when none is planned); enter then opens that session.
"""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static
from textual.worker import Worker, WorkerState

from mentor_tui.errors import MentorError
from mentor_tui.services.brief import (
    PrepBrief,
    brief_to_agenda,
    brief_to_markdown,
    prep_brief,
)
from mentor_tui.services.sessions import when_text
from mentor_tui.services.text import visible
from mentor_tui.widgets.footer import FittingFooter


def brief_head(brief: PrepBrief) -> Text:
    head = Text(f"Prep brief · {visible(brief.pair.label, one_line=True)}\n", style="bold")
    if brief.last_session is not None:
        when = visible(when_text(brief.last_session, brief.pair), one_line=True)
        head.append(f"Since the last session ({when}). ")
    head.append(visible(brief.cadence_text), style="bold yellow" if brief.slipped_days else "")
    if brief.next_planned is not None:
        when = visible(when_text(brief.next_planned, brief.pair), one_line=True)
        head.append(f"\nNext: {when}", style="dim")
    else:
        head.append("\nNo session planned yet: a plans one at the cadence's due date.", style="dim")
    return head


class BriefScreen(Screen[None]):
    BINDINGS = [
        Binding("a", "to_agenda", "Make it the agenda"),
        Binding("enter", "open_session", "Open session", show=False),
        Binding("r", "reload", "Refresh", show=False),
        Binding("escape", "dismiss(None)", "Back"),
    ]

    def __init__(self, pair_id: str) -> None:
        super().__init__()
        self.pair_id = pair_id
        self.brief: PrepBrief | None = None
        self.session_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="brief-head")
        with VerticalScroll(id="brief-body"):
            yield Markdown(id="brief-markdown")
        yield Static("", id="brief-result")
        yield FittingFooter()

    @property
    def store(self):
        return self.app.store  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        pair_id = self.pair_id
        self.run_worker(
            lambda: prep_brief(self.store, pair_id),
            thread=True,
            exclusive=True,
            group="brief",
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "brief":
            return
        if event.state == WorkerState.SUCCESS:
            brief = cast(PrepBrief, event.worker.result)
            self.brief = brief
            self.query_one("#brief-head", Static).update(brief_head(brief))
            # Markdown, with the escape codes in it made visible (never sent to the terminal).
            markdown = visible(brief_to_markdown(brief))
            self.query_one("#brief-markdown", Markdown).update(markdown)
        elif event.state == WorkerState.ERROR:
            self.notify(str(event.worker.error), title="Could not load", severity="error")

    def action_to_agenda(self) -> None:
        try:
            session, created = brief_to_agenda(self.store, self.pair_id)
        except MentorError as problem:
            self.notify(str(problem), severity="error")
            return
        self.session_id = session.id
        pair = self.brief.pair if self.brief else None
        when = when_text(session, pair) if pair else session.starts_at.isoformat()
        when = visible(when, one_line=True)
        what = "Planned a session for" if created else "Agenda written into the session on"
        self.query_one("#brief-result", Static).update(
            Text(f"✓ {what} {when}. enter opens it.", style="bold green")
        )
        self.notify(f"{what} {when}.", title="Agenda ready", timeout=4, markup=False)
        self.action_reload()

    def action_open_session(self) -> None:
        from mentor_tui.screens.session_editor import SessionEditorScreen

        if self.session_id:
            self.app.push_screen(SessionEditorScreen(self.session_id))
