"""The wall between core and UI: models/ and sync/ never import textual, and the quick
commands (`mentor --version`, `--help`) pay for neither textual nor sqlmodel."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import mentor_tui

PACKAGE_ROOT = Path(mentor_tui.__file__).parent


def _modules(subpackage: str) -> list[str]:
    path = PACKAGE_ROOT / subpackage
    prefix = f"mentor_tui.{subpackage}."
    return [f"mentor_tui.{subpackage}"] + [
        info.name for info in pkgutil.walk_packages([str(path)], prefix)
    ]


def _imported_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


def test_models_and_sync_never_import_textual():
    modules = _modules("models") + _modules("sync")
    assert len(modules) > 5
    imported = _imported_after("\n".join(f"import {name}" for name in modules))
    assert not {m for m in imported if m == "textual" or m.startswith("textual.")}


def test_version_and_help_import_neither_textual_nor_sqlmodel():
    code = (
        "from mentor_tui.cli import build_parser\n"
        "parser = build_parser()\n"
        "try:\n    parser.parse_args(['--version'])\nexcept SystemExit:\n    pass\n"
    )
    imported = _imported_after(code)
    heavy = {"textual", "sqlmodel", "sqlalchemy", "pendulum"}
    assert not heavy & {name.split(".")[0] for name in imported}


def test_the_apps_first_frame_needs_no_storage_stack():
    """The app and the two screens it starts on draw before SQLAlchemy is imported: the
    Store is opened in a worker (issue 13)."""
    code = "import mentor_tui.app, mentor_tui.screens.dashboard, mentor_tui.screens.journal\n"
    imported = {name.split(".")[0] for name in _imported_after(code)}
    assert "textual" in imported
    assert not {"sqlmodel", "sqlalchemy"} & imported
