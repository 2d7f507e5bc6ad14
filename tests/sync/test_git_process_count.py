"""The git backend spawns few git processes per sync: counted through a `git` wrapper on
PATH that logs each call (no timing). One git process costs a few ms of CPU, more on a busy
machine, and a program's coordinator syncs many pairs. Before the lookups were batched and
kept for the sync (sync/git.py), a quiet sync took 18, one that publishes a change 24 and
one that takes it in 20; now 6, 10 and 9."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.git_counter import count_git_calls
from tests.sync.helpers import sync
from tests.sync.scenes import first_goal_scene


@pytest.fixture
def linked(bare_repo, mentor, mentee, tmp_path, tmp_path_factory):
    return first_goal_scene("git", tmp_path_factory, tmp_path, mentor, mentee, bare_repo)


@pytest.fixture
def git_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A log with one line per git process started from now on (its arguments)."""
    return count_git_calls(tmp_path, monkeypatch)


def _calls(log: Path) -> list[str]:
    return log.read_text().splitlines()


def test_a_quiet_sync_round_takes_few_git_processes(linked, mentor, mentee, git_calls):
    assert sync(mentor).problems == []
    assert sync(mentee).problems == []
    calls = _calls(git_calls)
    # Each side: fetch, one lookup of the refs and FORMAT.json, its read, pair.json (a
    # lookup and a read), my folder's tree id: 6 (it was 18).
    assert len(calls) <= 2 * 7, calls
    assert not [c for c in calls if " rebase" in c or " push" in c or " config" in c]


def test_a_sync_that_publishes_a_change_takes_few_git_processes(linked, mentor, mentee, git_calls):
    from mentor_tui.services.goals import update_goal

    mentee.clock.advance(minutes=5)
    update_goal(mentee.store, linked.id, title="Second title")
    assert sync(mentee).problems == []
    published = _calls(git_calls)
    # fetch, FORMAT.json and pair.json as above, ls-tree, add, commit, push, tree id: 10
    # (it was 24).
    assert len(published) <= 11, published
    assert sum(" push " in f" {c} " for c in published) == 1
    git_calls.write_text("")
    assert sync(mentor).problems == []  # takes the change in: one rebase, nothing written
    taken = _calls(git_calls)
    assert len(taken) <= 10, taken  # 9 (it was 20)
    assert not [c for c in taken if " push" in c or " commit" in c]
