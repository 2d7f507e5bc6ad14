"""A coordinator's refresh over git spawns few git processes (counted through a `git`
wrapper on PATH, no timing): the listing is one ls-tree whatever the number of people and
pairs, HEAD and the remote's branch are looked up once per fetch, and a refresh with
nothing new does not rebase. Before (sync/git.py's lookups batched and kept): a refresh
with nothing new took 7 git processes, one after a person's change 9; now 2 and 5."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.git_counter import count_git_calls


@pytest.fixture
def git_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Returns a function that gives (and forgets) the git processes started so far."""
    log = count_git_calls(tmp_path, monkeypatch)

    def taken() -> list[str]:
        calls = log.read_text().splitlines()
        log.write_text("")
        return calls

    return taken


def test_a_refresh_takes_few_git_processes(homes, program_repo, git_calls):
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import join, setup, submit_intake

    coordinator, people = homes[0], homes[1:3]
    code, _state = setup(
        coordinator.store, coordinator.home, "Engineering mentoring", kind="git",
        url=str(program_repo), cycle="2026-H2", cadence="weekly", length_weeks=12,
    )  # fmt: skip
    for person in people:
        join(person.store, person.home, code, person.intake["role_wanted"])
        submit_intake(person.store, person.home, person.intake)
    view, problems = refresh(coordinator.home)
    assert problems == [] and len(view.participants) == 2
    git_calls()
    again, problems = refresh(coordinator.home)
    assert problems == [] and again == view
    quiet = git_calls()
    assert len(quiet) <= 3, quiet  # fetch and one lookup (it was 7)
    assert not [c for c in quiet if " rebase" in c or " config" in c]
    submit_intake(people[0].store, people[0].home, {**people[0].intake, "site": "Hamburg"})
    git_calls()
    after, problems = refresh(coordinator.home)
    assert problems == [] and after != view
    changed = git_calls()
    assert len(changed) <= 6, changed  # fetch, lookup, rebase, lookup, ls-tree (it was 9)
