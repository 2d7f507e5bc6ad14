"""`mentor session list|new|mark` and `mentor checkin`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mentor_tui.cli.common import (
    CommandError,
    add_json_option,
    add_pair_option,
    clean_for_terminal,
    open_store,
    pair_of,
    print_json,
    print_table,
    subcommand,
)


def register(commands: Any) -> None:
    session = subcommand(commands, "session", None, "list and plan mentoring sessions")
    actions = session.add_subparsers(title="session commands", metavar="ACTION", required=True)

    listing = subcommand(actions, "list", _list, "upcoming and past sessions, in both zones")
    add_pair_option(listing)
    add_json_option(listing)

    new = subcommand(actions, "new", _new, "plan a session")
    new.add_argument(
        "--at",
        required=True,
        metavar="WHEN",
        help='date and time in your zone (or --tz): "2026-11-24 15:00", "next tuesday 14:00"',
    )
    new.add_argument("--tz", metavar="ZONE", help="the IANA zone WHEN is in (default: yours)")
    new.add_argument(
        "--kind",
        default="check-in",
        help="kickoff, check-in, quarterly review or ad hoc (default: check-in)",
    )
    new.add_argument("--minutes", type=int, default=45, metavar="N", help="length (default 45)")
    new.add_argument("--agenda", default="", metavar="TEXT", help="the agenda (Markdown)")
    add_pair_option(new)
    add_json_option(new)

    mark = subcommand(actions, "mark", _mark, "mark a session held, cancelled or planned")
    mark.add_argument("session", metavar="ID", help="the session's id or id prefix")
    mark.add_argument("status", choices=("held", "cancelled", "planned"))
    add_pair_option(mark)

    checkin = subcommand(
        commands,
        "checkin",
        _checkin,
        "answer the three check-in questions before a session (mentee)",
    )
    checkin.add_argument("--lesson", help="the lesson that stuck since last time")
    checkin.add_argument("--goal", help="one goal before the next session")
    checkin.add_argument("--rating", help="how well the last goal went, 1-5")
    add_pair_option(checkin)
    add_json_option(checkin)


def _list(args: argparse.Namespace) -> int:
    from mentor_tui.services.sessions import (
        check_kind,
        list_sessions,
        next_session,
        session_json,
        when_text,
    )

    store = open_store(args)
    pair = pair_of(store, args)
    lists = list_sessions(store, pair.id)
    if args.json:
        print_json(
            {
                "upcoming": [session_json(s, pair) for s in lists.upcoming],
                "past": [session_json(s, pair) for s in lists.past],
            }
        )
        return 0
    cadence = next_session(store, pair)
    from mentor_tui.services.profile import viewer_today

    today = viewer_today(store)
    rows = [
        [
            s.id[:8],
            clean_for_terminal(when_text(s, pair)),
            check_kind(s.kind).label,
            s.status,
            f"{s.duration_minutes} min",
        ]
        for s in [*lists.upcoming, *lists.past]
    ]
    if rows:
        print_table(rows, ["ID", "WHEN", "KIND", "STATUS", "LENGTH"])
    else:
        print('No sessions yet. Plan one: mentor session new --at "2026-11-24 15:00"')
    nudge = cadence.nudge(today)
    if nudge:
        print(f"Note: {nudge}.")
    elif cadence.planned is None and cadence.due_on:
        print(f"Next session due {cadence.due_on} (cadence {pair.pair.cadence}).")
    return 0


def _new(args: argparse.Namespace) -> int:
    from mentor_tui.services.sessions import schedule_session, session_json, when_text

    store = open_store(args)
    pair = pair_of(store, args)
    row = schedule_session(
        store,
        pair.id,
        args.at,
        timezone=args.tz,
        kind=args.kind,
        minutes=args.minutes,
        agenda=args.agenda,
    )
    if args.json:
        print_json(session_json(row, pair))
        return 0
    past = " (that is in the past)" if row.starts_at < store.clock.now() else ""
    print(f"Planned ({row.id[:8]}): {clean_for_terminal(when_text(row, pair))}{past}")
    return 0


def _mark(args: argparse.Namespace) -> int:
    from mentor_tui.services.sessions import find_session, set_session_status

    store = open_store(args)
    pair = pair_of(store, args)
    row = set_session_status(store, find_session(store, pair.id, args.session).id, args.status)
    print(f"Session {row.id[:8]} is {row.status}.")
    return 0


def _ask(question: str) -> str:
    try:
        return input(f"{question}\n> ")
    except EOFError:
        return ""


def _checkin(args: argparse.Namespace) -> int:
    from mentor_tui.services.checkins import (
        QUESTIONS,
        answer_checkin,
        check_rating,
        require_mentee,
    )

    store = open_store(args)
    pair = pair_of(store, args)
    require_mentee(pair)
    answers = {"lesson": args.lesson, "next_goal": args.goal, "last_goal_rating": args.rating}
    if sys.stdin.isatty():
        for question in QUESTIONS:
            while answers[question.name] is None:
                answers[question.name] = _ask(question.text)
                if question.name == "last_goal_rating":
                    try:
                        check_rating(answers[question.name])
                    except Exception as problem:
                        print(problem, file=sys.stderr)
                        answers[question.name] = None
    elif all(value is None for value in answers.values()):
        raise CommandError(
            "give --lesson, --goal and/or --rating (or run it in a terminal to be asked)",
            exit_code=2,
        )
    row = answer_checkin(
        store,
        pair.id,
        lesson=answers["lesson"] or "",
        next_goal=answers["next_goal"] or "",
        rating=answers["last_goal_rating"],
    )
    if args.json:
        print_json(row.model_dump(mode="json"))
    else:
        print("Check-in saved" + (" for the next session." if row.session_id else "."))
    return 0
