"""`mentor session ...`, `mentor action edit|reopen`, `mentor feedback edit|delete|restore`
and `mentor checkin`."""

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
from mentor_tui.cli.session_log import register_log


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

    reschedule = subcommand(actions, "reschedule", _reschedule, "move a session to another time")
    reschedule.add_argument("session", metavar="ID", help="the session's id or id prefix")
    reschedule.add_argument(
        "--at", required=True, metavar="WHEN", help="the new date and time (as for `session new`)"
    )
    reschedule.add_argument(
        "--tz", metavar="ZONE", help="the IANA zone WHEN is in (default: the session's)"
    )
    add_pair_option(reschedule)
    delete = subcommand(
        actions, "delete", _delete, "delete a session (`session restore` undoes it)"
    )
    delete.add_argument("session", metavar="ID", help="the session's id or id prefix")
    add_pair_option(delete)
    restore = subcommand(actions, "restore", _restore, "bring back a deleted session")
    restore.add_argument("session", metavar="ID", help="the deleted session's id or id prefix")
    register_log(actions)

    _register_actions(commands)
    _register_feedback(commands)

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


def _reschedule(args: argparse.Namespace) -> int:
    from mentor_tui.services.sessions import find_session, reschedule_session, when_text

    store = open_store(args)
    pair = pair_of(store, args)
    row = reschedule_session(
        store, find_session(store, pair.id, args.session).id, args.at, timezone=args.tz
    )
    past = " (that is in the past)" if row.starts_at < store.clock.now() else ""
    print(f"Moved ({row.id[:8]}): {clean_for_terminal(when_text(row, pair))}{past}")
    return 0


def _delete(args: argparse.Namespace) -> int:
    from mentor_tui.cli.restore import delete_and_say
    from mentor_tui.services.sessions import find_session

    store = open_store(args)
    return delete_and_say(
        store, "session", find_session(store, pair_of(store, args).id, args.session)
    )


def _restore(args: argparse.Namespace) -> int:
    from mentor_tui.cli.restore import restore_and_say

    return restore_and_say(open_store(args), "session", args.session)


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


def _register_actions(commands: Any) -> None:
    group = subcommand(commands, "action", None, "change action items raised in sessions")
    actions = group.add_subparsers(title="action commands", metavar="ACTION", required=True)
    edit = subcommand(
        actions, "edit", _action_edit, "change an action item's title, due date or owner"
    )
    edit.add_argument("item", metavar="ID", help="the action item's id or id prefix")
    edit.add_argument("--title", metavar="T", help="the new title")
    edit.add_argument(
        "--due", metavar="DATE", help='the new due date ("2026-12-01", "next friday"; none clears)'
    )
    edit.add_argument("--owner", choices=("me", "partner"), help="who owns it")
    reopen = subcommand(actions, "reopen", _action_reopen, "open a done or dropped item again")
    reopen.add_argument("item", metavar="ID", help="the action item's id or id prefix")


def _action_edit(args: argparse.Namespace) -> int:
    from mentor_tui.cli.core import parse_date_arg
    from mentor_tui.services.actions import update_action_item
    from mentor_tui.services.pairs import get_pair
    from mentor_tui.services.restore import find_record

    if args.title is None and args.due is None and args.owner is None:
        raise CommandError("give --title, --due and/or --owner", exit_code=2)
    store = open_store(args)
    item: Any = find_record(store, "action", args.item)
    changes: dict[str, Any] = {}
    if args.due is not None:
        cleared = args.due.strip().lower() in ("", "none")
        changes["due_on"] = None if cleared else parse_date_arg(args.due, store)
    if args.owner is not None:
        pair = get_pair(store, item.pair_id)
        changes["owner_id"] = (pair.me if args.owner == "me" else pair.partner).id
    row = update_action_item(store, item.id, title=args.title, **changes)
    due = f", due {row.due_on}" if row.due_on else ""
    print(f"Changed action item {row.id[:8]}: {clean_for_terminal(row.title)}{due}")
    return 0


def _action_reopen(args: argparse.Namespace) -> int:
    from mentor_tui.services.actions import reopen_action_item
    from mentor_tui.services.restore import find_record

    store = open_store(args)
    row = reopen_action_item(store, find_record(store, "action", args.item).id)
    print(f"Open again ({row.id[:8]}): {clean_for_terminal(row.title)}")
    return 0


def _register_feedback(commands: Any) -> None:
    group = subcommand(commands, "feedback", None, "change feedback given in sessions")
    actions = group.add_subparsers(title="feedback commands", metavar="ACTION", required=True)
    edit = subcommand(actions, "edit", _feedback_edit, "change a feedback entry's text")
    edit.add_argument("feedback", metavar="ID", help="the feedback's id or id prefix")
    edit.add_argument(
        "--text", "--observation", dest="observation", metavar="TEXT", help="what was observed"
    )
    edit.add_argument("--impact", metavar="TEXT", help="its impact")
    edit.add_argument("--next-step", dest="next_step", metavar="TEXT", help="a next step")
    delete = subcommand(
        actions, "delete", _feedback_delete, "delete feedback (`feedback restore` undoes it)"
    )
    delete.add_argument("feedback", metavar="ID", help="the feedback's id or id prefix")
    restore = subcommand(actions, "restore", _feedback_restore, "bring back deleted feedback")
    restore.add_argument("feedback", metavar="ID", help="the deleted feedback's id or id prefix")


def _feedback_line(row: Any) -> str:
    first = (row.observation.strip().splitlines() or [""])[0][:70]
    return clean_for_terminal(first)


def _feedback_edit(args: argparse.Namespace) -> int:
    from mentor_tui.services.actions import update_feedback
    from mentor_tui.services.restore import find_record

    names = ("observation", "impact", "next_step")
    changes = {name: getattr(args, name) for name in names if getattr(args, name) is not None}
    if not changes:
        raise CommandError("give --text, --impact and/or --next-step", exit_code=2)
    store = open_store(args)
    row = update_feedback(store, find_record(store, "feedback", args.feedback).id, **changes)
    print(f"Changed feedback {row.id[:8]}: {_feedback_line(row)}")
    return 0


def _feedback_delete(args: argparse.Namespace) -> int:
    from mentor_tui.cli.restore import delete_and_say
    from mentor_tui.services.restore import find_record

    store = open_store(args)
    return delete_and_say(store, "feedback", find_record(store, "feedback", args.feedback))


def _feedback_restore(args: argparse.Namespace) -> int:
    from mentor_tui.cli.restore import restore_and_say

    return restore_and_say(open_store(args), "feedback", args.feedback)
