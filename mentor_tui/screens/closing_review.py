"""Both final reviews side by side (issue 11): mine on the left, the partner's on the right.

Goals met and not, what worked, what to change, what next, would do it again 1-5; the
partner's column waits for their review until sync brings it. From here: e writes or
changes my review (FinalReviewScreen), n starts the next mentorship from a closed one.
Every answer is stored text: shown as plain Text, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from mentor_tui.dates import local
from mentor_tui.models.enums import GoalStatus, PairStatus
from mentor_tui.models.tables import FinalReview
from mentor_tui.services.closing import AGAIN_HEADING, HEADINGS, Closing, load_closing
from mentor_tui.services.dashboard_types import PersonLike
from mentor_tui.widgets.footer import FittingFooter
from mentor_tui.widgets.render import plain, status

if TYPE_CHECKING:
    from mentor_tui.app import MentorApp
    from mentor_tui.models.db import Store

LOAD_GROUP = "closing-review"


def waiting_line(partner: PersonLike) -> str:
    return f"waiting for {partner.display_name}'s review (it arrives with sync)"


def review_column(
    closing: Closing, person: PersonLike, review: FinalReview | None, *, mine: bool
) -> Group:
    """One member's final review, question by question."""
    pair = closing.pair
    head = plain(person.display_name, style="bold", one_line=True)
    role = pair.role_of(person.id)
    head.append(f" ({role}{', you' if mine else ''})", style="dim")
    lines: list[Text] = [head]
    if review is None:
        words = "You have not written your final review yet: e writes it." if mine else ""
        lines.append(plain(words or waiting_line(person), style="italic yellow"))
        return Group(*lines)
    answered = local(review.answered_at, pair.me.timezone)
    lines.append(Text(f"answered {answered:%a %d %b %Y}", style="dim"))
    for field, heading in HEADINGS:
        answer = getattr(review, field)
        lines.append(Text(""))
        lines.append(Text(heading, style="bold"))
        lines.append(plain(answer) if answer.strip() else Text("—", style="dim"))
    lines.append(Text(""))
    again = f"{review.again}/5" if review.again is not None else "not rated"
    lines.append(Text(f"{AGAIN_HEADING}: ", style="bold") + Text(again))
    return Group(*lines)


def review_head(closing: Closing) -> Text:
    pair = closing.pair
    head = plain(f"Final reviews · {pair.label}", style="bold", one_line=True)
    if pair.pair.status == PairStatus.CLOSED:
        closed = pair.pair.closed_at
        when = f" on {local(closed, pair.me.timezone):%a %d %b %Y}" if closed else ""
        head.append(f"\nClosed{when}: the record is read-only. ", style="dim")
        head.append("n starts the next mentorship from it.", style="dim")
    else:
        head.append(
            "\nStill open: writing your final review (e) closes it; nothing closes on its own.",
            style="yellow",
        )
    return head


def goals_summary(closing: Closing) -> Group:
    """How each goal ended: what the 'goals met and not' answers talk about."""
    if not closing.goals:
        return Group(Text("No goals were set.", style="dim italic"))
    met = sum(view.goal.status == GoalStatus.ACHIEVED for view in closing.goals)
    lines = [Text(f"Goals: {met} of {len(closing.goals)} met", style="bold")]
    for view in closing.goals:
        line = Text("  ") + status(view.goal.status) + Text(" ")
        lines.append(line + plain(view.goal.title, one_line=True))
    return Group(*lines)


class ClosingReviewScreen(Screen[None]):
    """The closing review side by side, for the pair `pair_id`."""

    BINDINGS = [
        Binding("e", "write_review", "My review"),
        Binding("n", "next_mentorship", "Next mentorship"),
        Binding("r", "reload", "Refresh", show=False),
        Binding("escape", "dismiss(None)", "Back"),
    ]

    def __init__(self, pair_id: str) -> None:
        super().__init__()
        self.pair_id = pair_id
        self.closing: Closing | None = None

    @property
    def mentor(self) -> MentorApp:
        return cast("MentorApp", self.app)

    @property
    def store(self) -> Store:
        return self.mentor.store

    def compose(self) -> ComposeResult:
        yield Static("", id="closing-head")
        with VerticalScroll(id="closing-body"):
            with Horizontal(id="closing-columns"):
                yield Static("", id="closing-mine", classes="closing-column")
                yield Static("", id="closing-partner", classes="closing-column")
            yield Static("", id="closing-goals")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.action_reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_mentorship":
            closing = self.closing
            return closing is not None and closing.pair.pair.status == PairStatus.CLOSED
        return True

    def action_reload(self) -> None:
        pair_id = self.pair_id
        self.run_worker(
            lambda: load_closing(self.store, pair_id),
            thread=True,
            exclusive=True,
            group=LOAD_GROUP,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != LOAD_GROUP:
            return
        if event.state == WorkerState.SUCCESS:
            self.show(cast(Closing, event.worker.result))
        elif event.state == WorkerState.ERROR:
            self.notify(str(event.worker.error), title="Could not load", severity="error")

    def show(self, closing: Closing) -> None:
        self.closing = closing
        pair = closing.pair
        self.query_one("#closing-head", Static).update(review_head(closing))
        self.query_one("#closing-mine", Static).update(
            review_column(closing, pair.me, closing.mine, mine=True)
        )
        self.query_one("#closing-partner", Static).update(
            review_column(closing, pair.partner, closing.partners, mine=False)
        )
        self.query_one("#closing-goals", Static).update(goals_summary(closing))
        self.refresh_bindings()

    def action_write_review(self) -> None:
        from mentor_tui.screens.closing import FinalReviewScreen

        if self.closing is None:
            return

        def written(pair_id: str | None) -> None:
            if pair_id:
                self.mentor.reload_pairs(prefer=pair_id)
                self.action_reload()

        self.app.push_screen(FinalReviewScreen(self.closing.pair, self.closing.mine), written)

    def action_next_mentorship(self) -> None:
        from mentor_tui.screens.closing_next import NextMentorshipScreen

        if self.closing is None:
            return

        def started(pair_id: str | None) -> None:
            if pair_id:
                self.dismiss(None)
                self.mentor.reload_pairs(prefer=pair_id)

        self.app.push_screen(NextMentorshipScreen(self.closing), started)
