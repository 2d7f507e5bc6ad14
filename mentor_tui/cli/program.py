"""`mentor program ...`: a program of many pairs in one shared place (docs/program.md).
The coordinator sets up, proposes matches, refreshes and reports; participants join,
answer the intake, accept or decline, publish their summaries, preview, leave."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mentor_tui.cli.common import (
    CommandError,
    add_json_option,
    clean_for_terminal,
    home_of,
    open_store,
    print_json,
    subcommand,
)
from mentor_tui.cli.program_cycle import add_cycle
from mentor_tui.cli.program_intake import INTAKE_FLAGS, add_questions, intake
from mentor_tui.cli.program_intake import ask_password as _ask
from mentor_tui.wording import plural


def register(commands: Any) -> None:
    program = subcommand(
        commands, "program", _status, "a program of many pairs: intake, matching, roll-up"
    )
    actions = program.add_subparsers(title="program commands", metavar="ACTION")

    setup = subcommand(
        actions, "setup", _setup, "start a program (you coordinate) and print its enrolment code"
    )
    setup.add_argument("name", metavar="NAME")
    where = setup.add_mutually_exclusive_group(required=True)
    where.add_argument("--git", metavar="URL", help="a git repository: a path, ssh or https URL")
    where.add_argument("--webdav", metavar="URL", help="a WebDAV folder")
    setup.add_argument("--user", default="", help="your WebDAV user name")
    setup.add_argument(
        "--encrypt", action="store_true", help="intake answers and summaries sealed to your key"
    )
    setup.add_argument("--cycle", default="", help="the cycle's name, e.g. 2026-H2")
    setup.add_argument(
        "--cycle-end", default=None, metavar="DATE", help="the cycle's last day (YYYY-MM-DD)"
    )
    setup.add_argument("--cadence", default="biweekly", choices=("weekly", "biweekly", "monthly"))
    setup.add_argument("--weeks", type=int, default=26, help="each pair's planned length in weeks")

    join = subcommand(actions, "join", _join, "enrol in a program with the coordinator's code")
    join.add_argument("code", metavar="CODE")
    join.add_argument("--as", dest="role", required=True, choices=("mentor", "mentee", "either"))
    join.add_argument("--user", default="", help="your WebDAV user name (WebDAV programs only)")

    answers = subcommand(
        actions, "intake", intake, "answer the intake questionnaire (for the coordinator only)"
    )
    answers.add_argument("--file", default=None, help="a JSON file of answers")
    from mentor_tui.services.intake import QUESTIONS  # plain data: cheap to import

    for key, prompt in QUESTIONS:  # in the questionnaire's order, its prompts as help
        if key in INTAKE_FLAGS:
            answers.add_argument(
                f"--{key.replace('_', '-')}", default=None, metavar="TEXT", help=prompt
            )

    matches = subcommand(
        actions, "matches", _matches, "ranked suggestions for every unmatched mentee"
    )
    add_json_option(matches)
    match = subcommand(actions, "match", _match, "propose a match: both people get an invitation")
    match.add_argument("mentee", metavar="MENTEE", help="a name or an id (prefix)")
    match.add_argument("mentor", metavar="MENTOR", help="a name or an id (prefix)")
    match.add_argument("--cohort", default="")
    match.add_argument(
        "--previous", default=None, metavar="PAIR", help="rotation: the closed pair this follows"
    )

    subcommand(
        actions, "invitations", _invitations, "the matches proposed to you, and where they stand"
    )
    accept = subcommand(actions, "accept", _accept, "accept a proposed match")
    accept.add_argument("pair", metavar="PAIR", help="the pair id (or its first characters)")
    decline = subcommand(actions, "decline", _decline, "decline a proposed match")
    decline.add_argument("pair", metavar="PAIR")

    subcommand(actions, "publish", _publish, "publish your summaries (figures only)")
    preview = subcommand(actions, "preview", _preview, "exactly what your summaries say")
    add_json_option(preview)
    preview.add_argument("--bytes", action="store_true", help="the files exactly as published")
    subcommand(
        actions, "leave", _leave, "leave the program: your enrolment and summaries are withdrawn"
    )
    refresh = subcommand(actions, "refresh", _refresh, "read every pair's summary (coordinator)")
    add_json_option(refresh)
    status = subcommand(actions, "status", _status, "the program, your role, the last refresh")
    add_json_option(status)
    report = subcommand(actions, "report", _report, "the roll-up for leadership")
    report.add_argument("--format", default="markdown", choices=("markdown", "csv", "json"))
    report.add_argument("--cohort", default=None)
    cycle = add_cycle(actions, subcommand)
    questions = add_questions(actions, subcommand)
    for parser in (setup, join, answers, matches, match, accept, decline, preview, refresh,
                   status, report, cycle, questions):  # fmt: skip
        parser.add_argument(
            "--program", default=None, help="the program's id (when you are in several)"
        )
    for name in ("invitations", "publish", "leave"):
        actions.choices[name].add_argument("--program", default=None, help="the program's id")


def _problems(lines: list[str]) -> int:
    for line in lines:
        print(f"mentor: {clean_for_terminal(line)}", file=sys.stderr)
    return 1 if lines else 0


def _setup(args: argparse.Namespace) -> int:
    from datetime import date

    from mentor_tui.program.service import setup

    try:
        end = date.fromisoformat(args.cycle_end) if args.cycle_end else None
    except ValueError:
        raise CommandError(
            f"--cycle-end is a date like 2026-12-31, not {args.cycle_end[:40]!r}"
        ) from None
    password = None
    if args.webdav:
        if not args.user:
            raise CommandError("give the WebDAV user name (--user)")
        from mentor_tui.sync.credentials import get_password
        from mentor_tui.sync.dav_base import host_of

        password = get_password(args.user, host_of(args.webdav), _ask)
    store = open_store(args)
    code, state = setup(
        store, home_of(args), args.name, kind="git" if args.git else "webdav",
        url=args.git or args.webdav, user=args.user, password=password, encrypt=args.encrypt,
        cycle=args.cycle, cycle_end=end, cadence=args.cadence, length_weeks=args.weeks,
    )  # fmt: skip
    print(f"Program {clean_for_terminal(state.name)} is set up; you coordinate it.")
    print("Enrolment code (it holds no password):")
    print(f"  {code}")
    print("Participants run: mentor program join CODE --as mentor|mentee|either")
    return 0


def _join(args: argparse.Namespace) -> int:
    from mentor_tui.program.service import join

    store = open_store(args)
    program, _state = join(store, home_of(args), args.code, args.role, user=args.user, ask=_ask)
    print(f"Enrolled in {clean_for_terminal(program.name)} as {args.role}.")
    print("Next: mentor program intake")
    return 0


def _view(args: argparse.Namespace) -> Any:
    """The coordinator's view, refreshed; the cached one (with a warning line) when the
    shared place cannot be reached."""
    from mentor_tui.errors import MentorError
    from mentor_tui.program.refresh import load_view, refresh
    from mentor_tui.program.service import pick

    state = pick(home_of(args), args.program)
    try:
        view, problems = refresh(home_of(args), program_id=state.program_id, ask=_ask)
    except MentorError as problem:
        cached = load_view(home_of(args), state.program_id)
        if cached is None:
            raise
        view = cached
        problems = [f"{problem}; showing the roll-up of {view.refreshed_at or 'the last refresh'}"]
    _problems(problems)
    return view


def _matches(args: argparse.Namespace) -> int:
    from mentor_tui.services.matching import suggest
    from mentor_tui.services.program_types import MatchRules

    view = _view(args)
    found = suggest(view.participants, view.pairs, MatchRules())
    if args.json:
        print_json({m: [s.__dict__ for s in ranked] for m, ranked in found.items()})
        return 0
    names = {p: a.name for p, a in view.participants.items()}
    if not found:
        print("No mentee waits for a match.")
    for mentee, ranked in found.items():
        print(f"{clean_for_terminal(names.get(mentee, mentee))} ({mentee[:8]}):")
        if not ranked:
            rules = MatchRules()
            print(
                f"  no mentor with room who shares {rules.min_overlap_hours} or more working "
                "hours (match them by hand with `mentor program match`)"
            )
        for s in ranked[:5]:
            why = "; ".join(s.reasons) + ("; paired before" if s.repeat else "")
            print(f"  {s.score:5.1f}  {clean_for_terminal(names.get(s.mentor_id, s.mentor_id))} "
                  f"({s.mentor_id[:8]}): {clean_for_terminal(why)}")  # fmt: skip
    if found:
        print("Propose one: mentor program match MENTEE MENTOR (a name, its start or an id)")
    return 0


def _person(view: Any, ref: str) -> str:
    people = {**{p: a.name for p, a in view.participants.items()}, **view.enrolled_without_intake}
    text = " ".join(ref.split()).casefold()
    # The whole name, else the start of a name ("Dee", "dee d"), else an id prefix.
    found = (
        [p for p, name in people.items() if name.casefold() == text]
        or [p for p, name in people.items() if text and name.casefold().startswith(text)]
        or [p for p in people if text and p.startswith(text)]
    )
    if len(found) == 1:
        return found[0]
    shown = clean_for_terminal(ref, one_line=True)[:40]
    if not found:
        raise CommandError(
            f"nobody enrolled is called {shown!r} (a name, its start or an id prefix)"
        )
    names = ", ".join(sorted(clean_for_terminal(people[p], one_line=True) for p in found)[:5])
    raise CommandError(f"{shown!r} could be {names}: say more of the name")


def _match(args: argparse.Namespace) -> int:
    from mentor_tui.program.answers import propose_match
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import pick
    from mentor_tui.services.profile import viewer_today

    home = home_of(args)
    state = pick(home, args.program)
    view, _seen = refresh(home, program_id=state.program_id, ask=_ask)
    mentee, mentor = _person(view, args.mentee), _person(view, args.mentor)
    names = {**{p: a.name for p, a in view.participants.items()}, **view.enrolled_without_intake}
    pair = propose_match(
        home, mentee, mentor, cohort=args.cohort, previous=args.previous or "",
        today=viewer_today(open_store(args)), program_id=state.program_id, ask=_ask,
    )  # fmt: skip
    print(f"Proposed {clean_for_terminal(names[mentor])} → {clean_for_terminal(names[mentee])} "
          f"(pair {pair.pair_id[:8]}); both are invited.")  # fmt: skip
    return 0


def _invitations(args: argparse.Namespace) -> int:
    from mentor_tui.program.answers import invitations

    found, problems = invitations(
        open_store(args), home_of(args), program_id=args.program, ask=_ask
    )
    if not found:
        print("No match proposed to you yet.")
    for inv in found:
        state = (
            "made"
            if inv.made
            else f"you: {inv.mine or 'not answered'}, they: {inv.theirs or 'not answered'}"
        )
        print(f"{inv.pair_id[:8]}  {inv.role} of {clean_for_terminal(inv.partner_name)}  ({state})")
    return _problems(problems)


def _answer(args: argparse.Namespace, accept: bool) -> int:
    from mentor_tui.program.answers import answer

    inv, problems = answer(
        open_store(args), home_of(args), args.pair, accept, program_id=args.program, ask=_ask
    )
    partner = clean_for_terminal(inv.partner_name)
    if not accept:
        print(f"Declined the match with {partner}.")
    elif inv.made:
        print(f"The pair with {partner} is made and syncs to the program's place (`mentor sync`).")
    else:
        print(f"Accepted; waiting for {partner}: `mentor sync` makes the pair once they accept.")
    return _problems(problems)


def _accept(args: argparse.Namespace) -> int:
    return _answer(args, True)


def _decline(args: argparse.Namespace) -> int:
    return _answer(args, False)


def _publish(args: argparse.Namespace) -> int:
    from mentor_tui.program.summaries import publish

    written = publish(open_store(args), home_of(args), program_id=args.program, ask=_ask)
    print(f"Summaries published ({written} written)." if written else "Summaries unchanged.")
    return 0


def _preview(args: argparse.Namespace) -> int:
    from mentor_tui.program.summaries import preview

    shown = preview(open_store(args), home_of(args), program_id=args.program, ask=_ask)
    files = {path: data.decode("utf-8") for path, data in shown.files.items()}
    if args.json:
        print_json({"summaries": shown.bodies, "files": files})
        return 0
    if args.bytes:
        for path, text in files.items():
            print(f"{path}:")
            sys.stdout.write(clean_for_terminal(text))
        return 0
    if not shown.bodies:
        print("No pair of yours in the program yet: nothing is published.")
    for path, body in shown.bodies.items():
        print(f"{path} ({len(shown.files[path])} bytes, signed):")
        for key, value in sorted(body["figures"].items()):
            print(f"  {key}: {value}")
    return 0


def _leave(args: argparse.Namespace) -> int:
    from mentor_tui.program.service import leave

    leave(open_store(args), home_of(args), program_id=args.program, ask=_ask)
    print("You left the program: your enrolment, intake and summaries are withdrawn.")
    return 0


def _refresh(args: argparse.Namespace) -> int:
    from mentor_tui.program.refresh import refresh, view_to_json

    view, problems = refresh(home_of(args), program_id=args.program, ask=_ask)
    if args.json:
        print_json(view_to_json(view))
    else:
        made = sum(1 for p in view.pairs if p.made)
        people = len(view.participants) + len(view.enrolled_without_intake)
        print(
            f"{clean_for_terminal(view.name)}: {people} enrolled, {len(view.pairs)} proposed, "
            f"{made} made, {len(view.summaries)} summaries."
        )
    return _problems(problems)


def _status(args: argparse.Namespace) -> int:
    from mentor_tui.program.service import pick
    from mentor_tui.program.state import enrolment_code

    state = pick(home_of(args), getattr(args, "program", None))
    info: dict[str, Any] = {
        "program_id": state.program_id, "name": state.name, "role": state.role,
        "kind": state.kind, "location": state.location, "encrypted": state.encrypt,
        "pairs_made": list(state.made), "withdrawn": state.withdrawn,
        "last_refresh_at": state.last_refresh_at, "enrolment_code": enrolment_code(state),
    }  # fmt: skip
    if state.role == "coordinator":
        from mentor_tui.program.refresh import load_view

        view = load_view(home_of(args), state.program_id)
        if view is not None:
            info["enrolled"] = len(view.participants) + len(view.enrolled_without_intake)
            info["proposed"] = len(view.pairs)
            info["pairs_made"] = [p.pair_id for p in view.pairs if p.made]
            info["summaries"] = len(view.summaries)
    if getattr(args, "json", False):
        print_json(info)
        return 0
    _print_status(info, args)
    return 0


def _print_status(info: dict[str, Any], args: argparse.Namespace) -> None:
    """The status in words, times in my zone (the JSON keeps UTC)."""
    from datetime import datetime

    from mentor_tui.dates import format_instant
    from mentor_tui.services.profile import require_me

    zone = require_me(open_store(args)).timezone
    refreshed = info["last_refresh_at"]
    when = format_instant(datetime.fromisoformat(refreshed), zone) if refreshed else "never"
    short = str(info["program_id"])[:8]
    print(f"Program:         {clean_for_terminal(info['name'], one_line=True)} ({short})")
    print(f"You are:         the {info['role']}" + (" (you left it)" if info["withdrawn"] else ""))
    print(f"Shared place:    {info['kind']} {clean_for_terminal(info['location'], one_line=True)}")
    print(f"Encrypted:       {'yes (end to end)' if info['encrypted'] else 'no'}")
    if "enrolled" in info:
        print(
            f"People:          {plural(info['enrolled'], 'enrolled', 'enrolled')}, "
            f"{plural(info['proposed'], 'match', 'matches')} proposed, "
            f"{plural(len(info['pairs_made']), 'pair')} made, "
            f"{plural(info['summaries'], 'summary', 'summaries')}"
        )
    else:
        print(f"Pairs made:      {len(info['pairs_made'])}")
    label = "Last refresh:" if info["role"] == "coordinator" else "Last read:"
    print(f"{label:<17}{when}")
    print(f"Enrolment code:  {info['enrolment_code']}")


def _report(args: argparse.Namespace) -> int:
    from mentor_tui.services.program_health import health_rows, program_report

    view = _view(args)
    store = open_store(args)
    from mentor_tui.services.profile import viewer_today

    rows = health_rows(view, viewer_today(store))
    sys.stdout.write(
        clean_for_terminal(program_report(view, rows, args.format, args.cohort)) + "\n"
    )
    return 0
