"""The final review: closing a mentorship from the app (services/closing.close_pair).

A pop-up of the form kit: one line per question, "would you do it again" 1-5; saving
closes the pair (or changes my review of a closed one), and the record becomes read-only.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from mentor_tui.models.tables import FinalReview
from mentor_tui.screens.form import Job
from mentor_tui.screens.session_forms import SessionForm
from mentor_tui.services.closing import AGAIN_QUESTION, QUESTIONS, close_pair
from mentor_tui.services.drafts import DraftKey
from mentor_tui.services.pairs import PairView

FIELDS = (*(name for name, _ in QUESTIONS), "again")


class FinalReviewScreen(SessionForm):
    TITLE_TEXT = "Final review: close the mentorship"
    LEAVE_QUESTION = "Leave without saving your final review?"

    def __init__(self, pair: PairView, review: FinalReview | None = None) -> None:
        super().__init__()
        self.pair = pair
        self.review = review  # my review of a closed pair, to change

    def draft_key(self) -> DraftKey:
        return DraftKey("final-review", None, self.pair.id)

    def fields(self) -> ComposeResult:
        partner = self.pair.partner.display_name
        yield Static(
            Text(
                f"Saving closes the mentorship with {partner}: its record becomes read-only "
                "(reopen it from the palette). Your answers travel with sync."
            )
        )
        review = self.review
        for name, question in QUESTIONS:
            yield Label(question)
            yield Input(getattr(review, name) if review else "", id=name)
        yield Label(AGAIN_QUESTION)
        again = str(review.again) if review and review.again is not None else ""
        yield Input(again, id="again", type="integer", max_length=1)

    def on_mount(self) -> None:
        self.query_one(f"#{FIELDS[0]}", Input).focus()

    def submitted(self, event: Input.Submitted) -> None:
        """Enter moves on to the next question; on the last one it saves."""
        index = FIELDS.index(event.input.id) if event.input.id in FIELDS else len(FIELDS) - 1
        if index < len(FIELDS) - 1:
            self.query_one(f"#{FIELDS[index + 1]}", Input).focus()
        else:
            self.action_save()

    def save_job(self) -> Job:
        pair_id = self.pair.id
        answers = {name: self.value(name) for name, _ in QUESTIONS}
        again_text = self.value("again").strip()
        again = int(again_text) if again_text.isdigit() else None
        return lambda store: close_pair(store, pair_id, again=again, **answers).pair_id

    def saved(self, result: str) -> None:
        name = self.pair.partner.display_name
        self.notify(f"Closed the mentorship with {name}: the record is now read-only.")
        self.dismiss(result)
