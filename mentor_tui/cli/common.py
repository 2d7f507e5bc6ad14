"""What every subcommand shares: --home, opening the store, printing, and errors.

Errors: a MentorError becomes one line on stderr and exit code 1; usage errors exit 2.
Nothing a user can cause ends in a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentor_tui.services.text import visible

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
    from mentor_tui.services.pairs import NoPairs, find_pair

    try:
        return find_pair(store, getattr(args, "pair", None), current_pair_id(args))
    except NoPairs as problem:
        if (home_of(args) / "program").is_dir():
            # The first of two to accept a program's match gets the pair on the next look.
            raise NoPairs(
                f"{problem}; a program match you accepted becomes a pair at `mentor sync` "
                "once your partner accepts too (`mentor program invitations` shows where it is)"
            ) from None
        raise


def run_handler(args: argparse.Namespace) -> int:
    try:
        return int(args.handler(args) or 0)
    except (CommandError, BrokenPipeError):
        raise
    except Exception as problem:
        from mentor_tui.errors import MentorError

        if isinstance(problem, MentorError):  # the Store's StorageErrors among them
            raise CommandError(str(problem)) from problem
        # What did not pass through the Store: the quick paths' plain sqlite3, and OSError
        # on the files a command reads or writes. The same words as the Store's.
        from mentor_tui.models.storage import sqlite_error_name, storage_error
        from mentor_tui.paths import database_path

        mapped = storage_error(problem, database_path(home_of(args)))
        if mapped is not None:
            raise CommandError(str(mapped)) from problem
        if sqlite_error_name(problem):  # SQLite's own words, never the SQL around them
            detail = getattr(problem, "orig", problem)
            raise CommandError(f"the database could not be used: {detail}") from problem
        raise


# What JSON leaves raw but a terminal may act on: DEL, C1 codes, bidi overrides, and lone
# surrogates (unencodable). Written as \u escapes: the same JSON value, nothing raw.
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def print_json(data: Any) -> None:
    import json  # here: most commands print text

    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    sys.stdout.write(_JSON_RAW.sub(lambda found: f"\\u{ord(found[0]):04x}", text) + "\n")


def print_table(rows: list[list[str]], headers: list[str]) -> None:
    """A plain text table for the terminal; text is printed as is (never as markup)."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


# Stored text on its way to the terminal: the one rule shared with the screens and the
# exports (services/text.visible). The CLI's forty call sites keep this name.
clean_for_terminal = visible


def print_due_read_back(args: argparse.Namespace, due_on: Any, store: Any) -> None:
    """A typed due date read back, so "Nov 28" says which Nov 28 it was taken to be."""
    if args.due is not None and due_on is not None:
        from mentor_tui.dates import describe_day
        from mentor_tui.services.profile import viewer_today

        print(f"  due: {describe_day(due_on, viewer_today(store))}")


def run_editor(path: Path, *, no_editor: str, not_done: str) -> None:
    """Open $VISUAL/$EDITOR on `path` and wait. `no_editor` ends "no editor: ..." when none
    is set; `not_done` ends the line for an editor that failed ("nothing logged", ...)."""
    import os
    import shlex
    import subprocess

    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ""
    if not command.strip():
        raise CommandError(f"no editor: {no_editor}")
    try:
        done = subprocess.run([*shlex.split(command), str(path)], check=False)
    except OSError as problem:
        raise CommandError(f"could not start the editor {command!r}: {problem}") from None
    if done.returncode != 0:
        raise CommandError(f"the editor exited with status {done.returncode}; {not_done}")


def edit_text(template: str, file_name: str, *, no_editor: str, not_done: str) -> str:
    """`template` in a private temporary file, opened in the editor; what it saved."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="mentor-") as folder:
        path = Path(folder) / file_name
        path.write_text(template, encoding="utf-8")
        run_editor(path, no_editor=no_editor, not_done=not_done)
        return path.read_text(encoding="utf-8", errors="replace")


def read_text_file(name: str, *, stdin: bool = True) -> str:
    """A file the user named (or "-" for standard input) as text; one line if it cannot be."""
    if stdin and name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"{name} is not UTF-8 text") from None
    except OSError as problem:
        raise CommandError(f"cannot read {name}: {problem.strerror or problem}") from None
