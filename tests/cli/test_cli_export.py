"""`mentor export --format markdown --since/--until` and `--format ics`, in process."""

from __future__ import annotations

from mentor_tui.services import sessions as svc
from tests.cli.helpers import assert_one_line_error, mentor


def test_markdown_export_limited_to_a_period(home, store, pair):
    early = svc.schedule_session(store, pair.id, "2026-10-05 10:00")
    svc.update_session(store, early.id, shared_notes="EARLY-NOTES\n## Goals")
    svc.set_session_status(store, early.id, "held")
    late = svc.schedule_session(store, pair.id, "2026-11-02 10:00")
    svc.update_session(store, late.id, shared_notes="LATE-NOTES")
    svc.set_session_status(store, late.id, "held")

    result = mentor("export", "--format", "markdown", "--since", "2026-11-01", home=home)
    assert result.returncode == 0, result.stderr
    assert "LATE-NOTES" in result.stdout and "EARLY-NOTES" not in result.stdout
    assert "covering since 2026-11-01" in result.stdout

    result = mentor("export", "--format", "markdown", "--until", "2026-10-31", home=home)
    assert "EARLY-NOTES" in result.stdout and "LATE-NOTES" not in result.stdout
    assert result.stdout.count("\n## Goals\n") == 1 and "\n##### Goals" in result.stdout


def test_export_period_errors_are_one_line(home, store, pair):
    result = mentor("export", "--format", "markdown", "--since", "not a day", home=home)
    assert_one_line_error(result)
    result = mentor(
        "export",
        "--format",
        "markdown",
        "--since",
        "2026-11-02",
        "--until",
        "2026-11-01",
        home=home,
    )
    assert_one_line_error(result)


def test_ics_export_has_cancelled_sessions(home, store, pair):
    gone = svc.schedule_session(store, pair.id, "2026-11-25 08:00")
    svc.set_session_status(store, gone.id, "cancelled")
    result = mentor("export", "--format", "ics", home=home)
    assert result.returncode == 0, result.stderr
    assert f"UID:{gone.id}@mentor-tui" in result.stdout
    assert "STATUS:CANCELLED" in result.stdout
