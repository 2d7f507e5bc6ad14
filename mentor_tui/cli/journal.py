"""`mentor journal add|list|share|delete|restore|import`: the journal from the shell.

Kept light: services are imported inside the handlers, so `journal add` costs one
interpreter start, the database layer and one INSERT.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from mentor_tui.cli.common import (
    CommandError,
    add_json_option,
    add_pair_option,
    clean_for_terminal,
    clock_of,
    current_pair_id,
    home_of,
    open_store,
    pair_of,
    print_json,
    subcommand,
)

if TYPE_CHECKING:  # the handlers import these lazily, to keep `journal add` light
    from mentor_tui.models.journal_sql import EntryRow, Spans
    from mentor_tui.models.tables import JournalEntry


def register(commands: Any, only: str | None = None) -> None:
    """`journal` and its actions; with `only`, that action alone (the quick paths: building
    every action's parser costs `journal add` about as much as its INSERT)."""
    journal = subcommand(
        commands, "journal", None, "capture, list, search and import journal entries"
    )
    actions = journal.add_subparsers(title="journal commands", metavar="ACTION", required=True)
    for name, build in ACTIONS.items():
        if only in (None, name):
            build(actions)


def _register_add(actions: Any) -> None:
    add = subcommand(
        actions,
        "add",
        _add,
        "capture a thought in the current pair's journal (private unless --share)",
    )
    add.add_argument(
        "text",
        nargs="?",
        help="the entry; the first sentence becomes the title "
        "unless --title is given (read from stdin when left out)",
    )
    add.add_argument("--title", help="a title; TEXT is then the whole body")
    add.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="a tag (repeatable); @words in the text are tags too",
    )
    add.add_argument("--share", action="store_true", help="share it with your partner")
    add.add_argument("--goal", metavar="GOAL", help="link to a goal (part of its title or id)")
    add_pair_option(add)
    add_json_option(add)


def _register_list(actions: Any) -> None:
    listing = subcommand(
        actions, "list", _list, "list the current pair's entries newest first, or search them"
    )
    listing.add_argument("--search", metavar="WORDS", help="full-text search (every word)")
    listing.add_argument("--tag", metavar="TAG", help="only entries with this tag")
    listing.add_argument(
        "--since", metavar="DATE", help='from this day on (2026-11-01, "2 weeks ago")'
    )
    listing.add_argument("--until", metavar="DATE", help="up to this day (inclusive)")
    listing.add_argument(
        "-n", dest="limit", type=int, default=20, metavar="N", help="at most N entries (default 20)"
    )
    listing.add_argument("--shared", action="store_true", help="only shared entries")
    add_pair_option(listing)
    add_json_option(listing)


def _register_others(actions: Any) -> None:
    share = subcommand(actions, "share", _share, "share an entry with your partner (or --off)")
    share.add_argument("entry", metavar="ID", help="the entry's id or id prefix")
    share.add_argument("--off", action="store_true", help="make it private again")

    delete = subcommand(actions, "delete", _delete, "delete an entry (`journal restore` undoes it)")
    delete.add_argument("entry", metavar="ID", help="the entry's id or id prefix")
    restore = subcommand(actions, "restore", _restore, "bring back a deleted entry")
    restore.add_argument("entry", metavar="ID", help="the deleted entry's id or id prefix")

    importing = subcommand(actions, "import", _import, "import entries from another journal")
    importing.add_argument(
        "--format",
        required=True,
        choices=("jrnl",),
        help="jrnl: its plain-text journal or its JSON export",
    )
    importing.add_argument("file", metavar="FILE")
    importing.add_argument(
        "--tz", metavar="ZONE", help="the zone the journal's times were written in (default: yours)"
    )
    add_pair_option(importing)


# In the order `mentor journal --help` lists them; `only` picks add or list alone (the
# others are built together: only the quick paths count milliseconds).
ACTIONS = {"add": _register_add, "list": _register_list, "": _register_others}


def _pair_id(store: Any, args: argparse.Namespace, *, required: bool = False) -> str | None:
    """The pair an entry is filed under, or a listing shows (as the app's Journal does):
    --pair, else the current pair, else the only one. With no pair at all, None (entries
    then show while there are no pairs) unless one is required. Several pairs and none
    current is a one-line error: an entry filed under no pair would show on no screen."""
    from mentor_tui.services.pairs import NoPairs

    try:
        return pair_of(store, args).id
    except NoPairs:
        if required or getattr(args, "pair", None):
            raise
        return None


class _Quick:
    """The quick path: plain sqlite3, no SQLAlchemy (see models/journal_sql.py). Taken only
    when its answer is the full path's: a known schema, a profile, no --pair, and a pair
    to file under that needs no choosing (the current pair, or the only one, or none at
    all); the full path says why when there is none to choose."""

    def __init__(self, conn: Any, me_id: str, zone: str, pair_id: str | None) -> None:
        self.conn, self.me_id, self.zone, self.pair_id = conn, me_id, zone, pair_id

    @classmethod
    def open(cls, args: argparse.Namespace) -> _Quick | None:
        if getattr(args, "pair", None):
            return None
        from mentor_tui.models.journal_quick import open_quick, quick_identity
        from mentor_tui.paths import database_path

        conn = open_quick(str(database_path(home_of(args))))
        if conn is None:
            return None
        identity = quick_identity(conn, current_pair_id(args))
        if identity is None:
            conn.close()
            return None
        return cls(conn, identity.me_id, identity.zone, identity.pair_id)


def _entry_json(entry: Any) -> dict[str, Any]:
    from mentor_tui.models.utc import to_utc_text

    return {
        "id": entry.id,
        "written_at": to_utc_text(entry.written_at),
        "title": entry.title,
        "body": entry.body,
        "tags": entry.tags.split(),
        "shared": entry.shared,
        "pair_id": entry.pair_id,
        "goal_id": entry.goal_id,
        "prompt": entry.prompt,
    }


def _add(args: argparse.Namespace) -> int:
    from mentor_tui.models.journal_sql import prepare_entry

    text = args.text
    if text is None:
        if sys.stdin.isatty():
            raise CommandError(
                'write the entry in quotes: mentor journal add "what I learned"', exit_code=2
            )
        text = sys.stdin.read()
    quick = None if args.goal else _Quick.open(args)
    if quick is not None and args.share and quick.pair_id is None:
        quick.conn.close()
        quick = None  # the full path says why there is no one to share with
    if quick is not None:
        from mentor_tui.models.journal_quick import quick_add

        draft = prepare_entry(
            text, title=args.title, tags=args.tag, shared=args.share, pair_id=quick.pair_id
        )
        entry: Any = quick_add(
            quick.conn,
            draft,
            author_id=quick.me_id,
            pair_id=quick.pair_id,
            shared=args.share,
            now=clock_of(args).now(),
        )
    else:
        from mentor_tui.services.journal import add_journal_entry, find_goal

        store = open_store(args)
        pair_id = _pair_id(store, args, required=args.share or bool(args.goal))
        goal_id = find_goal(store, pair_id, args.goal).id if args.goal and pair_id else None
        entry = add_journal_entry(
            store,
            text,
            title=args.title,
            tags=args.tag,
            shared=args.share,
            pair_id=pair_id,
            goal_id=goal_id,
        )
    if args.json:
        print_json(_entry_json(entry))
        return 0
    state = "shared" if entry.shared else "private"
    print(f"Added ({state}, {entry.id[:8]}): {_title(entry)}{_tags(entry)}")
    return 0


def _title(entry: Any) -> str:
    return clean_for_terminal(entry.title or (entry.body.strip().splitlines() or [""])[0][:70])


def _tags(entry: Any) -> str:
    """Tags not already visible as @tags in the title."""
    shown = entry.title.lower()
    return clean_for_terminal("".join(f" @{t}" for t in entry.tags.split() if f"@{t}" not in shown))


def _spans(spans: Any, tty: bool) -> str:
    return "".join(
        f"\x1b[1;7m{clean_for_terminal(part)}\x1b[0m" if hit and tty else clean_for_terminal(part)
        for part, hit in spans
    )


def _list(args: argparse.Namespace) -> int:
    from mentor_tui.dates import format_instant, parse_date

    if args.limit < 1:
        raise CommandError("-n needs a positive number", exit_code=2)
    quick = _Quick.open(args)
    if quick is not None:
        from mentor_tui.dates import local
        from mentor_tui.models import journal_sql as q

        zone = quick.zone
        # Today where the viewer is, as the full path's viewer_today says (not UTC's date).
        today = local(clock_of(args).now(), zone).date()
        query = q.make_query(
            args.search,
            pair_id=quick.pair_id,
            tag=args.tag,
            zone=zone,
            shared_only=args.shared,
            since=parse_date(args.since, today) if args.since else None,
            until=parse_date(args.until, today) if args.until else None,
        )
        ids = q.find_ids(quick.conn, query, args.limit)
        marks = q.find_marks(quick.conn, query, ids)
        hits: list[tuple[EntryRow | JournalEntry, Spans, Spans]] = [
            (row, *marks.get(row.id, (((row.title, False),), ())))
            for row in q.fetch_rows(quick.conn, ids)
        ]
    else:
        from mentor_tui.cli.core import parse_date_arg
        from mentor_tui.services.journal import search_journal
        from mentor_tui.services.profile import require_me

        store = open_store(args)
        zone = require_me(store).timezone
        pair_id = _pair_id(store, args)
        found = search_journal(
            store,
            args.search or "",
            pair_id,
            limit=args.limit,
            tag=args.tag,
            zone=zone,
            since=parse_date_arg(args.since, store),
            until=parse_date_arg(args.until, store),
            shared_only=args.shared,
        )
        hits = [(hit.entry, hit.title, hit.snippet) for hit in found]
    if args.json:
        rows = []
        for entry, title, snippet in hits:
            row = _entry_json(entry)
            if args.search is not None:
                row["title_spans"] = [list(span) for span in title]
                row["snippet_spans"] = [list(span) for span in snippet]
            rows.append(row)
        print_json(rows)
        return 0
    if not hits:
        print(
            "No entries match."
            if args.search or args.tag or args.since or args.until or args.shared
            else 'No entries yet. Add one: mentor journal add "what I learned"'
        )
        return 0
    tty = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    for entry, title, snippet in hits:
        mark = "shared " if entry.shared else "private"
        shown = _spans(title, tty) if entry.title else _title(entry)
        print(
            f"{entry.id[:8]}  {format_instant(entry.written_at, zone)}  {mark}  {shown}"
            f"{_tags(entry)}"
        )
        if snippet:
            print("          " + _spans(snippet, tty).replace("\n", " "))
    return 0


def _share(args: argparse.Namespace) -> int:
    from sqlmodel import select

    from mentor_tui.models.tables import JournalEntry
    from mentor_tui.services.journal import set_shared

    store = open_store(args)
    needle = args.entry.strip().lower()
    if len(needle) < 4:
        raise CommandError("give at least 4 characters of the entry's id", exit_code=2)
    with store.read() as session:
        ids = session.exec(
            select(JournalEntry.id).where(
                JournalEntry.id.startswith(needle),
                JournalEntry.deleted == False,  # noqa: E712
            )
        ).all()
    if len(ids) != 1:
        raise CommandError(f"{'no' if not ids else 'several'} journal entries match {needle!r}")
    entry = set_shared(store, ids[0], not args.off)
    print(
        f"{'Shared' if entry.shared else 'Private again'}: "
        f"{clean_for_terminal(entry.title or entry.body[:60])}"
    )
    return 0


def _delete(args: argparse.Namespace) -> int:
    from mentor_tui.cli.restore import delete_and_say
    from mentor_tui.services.restore import find_record

    store = open_store(args)
    return delete_and_say(store, "journal", find_record(store, "journal", args.entry))


def _restore(args: argparse.Namespace) -> int:
    from mentor_tui.cli.restore import restore_and_say

    return restore_and_say(open_store(args), "journal", args.entry)


def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from mentor_tui.services.jrnl_import import import_jrnl

    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"no such file: {path}")
    store = open_store(args)
    result = import_jrnl(store, path, timezone=args.tz, pair_id=_pair_id(store, args))
    print(f"Imported from {path}: {result}")
    return 0
