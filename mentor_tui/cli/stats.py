"""`mentor stats`: a pair's progress over its life, by week or month, in words and figures."""

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

if TYPE_CHECKING:
    from mentor_tui.services.progress import Bucket, Progress


def register(commands: Any) -> None:
    stats = subcommand(
        commands,
        "stats",
        _stats,
        "the pair's progress: sessions against the cadence, goals, milestones, action "
        "items, ratings, journal activity and wins, by week or month",
    )
    add_pair_option(stats)
    stats.add_argument(
        "--by", choices=("week", "month"), default="month", help="one row per week or month"
    )
    stats.add_argument("--since", metavar="DATE", help="count from that day (default: the start)")
    stats.add_argument("--until", metavar="DATE", help="count up to that day (default: today)")
    add_json_option(stats)


def _rating(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _row(bucket: Bucket, by: str) -> list[str]:
    kept = f"{bucket.cadence_kept}/{bucket.cadence_periods}" if bucket.cadence_periods else ""
    return [
        bucket.start.isoformat() if by == "week" else f"{bucket.start:%Y-%m}",
        str(bucket.sessions_held),
        kept,
        str(bucket.goals_agreed),
        str(bucket.goals_achieved),
        str(bucket.milestones_done),
        str(bucket.milestones_overdue),
        str(bucket.actions_closed),
        str(bucket.actions_open_at_end),
        _rating(bucket.rating),
        str(bucket.journal_entries),
        str(bucket.wins),
    ]


HEADERS = [
    "from",
    "held",
    "kept",
    "agreed",
    "achieved",
    "done",
    "overdue",
    "closed",
    "open",
    "rating",
    "journal",
    "wins",
]


def print_progress(progress: Progress) -> None:
    print(clean_for_terminal(f"Progress of {progress.label}, by {progress.by}", one_line=True))
    print()
    for words in progress.sentences.values():
        print(f"- {words}")
    print()
    print_table([_row(bucket, progress.by) for bucket in progress.buckets], HEADERS)


def _stats(args: argparse.Namespace) -> int:
    from mentor_tui.cli.core import parse_date_arg
    from mentor_tui.services.progress import load_progress

    store = open_store(args)
    pair = pair_of(store, args)
    since, until = parse_date_arg(args.since, store), parse_date_arg(args.until, store)
    progress = load_progress(store, pair.id, by=args.by, since=since, until=until)
    if args.json:
        print_json(progress.as_json())
    else:
        print_progress(progress)
    return 0
