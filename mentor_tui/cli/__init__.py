"""The `mentor` command.

Each area registers its subcommands from its own module (cli/core.py, cli/goals.py, ...).
Those modules import services inside their handlers, never at the top, so that
`mentor --version` and `mentor --help` pay for neither sqlmodel nor textual, and the
Textual app is imported only when the interface starts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from typing import NoReturn

from mentor_tui import __version__
from mentor_tui.cli.common import (
    EXIT_ERROR,
    EXIT_USAGE,
    CommandError,
    add_common,
    close_stores,
    run_handler,
)
from mentor_tui.clock import Clock, SystemClock
from mentor_tui.services.text import visible

# Modules that add subcommands, in the order `mentor --help` lists them.
AREA_MODULES = (
    "core",
    "goals",
    "milestones",
    "sessions",
    "journal",
    "search",
    "restore",
    "stats",
    "templates",
    "sync",
    "program",
)


class _ScreenNames:
    """--open's choices, read from areas.py only when --open is given or help is shown: a
    command such as `journal add` needs neither, and areas.py (with dataclasses) costs it
    more than its INSERT."""

    def _names(self) -> tuple[str, ...]:
        from mentor_tui.areas import AREA_NAMES, OVERLAY_NAMES

        return AREA_NAMES + OVERLAY_NAMES

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())


SCREEN_NAMES = _ScreenNames()
# Which module registers each command: a command line builds only its own module's part of
# the parser (building all 90-odd subcommands costs ~40 ms, more than the quick path's
# work). A test checks this against what the modules register.
COMMAND_MODULES = {
    "init": "core", "pair": "core", "demo": "core", "export": "core", "import": "core",
    "goal": "goals", "milestone": "milestones", "session": "sessions", "action": "sessions",
    "feedback": "sessions", "checkin": "sessions", "journal": "journal", "search": "search",
    "delete": "restore", "restore": "restore", "trash": "restore", "stats": "stats",
    "template": "templates", "sync": "sync", "program": "program",
}  # fmt: skip
TOP_OPTIONS_WITH_VALUE = ("--home", "--open", "--as")
# Commands whose module can build one action's parser alone (`register(commands, only=)`):
# the quick paths, where building the other actions' parsers costs as much as the work.
ONE_ACTION = {"journal": ("add", "list")}


class _Parser(argparse.ArgumentParser):
    building = False  # while build_parser adds the arguments

    def error(self, message: str) -> NoReturn:  # one line, exit 2, as for every usage error
        self.exit(EXIT_USAGE, f"mentor: {message} (see `mentor --help`)\n")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # add_argument makes a formatter to check each metavar, and a formatter asks shutil
        # (with zlib, bz2 and lzma) for the terminal's width: only help and usage need it.
        if _Parser.building:
            return argparse.HelpFormatter(prog=self.prog, width=80)
        return super()._get_formatter()


def command_of(argv: Sequence[str]) -> str | None:
    """The command a command line names, when it names one before any help or version
    option (then only its module's subcommands are built); None otherwise."""
    at = 0
    while at < len(argv):
        word = argv[at]
        if word in TOP_OPTIONS_WITH_VALUE:
            at += 2
        elif word in ("-h", "--help", "--version"):
            return None
        elif word.startswith("-"):
            at += 1
        else:
            return word if word in COMMAND_MODULES else None
    return None


def action_of(argv: Sequence[str], command: str | None) -> str | None:
    """The action after `command` (`add` in `journal --home X add TEXT`) when it is one of
    ONE_ACTION's and no help is asked for before it; None otherwise."""
    if command not in ONE_ACTION:
        return None
    at = 0
    while at < len(argv) and argv[at] != command:  # command_of found it: it is there
        at += 2 if argv[at] in TOP_OPTIONS_WITH_VALUE else 1
    at += 1
    while at < len(argv):
        word = argv[at]
        if word == "--home":
            at += 2
        elif word.startswith("-"):
            return None  # help, or an option argparse would refuse with the whole list
        else:
            return word if word in ONE_ACTION[command] else None
    return None


def build_parser(command: str | None = None, action: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `command`, only the module that registers it is imported and
    registered (the usage line and the other commands are then not listed); with `action`
    too (see ONE_ACTION), only that action of the command."""
    _Parser.building = True
    try:
        return _build(command, action)
    finally:
        _Parser.building = False


def _build(command: str | None, action: str | None) -> argparse.ArgumentParser:
    import importlib

    parser = _Parser(
        prog="mentor",
        description="A local-first terminal workspace for remote mentorship pairs.",
    )
    parser.add_argument("--version", action="version", version=f"mentor-tui {__version__}")
    add_common(parser, top_level=True)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start on a temporary demo database (your own data is not touched)",
    )
    parser.add_argument(
        "--as",
        dest="app_as",
        choices=("mentor", "mentee"),
        default=None,
        help="with --demo: whose side to see (Grace the mentor, or Ada the mentee)",
    )
    parser.add_argument(
        "--open",
        dest="start_in",
        metavar="SCREEN",
        default="dashboard",
        choices=SCREEN_NAMES,
        help="start on this screen: %(choices)s (default: dashboard)",
    )
    parser.set_defaults(handler=_start_app)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    wanted = (COMMAND_MODULES[command],) if command in COMMAND_MODULES else AREA_MODULES
    for name in wanted:
        try:
            module = importlib.import_module(f"mentor_tui.cli.{name}")
        except ModuleNotFoundError as missing:
            if missing.name != f"mentor_tui.cli.{name}":
                raise
            continue
        if action is not None and command in ONE_ACTION:
            module.register(commands, only=action)
        else:
            module.register(commands)
    return parser


def _start_app(args: argparse.Namespace) -> int:
    from mentor_tui.cli.launch import start_app

    return start_app(args)


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run one command. `clock` is what every handler asks for the time (tests pass a
    FrozenClock and run commands in process); the system clock by default."""
    words = list(sys.argv[1:] if argv is None else argv)
    command = command_of(words)
    parser = build_parser(command, action_of(words, command))
    args = parser.parse_args(words)
    app_as = vars(args).pop("app_as", None)
    if app_as is not None and not args.demo:
        # Without --demo the app would open your own data, whose side is yours already.
        parser.error("--as goes with --demo: mentor --demo --as mentee")
    if args.handler is _start_app:
        args.demo_as = app_as or "mentor"
    args.clock = clock if clock is not None else SystemClock()
    try:
        code = run_handler(args)
        sys.stdout.flush()  # a closed pipe shows up here, not in Python's exit handling
        return code
    except CommandError as problem:
        print(f"mentor: {visible(str(problem))}", file=sys.stderr)  # may quote stored text
        return problem.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader closed the pipe (`mentor journal list | head`): stop quietly, and keep
        # Python from complaining again when it flushes stdout at exit.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    finally:
        close_stores(args)
