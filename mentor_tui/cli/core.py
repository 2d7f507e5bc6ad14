"""`mentor init`, `mentor pair ...`, `mentor demo`, `mentor export`, `mentor import`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mentor_tui.cli.common import (
    CommandError,
    add_json_option,
    add_pair_option,
    clean_for_terminal,
    current_pair_id,
    home_of,
    open_store,
    pair_of,
    print_json,
    print_table,
    subcommand,
)


def register(commands: Any) -> None:
    init = subcommand(commands, "init", _init, "set up (or change) your profile")
    init.add_argument("--name", required=True, help="your name as your partner sees it")
    init.add_argument("--timezone", help="your IANA time zone (default: the system's)")
    init.add_argument("--email", default="")

    pair = subcommand(commands, "pair", None, "create, list and show mentorship pairs")
    pair_commands = pair.add_subparsers(title="pair commands", metavar="ACTION", required=True)
    new = subcommand(pair_commands, "new", _pair_new, "start a pair with someone")
    new.add_argument(
        "--with",
        dest="partner",
        metavar="NAME",
        help="your partner's name (required without --from)",
    )
    new.add_argument("--role", help="your role: mentor or mentee (default: mentor)")
    new.add_argument(
        "--their-timezone", default="UTC", metavar="ZONE", help="your partner's IANA time zone"
    )
    new.add_argument("--cadence", default="biweekly", help="weekly, biweekly or monthly")
    new.add_argument(
        "--approver",
        default="mentor",
        help="who approves goals (decision rights): mentor or mentee",
    )
    new.add_argument("--starts", metavar="DATE", help="start date (default: today)")
    new.add_argument("--ends", metavar="DATE", help="planned end date")
    from mentor_tui.cli.charter_flags import add_charter_flags

    add_charter_flags(new)
    add_json_option(new)

    listing = subcommand(pair_commands, "list", _pair_list, "list your pairs (* the current one)")
    add_json_option(listing)
    show = subcommand(pair_commands, "show", _pair_show, "show a pair and its charter")
    show.add_argument(
        "pair", nargs="?", metavar="PAIR", help="id, id prefix or name (default: the current pair)"
    )
    add_json_option(show)
    use = subcommand(
        pair_commands,
        "use",
        _pair_use,
        "make a pair the current one: commands without --pair work on it (as in the app)",
    )
    use.add_argument("pair", metavar="PAIR", help="id, id prefix or name")
    from mentor_tui.cli.closing import register_closing

    register_closing(pair_commands, new)

    demo = subcommand(commands, "demo", _demo, "write the demo pair into your home")
    demo.add_argument(
        "--as",
        dest="demo_as",
        choices=("mentor", "mentee"),
        default="mentor",
        help="be Grace (the mentor) or Ada (the mentee)",
    )

    export = subcommand(commands, "export", _export, "export your data")
    export.add_argument("--format", default="json", choices=("json", "markdown", "ics"))
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.add_argument("--since", metavar="DATE", help="markdown: the period starts that day")
    export.add_argument("--until", metavar="DATE", help="markdown: the period ends that day")
    add_pair_option(export)

    importing = subcommand(commands, "import", _import, "import a JSON export")
    importing.add_argument("file", metavar="FILE")


def _init(args: argparse.Namespace) -> int:
    from mentor_tui.dates import detect_timezone
    from mentor_tui.services.profile import set_up_profile

    store = open_store(args)
    me = set_up_profile(store, args.name, args.timezone or detect_timezone(), args.email)
    name = clean_for_terminal(me.display_name)
    print(f"Profile ready: {name} ({me.timezone}) in {home_of(args)}")
    return 0


def parse_date_arg(text: str | None, store: Any) -> Any:
    from mentor_tui.dates import parse_date
    from mentor_tui.services.profile import viewer_today

    return None if text is None else parse_date(text, viewer_today(store))


def _pair_new(args: argparse.Namespace) -> int:
    from mentor_tui.cli.charter_flags import charter_values
    from mentor_tui.services.pairs import create_pair

    if args.from_pair:
        from mentor_tui.cli.closing import pair_new_from

        return pair_new_from(args)
    if not args.partner:
        raise CommandError("say who with: --with NAME (or --from PAIR)", exit_code=2)
    store = open_store(args)
    view = create_pair(
        store,
        partner_name=args.partner,
        partner_timezone=args.their_timezone,
        my_role=args.role or "mentor",
        cadence=args.cadence,
        goal_approver=args.approver,
        starts_on=parse_date_arg(args.starts, store),
        planned_end_on=parse_date_arg(args.ends, store),
        **charter_values(args),
    )
    if args.json:
        print_json(pair_json(view))
    else:
        print(f"Pair created: {clean_for_terminal(view.label)} ({view.id})")
    return 0


def pair_json(view: Any) -> dict[str, Any]:
    pair = view.pair.model_dump(mode="json")
    pair["mentor"] = view.mentor.model_dump(mode="json", include={"id", "display_name", "timezone"})
    pair["mentee"] = view.mentee.model_dump(mode="json", include={"id", "display_name", "timezone"})
    pair["my_role"] = view.my_role.value if view.my_role else None
    return pair


def _pair_list(args: argparse.Namespace) -> int:
    from mentor_tui.services.pairs import current_pair, list_pairs

    views = list_pairs(open_store(args))
    current = current_pair(views, current_pair_id(args))
    if args.json:
        print_json([{**pair_json(v), "current": v is current} for v in views])
        return 0
    if not views:
        print("No pairs yet. Create one: mentor pair new --with NAME")
        return 0
    rows = [
        [
            "*" if v is current else "",
            v.id[:8],
            clean_for_terminal(v.label),
            v.my_role or "",
            v.pair.cadence,
            v.pair.status,
        ]
        for v in views
    ]
    print_table(rows, ["", "ID", "PAIR", "MY ROLE", "CADENCE", "STATUS"])
    if current is None and len(views) > 1:
        print("No current pair: choose one with `mentor pair use NAME`.")
    return 0


def _pair_use(args: argparse.Namespace) -> int:
    from mentor_tui.config import update_config
    from mentor_tui.services.pairs import find_pair

    view = find_pair(open_store(args), args.pair)
    update_config(home_of(args), last_pair_id=view.id)
    print(
        f"Current pair: {clean_for_terminal(view.label)} ({view.id[:8]}); "
        "commands without --pair work on it."
    )
    return 0


def ending_words(store: Any, view: Any) -> str | None:
    """The planned end near or passed (issue 11): the same words as the Dashboard."""
    from mentor_tui.services.closing_end import end_in_sight
    from mentor_tui.services.profile import viewer_today

    today = viewer_today(store)
    end = end_in_sight(view.pair, today)
    if end is None:
        return None
    return f"{end.words(today)}: time for the final review (mentor pair close)."


def _pair_show(args: argparse.Namespace) -> int:
    from mentor_tui.models.charter import CHARTER_TEXT_FIELDS
    from mentor_tui.services.pairs import decision_rights_text

    store = open_store(args)
    view = pair_of(store, args)
    if args.json:
        print_json(pair_json(view))
        return 0
    pair = view.pair
    print(clean_for_terminal(view.label))
    print(
        f"  id: {pair.id}   status: {pair.status}   cadence: {pair.cadence}   "
        f"goals approved by: {decision_rights_text(view)}"
    )
    print(f"  from {pair.starts_on or '?'} to {pair.planned_end_on or 'open-ended'}")
    if (ending := ending_words(store, view)) is not None:
        print(f"  {ending}")
    for field in CHARTER_TEXT_FIELDS:
        value = getattr(pair, field.name)
        if value:
            print(f"  {field.label}: {clean_for_terminal(value)}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from mentor_tui.demo.builder import write_demo

    store = open_store(args)
    summary = write_demo(store, as_role=args.demo_as)
    print(f"Demo data written to {home_of(args)}: {summary}")
    return 0


def _export(args: argparse.Namespace) -> int:
    store = open_store(args)
    if args.format == "json":
        import json

        from mentor_tui.services.exchange import export_data

        text = json.dumps(export_data(store), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    else:
        from mentor_tui.services import reports

        view = pair_of(store, args)
        since, until = parse_date_arg(args.since, store), parse_date_arg(args.until, store)
        text = reports.render(store, view, args.format, since=since, until=until)
    if args.output:
        from pathlib import Path

        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Exported to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _import(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from mentor_tui.services.exchange import import_data

    path = Path(args.file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"no such file: {path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise CommandError(f"{path} is not a mentor-tui JSON export ({problem})") from None
    result = import_data(open_store(args), data)
    print(f"Imported from {path}: {result}")
    return 0
