"""`mentor delete KIND ID`, `mentor restore KIND ID` and `mentor trash`: delete and bring back
any record of mine from the shell, and list what can be brought back.

The per-kind commands (`journal delete|restore`, `session delete|restore`, `feedback
delete|restore`) print through the same two helpers, so every kind says it one way.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from mentor_tui.cli.common import (
    add_json_option,
    add_pair_option,
    clean_for_terminal,
    open_store,
    pair_of,
    print_json,
    print_table,
    subcommand,
)

if TYPE_CHECKING:  # imported lazily in the handlers: `mentor --help` stays light
    from mentor_tui.models.db import Store
    from mentor_tui.services.restore import Kind

# The kinds, as `services.restore.KINDS` has them (a literal here keeps --help light).
KIND_NAMES = ("journal", "session", "feedback", "action", "milestone", "checkin", "goal")
# Kinds with commands of their own say `mentor journal restore ID`; the others the generic.
_OWN_COMMAND = {"journal", "session", "feedback"}


def register(commands: Any) -> None:
    kinds = ", ".join(KIND_NAMES)
    delete = subcommand(
        commands, "delete", _delete, "delete a record of yours (`mentor restore` undoes it)"
    )
    delete.add_argument("kind", metavar="KIND", help=f"one of: {kinds} (a goal is dropped)")
    delete.add_argument("record", metavar="ID", help="its id or id prefix (4+ characters)")
    restore = subcommand(
        commands,
        "restore",
        _restore,
        "bring back a deleted record; reopen a dropped action item or a dropped or achieved goal",
    )
    restore.add_argument("kind", metavar="KIND", help=f"one of: {kinds}")
    restore.add_argument("record", metavar="ID", help="its id or id prefix (see `mentor trash`)")
    trash = subcommand(
        commands, "trash", _trash, "your deleted (and dropped) records of the pair, newest first"
    )
    add_pair_option(trash)
    add_json_option(trash)


def describe(store: Store, kind: Kind, row: Any) -> str:
    """A record in a few words, cleaned for the terminal."""
    if kind == "session":
        from mentor_tui.services.pairs import get_pair
        from mentor_tui.services.sessions import when_text

        return clean_for_terminal(when_text(row, get_pair(store, row.pair_id)))
    text = {
        "journal": lambda: row.title or row.body,
        "feedback": lambda: row.observation,
        "checkin": lambda: row.lesson or row.next_goal,
    }.get(kind, lambda: row.title)()
    return clean_for_terminal((str(text).strip().splitlines() or [""])[0][:70])


def _said(kind: Kind, short: str, what: str, verb: str) -> str:
    from mentor_tui.services.restore import say

    if kind == "journal":
        return f"{verb} ({short}): {what}"
    if kind == "session":
        return f"{verb} session {short} ({what})"
    return f"{verb} {say(kind)} {short}: {what}"


def delete_and_say(store: Store, kind: Kind, row: Any) -> int:
    """Delete `row` (found by the caller) and say how to bring it back."""
    from mentor_tui.services.restore import delete_record

    delete_record(store, kind, row.id)
    short = row.id[:8]
    undo = f"{kind} restore" if kind in _OWN_COMMAND else f"restore {kind}"
    said = _said(kind, short, describe(store, kind, row), "Deleted")
    print(f"{said}; undo with: mentor {undo} {short}")
    return 0


def restore_and_say(store: Store, kind: Kind, ref: str) -> int:
    """Restore the record `ref` names (an id or id prefix) and say what came back."""
    from mentor_tui.services.restore import find_restorable, restore_record

    row = restore_record(store, kind, find_restorable(store, kind, ref).id)
    line = _said(kind, row.id[:8], describe(store, kind, row), "Restored")
    if kind in ("action", "goal"):
        line += f" ({getattr(row, 'status', '')})"
    print(line + ("." if kind == "session" else ""))
    return 0


def _delete(args: argparse.Namespace) -> int:
    from mentor_tui.services.restore import check_kind, find_record

    kind = check_kind(args.kind)
    store = open_store(args)
    return delete_and_say(store, kind, find_record(store, kind, args.record))


def _restore(args: argparse.Namespace) -> int:
    from mentor_tui.services.restore import check_kind

    kind = check_kind(args.kind)
    return restore_and_say(open_store(args), kind, args.record)


def _trash(args: argparse.Namespace) -> int:
    from mentor_tui.dates import local
    from mentor_tui.services.restore import say
    from mentor_tui.services.trash import list_trash

    store = open_store(args)
    pair = pair_of(store, args)
    rows = list_trash(store, pair.id, pair.me.timezone)
    if args.json:
        print_json(
            [
                {"kind": t.kind, "id": t.id, "title": t.title, "when": t.when, "state": t.state}
                for t in rows
            ]
        )
        return 0
    if not rows:
        print("Nothing deleted in this pair.")
        return 0
    print_table(
        [
            [
                t.id[:8],
                say(t.kind) + ("" if t.state == "deleted" else f" ({t.state})"),
                clean_for_terminal((t.title.splitlines() or [""])[0][:60]),
                local(t.when, pair.me.timezone).strftime("%a %d %b %H:%M"),
            ]
            for t in rows
        ],
        ["ID", "Kind", "Title", "Deleted"],
    )
    print("Bring one back with: mentor restore KIND ID")
    return 0
