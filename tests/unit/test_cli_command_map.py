"""A command line builds only its own module's part of the parser: the map that says which
module registers each command must match what the modules register."""

from __future__ import annotations

import importlib

import pytest

from mentor_tui.cli import AREA_MODULES, COMMAND_MODULES, _Parser, build_parser, command_of


def test_every_command_maps_to_the_module_that_registers_it() -> None:
    registered: dict[str, str] = {}
    for name in AREA_MODULES:
        parser = _Parser(prog="mentor")
        commands = parser.add_subparsers()
        importlib.import_module(f"mentor_tui.cli.{name}").register(commands)
        registered.update(dict.fromkeys(commands.choices, name))
    assert registered == COMMAND_MODULES


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["journal", "add", "x"], "journal"),
        (["--home", "/tmp/h", "goal", "list"], "goal"),
        (["--home=/tmp/h", "sync"], "sync"),
        (["--open", "journal"], None),  # the app
        (["--help", "journal"], None),  # every command listed
        (["--version"], None),
        (["jurnal", "add"], None),  # a typo: the full parser says what the choices are
        ([], None),
    ],
)
def test_the_command_a_line_names(argv: list[str], command: str | None) -> None:
    assert command_of(argv) == command


def test_one_command_s_parser_parses_as_the_whole_one() -> None:
    argv = ["--home", "/tmp/h", "journal", "add", "a thought", "--share"]
    whole = vars(build_parser().parse_args(argv))
    alone = vars(build_parser(command_of(argv)).parse_args(argv))
    assert alone == whole
