"""A command line builds only its own module's part of the parser: the map that says which
module registers each command must match what the modules register."""

from __future__ import annotations

import importlib

import pytest

from mentor_tui.cli import (
    AREA_MODULES,
    COMMAND_MODULES,
    ONE_ACTION,
    _Parser,
    action_of,
    build_parser,
    command_of,
)


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


@pytest.mark.parametrize(
    ("argv", "action"),
    [
        (["journal", "add", "x"], "add"),
        (["--home", "journal", "journal", "list", "--search", "x"], "list"),
        (["journal", "--home", "/tmp/h", "add", "x"], "add"),
        (["journal", "share", "abcd"], None),  # not a quick path: the whole command
        (["journal", "--help"], None),
        (["journal", "-h", "add"], None),
        (["journal"], None),
        (["goal", "add", "x"], None),
    ],
)
def test_the_action_a_line_names(argv: list[str], action: str | None) -> None:
    assert action_of(argv, command_of(argv)) == action


@pytest.mark.parametrize(
    "argv",
    [
        ["--home", "/tmp/h", "journal", "add", "a thought", "--share", "--tag", "x"],
        ["journal", "list", "--search", "kafka", "-n", "5", "--json"],
        ["journal", "--home", "/tmp/h", "list", "--since", "2 weeks ago"],
    ],
)
def test_one_action_s_parser_parses_as_the_whole_one(argv: list[str]) -> None:
    whole = vars(build_parser().parse_args(argv))
    command = command_of(argv)
    action = action_of(argv, command)
    assert action in ONE_ACTION["journal"]
    assert vars(build_parser(command, action).parse_args(argv)) == whole


@pytest.mark.parametrize("action", ONE_ACTION["journal"])
def test_one_action_s_help_is_the_whole_one_s(action: str, capsys) -> None:
    argv = ["journal", action, "--help"]
    shown = []
    for parser in (build_parser(), build_parser("journal", action)):
        with pytest.raises(SystemExit):
            parser.parse_args(argv)
        shown.append(capsys.readouterr().out)
    assert shown[0] == shown[1] and "usage: mentor journal " + action in shown[0]
