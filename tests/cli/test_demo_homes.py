"""Demo homes are throwaway: one left by a killed demo is swept at the next start."""

from __future__ import annotations

import os
import subprocess
import sys

from mentor_tui.cli.launch import DEMO_PREFIX, sweep_stale_demo_homes


def test_stale_demo_homes_are_swept_and_live_ones_kept(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    gone = tmp_path / f"{DEMO_PREFIX}dead"
    gone.mkdir()
    (gone / "pid").write_text(str(dead.pid))
    live = tmp_path / f"{DEMO_PREFIX}live"
    live.mkdir()
    (live / "pid").write_text(str(os.getpid()))
    fresh_without_pid = tmp_path / f"{DEMO_PREFIX}new"
    fresh_without_pid.mkdir()
    unrelated = tmp_path / "someone-elses-dir"
    unrelated.mkdir()
    assert sweep_stale_demo_homes(tmp_path) == 1
    assert not gone.exists()
    assert live.exists() and fresh_without_pid.exists() and unrelated.exists()
