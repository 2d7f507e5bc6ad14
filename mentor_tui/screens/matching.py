"""The coordinator's Matching screen: mentees not yet in a pair on the left, the mentors
ranked for the highlighted one on the right with the reasons in words, and the rules the
coordinator weighs (same site or not, mentors' capacity, the hours that must overlap).
enter (or a) on a suggestion proposes the match: both people get an invitation, and the
pair is made when both accept (`mentor program accept`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static
from textual.worker import Worker, WorkerState

from mentor_tui.errors import MentorError
from mentor_tui.screens.base import AreaScreen
from mentor_tui.screens.program_common import (
    NO_PROGRAM,
    ProgramMissing,
    Propose,
    ViewSource,
    closed_pair_ids,
    load_view,
    propose,
)
from mentor_tui.services.matching import suggest
from mentor_tui.services.program_types import (
    CoordinatorView,
    IntakeAnswers,
    MatchRules,
    ProgramPair,
    SamePlace,
    Suggestion,
)
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import one_line, plain
from mentor_tui.wording import plural

Ranked = dict[str, list[Suggestion]]
RANK_GROUP, PROPOSE_GROUP = "rank", "propose"
SITE_RULES: tuple[SamePlace, ...] = ("any", "prefer", "avoid")
OVERLAPS = (0, 1, 2, 3, 4, 6)
NO_PROPOSING = "Proposing a match needs the program's shared place: `mentor program setup`"


@dataclass(frozen=True)
class MatchData:
    view: CoordinatorView | None
    today: date
    ranked: Ranked


def rank(view: CoordinatorView, rules: MatchRules) -> Ranked:
    return suggest(view.participants, view.pairs, rules, closed_pair_ids=closed_pair_ids(view))


def mentee_cells(answers: IntakeAnswers, count: int) -> list[Text | str]:
    # What the mentee wants is in the reasons pane: at 80 columns this table has ~30.
    return [
        one_line(answers.name, 20),
        Text(str(count), style="" if count else "red"),
        one_line(answers.site, 12) or "–",
    ]


def suggestion_cells(s: Suggestion, mentor: IntakeAnswers | None) -> list[Text | str]:
    return [
        one_line(mentor.name if mentor else s.mentor_id, 20),
        f"{s.score:g}",
        one_line(mentor.site if mentor else "", 12) or "–",
        Text("again", style="yellow") if s.repeat else "",
    ]


def wants_text(mentee: IntakeAnswers | None) -> Text:
    """What the highlighted mentee asked for, above the reasons."""
    if mentee is None:
        return Text()
    text = plain(mentee.name, "bold", one_line=True)
    text.append(" wants: ", style="dim")
    text.append_text(plain(", ".join(mentee.skills_wanted) or "no skill named", one_line=True))
    if mentee.other_department:
        text.append(" · another department", style="dim")
    return text


def reasons_text(s: Suggestion | None, view: CoordinatorView, mentee_id: str) -> Text:
    text = wants_text(view.participants.get(mentee_id))
    text.append("\n")
    if s is None:
        text.append("No mentor fits the rules: try t, k or w.", style="dim italic")
        return text
    mentor, mentee = view.participants.get(s.mentor_id), view.participants.get(s.mentee_id)
    text.append_text(plain(mentor.name if mentor else s.mentor_id, "bold", one_line=True))
    text.append(" for ", style="dim")
    text.append_text(plain(mentee.name if mentee else s.mentee_id, "bold", one_line=True))
    text.append(f" · score {s.score:g}", style="dim")
    if s.repeat:
        text.append(" · paired before: rotation ranks it last", style="yellow")
    for reason in s.reasons:
        text.append("\n• ")
        text.append_text(plain(reason, one_line=True))
    return text


class MatchingScreen(AreaScreen[MatchData]):
    """Ranked suggestions; `view` given (tests, the demo) or read from the program;
    `on_propose(mentee id, mentor id)` given, or the program's own `propose`."""

    NEEDS_PAIR = False
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "accept", "Propose"),
        Binding("t", "next_site_rule", "Site rule"),
        Binding("k", "toggle_capacity", "Capacity"),
        Binding("w", "next_overlap", "Overlap"),
    ]

    def __init__(
        self,
        view: CoordinatorView | None = None,
        *,
        source: ViewSource | None = None,
        on_propose: Propose | None = None,
    ) -> None:
        super().__init__()
        self._given, self._source, self._on_propose = view, source, on_propose
        self.view: CoordinatorView | None = None
        self.rules = MatchRules()
        self.ranked: Ranked = {}
        self._shown_mentee: str | None = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="match-summary", classes="screen-summary")
        with Horizontal(id="match-body"):
            yield RecordTable(
                ("Mentee", "Fits", "Site"), id="match-mentees", empty="Nobody to match."
            )
            with Vertical(id="match-right"):
                yield RecordTable(
                    ("Mentor", "Score", "Site", ""), id="match-suggestions", empty="No mentor fits."
                )
                yield Static("", id="match-reasons")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#match-mentees", RecordTable).focus()

    # ---- loading and ranking (workers; widgets only on the UI thread) ----------------

    def load(self, pair_id: str | None) -> MatchData:
        if self._given is not None:
            view: CoordinatorView | None = self._given
        else:
            view = self._source() if self._source else load_view(self.app.home)
        rules = self.rules
        ranked = rank(view, rules) if view is not None else {}
        return MatchData(view, self.app.clock.now().date(), ranked)

    def show(self, data: MatchData) -> None:
        self.view = data.view
        if data.view is None:
            self.query_one("#match-summary", Static).update(Text(NO_PROGRAM, style="italic"))
            for table in self.query(RecordTable):
                table.empty = NO_PROGRAM
                table.fill([])
            return
        self._show_ranked(data.ranked)

    def _rerank(self) -> None:
        view, rules = self.view, self.rules
        self._summary()
        if view is not None:
            self.run_worker(
                lambda: rank(view, rules),
                thread=True,
                exclusive=True,
                group=RANK_GROUP,
                exit_on_error=False,
            )

    @on(Worker.StateChanged)
    def _worked(self, event: Worker.StateChanged) -> None:
        group = event.worker.group
        if group == RANK_GROUP and event.state == WorkerState.SUCCESS:
            self._show_ranked(cast(Ranked, event.worker.result))
        elif group == PROPOSE_GROUP and event.state == WorkerState.SUCCESS:
            self._proposed(cast(tuple[str, str, object], event.worker.result))
        elif group == PROPOSE_GROUP and event.state == WorkerState.ERROR:
            problem = event.worker.error
            if isinstance(problem, ProgramMissing):
                self.notify(NO_PROPOSING, severity="warning")
            elif isinstance(problem, MentorError):
                self.notify(str(problem), title="Not proposed", severity="error")
            else:
                self.notify(repr(problem), title="Not proposed", severity="error")

    # ---- what is shown --------------------------------------------------------------

    def _summary(self) -> None:
        view = self.view
        if view is None:
            return
        head = Text("Matching · ", style="bold")
        head.append_text(plain(view.name, "dim", one_line=True))
        head.append(f" · {plural(len(self.ranked), 'mentee')} to match", style="")
        r = self.rules
        head.append(
            f"\nsame site: {r.same_site} (t) · capacity {'on' if r.respect_capacity else 'off'}"
            f" (k) · overlap ≥ {r.min_overlap_hours}h (w)",
            style="dim",
        )
        self.query_one("#match-summary", Static).update(head)

    def _show_ranked(self, ranked: Ranked) -> None:
        view = self.view
        if view is None:
            return
        self.ranked = ranked
        self._summary()
        order = sorted(ranked, key=lambda pid: (view.participants[pid].name.casefold(), pid))
        self.query_one("#match-mentees", RecordTable).update_rows(
            (pid, mentee_cells(view.participants[pid], len(ranked[pid]))) for pid in order
        )
        self._show_suggestions()

    def _mentee(self) -> str | None:
        key = self.query_one("#match-mentees", RecordTable).selected_key
        return key if key in self.ranked else None

    def _suggestion(self) -> Suggestion | None:
        mentee = self._mentee()
        key = self.query_one("#match-suggestions", RecordTable).selected_key
        found = self.ranked.get(mentee, []) if mentee else []
        return next((s for s in found if s.mentor_id == key), None)

    def _show_suggestions(self) -> None:
        view = self.view
        if view is None:
            return
        mentee = self._mentee()
        found = self.ranked.get(mentee, []) if mentee else []
        table = self.query_one("#match-suggestions", RecordTable)
        table.update_rows(
            (s.mentor_id, suggestion_cells(s, view.participants.get(s.mentor_id))) for s in found
        )
        if mentee != self._shown_mentee:
            table.move_cursor(row=0)  # another mentee's list starts at the best
            self._shown_mentee = mentee
        self._show_reasons()

    def _show_reasons(self) -> None:
        if self.view is None:
            return
        reasons = self.query_one("#match-reasons", Static)
        mentee = self._mentee()
        reasons.update(reasons_text(self._suggestion(), self.view, mentee) if mentee else "")

    @on(DataTable.RowHighlighted, "#match-mentees")
    def _mentee_moved(self) -> None:
        self._show_suggestions()

    @on(DataTable.RowHighlighted, "#match-suggestions")
    def _suggestion_moved(self) -> None:
        self._show_reasons()

    @on(DataTable.RowSelected, "#match-mentees")
    def _to_suggestions(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.query_one("#match-suggestions", RecordTable).focus()

    @on(DataTable.RowSelected, "#match-suggestions")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_accept()

    # ---- rules and proposing --------------------------------------------------------

    def action_next_site_rule(self) -> None:
        at = SITE_RULES.index(self.rules.same_site)
        self.rules = replace(self.rules, same_site=SITE_RULES[(at + 1) % len(SITE_RULES)])
        self._rerank()

    def action_toggle_capacity(self) -> None:
        self.rules = replace(self.rules, respect_capacity=not self.rules.respect_capacity)
        self._rerank()

    def action_next_overlap(self) -> None:
        now = self.rules.min_overlap_hours
        later = [n for n in OVERLAPS if n > now]
        self.rules = replace(self.rules, min_overlap_hours=later[0] if later else OVERLAPS[0])
        self._rerank()

    def action_accept(self) -> None:
        chosen = self._suggestion()
        if chosen is None:
            self.notify("Highlight a suggested mentor first.", timeout=3)
            return
        call: Callable[[str, str], object] = self._on_propose or (
            lambda mentee, mentor: propose(self.app.home, mentee, mentor)
        )
        mentee_id, mentor_id = chosen.mentee_id, chosen.mentor_id
        self.run_worker(
            lambda: (mentee_id, mentor_id, call(mentee_id, mentor_id)),
            thread=True,
            exclusive=True,
            group=PROPOSE_GROUP,
            exit_on_error=False,
        )

    def _proposed(self, done: tuple[str, str, object]) -> None:
        mentee_id, mentor_id, made = done
        view = self.view
        if view is None:
            return
        names = [
            one_line(view.participants[p].name if p in view.participants else p, 30)
            for p in (mentor_id, mentee_id)
        ]
        self.notify(f"Proposed {names[0]} to mentor {names[1]}: both are invited.")
        if self._given is None:
            self.reload()  # the shared place now holds the proposal
            return
        pending = (
            made
            if isinstance(made, ProgramPair)
            else ProgramPair(f"proposed-{mentee_id}-{mentor_id}", mentor_id, mentee_id)
        )
        self.view = replace(view, pairs=[*view.pairs, pending])
        self._given = self.view
        self._rerank()


SCREEN = MatchingScreen
