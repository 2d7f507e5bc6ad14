"""Where a user's data lives. Nothing here runs at import time."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "MENTOR_TUI_HOME"
DATABASE_NAME = "mentor.db"
CONFIG_NAME = "config.toml"


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--home beats $MENTOR_TUI_HOME beats the platform's user data directory."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(HOME_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("mentor-tui", appauthor=False))


def database_path(home: Path) -> Path:
    return home / DATABASE_NAME


def config_path(home: Path) -> Path:
    return home / CONFIG_NAME
