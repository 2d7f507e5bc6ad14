"""`mentor program intake`: the answers from a JSON file, from flags, or from the
questions in $EDITOR; checked by services/intake.py before they leave."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from mentor_tui.cli.common import CommandError, home_of, open_store


def ask_password(prompt: str) -> str:
    """The WebDAV password, asked on the terminal (the keyring had none)."""
    if not sys.stdin.isatty():
        raise CommandError(
            "no password: no usable keyring and no terminal; set MENTOR_TUI_WEBDAV_PASSWORD"
        )
    import getpass

    return getpass.getpass(prompt)


def intake(args: argparse.Namespace) -> int:
    from mentor_tui.program.service import intake_questions, submit_intake

    raw: dict[str, Any] = {}
    if args.file:
        try:
            with open(args.file, encoding="utf-8") as handle:
                loaded = json.load(handle)
        except (OSError, ValueError, RecursionError) as problem:
            raise CommandError(f"cannot read {args.file}: {type(problem).__name__}") from None
        if not isinstance(loaded, dict):
            raise CommandError(f"{args.file} must hold a JSON object of answers")
        raw.update(loaded)
    given = {k: v for k, v in vars(args).items() if k in INTAKE_FLAGS and v is not None}
    raw.update(given)
    if not raw:
        raw = _from_editor(intake_questions())
    answers = submit_intake(
        open_store(args), home_of(args), raw, program_id=args.program, ask=ask_password
    )
    print(f"Intake sent to the coordinator (as {answers.role_wanted}).")
    return 0


INTAKE_FLAGS = {
    "role_wanted", "seniority", "department", "site", "timezone", "working_hours",
    "skills_offered", "skills_wanted", "interests", "goals", "availability", "free_text",
    "other_department", "capacity",
}  # fmt: skip


def _from_editor(questions: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The questions in $EDITOR as `key: answer` lines (# lines are the prompts)."""
    import subprocess
    import tempfile

    editor = os.environ.get("EDITOR") or os.environ.get("VISUAL")
    if not editor or not sys.stdin.isatty():
        raise CommandError("give the answers with --file F or flags (no $EDITOR or terminal)")
    text = "".join(f"# {prompt}\n{key}: \n\n" for key, prompt in questions)
    with tempfile.NamedTemporaryFile("w+", suffix=".txt", delete=False) as handle:
        handle.write(text)
        path = handle.name
    try:
        subprocess.run([*editor.split(), path], check=False)
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    finally:
        os.unlink(path)
    raw: dict[str, Any] = {}
    for line in lines:
        key, sep, value = line.partition(":")
        if sep and not line.startswith("#") and value.strip():
            raw[key.strip()] = value.strip()
    return raw
