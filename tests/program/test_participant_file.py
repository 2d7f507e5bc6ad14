"""One participant file per member (participants/<person-id>.json), each part signed on its
own: a forged part is refused and the rest of the file taken; the intake part opens only
for the coordinator (the enrolment stays readable by the partner); answers are read from
the file; leaving withdraws the enrolment and the intake there; a damaged file is refused
in one line."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.program.test_program_trust import push, small_program

pytest.importorskip("mentor_tui.services.intake")  # the rules branch; merged beside this


def remote_file(repo: Path, path: str) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"HEAD:{path}"],
        check=True, capture_output=True, timeout=60,
    ).stdout  # fmt: skip


def remote_paths(repo: Path) -> list[str]:
    out = subprocess.run(
        ["git", "--git-dir", str(repo), "ls-tree", "-r", "--name-only", "HEAD", "participants"],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    return out.split()


def test_a_forged_part_is_refused_and_the_rest_of_the_file_taken(program_repo, homes, tmp_path):
    from mentor_tui.program import layout, participants
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import my_key, pick, submit_intake
    from mentor_tui.sync.keys import KeyPair

    coordinator, mia, eli, pair_id = small_program(program_repo, homes)
    view, problems = refresh(coordinator.home)
    assert problems == [] and eli.id in view.participants

    # Mia replaces Eli's intake part with one she signed, in Eli's name.
    path = layout.participant_path(eli.id)
    parts = participants.from_bytes(remote_file(program_repo, path), path)
    forged = {"person_id": eli.id, "withdrawn": False,
              "answers": {"role_wanted": "mentor", "goals": "FORGED-GOAL"}}  # fmt: skip
    mia_key = my_key(pick(mia.home))
    parts.intake = layout.wrap_part("intake", forged, mia_key, None, layout.intake_part(eli.id))
    push(program_repo, tmp_path, path, participants.to_bytes(parts))
    for _again in range(2):  # said on every refresh until it is mended, as a refused file is
        view, problems = refresh(coordinator.home)
        assert len(problems) == 1, problems
        assert problems[0].startswith(f"{layout.intake_part(eli.id)} is not signed by the key")
        assert eli.id not in view.participants  # the forged intake is not taken ...
        assert view.enrolled_without_intake[eli.id] == "Eli Mentee"  # ... the enrolment is
        assert set(view.pairs[0].accepted_by) == {mia.id, eli.id}  # ... and so is her answer

    # Eli's next write drops the part her key did not sign; her own intake is read again.
    submit_intake(eli.store, eli.home, eli.intake)
    assert b"FORGED-GOAL" not in remote_file(program_repo, path)
    view, problems = refresh(coordinator.home)
    assert problems == [] and view.participants[eli.id].role_wanted == "mentee"

    # An enrolment part signed by a new key: nothing of the file is taken (the key pinned
    # at first sight stays), the rest of the program is read.
    stranger = KeyPair(os.urandom(32), view.program_id, eli.id)
    parts = participants.from_bytes(remote_file(program_repo, path), path)
    assert parts.enrol is not None
    enrol = dict(parts.enrol["body"], key=stranger.public.to_json())
    parts.enrol = layout.wrap_part("enrol", enrol, stranger, None, layout.enrol_part(eli.id))
    push(program_repo, tmp_path, path, participants.to_bytes(parts))
    view, problems = refresh(coordinator.home)
    assert len(problems) == 1 and "signed by a new key" in problems[0]
    assert eli.id not in view.participants and eli.id not in view.enrolled_without_intake
    assert mia.id in view.participants and (pair_id, mia.id) in view.summaries


def test_a_file_that_is_not_its_members_is_refused(program_repo, homes, tmp_path):
    from mentor_tui.program import layout, participants
    from mentor_tui.program.refresh import refresh
    from mentor_tui.sync.canonical import SyncError

    coordinator, mia, eli, _pair_id = small_program(program_repo, homes)
    mine = remote_file(program_repo, layout.participant_path(mia.id))
    # Mia's genuine file copied to where Eli's belongs: it speaks for Mia, not Eli.
    push(program_repo, tmp_path, layout.participant_path(eli.id), mine)
    view, problems = refresh(coordinator.home)
    assert len(problems) == 1 and "speaks for someone else" in problems[0]
    assert eli.id not in view.participants and mia.id in view.participants

    path = layout.participant_path(mia.id)
    for damaged in (
        b"[]",
        b'{"format":"mentor-tui-program","kind":"enrol"}',
        b'{"format":"mentor-tui-program","kind":"participant","person_id":"%s","answers":[]}'
        % mia.id.encode(),
        b'{"format":"mentor-tui-program","kind":"participant","person_id":"%s","intake":"x"}'
        % mia.id.encode(),
    ):
        with pytest.raises(SyncError):
            participants.from_bytes(damaged, path)
    with pytest.raises(SyncError):
        participants.from_bytes(mine, f"participants/{mia.id}/enrol.json")  # not its path


def test_the_intake_opens_for_the_coordinator_only(program_repo, homes):
    from mentor_tui.program import layout, participants
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import join, my_key, pick, setup, submit_intake
    from mentor_tui.sync.canonical import SyncError

    coordinator, mia, eli = homes[0], homes[1], homes[3]
    code, _ = setup(
        coordinator.store, coordinator.home, "P", kind="git", url=str(program_repo), encrypt=True
    )
    for person in (mia, eli):
        join(person.store, person.home, code, person.intake["role_wanted"])
    submit_intake(eli.store, eli.home, {**eli.intake, "goals": "SEALED-GOAL-31"})

    path = layout.participant_path(eli.id)
    data = remote_file(program_repo, path)
    assert b"SEALED-GOAL-31" not in data
    parts = participants.from_bytes(data, path)
    program_id = pick(eli.home).program_id
    # Mia, a participant, reads Eli's enrolment (her name and key: how a partner checks
    # an answer) but cannot open the intake, whatever box she derives.
    body, eli_public = participants.enrolment(parts, program_id)
    assert body["name"] == "Eli Mentee"
    mia_key = my_key(pick(mia.home))
    coordinator_public = my_key(pick(coordinator.home)).public
    for box in (
        None,
        mia_key.pair_key(eli_public, program_id),
        mia_key.pair_key(coordinator_public, program_id),
    ):
        with pytest.raises(SyncError, match=r"sealed|cannot be decrypted"):
            participants.intake(parts, eli_public, box)
    # The same sealed part moved into Mia's file does not open there either.
    moved = participants.Parts(mia.id, None, parts.intake)
    coordinator_key = my_key(pick(coordinator.home))
    with pytest.raises(SyncError, match="cannot be decrypted"):
        participants.intake(moved, eli_public, coordinator_key.pair_key(eli_public, program_id))

    view, problems = refresh(coordinator.home)
    assert problems == [] and view.participants[eli.id].goals == "SEALED-GOAL-31"
    assert view.enrolled_without_intake == {mia.id: "Mia Mentor"}


def test_answers_are_read_from_the_participant_file(program_repo, homes):
    from mentor_tui.program import layout, participants
    from mentor_tui.program.answers import invitations
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import my_key, pick
    from mentor_tui.sync.state import load_state

    coordinator, mia, eli, pair_id = small_program(program_repo, homes)
    # One file per member, nothing else under participants/.
    assert sorted(remote_paths(program_repo)) == sorted(
        layout.participant_path(p.id) for p in (mia, eli)
    )
    path = layout.participant_path(mia.id)
    parts = participants.from_bytes(remote_file(program_repo, path), path)
    said = participants.answer(parts, pair_id, my_key(pick(mia.home)).public)
    assert said is not None and said["answer"] == "accept"
    assert said["sync_fp"] == load_state(mia.home, pair_id).my_key_fp
    assert participants.answer(parts, str(uuid.uuid4()), my_key(pick(mia.home)).public) is None

    found, problems = invitations(eli.store, eli.home)
    assert problems == [] and (found[0].mine, found[0].theirs) == ("accept", "accept")
    assert found[0].partner_sync_fp == said["sync_fp"]  # pinned from Mia's signed answer
    view, problems = refresh(coordinator.home)
    assert problems == [] and set(view.pairs[0].accepted_by) == {mia.id, eli.id}


def test_leaving_withdraws_in_the_participant_file_on_webdav(dav, homes):
    from mentor_tui.program import layout, participants
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import leave, my_key, pick
    from mentor_tui.sync.canonical import SyncError
    from tests.program.test_program_webdav import _made_pair

    coordinator, mia, eli, pair = _made_pair(dav, homes)
    view, problems = refresh(coordinator.home)
    assert problems == [] and {mia.id, eli.id} <= set(view.participants)
    path = layout.participant_path(mia.id)
    before = (dav.root / "shared" / path).read_bytes()
    dav.faults.add("GET", path, status=500)  # her file cannot be read just now
    with pytest.raises(SyncError):
        leave(mia.store, mia.home)  # ... so it is not written from nothing (her answer kept)
    assert (dav.root / "shared" / path).read_bytes() == before
    dav.faults.reset()
    assert leave(mia.store, mia.home) == 2  # her file and her summary

    parts = participants.from_bytes((dav.root / "shared" / path).read_bytes(), path)
    enrol, key = participants.enrolment(parts, view.program_id)
    assert enrol["withdrawn"] is True and key == my_key(pick(mia.home)).public
    intake = participants.intake(parts, key, None)
    assert intake == {"program_id": view.program_id, "person_id": mia.id, "withdrawn": True}
    said = participants.answer(parts, pair.pair_id, key)  # what she said stays said
    assert said is not None and said["answer"] == "accept"

    dav.faults.reset()  # found through her marker: her file and her pair's summaries
    view, problems = refresh(coordinator.home)
    assert problems == []
    assert mia.id not in view.participants and mia.id not in view.enrolled_without_intake
    assert (pair.pair_id, mia.id) not in view.summaries and (pair.pair_id, eli.id) in view.summaries
    gets = sorted(p for m, p in dav.faults.requests if m == "GET")
    assert gets == sorted(
        ["/shared/" + path, "/shared/" + layout.summary_path(pair.pair_id, mia.id)]
    )
