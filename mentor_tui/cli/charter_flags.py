"""CLI flags for the charter's free-text fields, built from the one list in services."""

from __future__ import annotations

import argparse


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def add_charter_flags(parser: argparse.ArgumentParser) -> None:
    from mentor_tui.models.charter import CHARTER_TEXT_FIELDS

    for field in CHARTER_TEXT_FIELDS:
        parser.add_argument(_flag(field.name), dest=field.name, metavar="TEXT", help=field.prompt)


def charter_values(args: argparse.Namespace) -> dict[str, str]:
    from mentor_tui.models.charter import CHARTER_TEXT_FIELDS

    return {
        field.name: getattr(args, field.name)
        for field in CHARTER_TEXT_FIELDS
        if getattr(args, field.name, None) is not None
    }
