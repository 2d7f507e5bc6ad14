"""Run the `mentor` command as a user's shell would: a real process, real exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def mentor(
    *args: str,
    home: Path | None = None,
    input: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    if home is not None:
        environment["MENTOR_TUI_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "mentor_tui", *args],
        capture_output=True,
        text=True,
        env=environment,
        input=input,
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    """Exit `code`, exactly one line on stderr, and no traceback anywhere."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]
