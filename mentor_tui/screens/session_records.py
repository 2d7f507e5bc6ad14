"""The session editor's one-key changes to its records: an action item done, dropped or
deleted, a feedback entry deleted; each through the app's undo (screens/undo.py), so `u`
takes it back. Kept apart from the editor, which owns the texts and the tabs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text

from mentor_tui.services.actions import (
    complete_action_item,
    delete_action_item,
    delete_feedback,
    drop_action_item,
    reopen_action_item,
)
from mentor_tui.services.restore import restore_record
from mentor_tui.services.sessions import SessionDetail
from mentor_tui.services.text import visible
from mentor_tui.widgets.record_table import RecordTable
from mentor_tui.widgets.render import one_line, plain

if TYPE_CHECKING:
    from mentor_tui.app import MentorApp

FEEDBACK_COLUMNS = ("By", "Observation", "Impact", "Next step")


def feedback_rows(detail: SessionDetail) -> list[tuple[str, list[Text]]]:
    """One row per feedback entry, for the table the Delete key works on."""
    rows = []
    for entry in detail.feedback:
        who = detail.pair.person(entry.author_id)
        rows.append(
            (
                entry.id,
                [
                    Text(visible(who.display_name, one_line=True) if who else "someone"),
                    plain(entry.observation, one_line=True),
                    plain(entry.impact, one_line=True),
                    plain(entry.next_step, one_line=True),
                ],
            )
        )
    return rows


def _item_title(table: RecordTable, item_id: str) -> str:
    return one_line(str(table.get_row(item_id)[0]), 40)


def change_item(app: MentorApp, table: RecordTable, what: str, then: Callable[[], None]) -> None:
    """d done, x drop, del delete the selected action item; u undoes it. An item my
    partner raised is theirs to close or delete: the service refuses, in one line."""
    item_id = table.selected_key
    if not item_id:
        return
    title = _item_title(table, item_id)
    if what == "delete":
        app.undo.run(
            lambda store: delete_action_item(store, item_id),
            f"Deleted action item “{title}”",
            lambda store: restore_record(store, "action", item_id),
            then=then,
        )
        return
    service = complete_action_item if what == "done" else drop_action_item
    app.undo.run(
        lambda store: service(store, item_id),
        f"{'Marked done' if what == 'done' else 'Dropped'}: action item “{title}”",
        lambda store: reopen_action_item(store, item_id),
        then=then,
    )


def delete_feedback_entry(app: MentorApp, table: RecordTable, then: Callable[[], None]) -> None:
    feedback_id = table.selected_key
    if not feedback_id:
        return
    said = one_line(str(table.get_row(feedback_id)[1]), 40)
    app.undo.run(
        lambda store: delete_feedback(store, feedback_id),
        f"Deleted feedback “{said}”",
        lambda store: restore_record(store, "feedback", feedback_id),
        then=then,
    )
