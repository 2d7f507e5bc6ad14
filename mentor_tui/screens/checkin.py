"""The check-in: the mentee answers three questions before a session."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from mentor_tui.errors import MentorError
from mentor_tui.screens.form import Job
from mentor_tui.screens.session_forms import SessionForm
from mentor_tui.services.checkins import QUESTIONS, answer_checkin, require_mentee
from mentor_tui.services.drafts import DraftKey
from mentor_tui.services.pairs import PairView


class CheckInScreen(SessionForm):
    TITLE_TEXT = "Check-in before the next session"

    def __init__(self, pair: PairView) -> None:
        super().__init__()
        self.pair = pair

    def draft_key(self) -> DraftKey:
        return DraftKey("check-in", None, self.pair.id)

    def fields(self) -> ComposeResult:
        try:
            require_mentee(self.pair)
        except MentorError as problem:
            yield Static(Text(str(problem), style="yellow"))
        for question in QUESTIONS:
            yield Label(question.text)
            yield Input(
                id=question.name,
                type="integer" if "rating" in question.name else "text",
                max_length=1 if "rating" in question.name else 0,
            )

    def on_mount(self) -> None:
        self.query_one(f"#{QUESTIONS[0].name}", Input).focus()

    def submitted(self, event: Input.Submitted) -> None:
        """Enter moves on to the next question; on the last one it saves."""
        names = [question.name for question in QUESTIONS]
        index = names.index(event.input.id) if event.input.id in names else len(names) - 1
        if index < len(names) - 1:
            self.query_one(f"#{names[index + 1]}", Input).focus()
        else:
            self.action_save()

    LEAVE_QUESTION = "Leave without saving your check-in answers?"

    def save_job(self) -> Job:
        pair_id, lesson = self.pair.id, self.value("lesson")
        next_goal, rating = self.value("next_goal"), self.value("last_goal_rating")
        return lambda store: (
            answer_checkin(store, pair_id, lesson=lesson, next_goal=next_goal, rating=rating).id
        )

    def saved(self, result: str) -> None:
        self.notify("Check-in saved: your mentor sees it in the prep brief.", timeout=3)
        self.dismiss(result)
