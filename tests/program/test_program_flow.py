"""From nothing, seven homes: the coordinator sets up a program, six people enrol and
answer the intake, two matches are proposed and accepted, both pairs sync a session, and
the coordinator's roll-up shows both pairs' figures and nothing of their notes."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest

from tests.cli.helpers import mentor as run_mentor
from tests.program.conftest import where

pytest.importorskip("mentor_tui.services.intake")  # the rules branch; merged beside this

MARKERS = ("NOTE-MARK-4a1f", "GOAL-MARK-9b2e", "JOURNAL-MARK-c3d0", "PRIVATE-MARK-e5f6")


def run_program(kind: str, request: pytest.FixtureRequest, program_repo: Path, homes) -> dict:
    from mentor_tui.program.answers import answer, invitations
    from mentor_tui.program.refresh import load_view, refresh
    from mentor_tui.program.service import join, propose, setup, submit_intake

    encrypt = kind.endswith("-encrypted")
    place = where(kind.removesuffix("-encrypted"), request, program_repo)
    coordinator, people = homes[0], homes[1:]
    code, _state = setup(
        coordinator.store, coordinator.home, "Engineering mentoring", kind=place["kind"],
        url=place["url"], user=place.get("user", ""), password=place.get("password"),
        cycle="2026-H2", cadence="weekly", length_weeks=12, encrypt=encrypt,
    )  # fmt: skip
    for person in people:
        join(
            person.store, person.home, code, person.intake["role_wanted"],
            user=place.get("user", ""), password=place.get("password"),
        )  # fmt: skip
        submit_intake(person.store, person.home, person.intake)
    view, problems = refresh(coordinator.home)
    assert problems == []
    assert len(view.participants) == 6
    mia, max_, eli, eva = people[0], people[1], people[2], people[3]
    today = FROZEN_DAY
    for mentor, mentee in ((mia, eli), (max_, eva)):
        pair = propose(coordinator.home, mentee.id, mentor.id, cohort="spring", today=today)
        assert pair.mentor_id == mentor.id and pair.cohort == "spring"
    # The first to accept waits; the second makes the pair; the first makes it at their
    # next look at the invitations.
    for first, second in ((mia, eli), (max_, eva)):
        found, problems = invitations(first.store, first.home)
        assert problems == [] and len(found) == 1
        inv, _ = answer(first.store, first.home, found[0].pair_id[:8], True)
        assert not inv.made
        inv, problems = answer(second.store, second.home, found[0].pair_id, True)
        assert inv.made and problems == []
        found, problems = invitations(first.store, first.home)
        assert problems == [] and found[0].made
    return {"coordinator": coordinator, "pairs": ((mia, eli), (max_, eva)), "view": load_view}


FROZEN_DAY = __import__("datetime").date(2026, 11, 16)


def hold_a_session(mentor, mentee) -> str:
    from mentor_tui.program.service import pick
    from mentor_tui.services.goals import create_goal
    from mentor_tui.services.journal import add_journal_entry
    from mentor_tui.services.sessions import schedule_session, set_session_status, update_session

    pair_id = pick(mentor.home).made[0]
    meeting = schedule_session(mentor.store, pair_id, "2026-11-10 15:00", agenda="Kickoff")
    update_session(
        mentor.store, meeting.id, shared_notes=f"{MARKERS[0]} shared",
        private_notes=f"{MARKERS[3]} private",
    )  # fmt: skip
    set_session_status(mentor.store, meeting.id, "held")
    create_goal(mentee.store, pair_id, title=f"{MARKERS[1]} a goal")
    add_journal_entry(mentee.store, f"{MARKERS[2]} shared thought", shared=True, pair_id=pair_id)
    return pair_id


def sync_both(mentor, mentee, pair_id: str) -> None:
    """The mentor syncs, the mentee syncs and publishes, and the mentor's `mentor sync`
    (the CLI) takes the mentee's side in and publishes the mentor's summary after it."""
    from mentor_tui.program.summaries import publish_after_sync
    from mentor_tui.sync.service import sync

    assert sync(mentor.store, mentor.home, pair_id).problems == []
    assert sync(mentee.store, mentee.home, pair_id).problems == []
    assert publish_after_sync(mentee.store, mentee.home, [pair_id]) == []
    done = run_mentor("sync", "--pair", pair_id, home=mentor.home)
    assert done.returncode == 0 and done.stderr == "", done.stderr


def remote_bytes(kind: str, request, program_repo: Path) -> bytes:
    if kind.startswith("git"):
        return subprocess.run(
            ["git", "cat-file", "--batch-all-objects", "--batch"], cwd=program_repo,
            check=True, capture_output=True, timeout=60,
        ).stdout  # fmt: skip
    root = request.getfixturevalue("dav").root
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def remote_file(kind: str, request, program_repo: Path, path: str) -> bytes:
    if kind.startswith("git"):
        return subprocess.run(
            ["git", "show", f"HEAD:{path}"], cwd=program_repo, check=True, capture_output=True,
            timeout=60,
        ).stdout  # fmt: skip
    return (request.getfixturevalue("dav").root / "shared" / path).read_bytes()


def coordinator_bytes(home: Path) -> bytes:
    """Every byte the coordinator's machine holds, git's objects unpacked."""
    found = [p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()]
    for git_dir in home.rglob(".git"):
        found.append(
            subprocess.run(
                ["git", "cat-file", "--batch-all-objects", "--batch"], cwd=git_dir.parent,
                check=True, capture_output=True, timeout=60,
            ).stdout
        )  # fmt: skip
    return b"".join(found)


@pytest.mark.parametrize("kind", ["git", "webdav", "git-encrypted"])
def test_a_program_from_nothing(kind, request, program_repo, homes):
    from mentor_tui.program.refresh import load_view, refresh

    flow = run_program(kind, request, program_repo, homes)
    coordinator = flow["coordinator"]
    pair_ids = []
    for mentor, mentee in flow["pairs"]:
        pair_id = hold_a_session(mentor, mentee)
        sync_both(mentor, mentee, pair_id)
        pair_ids.append(pair_id)
    view, problems = refresh(coordinator.home)
    assert problems == []
    made = [p for p in view.pairs if p.made]
    assert {p.pair_id for p in made} == set(pair_ids)
    assert len(view.summaries) == 4
    for (pair_id, _member), summary in view.summaries.items():
        assert summary.figures["sessions_held"] == 1, pair_id
        assert summary.figures["goals_agreed"] == 0
    assert load_view(coordinator.home) == view  # the cached view, no network
    # What a member previews is, byte for byte, what the shared place holds.
    member = flow["pairs"][0][0]
    shown = json.loads(run_mentor("program", "preview", "--json", home=member.home).stdout)
    assert len(shown["files"]) == 1
    for path, text in shown["files"].items():
        assert remote_file(kind, request, program_repo, path) == text.encode()
    # The shared place holds the pairs' shared text (the search sees it; sealed when the
    # program is encrypted, and then the pairs are too) ...
    blob = remote_bytes(kind, request, program_repo)
    shared = MARKERS[0].encode() in blob and MARKERS[1].encode() in blob
    assert shared is not kind.endswith("-encrypted")
    # ... and nothing of it reached the coordinator's machine.
    held = coordinator_bytes(coordinator.home)
    for marker in MARKERS:
        assert marker.encode() not in held, marker
    # A refresh with nothing new reads nothing again and gives the same view.
    again, problems = refresh(coordinator.home)
    assert problems == [] and again.summaries == view.summaries
    if importlib.util.find_spec("mentor_tui.services.program_health"):  # the rules branch
        done = run_mentor("program", "report", "--format", "json", home=coordinator.home)
        assert done.returncode == 0, done.stderr
        assert all(p in done.stdout for p in pair_ids)
        for marker in MARKERS:
            assert marker not in done.stdout
