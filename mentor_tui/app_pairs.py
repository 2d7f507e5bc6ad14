"""The app's actions on pairs: switch, pick, start, edit the charter, close and reopen,
prepare a session. A base of MentorApp, kept apart so app.py stays about start-up, the
areas and the Store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.reactive import reactive

if TYPE_CHECKING:
    from mentor_tui.screens.undo import UndoStack
    from mentor_tui.services.pairs import PairView


class PairActions(App[None]):
    """Needs what MentorApp keeps: the pairs read, the chosen one, the undo stack."""

    pair_id: reactive[str | None] = reactive(None, init=False)

    if TYPE_CHECKING:
        pairs: list[PairView]
        undo: UndoStack

        @property
        def pair(self) -> PairView | None: ...

        def reload_pairs(
            self, prefer: str | None = None, read: list[PairView] | None = None
        ) -> None: ...

        def choose_pair(self, pair_id: str | None) -> None: ...

    def action_final_review(self) -> None:
        from mentor_tui.screens.closing import FinalReviewScreen

        if self.pair is not None:
            self.push_screen(FinalReviewScreen(self.pair), self._charter_saved)

    def action_reopen_pair(self) -> None:
        from mentor_tui.services.closing import reopen_pair
        from mentor_tui.services.pairs import update_charter

        pair_id = self.pair_id
        if pair_id is None:
            return
        self.undo.run(
            lambda store: reopen_pair(store, pair_id),
            "Reopened the mentorship",
            lambda store: update_charter(store, pair_id, status="closed"),
            lambda: self.reload_pairs(prefer=pair_id),
        )

    def action_prep_brief(self) -> None:
        from mentor_tui.screens.brief import BriefScreen

        if self.pair_id is not None:
            self.push_screen(BriefScreen(self.pair_id))

    def action_cycle_pair(self, step: int) -> None:
        if len(self.pairs) < 2:
            self.notify("Only one pair. Press n to start another.", timeout=3)
            return
        ids = [view.id for view in self.pairs]
        index = ids.index(self.pair_id) if self.pair_id in ids else 0
        self.choose_pair(ids[(index + step) % len(ids)])

    def action_pick_pair(self) -> None:
        from mentor_tui.screens.pair_picker import PairPickerScreen

        def picked(pair_id: str | None) -> None:
            if pair_id == "new":
                self.action_new_pair()
            elif pair_id:
                self.choose_pair(pair_id)

        self.push_screen(PairPickerScreen(self.pairs, self.pair_id), picked)

    def action_new_pair(self) -> None:
        from mentor_tui.screens.charter import CharterScreen

        self.push_screen(CharterScreen(None), self._charter_saved)

    def action_edit_charter(self) -> None:
        from mentor_tui.screens.charter import CharterScreen

        if self.pair is None:
            self.action_new_pair()
            return
        self.push_screen(CharterScreen(self.pair), self._charter_saved)

    def _charter_saved(self, pair_id: str | None) -> None:
        if pair_id:
            self.reload_pairs(prefer=pair_id)
