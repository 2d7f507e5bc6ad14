"""`mentor pair close`, `mentor pair reopen`, `mentor pair review` and
`mentor pair new --from PAIR`: ending a mentorship well (services/closing).

The final review comes from flags (--achieved, --keep-doing, --change, --next, --again),
from a file with a heading per question (--file, - for stdin), or, in a terminal, from
$VISUAL/$EDITOR on a template.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mentor_tui.cli.common import (
    CommandError,
    add_json_option,
    clean_for_terminal,
    current_pair_id,
    edit_text,
    open_store,
    print_json,
    read_text_file,
    subcommand,
)

ANSWER_FLAGS = ("achieved", "keep_doing", "change", "next_steps")


def register_closing(pair_commands: Any, new: argparse.ArgumentParser) -> None:
    """The closing commands beside `pair new/list/show/use`, and `pair new --from`."""
    close = subcommand(
        pair_commands,
        "close",
        _close,
        "close a mentorship with your final review (the record becomes read-only)",
    )
    _pair_argument(close)
    close.add_argument("--achieved", metavar="TEXT", help="what was achieved: goals met and not")
    close.add_argument("--keep-doing", dest="keep_doing", metavar="TEXT", help="what worked")
    close.add_argument("--change", metavar="TEXT", help="what you would change")
    close.add_argument("--next", dest="next_steps", metavar="TEXT", help="what next")
    close.add_argument("--again", type=int, metavar="1-5", help="would you do it again: 1-5")
    close.add_argument(
        "--file", metavar="PATH", help="the review with a heading per question; - is stdin"
    )
    add_json_option(close)

    reopen = subcommand(pair_commands, "reopen", _reopen, "reopen a closed mentorship")
    _pair_argument(reopen)

    review = subcommand(
        pair_commands, "review", _review, "show both final reviews of a closed mentorship"
    )
    _pair_argument(review)
    add_json_option(review)

    new.add_argument(
        "--from",
        dest="from_pair",
        metavar="PAIR",
        help="start the next mentorship from a closed one: its open goals, milestones and "
        "action items, and both reviews' 'what next' (same partner unless --with)",
    )
    new.add_argument(
        "--goal",
        dest="carry_goals",
        action="append",
        metavar="ID",
        help="with --from: carry only this open goal (id or id prefix; repeat for more)",
    )
    new.add_argument(
        "--no-actions",
        dest="carry_actions",
        action="store_false",
        help="with --from: leave the open action items behind",
    )


def _pair_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "pair", nargs="?", metavar="PAIR", help="id, id prefix or name (default: the current pair)"
    )


def _find(store: Any, args: argparse.Namespace, ref: str | None) -> Any:
    from mentor_tui.services.pairs import find_pair

    return find_pair(store, ref, current_pair_id(args))


def _interactive() -> bool:
    """May we open an editor: stdin is a terminal (a test replaces this)."""
    return sys.stdin.isatty()


def _editor_text(template: str) -> str:
    return edit_text(
        template,
        "final-review.md",
        no_editor="set $EDITOR, or give the review with flags or --file",
        not_done="not closed",
    )


def _answers(args: argparse.Namespace) -> dict[str, Any]:
    from mentor_tui.services.closing import REVIEW_TEMPLATE, parse_review_text

    flagged = {name: getattr(args, name) for name in ANSWER_FLAGS if getattr(args, name)}
    if args.again is not None:
        flagged["again"] = args.again
    if flagged and args.file is not None:
        raise CommandError("give the review with flags or with --file, not both", exit_code=2)
    if flagged:
        return flagged
    if args.file is not None:
        return parse_review_text(read_text_file(args.file))
    if not _interactive():
        raise CommandError(
            "give the final review: --achieved, --keep-doing, --change, --next, --again "
            "or --file FILE (or run it in a terminal to write it in $EDITOR)",
            exit_code=2,
        )
    return parse_review_text(_editor_text(REVIEW_TEMPLATE))


def _close(args: argparse.Namespace) -> int:
    from mentor_tui.services.closing import close_pair

    answers = _answers(args)
    store = open_store(args)
    view = _find(store, args, args.pair)
    review = close_pair(store, view.id, **answers)
    if args.json:
        print_json(review.model_dump(mode="json"))
        return 0
    name = clean_for_terminal(view.partner.display_name)
    print(
        f"Closed the mentorship with {name}; your final review is kept and the record is "
        "now read-only."
    )
    print(f"  Start the next one: mentor pair new --from {view.id[:8]}")
    return 0


def _reopen(args: argparse.Namespace) -> int:
    from mentor_tui.services.closing import reopen_pair

    store = open_store(args)
    view = reopen_pair(store, _find(store, args, args.pair).id)
    name = clean_for_terminal(view.partner.display_name)
    print(f"Reopened the mentorship with {name}; it can be changed again.")
    return 0


def _review(args: argparse.Namespace) -> int:
    from mentor_tui.services.closing import AGAIN_QUESTION, QUESTIONS, load_closing

    store = open_store(args)
    closing = load_closing(store, _find(store, args, args.pair).id)
    pair = closing.pair
    sides = [("you", closing.mine), (pair.partner.display_name, closing.partners)]
    if args.json:
        print_json(
            {
                "pair_id": pair.id,
                "status": pair.pair.status,
                "mine": closing.mine.model_dump(mode="json") if closing.mine else None,
                "partner": closing.partners.model_dump(mode="json") if closing.partners else None,
                "figures": closing.figures,
                "goals": {g.goal.title: g.goal.status for g in closing.goals},
            }
        )
        return 0
    print(f"Final reviews: {clean_for_terminal(pair.label)} ({pair.pair.status})")
    for who, review in sides:
        print(f"\n## {clean_for_terminal(who)}")
        if review is None:
            print("  (no final review yet)")
            continue
        for name, question in QUESTIONS:
            print(f"  {question}\n    {clean_for_terminal(getattr(review, name) or '-')}")
        print(f"  {AGAIN_QUESTION} {review.again or '-'}")
    print("\n## Goals")
    for goal in closing.goals:
        print(f"  {goal.goal.status:<9} {clean_for_terminal(goal.goal.title, one_line=True)}")
    print("\n## Figures")
    for line in closing.figures:
        print(f"  {line}")
    return 0


def pair_new_from(args: argparse.Namespace) -> int:
    """`mentor pair new --from PAIR`: the next mentorship from a closed one."""
    from mentor_tui.cli.core import parse_date_arg
    from mentor_tui.services.closing import start_next_pair
    from mentor_tui.services.goals import find_goal

    store = open_store(args)
    old = _find(store, args, args.from_pair)
    goal_ids = (
        [find_goal(store, old.id, ref).goal.id for ref in args.carry_goals]
        if args.carry_goals
        else None
    )
    view = start_next_pair(
        store,
        old.id,
        partner_name=args.partner,
        partner_timezone=args.their_timezone,
        my_role=args.role,
        goal_ids=goal_ids,
        carry_actions=args.carry_actions,
        starts_on=parse_date_arg(args.starts, store),
    )
    if args.json:
        from mentor_tui.cli.core import pair_json

        print_json(pair_json(view))
        return 0
    print(f"Pair created: {clean_for_terminal(view.label)} ({view.id})")
    print(f"  continues {clean_for_terminal(old.label)} ({old.id[:8]}), closed")
    return 0
