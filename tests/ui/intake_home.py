"""A home enrolled in a program as a participant, made locally (no shared place): the
state, and the questions the program asks as PROGRAM.json last said, with a hostile prompt."""

from __future__ import annotations

from pathlib import Path

PROGRAM_ID = "5b0c2f4e-8d1a-4c3b-9e2f-0a1b2c3d4e5f"
COORDINATOR_ID = "0f0e0d0c-0b0a-4909-8807-060504030201"
QUESTIONS = (
    ("role_wanted", "Mentor, mentee or either?"),
    ("timezone", "Your time zone [b]please[/b] [/y]"),
    ("skills_wanted", "What do you want to learn?"),
    ("other_department", "A mentor from another department?"),
    ("goals", "What do you want from the program?"),
)


def enrol_here(home: Path, me_id: str, answers: dict[str, str] | None = None) -> None:
    from mentor_tui.program.intake_local import save_form
    from mentor_tui.program.state import ProgramState, save_state

    state = ProgramState(
        PROGRAM_ID, "participant", "git", "/nowhere/program.git", me_id, COORDINATOR_ID,
        "0" * 32, name="Spring cohort", role_wanted="mentee",
    )  # fmt: skip
    save_state(home, state)
    save_form(home, PROGRAM_ID, QUESTIONS, answers)
