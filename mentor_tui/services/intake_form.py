"""A participant's intake as text: the answers as the form and $EDITOR show them (one line
of text per asked question), and the $EDITOR template built from the program's prompts.
parse_intake (services/intake.py) checks whatever comes back."""

from __future__ import annotations

from collections.abc import Mapping

from mentor_tui.errors import InvalidInput
from mentor_tui.services.intake import QUESTION_KEYS, TEXT_LIMIT, Questions
from mentor_tui.services.program_types import IntakeAnswers

YES_NO_KEYS = ("other_department",)
LIST_KEYS = ("skills_offered", "skills_wanted", "interests")
LONG_KEYS = ("goals", "free_text")  # a TextArea in the app: several lines


def answers_as_text(answers: IntakeAnswers, questions: Questions) -> dict[str, str]:
    """The answers to the asked questions, as a form holds them (to prefill it next time)."""
    out: dict[str, str] = {}
    for key, _ in questions:
        if key == "working_hours":
            out[key] = f"{answers.hours_start}-{answers.hours_end}"
            continue
        value = getattr(answers, key)
        if isinstance(value, bool):
            out[key] = "yes" if value else "no"
        elif isinstance(value, tuple):
            out[key] = ", ".join(value)
        else:
            out[key] = str(value)
    return out


def clean_answers(raw: object, questions: Questions) -> dict[str, str]:
    """Saved answers read back (a private file, still checked): text for asked keys only."""
    if not isinstance(raw, Mapping):
        return {}
    asked = {key for key, _ in questions}
    return {
        key: value[:TEXT_LIMIT]
        for key, value in raw.items()
        if key in asked and isinstance(value, str)
    }


def intake_template(questions: Questions, previous: Mapping[str, str]) -> str:
    """The $EDITOR form: each prompt as a comment, then `key = ` with my last answer."""
    lines = [
        "# The program's intake: answer after each `=` (one line each); an empty answer",
        "# is left unanswered. Lines starting with # are comments.",
        "",
    ]
    for key, prompt in questions:
        answer = " ".join(previous.get(key, "").split())  # one line: the form joins lines
        lines += [f"# {prompt}", f"{key} = {answer}", ""]
    return "\n".join(lines)


def parse_intake_template(text: str) -> dict[str, str]:
    """The answers of an edited template (non-empty ones); a bad line refused in one line."""
    raw: dict[str, str] = {}
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        key, equals, value = stripped.partition("=")
        key = key.strip()
        if not equals:
            raise InvalidInput(f"line {number}: expected `key = answer`")
        if key not in QUESTION_KEYS:
            raise InvalidInput(f"line {number}: unknown question {key[:40]!r}")
        if key in seen:
            raise InvalidInput(f"line {number}: {key} is answered twice")
        seen.add(key)
        if value.strip():
            raw[key] = value.strip()
    return raw
