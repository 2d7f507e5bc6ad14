"""A participant's intake kept on this machine: <home>/program/<id>/my_intake.json (0600)
holds the program's questions as last read from PROGRAM.json and my last answers as text,
so the form and the $EDITOR template open without the network, prefilled. The
coordinator's questionnaire draft (kept when an edit does not parse) sits beside it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mentor_tui.errors import InvalidInput
from mentor_tui.program.state import program_dir, read_json, write_private
from mentor_tui.services.intake import QUESTIONS, Questions, check_questions
from mentor_tui.services.intake_form import clean_answers

MY_INTAKE = "my_intake.json"
QUESTIONS_DRAFT = "questions-draft.txt"


@dataclass(frozen=True)
class IntakeForm:
    """What the intake form asks, and what I answered last (text per key)."""

    program_id: str
    questions: Questions
    answers: dict[str, str]


def load_form(home: Path, program_id: str, role_wanted: str = "") -> IntakeForm:
    """The cached questions (the default ones before any were read) and my last answers;
    a damaged file is read as none (it is only a cache)."""
    raw = read_json(program_dir(home, program_id) / MY_INTAKE)
    raw = raw if isinstance(raw, dict) else {}
    try:
        questions = check_questions(raw.get("questions", QUESTIONS))
    except InvalidInput:
        questions = QUESTIONS
    answers = clean_answers(raw.get("answers"), questions)
    if not answers.get("role_wanted") and role_wanted:
        answers["role_wanted"] = role_wanted  # as I enrolled
    return IntakeForm(program_id, questions, answers)


def save_form(
    home: Path, program_id: str, questions: Questions, answers: Mapping[str, str] | None = None
) -> None:
    """Remember the questions (and, after a sent intake, my answers)."""
    path = program_dir(home, program_id) / MY_INTAKE
    old = read_json(path)
    kept = old.get("answers") if isinstance(old, dict) else None
    body = {
        "questions": [list(q) for q in questions],
        "answers": dict(answers) if answers is not None else (kept or {}),
    }
    write_private(path, json.dumps(body, ensure_ascii=False, sort_keys=True).encode())


def draft_path(home: Path, program_id: str) -> Path:
    return program_dir(home, program_id) / QUESTIONS_DRAFT
