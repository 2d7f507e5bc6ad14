"""`mentor demo`, `mentor export --format json` and `mentor import`, as a user's shell sees
them: MENTOR_TUI_HOME set, exit codes and both streams checked (in process, on the frozen
clock)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import Result, mentor


def assert_one_line_error(result: Result, needle: str) -> None:
    assert result.returncode == 1, result
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("mentor: "), result.stderr
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def exported(tmp_path) -> tuple[Path, Path]:
    """A home with the demo, and its export (per test: the environment is isolated per test)."""
    home, file = tmp_path / "home", tmp_path / "export.json"
    result = mentor("demo", home=home)
    assert result.returncode == 0, result.stderr
    assert "2 pairs, 4 goals, 10 milestones" in result.stdout
    result = mentor("export", "--format", "json", "-o", str(file), home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and f"Exported to {file}" in result.stderr
    return home, file


def test_demo_twice_adds_nothing(exported):
    home, _ = exported
    result = mentor("demo", home=home)
    assert result.returncode == 0
    assert "nothing added" in result.stdout


def test_export_import_export_is_identical_and_import_twice_adds_nothing(exported, tmp_path):
    home, file = exported
    text = file.read_text(encoding="utf-8")
    data = json.loads(text)
    assert (data["format"], data["version"]) == ("mentor-tui-export", 1)
    total = sum(len(rows) for rows in data["tables"].values())

    fresh = tmp_path / "fresh"
    first = mentor("import", str(file), home=fresh)
    assert first.returncode == 0, first.stderr
    assert f"{total} added, 0 updated, 0 unchanged" in first.stdout
    again = mentor("import", str(file), home=fresh)
    assert f"0 added, 0 updated, {total} unchanged" in again.stdout

    reexport = mentor("export", "--format", "json", home=fresh)
    assert reexport.returncode == 0 and reexport.stdout == text
    assert mentor("export", home=home).stdout == text  # unchanged data: same bytes


def test_import_a_missing_file(tmp_path):
    assert_one_line_error(
        mentor("import", str(tmp_path / "missing.json"), home=tmp_path / "h"), "no such file"
    )


def test_import_something_that_is_not_json(tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text("# my notes\n", encoding="utf-8")
    assert_one_line_error(
        mentor("import", str(bad), home=tmp_path / "h"), "is not a mentor-tui JSON export"
    )


def test_import_a_newer_version_refused_and_nothing_written(exported, tmp_path):
    _, file = exported
    data = json.loads(file.read_text(encoding="utf-8"))
    data["version"] = 2
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(data), encoding="utf-8")
    home = tmp_path / "h"
    assert_one_line_error(mentor("import", str(newer), home=home), "newer mentor-tui")
    assert json.loads(mentor("export", home=home).stdout)["tables"]["person"] == []


def test_import_a_row_without_id(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "mentor-tui-export",
                "version": 1,
                "tables": {"person": [{"display_name": "Ada"}]},
            }
        )
    )
    assert_one_line_error(
        mentor("import", str(bad), home=tmp_path / "h"), "row 1 of table person has no id"
    )


def test_init_with_an_unknown_time_zone(tmp_path):
    assert_one_line_error(
        mentor("init", "--name", "X", "--timezone", "Mars/Base", home=tmp_path / "h"),
        "unknown time zone 'Mars/Base'",
    )


def test_demo_refuses_a_home_with_another_profile(tmp_path):
    home = tmp_path / "h"
    assert (
        mentor("init", "--name", "Margaret Hamilton", "--timezone", "UTC", home=home).returncode
        == 0
    )
    assert_one_line_error(mentor("demo", home=home), "already belongs to Margaret Hamilton")


def test_demo_as_the_mentee(tmp_path):
    home = tmp_path / "h"
    result = mentor("demo", "--as", "mentee", home=home)
    assert result.returncode == 0, result.stderr
    assert "Ada Lovelace (mentee); 1 pair, 3 goals, 8 milestones" in result.stdout
    pairs = json.loads(mentor("pair", "list", "--json", home=home).stdout)
    assert [p["my_role"] for p in pairs] == ["mentee"]


def test_a_number_beyond_sqlite_is_a_one_line_error(tmp_path, home):
    import json

    from tests.cli.helpers import assert_one_line_error

    bad = tmp_path / "huge.json"
    bad.write_text(
        json.dumps(
            {
                "format": "mentor-tui-export",
                "version": 1,
                "tables": {"person": [{"id": "p1", "display_name": "Ada", "revision": 2**70}]},
            }
        )
    )
    line = assert_one_line_error(mentor("import", str(bad), home=home))
    assert "revision" in line and "is not a whole number" in line
