"""The app's own commands in the command palette: the areas, the pairs, the screens above
the areas, and the pair's charter. The palette reads titles as markup: stored text goes in
escaped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from mentor_tui.areas import AREAS, OVERLAYS
from mentor_tui.widgets.render import markup_escape

if TYPE_CHECKING:
    from mentor_tui.app import MentorApp


def palette_commands(app: MentorApp) -> Iterator[SystemCommand]:
    for area in AREAS:
        yield SystemCommand(
            f"Open {area.title}",
            f"{area.about} ({area.key})",
            lambda mode=area.mode: app.action_open(mode),
        )
    for view in app.pairs:
        yield SystemCommand(
            f"Switch to pair: {markup_escape(view.label)}",
            f"You are the {view.my_role}",
            lambda pair_id=view.id: app.choose_pair(pair_id),
            discover=False,
        )
    if app.pair_id is not None:
        yield SystemCommand(
            "Open the prep brief",
            "What changed since the last session (b on Sessions)",
            app.action_prep_brief,
        )
    for shown in OVERLAYS:
        yield SystemCommand(
            shown.command or f"Open {shown.title}",
            shown.about,
            lambda name=shown.name: app.action_push_area(name),
        )
    yield SystemCommand(
        "Edit the charter", "Purpose, cadence, decision rights (c)", app.action_edit_charter
    )
    yield from closing_commands(app)
    yield SystemCommand("New pair", "Start a mentorship with someone (n)", app.action_new_pair)
    yield SystemCommand("Help: keys", "Every key, on every screen (?)", app.action_help)


def closing_commands(app: MentorApp) -> Iterator[SystemCommand]:
    """Close the chosen pair with a final review, or reopen it (issue 11)."""
    pair = app.pair
    if pair is None or pair.my_role is None:
        return
    if pair.pair.status == "closed":
        yield SystemCommand(
            "Reopen the mentorship",
            "The record becomes editable again; your partner sees it after sync",
            app.action_reopen_pair,
        )
    yield SystemCommand(
        "Final review: close the mentorship",
        "What was achieved, what to keep, what next; the record becomes read-only",
        app.action_final_review,
    )
    yield SystemCommand(
        "Final reviews side by side",
        "Both members' final reviews; the next mentorship from a closed one",
        lambda pair_id=pair.id: open_closing_review(app, pair_id),
    )


def open_closing_review(app: MentorApp, pair_id: str) -> None:
    from mentor_tui.screens.closing_review import ClosingReviewScreen

    app.push_screen(ClosingReviewScreen(pair_id))
