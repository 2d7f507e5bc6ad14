"""`mentor search QUERY`: every kind of text at once, from the shell.

The quick path (plain sqlite3, as `journal list` takes it) answers unless --pair needs
the full path to resolve a pair by name; the search itself is the same function either
way (services/search.py over models/search_sql.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from typing import Any

from mentor_tui.cli.common import (
    CommandError,
    add_json_option,
    add_pair_option,
    clean_for_terminal,
    print_json,
    subcommand,
)

KIND_NAMES = ("journal", "session", "note", "feedback", "action", "goal", "milestone")
LABEL_WIDTH = 48
BOLD, PLAIN = "\x1b[1m", "\x1b[0m"


def register(commands: Any) -> None:
    found = subcommand(
        commands,
        "search",
        _search,
        "search everything: journal, sessions, notes, feedback, action items, goals, milestones",
    )
    found.add_argument("query", metavar="QUERY", help="words to find (every word must match)")
    found.add_argument(
        "--kind",
        action="append",
        default=[],
        metavar="KIND",
        help=f"only this kind (repeatable, or comma-separated): {', '.join(KIND_NAMES)}",
    )
    found.add_argument(
        "--since", metavar="DATE", help='from this day on (2026-11-01, "2 weeks ago")'
    )
    found.add_argument("--until", metavar="DATE", help="up to this day (inclusive)")
    found.add_argument(
        "-n", dest="limit", type=int, default=20, metavar="N", help="at most N results (default 20)"
    )
    found.add_argument(
        "--newest", action="store_true", help="newest first (default: best match first)"
    )
    add_pair_option(found)
    add_json_option(found)


def _quick(args: argparse.Namespace) -> tuple[Any, str] | None:
    """(sqlite3 connection, my time zone) when the quick path can answer, else None."""
    if args.pair:
        return None
    from mentor_tui.cli.common import home_of
    from mentor_tui.models.journal_quick import open_quick, quick_me
    from mentor_tui.paths import database_path

    conn = open_quick(str(database_path(home_of(args))))
    if conn is None:
        return None
    me = quick_me(conn)  # search spans every pair unless --pair names one
    if me is None:
        conn.close()
        return None
    return conn, me[1]


def _search(args: argparse.Namespace) -> int:
    from mentor_tui.dates import local, parse_date
    from mentor_tui.services.search import check_kinds, match_expression, search

    if args.limit < 1:
        raise CommandError("-n needs a positive number", exit_code=2)
    if match_expression(args.query) is None:
        raise CommandError("give a word to search for", exit_code=2)
    kinds = check_kinds(args.kind)
    quick = _quick(args)
    pair_id = None
    if quick is not None:
        from mentor_tui.cli.common import clock_of

        source, zone = quick
        today = local(clock_of(args).now(), zone).date()
    else:
        from mentor_tui.cli.common import open_store, pair_of
        from mentor_tui.services.profile import require_me, viewer_today

        source = open_store(args)
        zone = require_me(source).timezone
        today = viewer_today(source)
        pair_id = pair_of(source, args).id if args.pair else None
    since = parse_date(args.since, today) if args.since else None
    until = parse_date(args.until, today) if args.until else None
    hits = search(
        source,
        args.query,
        kinds=kinds,
        pair_id=pair_id,
        since=since,
        until=until,
        limit=args.limit,
        newest=args.newest,
        zone=zone,
    )
    if args.json:
        print_json([_hit_json(hit) for hit in hits])
        return 0
    if not hits:
        print("Nothing matches.")
        return 0
    tty = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size().columns if tty else 0
    for hit in hits:
        print(_line(hit, local(hit.when, zone).strftime("%Y-%m-%d"), tty, width))
    return 0


def _hit_json(hit: Any) -> dict[str, Any]:
    from mentor_tui.models.utc import to_utc_text

    return {
        "kind": hit.kind,
        "id": hit.record_id,
        "pair_id": hit.pair_id,
        "when": to_utc_text(hit.when),
        "title": hit.label,
        "detail": hit.detail,
        "parent_id": hit.parent_id,
        "title_spans": [list(span) for span in hit.title],
        "snippet": "".join(part for part, _ in hit.snippet),
        "snippet_spans": [list(span) for span in hit.snippet],
    }


def _spans(spans: Any, tty: bool) -> str:
    """Stored text made safe for the terminal; matches in bold on a terminal."""
    return "".join(
        f"{BOLD}{clean_for_terminal(part)}{PLAIN}" if hit and tty else clean_for_terminal(part)
        for part, hit in spans
    )


def _line(hit: Any, day: str, tty: bool, width: int) -> str:
    """kind, date, label (detail), snippet: one line, the first match in view."""
    from mentor_tui.services.search import clip

    label = _spans(clip(hit.title, LABEL_WIDTH), tty)
    if hit.detail:
        label += f" ({clean_for_terminal(' '.join(hit.detail.split())[:40])})"
    head = f"{hit.kind:<9}  {day}  "
    shown = len(head) + len(_spans(clip(hit.title, LABEL_WIDTH), False))
    shown += len(hit.detail[:40]) + 3 if hit.detail else 0
    room = max(40, width - shown - 2) if width else 0
    snippet = clip(hit.snippet, room) if room else hit.snippet
    tail = f"  {_spans(snippet, tty)}" if snippet else ""
    return head + label + tail
