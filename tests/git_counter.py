"""Counting git processes: a `git` first on PATH that logs its arguments, one line per
process, then runs the real git. Counted this way, not timed (tests never time)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


def count_git_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put the counting `git` first on PATH; returns the log it writes."""
    real = shutil.which("git")
    assert real is not None
    folder = tmp_path / "git-wrapper"
    folder.mkdir()
    log = tmp_path / "git-calls.log"
    log.touch()
    wrapper = folder / "git"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:{Path(real).parent}")
    return log
