"""What the coordinator refuses from the shared place, one line each, the rest going on:
a summary signed by someone else or not signed at all, a summary carrying a figure off the
allow-list, a link where a file belongs. And the allow-list on the way out."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mentor_tui.errors import InvalidInput

pytest.importorskip("mentor_tui.services.intake")  # the rules branch; merged beside this


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def push(repo: Path, tmp: Path, path: str, data: bytes | None, link: str = "") -> None:
    """Someone with write access to the shared place commits a file (or a link)."""
    work = tmp / "attacker"
    if not work.exists():
        git("clone", "--quiet", str(repo), str(work), cwd=tmp)
    git("pull", "--quiet", "--rebase", cwd=work)
    target = work / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    if link:
        target.symlink_to(link)
    else:
        assert data is not None
        target.write_bytes(data)
    git("add", "-A", cwd=work)
    git("-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "x", cwd=work)
    git("push", "--quiet", "origin", "HEAD", cwd=work)


def forge_part(repo: Path, tmp: Path, person: str, pair_id: str, said: dict, key) -> None:
    """Someone with write access replaces `person`'s answer to `pair_id` in their
    participant file with one signed by `key`; the file's other parts stay."""
    from mentor_tui.program import layout, participants

    path = layout.participant_path(person)
    data = subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"HEAD:{path}"],
        check=True, capture_output=True, timeout=60,
    ).stdout  # fmt: skip
    parts = participants.from_bytes(data, path)
    name = layout.answer_part(person, pair_id)
    parts.answers[pair_id] = layout.wrap_part("answer", said, key, None, name)
    push(repo, tmp, path, participants.to_bytes(parts))


def small_program(program_repo: Path, homes) -> tuple:
    from mentor_tui.program.answers import answer, invitations, propose_match
    from mentor_tui.program.service import join, setup, submit_intake
    from mentor_tui.program.summaries import publish

    coordinator, mia, eli = homes[0], homes[1], homes[3]
    code, _ = setup(coordinator.store, coordinator.home, "P", kind="git", url=str(program_repo))
    for person in (mia, eli):
        join(person.store, person.home, code, person.intake["role_wanted"])
        submit_intake(person.store, person.home, person.intake)
    pair = propose_match(coordinator.home, eli.id, mia.id)
    for person in (mia, eli):
        found, _ = invitations(person.store, person.home)
        answer(person.store, person.home, found[0].pair_id, True)
    assert invitations(mia.store, mia.home)[0][0].made  # the first to accept: made now
    assert publish(mia.store, mia.home) == 1
    return coordinator, mia, eli, pair.pair_id


def test_forged_unsigned_off_list_and_linked_files_are_refused(program_repo, homes, tmp_path):
    from mentor_tui.program import layout
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import my_key, pick
    from mentor_tui.program.summaries import preview

    coordinator, mia, eli, pair_id = small_program(program_repo, homes)
    view, problems = refresh(coordinator.home)
    assert problems == [] and (pair_id, mia.id) in view.summaries

    genuine = preview(mia.store, mia.home).bodies[layout.summary_path(pair_id, mia.id)]
    eli_path = layout.summary_path(pair_id, eli.id)
    as_eli = {**genuine, "member_id": eli.id, "role": "mentee"}
    mia_key, eli_key = my_key(pick(mia.home)), my_key(pick(eli.home))

    # Signed by someone else (Mia signs Eli's summary): refused, Mia's own still read.
    push(program_repo, tmp_path, eli_path, layout.wrap("summary", as_eli, mia_key, None, eli_path))
    view, problems = refresh(coordinator.home)
    assert len(problems) == 1 and "not signed by the key pinned" in problems[0]
    assert (pair_id, eli.id) not in view.summaries and (pair_id, mia.id) in view.summaries

    # Not signed at all.
    unsigned = b'{"body":{},"format":"mentor-tui-program","kind":"summary"}\n'
    push(program_repo, tmp_path, eli_path, unsigned)
    view, problems = refresh(coordinator.home)
    assert len(problems) == 1 and "not signed" in problems[0]
    assert (pair_id, eli.id) not in view.summaries

    # Signed by Eli, but a figure off the allow-list: refused on read.
    extra = {**as_eli, "figures": {**as_eli["figures"], "note": "what we talked about"}}
    push(program_repo, tmp_path, eli_path, layout.wrap("summary", extra, eli_key, None, eli_path))
    view, problems = refresh(coordinator.home)
    assert len(problems) == 1 and "may not carry 'note'" in problems[0]
    assert (pair_id, eli.id) not in view.summaries

    # A link where Eli's summary belongs (to a file outside): not followed.
    secret = tmp_path / "outside.json"
    secret.write_bytes(layout.wrap("summary", as_eli, eli_key, None, eli_path))
    push(program_repo, tmp_path, eli_path, None, link=str(secret))
    view, problems = refresh(coordinator.home)
    assert len(problems) == 1 and "is a link" in problems[0]
    assert (pair_id, eli.id) not in view.summaries and (pair_id, mia.id) in view.summaries

    # Eli's genuine summary is taken again.
    from mentor_tui.program.summaries import publish

    assert publish(eli.store, eli.home) == 1
    view, problems = refresh(coordinator.home)
    assert problems == [] and (pair_id, eli.id) in view.summaries


def test_the_summary_is_the_allow_list_and_nothing_else(store, pair):
    from mentor_tui.services.program_summary import check_summary, member_summary
    from mentor_tui.services.program_types import SUMMARY_FIELDS

    figures = member_summary(store, pair.id, pair.me_id, __import__("datetime").date(2026, 11, 16))
    assert set(figures) == set(SUMMARY_FIELDS)
    for key, value in (("note", "x"), ("goal_title", "y"), ("partner_name", "z")):
        with pytest.raises(InvalidInput, match="may not carry"):
            check_summary({**figures, key: value})
    with pytest.raises(InvalidInput):
        check_summary({**figures, "sessions_by_month": {"notes": 1}})
    with pytest.raises(InvalidInput):
        check_summary({**figures, "sessions_held": "3"})


def test_forged_proposals_answers_and_program_are_refused(program_repo, homes, tmp_path):
    import uuid

    from mentor_tui.program import layout
    from mentor_tui.program.answers import invitations
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import join, my_key, pick
    from mentor_tui.program.state import decode_code, enrolment_code
    from mentor_tui.sync.canonical import SyncError

    coordinator, mia, eli, pair_id = small_program(program_repo, homes)
    mia_key = my_key(pick(mia.home))
    # Mia forges a proposal (Mia with Eli again) and Eli's acceptance of the real one.
    forged_id = str(uuid.uuid4())
    match = {
        "program_id": pick(mia.home).program_id, "pair_id": forged_id, "mentor_id": mia.id,
        "mentee_id": eli.id, "names": {}, "zones": {}, "keys": {},
    }  # fmt: skip
    path = layout.match_path(forged_id)
    push(program_repo, tmp_path, path, layout.wrap("match", match, mia_key, None, path))
    said = {"program_id": match["program_id"], "pair_id": pair_id, "person_id": eli.id,
            "answer": "decline", "answered_on": "2026-11-16"}  # fmt: skip
    forge_part(program_repo, tmp_path, eli.id, pair_id, said, mia_key)
    found, problems = invitations(eli.store, eli.home)
    assert [i.pair_id for i in found] == [pair_id]
    assert len(problems) == 2 and all("not signed by the key pinned" in p for p in problems)
    assert sorted(p.split("/")[0] for p in problems) == ["matches", "participants"]
    assert found[0].mine != "decline" and found[0].made  # the forged decline was not taken
    found, problems = invitations(mia.store, mia.home)
    assert len(problems) == 2 and found[0].theirs != "decline" and found[0].made
    view, problems = refresh(coordinator.home)
    assert len(problems) == 2  # the forged proposal, the forged answer
    assert [p.pair_id for p in view.pairs] == [pair_id] and view.pairs[0].declined_by == ()

    # An enrolment code naming the coordinator's key, pointing at a place whose
    # PROGRAM.json another key signed: nothing is joined.
    other_repo = tmp_path / "other.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(other_repo)], check=True, timeout=60)
    from mentor_tui.program.service import setup

    # Una sets up a program of her own there.
    setup(homes[6].store, homes[6].home, "Other", kind="git", url=str(other_repo))
    state = pick(coordinator.home)
    data = decode_code(enrolment_code(state))
    state.location = str(other_repo)
    state.program_id = pick(homes[6].home).program_id
    assert data["fp"] == state.coordinator_fp
    with pytest.raises(SyncError, match="not signed by the coordinator's key"):
        join(homes[5].store, homes[5].home, enrolment_code(state), "either")


def test_leaving_withdraws_enrolment_and_summaries(program_repo, homes, tmp_path):
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import leave
    from mentor_tui.program.summaries import publish_after_sync

    coordinator, mia, _eli, pair_id = small_program(program_repo, homes)
    view, _ = refresh(coordinator.home)
    assert (pair_id, mia.id) in view.summaries and mia.id in view.participants
    assert leave(mia.store, mia.home) == 2  # her file (enrol, intake), the summary: tombstones
    assert publish_after_sync(mia.store, mia.home, [pair_id]) == []  # nothing more goes out
    view, problems = refresh(coordinator.home)
    assert problems == []
    assert (pair_id, mia.id) not in view.summaries and mia.id not in view.participants


def test_rotation_links_the_previous_pair(program_repo, homes):
    from mentor_tui.program.answers import answer, invitations, propose_match
    from mentor_tui.services.pairs import get_pair

    coordinator, mia, eli, first = small_program(program_repo, homes)
    pair = propose_match(coordinator.home, eli.id, mia.id, cohort="next", previous=first)
    assert pair.previous_pair_id == first
    for person in (mia, eli, mia):
        found, problems = invitations(person.store, person.home)
        assert problems == []
        new = next(i for i in found if i.pair_id == pair.pair_id)
        if not new.made:
            answer(person.store, person.home, pair.pair_id, True)
    for person in (mia, eli):
        assert get_pair(person.store, pair.pair_id).pair.previous_pair_id == first


def test_a_git_server_that_ignores_partial_clones_leaves_no_record_here(
    program_repo, homes, tmp_path
):
    """git's own server ignores --filter unless uploadpack.allowFilter is set: it would send
    every pair's records. The coordinator's refresh says so in one line and keeps nothing."""
    from mentor_tui.program.refresh import refresh
    from mentor_tui.services.goals import create_goal
    from mentor_tui.sync.canonical import SyncError

    coordinator, mia, _eli, pair_id = small_program(program_repo, homes)
    create_goal(mia.store, pair_id, title="GOAL-MARK-filter a goal")
    from mentor_tui.sync.service import sync

    sync(mia.store, mia.home, pair_id)
    git("config", "uploadpack.allowFilter", "false", cwd=program_repo)
    with pytest.raises(SyncError, match="ignores partial clones"):
        refresh(coordinator.home)
    held = b"".join(p.read_bytes() for p in coordinator.home.rglob("*") if p.is_file())
    assert b"GOAL-MARK-filter" not in held
    assert not list(coordinator.home.rglob("*.pack"))
