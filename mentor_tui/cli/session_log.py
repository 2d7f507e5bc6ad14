"""`mentor session log`: notes, outcomes, action items and feedback for a session, from
flags, a file or $EDITOR. What is logged is added after the session's notes, never
written over them (services/session_log.py)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mentor_tui.cli.common import (
    CommandError,
    add_pair_option,
    clean_for_terminal,
    edit_text,
    open_store,
    pair_of,
    read_text_file,
    subcommand,
)

TEXT_FLAGS = ("notes", "takeaways", "accomplishments", "roadblocks")
EPILOG = """\
Text is ADDED after what the session already holds (a blank line between), never
written over it. Without text flags or --file, in a terminal, $VISUAL or $EDITOR
opens a template with one heading per part.

action items: repeat --action for each; an --owner or --due after an --action belongs
to it. Or the compact form --action "TEXT | OWNER | DUE". OWNER: me, partner, mentor,
mentee or a name (default: the mentee); DUE: a date, "friday", "in 2 weeks" or none
(default: the day before the next session).

examples:
  mentor session log --notes "Walked through the RFC" --takeaways "Ask early"
  mentor session log --action "Send the RFC" --owner me --due friday \\
                     --action "Book the room | partner | none"
  mentor session log --session 3f2a --file notes.md
"""


class _ActionFlag(argparse.Action):
    """--action starts an action item; --owner and --due fill in the latest one."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        items: list[dict[str, str]] = list(getattr(namespace, "actions", None) or [])
        if self.dest == "actions":
            items.append({"text": str(values)})
        elif not items:
            parser.error(f"{option_string} belongs after the --action it is for")
        elif self.dest in items[-1]:
            parser.error(f"{option_string} given twice for the action {items[-1]['text']!r}")
        else:
            items[-1][self.dest] = str(values)
        namespace.actions = items


def register_log(actions: Any) -> None:
    log = subcommand(
        actions,
        "log",
        _log,
        "add notes, outcomes, action items and feedback to a session (appends)",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    log.add_argument(
        "--session",
        metavar="ID",
        help="the session's id or id prefix (default: today's, else the latest that started)",
    )
    log.add_argument("--notes", metavar="TEXT", help="shared notes (Markdown)")
    log.add_argument("--takeaways", metavar="TEXT", help="takeaways")
    log.add_argument("--accomplishments", metavar="TEXT", help="accomplishments")
    log.add_argument("--roadblocks", metavar="TEXT", help="roadblocks")
    log.add_argument(
        "--action",
        dest="actions",
        action=_ActionFlag,
        metavar="TEXT",
        help='an action item (repeatable), or "TEXT | OWNER | DUE"',
    )
    log.add_argument(
        "--owner",
        dest="owner",
        action=_ActionFlag,
        metavar="WHO",
        help="the owner of the --action before it: me, partner or a name",
    )
    log.add_argument(
        "--due", dest="due", action=_ActionFlag, metavar="DATE", help="its due date, or none"
    )
    log.add_argument("--feedback", metavar="TEXT", help="feedback: what you observed")
    log.add_argument("--impact", metavar="TEXT", help="the feedback's impact")
    log.add_argument("--next-step", dest="next_step", metavar="TEXT", help="a suggested next step")
    log.add_argument(
        "--file",
        metavar="PATH",
        help="read the parts from a file with headings (# Notes, # Action items, ...); - is stdin",
    )
    add_pair_option(log)


def _interactive() -> bool:
    """May we open an editor: stdin is a terminal (a test replaces this)."""
    return sys.stdin.isatty()


def _editor_text(template: str) -> str:
    return edit_text(
        template,
        "session-log.md",
        no_editor="set $EDITOR, or give the text with --notes, --action, ... or --file",
        not_done="nothing logged",
    )


def _log(args: argparse.Namespace) -> int:
    from mentor_tui.services.session_log import (
        TEMPLATE,
        ActionSpec,
        SessionLog,
        latest_session,
        log_session,
        parse_log_text,
    )
    from mentor_tui.services.sessions import find_session, when_text

    flagged = any(
        getattr(args, name) is not None
        for name in (*TEXT_FLAGS, "feedback", "impact", "next_step", "actions")
    )
    if not flagged and args.file is None and not _interactive():
        raise CommandError(
            "give the text: --notes, --takeaways, --action, --feedback, ... or --file FILE "
            "(or run it in a terminal to write it in $EDITOR)",
            exit_code=2,
        )
    store = open_store(args)
    pair = pair_of(store, args)
    row = (
        find_session(store, pair.id, args.session) if args.session else latest_session(store, pair)
    )
    if flagged:
        log = SessionLog(
            texts={
                "shared_notes" if name == "notes" else name: getattr(args, name)
                for name in TEXT_FLAGS
                if getattr(args, name) is not None
            },
            feedback=args.feedback or "",
            impact=args.impact or "",
            next_step=args.next_step or "",
        )
        for given in args.actions or []:
            spec = ActionSpec.parse(given["text"])
            spec.owner = given.get("owner", spec.owner)
            spec.due = given.get("due", spec.due)
            log.actions.append(spec)
        if args.file is not None:
            raise CommandError("give the text with flags or with --file, not both", exit_code=2)
    else:
        when = when_text(row, pair)
        text = (
            read_text_file(args.file)
            if args.file is not None
            else _editor_text(TEMPLATE.format(when=when))
        )
        log = parse_log_text(text)
        if log.is_empty():
            print("Nothing to log: the text was empty. The session is unchanged.")
            return 0
    logged = log_session(store, row.id, log)
    _report(logged, clean_for_terminal(when_text(logged.session, pair)), pair)
    return 0


def _report(logged: Any, when: str, pair: Any) -> None:
    names = {
        "shared_notes": "notes",
        "takeaways": "takeaways",
        "accomplishments": "accomplishments",
        "roadblocks": "roadblocks",
    }
    print(f"Logged to session {logged.session.id[:8]} ({when}):")
    for name in logged.written:
        how = "added after what was there" if name in logged.appended else "written"
        print(f"  {names[name]}: {how}")
    for item in logged.actions:
        owner = pair.person(item.owner_id)
        who = clean_for_terminal(owner.display_name) if owner else "nobody"
        due = f", due {item.due_on:%a %d %b}" if item.due_on else ", no due date"
        print(f"  action item {item.id[:8]}: {clean_for_terminal(item.title)} ({who}{due})")
    if logged.feedback is not None:
        print(f"  feedback {logged.feedback.id[:8]}")
