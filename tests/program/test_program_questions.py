"""The coordinator's questionnaire travels in PROGRAM.json, signed: `mentor program
questions` prints, edits ($EDITOR, the text kept on a bad line) and sets it; a
participant's $EDITOR intake asks those prompts, prefilled next time; an answer to a
question not asked is refused; questions in a PROGRAM.json someone else signed are not."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import assert_one_line_error, mentor
from tests.program.test_program_trust import push

QUESTIONNAIRE = (
    "# ours\nrole_wanted = Mentor, mentee or either?\n"
    "timezone = Where in the world are you (IANA)?\n"
    "skills_wanted = What do you want to learn?\n"
)


def _code(out: str) -> str:
    return next(line.strip() for line in out.splitlines() if "mentorprog1-" in line)


def _editor(tmp_path: Path, name: str, body: str, seen: Path) -> str:
    """Stands in for $EDITOR: keeps what it was given in `seen`, writes `body` (or, when
    empty, leaves the file as given)."""
    script = tmp_path / name
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[-1])\n"
        f"pathlib.Path({str(seen)!r}).write_text(p.read_text())\n"
        f"if {body!r}:\n    p.write_text({body!r})\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr("mentor_tui.cli.program_intake._interactive", lambda: True)


def test_edited_questions_shape_the_participants_intake(program_repo, homes, tmp_path, terminal):
    coordinator, eli = homes[0], homes[3]
    done = mentor("program", "setup", "P", "--git", str(program_repo), home=coordinator.home)
    code = _code(done.stdout)
    assert mentor("program", "join", code, "--as", "mentee", home=eli.home).returncode == 0
    done = mentor("program", "questions", home=coordinator.home)
    assert done.returncode == 0 and "seniority = Your seniority" in done.stdout

    # A bad line: refused in one line, the edited text kept and reopened next time.
    seen = tmp_path / "seen.txt"
    bad = QUESTIONNAIRE + "shoe_size = How big?\n"
    env = {"EDITOR": _editor(tmp_path, "bad.py", bad, seen), "VISUAL": ""}
    done = mentor("program", "questions", "--edit", home=coordinator.home, env=env)
    assert "line 5: unknown question 'shoe_size'" in assert_one_line_error(done)
    assert "your text is kept" in done.stderr
    env = {"EDITOR": _editor(tmp_path, "fix.py", QUESTIONNAIRE, seen), "VISUAL": ""}
    done = mentor("program", "questions", "--edit", home=coordinator.home, env=env)
    assert done.returncode == 0, done.stderr
    assert "shoe_size" in seen.read_text()  # it opened on the kept text
    assert "The intake now asks 3 questions." in done.stdout
    done = mentor("program", "questions", home=coordinator.home)
    assert "skills_wanted = What do you want to learn?" in done.stdout
    assert "seniority" not in done.stdout.split("Known keys")[1].split("\n", 1)[1]

    # The participant's $EDITOR form: the program's prompts, and nothing else.
    answer = "role_wanted = mentee\ntimezone = Europe/Berlin\nskills_wanted = python, sql\n"
    env = {"EDITOR": _editor(tmp_path, "answer.py", answer, seen), "VISUAL": ""}
    done = mentor("program", "intake", home=eli.home, env=env)
    assert done.returncode == 0, done.stderr
    template = seen.read_text()
    assert "# What do you want to learn?\nskills_wanted = " in template
    assert "# Your seniority" not in template and "seniority" not in template
    assert "timezone = Europe/Berlin\n" in template  # not answered yet: my profile's zone
    # Next time the template holds my last answers.
    env = {"EDITOR": _editor(tmp_path, "keep.py", "", seen), "VISUAL": ""}
    done = mentor("program", "intake", home=eli.home, env=env)
    assert done.returncode == 0, done.stderr
    assert "skills_wanted = python, sql\n" in seen.read_text()
    assert "timezone = Europe/Berlin\n" in seen.read_text()

    # An answer to a question the program does not ask: refused in one line.
    done = mentor("program", "intake", "--role-wanted", "mentee", "--seniority", "lead",
                  home=eli.home)  # fmt: skip
    assert "the program does not ask 'seniority'" in assert_one_line_error(done)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"role_wanted": "mentee", "working_hours": "8-16"}))
    done = mentor("program", "intake", "--file", str(answers), home=eli.home)
    assert "the program does not ask 'working_hours'" in assert_one_line_error(done)

    # Only the coordinator sets them; a cycle change keeps them.
    done = mentor("program", "questions", "--file", str(answers), home=eli.home)
    assert "only the coordinator sets the intake's questions" in assert_one_line_error(done)
    assert mentor("program", "cycle", "2027-H1", home=coordinator.home).returncode == 0
    done = mentor("program", "questions", home=eli.home)
    assert "skills_wanted = What do you want to learn?" in done.stdout


def test_questions_in_a_program_json_not_signed_by_the_coordinator_are_refused(
    program_repo, homes, tmp_path
):
    from mentor_tui.program import layout
    from mentor_tui.program.questions import read_questions
    from mentor_tui.program.service import join, my_key, parse_program, pick, setup
    from mentor_tui.sync.canonical import SyncError

    coordinator, mia, eli = homes[0], homes[1], homes[3]
    code, _ = setup(coordinator.store, coordinator.home, "P", kind="git", url=str(program_repo))
    join(mia.store, mia.home, code, "mentor")
    join(eli.store, eli.home, code, "mentee")
    state = pick(eli.home)
    # Mia rewrites PROGRAM.json with questions of her own, signed by her key.
    mia_key = my_key(pick(mia.home))
    body = {
        "program_id": state.program_id, "name": "P", "coordinator_id": coordinator.id,
        "key": mia_key.public.to_json(), "cycle": "", "cycle_ends_on": "",
        "charter": {"cadence": "biweekly", "length_weeks": 26}, "encrypted": False,
        "questions": [["role_wanted", "Your bank PIN, please"]],
    }  # fmt: skip
    push(
        program_repo, tmp_path, layout.PROGRAM_PATH, layout.wrap("program", body, mia_key, None, "")
    )
    with pytest.raises(SyncError, match="not signed by the coordinator's key"):
        read_questions(eli.home)
    done = mentor("program", "questions", home=eli.home)
    assert "not signed by the coordinator's key" in assert_one_line_error(done)

    # Signed by the coordinator but out of bounds: refused, nothing taken.
    key = my_key(pick(coordinator.home))
    for questions in ([["site", "Where?"]], [["role_wanted", "x" * 301]], [["pin", "?"]]):
        signed = {**body, "key": key.public.to_json(), "questions": questions}
        with pytest.raises(SyncError, match="questions are refused"):
            parse_program(layout.wrap("program", signed, key, None, ""), state)
    # A PROGRAM.json from before the questions travelled: the default ones.
    old = {k: v for k, v in body.items() if k != "questions"} | {"key": key.public.to_json()}
    program = parse_program(layout.wrap("program", old, key, None, ""), state)
    assert program.questions[0][0] == "role_wanted" and len(program.questions) == 14
