"""How the session editor shows its records: the action items' rows (title, owner, due,
state), cut to the width, and the feedback entries as text. Stored text goes through the
one safe path (services/text.visible, widgets/render)."""

from __future__ import annotations

from datetime import date

from rich.console import Group
from rich.text import Text

from mentor_tui.services.actions import CarriedItem
from mentor_tui.services.sessions import SessionDetail
from mentor_tui.services.text import visible
from mentor_tui.widgets.render import due, plain, status

#: The columns of the items table; the title gets what the others leave.
ITEM_COLUMNS = ["Action item", "Owner", "Due", "State"]
TITLE_MIN = 12


def item_cells(view: CarriedItem, today: date) -> list[Text]:
    """Title, owner, due, state: an open item says how long it has been carried (and
    stale), a closed one its status; one column for both, so four fit at 80 columns."""
    if view.item.status != "open":
        state = status(view.item.status)
    else:
        state = Text(view.carried_text or "new", style="dim" if not view.carried else "")
        if view.stale:
            state.append("  stale", style="bold red")
    return [
        plain(view.item.title, one_line=True),
        plain(view.owner_name, one_line=True),
        due(view.item.due_on, today, done=view.item.status != "open"),
        state,
    ]


def fit_titles(rows: list[tuple[str, list[Text]]], width: int) -> None:
    """Cut the first column so that every column fits in `width` cells (a DataTable pads
    each cell by one on both sides); the other columns are short and kept whole."""
    others = sum(
        max([len(header), *(row[i].cell_len for _key, row in rows)]) + 2
        for i, header in enumerate(ITEM_COLUMNS)
        if i
    )
    room = max(TITLE_MIN, width - others - 4)  # the cursor's edge and a scrollbar
    for _key, row in rows:
        row[0].truncate(room, overflow="ellipsis")


def feedback_text(detail: SessionDetail) -> Group | Text:
    if not detail.feedback:
        return Text(
            "No feedback yet. Press f to add: what you observed, its impact, and a "
            "suggested next step.",
            style="dim italic",
        )
    parts = []
    for entry in detail.feedback:
        who = detail.pair.person(entry.author_id)
        name = visible(who.display_name, one_line=True) if who else "someone"
        block = Text(f"{name}: ", style="bold")
        block.append(visible(entry.observation))
        if entry.impact:
            block.append("\n  Impact: ", style="dim").append(visible(entry.impact))
        if entry.next_step:
            block.append("\n  Next step: ", style="dim").append(visible(entry.next_step))
        parts.append(block)
        parts.append(Text(""))
    return Group(*parts)
