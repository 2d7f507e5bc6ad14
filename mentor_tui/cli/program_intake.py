"""`mentor program intake`: the answers from a JSON file, from flags, or from the
program's questions in $EDITOR; checked by services/intake.py before they leave. And
`mentor program questions`: the coordinator's questionnaire, printed, edited or set."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from mentor_tui.cli.common import (
    CommandError,
    clean_for_terminal,
    edit_text,
    home_of,
    open_store,
    read_text_file,
)
from mentor_tui.wording import plural


def ask_password(prompt: str) -> str:
    """The WebDAV password, asked on the terminal (the keyring had none)."""
    if not sys.stdin.isatty():
        raise CommandError(
            "no password: no usable keyring and no terminal; set MENTOR_TUI_WEBDAV_PASSWORD"
        )
    import getpass

    return getpass.getpass(prompt)


def intake(args: argparse.Namespace) -> int:
    from mentor_tui.program.service import submit_intake

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
        raw = _from_editor(args)
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


def _interactive() -> bool:
    """May we open an editor: stdin is a terminal (a test replaces this)."""
    return sys.stdin.isatty()


def _editor(otherwise: str) -> str:
    """The $VISUAL/$EDITOR command, when there is one and a terminal to run it in."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ""
    if not command.strip() or not _interactive():
        raise CommandError(f"no editor or no terminal: {otherwise}", exit_code=2)
    return command


def _editor_text(template: str, name: str, otherwise: str) -> str:
    """Open $VISUAL/$EDITOR on the template; what it saved."""
    _editor(otherwise)  # no editor or no terminal: one line, exit 2
    return edit_text(template, name, no_editor=otherwise, not_done="nothing sent")


def _from_editor(args: argparse.Namespace) -> dict[str, Any]:
    """The program's questions in $EDITOR: its prompts as comments, `key = ` lines with
    my last answers filled in."""
    from mentor_tui.program.intake_local import load_form
    from mentor_tui.program.questions import read_questions
    from mentor_tui.services.intake_form import intake_template, parse_intake_template
    from mentor_tui.services.profile import get_me

    otherwise = "give the answers with --file F or flags"
    _editor(otherwise)  # before the network: without an editor there is nothing to ask with
    home = home_of(args)
    program_id, questions = read_questions(home, program_id=args.program, ask=ask_password)
    previous = load_form(home, program_id).answers
    me = get_me(open_store(args))
    if me is not None and not previous.get("timezone"):
        previous["timezone"] = me.timezone  # my profile's, to start with
    text = _editor_text(intake_template(questions, previous), "intake.txt", otherwise)
    return parse_intake_template(text)


# ---- `mentor program questions [--edit | --file F]`: the coordinator's questionnaire -------
def add_questions(actions: Any, subcommand: Any) -> argparse.ArgumentParser:
    questions: argparse.ArgumentParser = subcommand(
        actions, "questions", _questions, "the intake's questions; the coordinator edits them"
    )
    how = questions.add_mutually_exclusive_group()
    how.add_argument("--edit", action="store_true", help="edit them in $VISUAL or $EDITOR")
    how.add_argument("--file", default=None, metavar="F", help="set them from a questionnaire")
    return questions


def _questions(args: argparse.Namespace) -> int:
    from mentor_tui.errors import InvalidInput
    from mentor_tui.program.intake_local import draft_path
    from mentor_tui.program.questions import read_questions, set_questions
    from mentor_tui.program.state import write_private
    from mentor_tui.services.intake import questionnaire_text

    home = home_of(args)
    program_id, questions = read_questions(home, program_id=args.program, ask=ask_password)
    if not args.edit and not args.file:
        print(clean_for_terminal(questionnaire_text(questions).rstrip("\n")))
        return 0
    if not args.file:
        draft = draft_path(home, program_id)  # the text of an edit that did not parse
        start = draft.read_text("utf-8") if draft.is_file() else questionnaire_text(questions)
        text = _editor_text(start, "questionnaire.txt", "give the questionnaire with --file F")
        try:
            asked = set_questions(home, text, program_id=program_id, ask=ask_password)
        except InvalidInput as problem:
            write_private(draft, text.encode("utf-8"))
            raise CommandError(
                f"{problem}; your text is kept: `mentor program questions --edit` reopens it"
            ) from None
        draft.unlink(missing_ok=True)
    else:
        asked = set_questions(
            home, read_text_file(args.file, stdin=False), program_id=program_id, ask=ask_password
        )
    print(f"The intake now asks {plural(len(asked), 'question')}.")
    return 0
