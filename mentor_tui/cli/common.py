"""What every subcommand shares: --home, opening the store, printing, and errors.

Errors: a MentorError becomes one line on stderr and exit code 1; usage errors exit 2.
Nothing a user can cause ends in a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentor_tui.clock import Clock
    from mentor_tui.models.db import Store
    from mentor_tui.services.pairs import PairView

EXIT_ERROR = 1
EXIT_USAGE = 2


class CommandError(Exception):
    def __init__(self, message: str, exit_code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def add_common(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """--home on every command. Below the top level it defaults to SUPPRESS, so that
    `mentor --home X journal list` and `mentor journal list --home X` both work."""
    parser.add_argument(
        "--home",
        metavar="DIR",
        default=None if top_level else argparse.SUPPRESS,
        help="keep the database and config in DIR (default: $MENTOR_TUI_HOME, "
        "else your user data directory)",
    )


def add_pair_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pair",
        metavar="PAIR",
        help="the pair: an id, an id prefix or a name (default: the current pair, "
        "see `mentor pair use`)",
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def subcommand(
    commands: Any, name: str, handler: Any, help: str, **kwargs: Any
) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=help, description=help, **kwargs)
    add_common(parser)
    parser.set_defaults(handler=handler)
    return parser


def home_of(args: argparse.Namespace) -> Path:
    from mentor_tui.paths import resolve_home

    return resolve_home(getattr(args, "home", None))


def clock_of(args: argparse.Namespace) -> Clock:
    """The clock `main` was given: every handler asks it, never the system, for the time."""
    clock: Clock | None = getattr(args, "clock", None)
    if clock is None:
        from mentor_tui.clock import SystemClock

        clock = SystemClock()
    return clock


def open_store(args: argparse.Namespace) -> Store:
    """The home's store on the command's clock; `main` closes it when the command ends."""
    from mentor_tui.models.db import Store

    store = Store.open_home(home_of(args), clock_of(args))
    opened: list[Store] = vars(args).setdefault("opened_stores", [])
    opened.append(store)
    return store


def close_stores(args: argparse.Namespace) -> None:
    """Close what open_store opened, so a command run in process leaves no connection
    behind (a process would drop them at exit; tests run hundreds in one)."""
    for store in vars(args).pop("opened_stores", []):
        store.close()


def current_pair_id(args: argparse.Namespace) -> str | None:
    """The current pair's id as `mentor pair use` and the app's switcher keep it
    (last_pair_id in the home's config.toml); None when none was chosen."""
    from mentor_tui.config import load_config

    value = load_config(home_of(args)).get("last_pair_id")
    return value if isinstance(value, str) and value else None


def pair_of(store: Store, args: argparse.Namespace) -> PairView:
    """The pair named by --pair, else the current pair, else the only one."""
    from mentor_tui.services.pairs import find_pair

    return find_pair(store, getattr(args, "pair", None), current_pair_id(args))


def run_handler(args: argparse.Namespace) -> int:
    from sqlite3 import DatabaseError as SQLiteDatabaseError

    try:
        return int(args.handler(args) or 0)
    except (CommandError, BrokenPipeError):
        raise
    except Exception as problem:
        from mentor_tui.errors import MentorError

        if isinstance(problem, MentorError):
            raise CommandError(str(problem)) from problem
        if isinstance(problem, OSError):
            where = f": {problem.filename}" if problem.filename else ""
            raise CommandError(f"{problem.strerror or problem}{where}") from problem
        from sqlalchemy.exc import DatabaseError, OperationalError

        if isinstance(problem, (OperationalError, DatabaseError, SQLiteDatabaseError)):
            detail = getattr(problem, "orig", problem)
            raise CommandError(f"the database could not be used: {detail}") from problem
        raise


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    sys.stdout.write("\n")


def print_table(rows: list[list[str]], headers: list[str]) -> None:
    """A plain text table for the terminal; text is printed as is (never as markup)."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def clean_for_terminal(text: str) -> str:
    """Escape codes and control characters made visible, so stored text cannot drive
    the user's terminal when printed."""
    out = []
    for char in text:
        code = ord(char)
        if char in "\n\t" or (code >= 0x20 and code != 0x7F and not 0x80 <= code < 0xA0):
            out.append(char)
        else:
            out.append(f"\\x{code:02x}")
    return "".join(out)
