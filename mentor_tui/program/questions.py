"""The intake's questions, carried by PROGRAM.json (signed by the coordinator): the
coordinator sets them from an edited questionnaire; anyone in the program reads them.
A participant's copy is kept by program/intake_local.py for the form and $EDITOR."""

from __future__ import annotations

from pathlib import Path

from mentor_tui.program import layout
from mentor_tui.program.intake_local import save_form
from mentor_tui.program.service import my_key, opened, pick, program_body, read_program
from mentor_tui.program.state import save_state
from mentor_tui.services.intake import Questions, parse_questionnaire
from mentor_tui.sync.canonical import SyncError
from mentor_tui.sync.credentials import Ask


def read_questions(
    home: Path, *, program_id: str | None = None, ask: Ask | None = None
) -> tuple[str, Questions]:
    """(program id, the questions PROGRAM.json asks), read from the shared place and
    checked against the coordinator's key; a participant keeps a copy for the form."""
    state = pick(home, program_id)
    with opened(home, state, None, ask) as remote:
        program = read_program(remote, state)
    if state.role == "participant":
        save_form(home, state.program_id, program.questions)
    return state.program_id, program.questions


def set_questions(
    home: Path, text: str, *, program_id: str | None = None, ask: Ask | None = None
) -> Questions:
    """The coordinator's edited questionnaire (services/intake.py's template) into
    PROGRAM.json, signed again; InvalidInput in one line when a line is wrong."""
    state = pick(home, program_id)
    if state.role != "coordinator":
        raise SyncError("only the coordinator sets the intake's questions")
    questions = parse_questionnaire(text)  # before the network: a bad line costs nothing
    key = my_key(state)
    with opened(home, state, None, ask) as remote:
        program = read_program(remote, state)
        if program.questions != questions:
            body = program_body(program, questions=[list(q) for q in questions])
            files = {layout.PROGRAM_PATH: layout.wrap("program", body, key, None, "")}
            remote.write(files, "mentor-tui: program intake questions")
    save_state(home, state)
    return questions
