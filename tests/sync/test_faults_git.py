"""Real git faults: a push rejected because the partner pushed meanwhile, a remote that
disappears or comes back empty, a remote that holds something else, partner files that
are not JSON or do not match their sha256."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mentor_tui.sync import layout
from mentor_tui.sync.canonical import SyncError
from tests.sync.conftest import git
from tests.sync.helpers import connect, sync
from tests.sync.scenes import first_goal_scene
from tests.sync.signing import edit_manifest


@pytest.fixture
def linked(bare_repo, mentor, mentee, tmp_path, tmp_path_factory):
    """Both joined; the mentee's first goal already seen by the mentor (a copy of a scene
    built once per test process: tests/sync/scenes.py)."""
    return first_goal_scene("git", tmp_path_factory, tmp_path, mentor, mentee, bare_repo)


def _titles(side) -> list[str]:
    from mentor_tui.services.goals import list_goals

    return sorted(g.goal.title for g in list_goals(side.store, side.pair.id))


def _change(mentee, goal) -> None:
    from mentor_tui.services.goals import create_goal, update_goal

    mentee.clock.advance(minutes=5)
    update_goal(mentee.store, goal.id, title="Second title")
    create_goal(mentee.store, mentee.pair.id, title="Another goal")


def _commits(repo: Path) -> int:
    return int(git("rev-list", "--all", "--count", cwd=repo) or 0)


def _tamper(repo: Path, tmp_path: Path, edit) -> None:
    """Someone else commits straight into the shared repository."""
    work = tmp_path / "tamper"
    shutil.rmtree(work, ignore_errors=True)
    git("clone", "--quiet", str(repo), str(work))
    edit(work)
    git("add", "--all", cwd=work)
    git("commit", "--quiet", "-m", "tamper", cwd=work)
    git("push", "--quiet", "origin", "HEAD", cwd=work)


def test_push_rejected_because_partner_pushed_meanwhile(linked, mentor, mentee, monkeypatch):
    from mentor_tui.services.goals import create_goal
    from mentor_tui.sync.git import GitRemote

    _change(mentee, linked)
    create_goal(mentor.store, mentor.pair.id, title="Mentor's goal")
    real = GitRemote._git
    pushes: list[str] = []

    def racing(self, *args, **kw):
        if args[0] == "push" and not pushes and "mentee" in str(self.repo):
            pushes.append("raced")
            monkeypatch.setattr(GitRemote, "_git", real)
            assert sync(mentor).problems == []  # the mentor pushes first
            monkeypatch.setattr(GitRemote, "_git", racing)
        result = real(self, *args, **kw)
        if args[0] == "push":
            pushes.append("rejected" if result.returncode else "pushed")
        return result

    monkeypatch.setattr(GitRemote, "_git", racing)
    assert sync(mentee).problems == []
    assert pushes == ["raced", "rejected", "pushed"]  # rejected once, then rebased and pushed
    # What the mentor pushed during the race comes in with the mentee's next sync.
    assert sync(mentee).problems == []
    assert _titles(mentee) == sorted(["Another goal", "Second title", "Mentor's goal"])
    assert sync(mentor).problems == []
    assert _titles(mentor) == sorted(["Another goal", "Second title", "Mentor's goal"])


def test_remote_gone_then_back(linked, bare_repo, mentor, mentee, tmp_path):
    _change(mentee, linked)
    moved = tmp_path / "moved.git"
    bare_repo.rename(moved)
    with pytest.raises(SyncError, match="git fetch failed"):
        sync(mentee)
    moved.rename(bare_repo)
    assert sync(mentee).problems == []
    assert sync(mentor).problems == []
    assert _titles(mentor) == ["Another goal", "Second title"]


def test_remote_recreated_empty_stops_and_writes_nothing(linked, bare_repo, mentor, mentee):
    _change(mentee, linked)
    shutil.rmtree(bare_repo)
    git("init", "--quiet", "--bare", str(bare_repo))
    for side in (mentee, mentor):
        with pytest.raises(SyncError, match="looks empty"):
            sync(side)
    assert _commits(bare_repo) == 0
    assert _titles(mentor) == ["First title"]
    assert _titles(mentee) == ["Another goal", "Second title"]


def test_remote_holding_another_pair_stops(linked, bare_repo, mentor, mentee, tmp_path):
    def swap(work: Path) -> None:
        path = work / layout.pair_json_path(mentor.pair.id)
        info = json.loads(path.read_text())
        info["pair_id"] = "00000000-0000-4000-8000-000000000000"
        path.write_text(json.dumps(info))

    _tamper(bare_repo, tmp_path, swap)
    before = _commits(bare_repo)
    with pytest.raises(SyncError, match="another pair"):
        sync(mentor)
    assert _commits(bare_repo) == before


def test_remote_of_something_else_is_refused_at_setup(bare_repo, mentor, tmp_path):
    from mentor_tui.sync.service import setup_git

    _tamper(bare_repo, tmp_path, lambda w: (w / "FORMAT.json").write_text('{"format": "x"}'))
    with pytest.raises(SyncError, match="not mentor-tui sync data"):
        setup_git(mentor.store, mentor.home, mentor.pair, str(bare_repo))


@pytest.mark.parametrize("damage", ["record-not-json", "manifest-not-json", "wrong-sha256"])
def test_damaged_partner_files_wait_then_complete(
    damage, linked, bare_repo, mentor, mentee, tmp_path
):
    _change(mentee, linked)
    sync(mentee)
    member = mentor.pair.mentee.id
    record = layout.record_path(mentor.pair.id, member, linked.id)
    manifest = layout.manifest_path(mentor.pair.id, member)

    def edit(work: Path) -> None:
        if damage == "record-not-json":
            (work / record).write_text("{not json")
        elif damage == "manifest-not-json":
            (work / manifest).write_text('{"format": ')
        else:
            edit_manifest(
                work / manifest,
                mentor.pair.id,
                member,
                lambda data: data["records"][linked.id].update(sha256="0" * 64),
            )

    _tamper(bare_repo, tmp_path, edit)
    result = sync(mentor)
    assert len(result.problems) == 1
    assert ("not valid JSON" if damage == "manifest-not-json" else "sha256") in result.problems[0]
    assert "Second title" not in _titles(mentor)  # nothing damaged was taken
    assert sync(mentee).written >= 1  # the mentee's side is repaired by their next sync
    assert sync(mentor).problems == []
    assert _titles(mentor) == ["Another goal", "Second title"]


def test_record_ids_that_leave_the_folder_are_refused():
    from mentor_tui.sync.layout import Entry, Manifest, parse_manifest, record_path

    pid, mid = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"
    bad = Manifest(pid, mid, {"../x": Entry("goal", 1, "0" * 64, False)}).to_bytes()
    with pytest.raises(SyncError, match="not valid"):
        parse_manifest(bad, pid, mid, "your partner's")
    with pytest.raises(SyncError, match="not a valid id"):
        record_path(pid, mid, "../../etc/passwd")


def test_two_syncs_at_once_the_second_says_so(linked, mentee, monkeypatch):
    from mentor_tui.sync import state

    monkeypatch.setattr(state, "LOCK_WAIT_SECONDS", 0.3)
    with state.sync_lock(mentee.home), pytest.raises(SyncError, match="another sync is running"):
        sync(mentee)
    assert sync(mentee).problems == []


def test_works_without_a_git_identity_and_never_shares_the_users(
    bare_repo, mentor, mentee, tmp_path, monkeypatch
):
    from mentor_tui.services.goals import create_goal

    (tmp_path / "gitconfig").write_text("[user]\n\temail = PRIVATE-ME@example.org\n")
    connect("git", mentor, mentee, bare_repo)
    create_goal(mentee.store, mentee.pair.id, title="Goal")
    create_goal(mentor.store, mentor.pair.id, title="Other")
    sync(mentor)
    assert sync(mentee).problems == []  # the mentee's commit was rebased onto the mentor's
    (tmp_path / "gitconfig").write_text("")  # no identity at all
    create_goal(mentee.store, mentee.pair.id, title="Third")
    assert sync(mentee).written >= 1
    log = git("log", "--all", "--format=%an <%ae> %cn <%ce>", cwd=bare_repo)
    assert "PRIVATE-ME" not in log
    assert set(log.split("\n")) - {""} == {
        "mentor-tui <sync@mentor-tui.invalid> mentor-tui <sync@mentor-tui.invalid>"
    }


def test_setup_again_after_a_reset_publishes_everything_anew(linked, bare_repo, mentor, mentee):
    from mentor_tui.sync.join import join
    from mentor_tui.sync.service import setup_git

    shutil.rmtree(bare_repo)
    git("init", "--quiet", "--bare", str(bare_repo))
    with pytest.raises(SyncError, match="looks empty"):
        sync(mentor)
    code, result = setup_git(mentor.store, mentor.home, mentor.pair, str(bare_repo))
    assert result.problems == [] and result.written >= 3
    _view, result = join(mentee.store, mentee.home, code)  # joining again replaces the state
    assert result.problems == []
    assert sync(mentor).problems == []  # the mentee's side is there again, nothing lost
    assert _titles(mentor) == ["First title"]


def test_the_joiner_can_set_up_a_reset_remote_too(linked, bare_repo, mentor, mentee):
    """pair.json then names the members by their member ids, not the joiner's local id."""
    from mentor_tui.sync.join import join
    from mentor_tui.sync.service import setup_git

    shutil.rmtree(bare_repo)
    git("init", "--quiet", "--bare", str(bare_repo))
    code, result = setup_git(mentee.store, mentee.home, mentee.pair, str(bare_repo))
    assert result.problems == []
    _view, result = join(mentor.store, mentor.home, code)
    assert result.problems == []
    assert sync(mentee).problems == [] and sync(mentor).problems == []
    assert _titles(mentor) == ["First title"]


def test_what_a_crashed_sync_left_in_the_clone_is_cleaned_up(linked, bare_repo, mentee):
    from mentor_tui.sync.state import pair_state_dir

    repo = pair_state_dir(mentee.home, mentee.pair.id) / "repo"
    folder = repo / layout.pair_dir(mentee.pair.id)
    (folder / "half-written.json").write_text("{")
    (repo / ".git" / "mentor-tui-writing").touch()
    before = _commits(bare_repo)
    assert sync(mentee).problems == []
    assert not (folder / "half-written.json").exists()
    assert _commits(bare_repo) == before
