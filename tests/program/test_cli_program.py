"""`mentor program ...` in process: setup prints a code, join and intake with flags, status,
preview, refresh, leave; an encrypted program's intake leaves sealed; bad input is one line."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.cli.helpers import assert_one_line_error, mentor

pytest.importorskip("mentor_tui.services.intake")  # the rules branch; merged beside this


def _code(out: str) -> str:
    return next(line.strip() for line in out.splitlines() if "mentorprog1-" in line)


def test_setup_join_intake_refresh_leave_encrypted(program_repo, homes):
    coordinator, eli = homes[0], homes[3]
    done = mentor(
        "program", "setup", "Spring cohort", "--git", str(program_repo), "--encrypt",
        "--cycle", "2026-H2", "--cycle-end", "2026-12-31", home=coordinator.home,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    code = _code(done.stdout)
    done = mentor("program", "join", code, "--as", "mentee", home=eli.home)
    assert done.returncode == 0, done.stderr
    assert "Enrolled in Spring cohort as mentee" in done.stdout
    done = mentor(
        "program", "intake", "--role-wanted", "mentee", "--skills-wanted", "SEALED-SKILL-77",
        "--timezone", "Europe/Berlin", "--working-hours", "8-16", home=eli.home,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    objects = subprocess.run(
        ["git", "cat-file", "--batch-all-objects", "--batch"], cwd=program_repo,
        capture_output=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    assert b"SEALED-SKILL-77" not in objects  # sealed to the coordinator's key
    done = mentor("program", "refresh", "--json", home=coordinator.home)
    assert done.returncode == 0, done.stderr
    view = json.loads(done.stdout)
    assert view["participants"][eli.id]["skills_wanted"] == ["SEALED-SKILL-77"]
    status = json.loads(mentor("program", "status", "--json", home=eli.home).stdout)
    assert status["role"] == "participant" and status["encrypted"] is True
    done = mentor("program", "preview", home=eli.home)
    assert done.returncode == 0 and "nothing is published" in done.stdout
    mia = homes[1]
    assert mentor("program", "join", code, "--as", "mentor", home=mia.home).returncode == 0
    done = mentor("program", "match", "eli mentee", "Mia Mentor", "--cohort", "spring",
                  home=coordinator.home)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Proposed Mia Mentor → Eli Mentee" in done.stdout
    done = mentor("program", "invitations", home=eli.home)
    assert done.returncode == 0, done.stderr
    assert "mentee of Mia Mentor  (you: not answered, they: not answered)" in done.stdout
    done = mentor("program", "decline", done.stdout[:8], home=eli.home)
    assert done.returncode == 0 and "Declined the match with Mia Mentor" in done.stdout
    view = json.loads(mentor("program", "refresh", "--json", home=coordinator.home).stdout)
    assert view["pairs"][0]["declined_by"] == [eli.id] and view["pairs"][0]["cohort"] == "spring"
    status = json.loads(mentor("program", "status", "--json", home=coordinator.home).stdout)
    assert status["role"] == "coordinator" and status["enrolled"] == 2
    assert status["proposed"] == 1 and status["pairs_made"] == []
    done = mentor("program", "leave", home=eli.home)
    assert done.returncode == 0, done.stderr
    view = json.loads(mentor("program", "refresh", "--json", home=coordinator.home).stdout)
    assert view["participants"] == {} and list(view["enrolled_without_intake"]) == [mia.id]


def test_matches_lists_ranked_suggestions(program_repo, homes):
    pytest.importorskip("mentor_tui.services.matching")
    coordinator, mia, eli = homes[0], homes[1], homes[3]
    code = _code(mentor("program", "setup", "P", "--git", str(program_repo),
                        home=coordinator.home).stdout)  # fmt: skip
    for person in (mia, eli):
        role = person.intake["role_wanted"]
        assert mentor("program", "join", code, "--as", role, home=person.home).returncode == 0
        flags = [f"--{k.replace('_', '-')}={v}" for k, v in person.intake.items()]
        done = mentor("program", "intake", *flags, home=person.home)
        assert done.returncode == 0, done.stderr
    assert mentor("program", "refresh", home=coordinator.home).returncode == 0
    done = mentor("program", "matches", home=coordinator.home)
    assert done.returncode == 0, done.stderr
    assert "Eli Mentee" in done.stdout and "Mia Mentor" in done.stdout


def test_bad_input_is_one_line(program_repo, homes):
    coordinator, eli = homes[0], homes[3]
    assert_one_line_error(mentor("program", "join", "mentorprog1-garbage", "--as", "mentee",
                                 home=eli.home))  # fmt: skip
    assert_one_line_error(mentor("program", "join", "hello", "--as", "mentee", home=eli.home))
    assert_one_line_error(mentor("program", "status", home=eli.home))
    assert_one_line_error(
        mentor("program", "setup", "X", "--git", str(program_repo), "--cycle-end", "soon",
               home=coordinator.home)
    )  # fmt: skip
    assert_one_line_error(mentor("program", "join", "x", home=eli.home), code=2)
    code = _code(mentor("program", "setup", "X", "--git", str(program_repo),
                        home=coordinator.home).stdout)  # fmt: skip
    assert_one_line_error(mentor("program", "join", code, "--as", "mentee", home=coordinator.home))
    assert mentor("program", "join", code, "--as", "mentee", home=eli.home).returncode == 0
    assert_one_line_error(mentor("program", "intake", "--role-wanted", "boss", home=eli.home))
    assert_one_line_error(mentor("program", "intake", "--file", "/nonexistent", home=eli.home))
    assert_one_line_error(mentor("program", "accept", "ffff", home=eli.home))
    assert_one_line_error(mentor("program", "refresh", home=eli.home))
    assert_one_line_error(mentor("program", "match", "nobody", "noone", home=coordinator.home))


def test_the_first_to_accept_gets_the_pair_at_their_next_sync(program_repo, homes):
    """Mia accepts first and waits; Eli accepts; Mia's next plain `mentor sync` makes the
    pair (she need not know about `program invitations`) and syncs it."""
    coordinator, mia, eli = homes[0], homes[1], homes[3]
    code = _code(mentor("program", "setup", "P", "--git", str(program_repo),
                        home=coordinator.home).stdout)  # fmt: skip
    for person, role in ((mia, "mentor"), (eli, "mentee")):
        assert mentor("program", "join", code, "--as", role, home=person.home).returncode == 0
    done = mentor("program", "match", "Eli Mentee", "Mia Mentor", home=coordinator.home)
    assert done.returncode == 0, done.stderr
    pair_ref = mentor("program", "invitations", home=mia.home).stdout[:8]
    done = mentor("program", "accept", pair_ref, home=mia.home)
    assert done.returncode == 0, done.stderr
    assert "`mentor sync` makes the pair once they accept" in done.stdout
    waiting = mentor("sync", home=mia.home)  # Eli has not answered: still no pair
    assert waiting.returncode == 1 and "once your partner accepts too" in waiting.stderr
    done = mentor("program", "accept", pair_ref, home=eli.home)
    assert done.returncode == 0 and "is made" in done.stdout, done.stderr
    done = mentor("sync", home=mia.home)
    assert done.returncode == 0, done.stderr
    assert "Eli Mentee accepted the program's match too: the pair with Eli Mentee is made." in (
        done.stdout
    )
    pairs = json.loads(mentor("pair", "list", "--json", home=mia.home).stdout)
    assert [p["id"][:8] for p in pairs] == [pair_ref]
    again = mentor("sync", home=mia.home)  # nothing awaits now: no second "made" line
    assert again.returncode == 0 and "accepted the program's match" not in again.stdout
