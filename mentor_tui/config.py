"""The small per-user config file (home/config.toml): preferences, never secrets."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

from mentor_tui.paths import config_path


def load_config(home: Path) -> dict[str, Any]:
    try:
        with config_path(home).open("rb") as handle:
            return tomllib.load(handle)
    except (FileNotFoundError, tomllib.TOMLDecodeError):
        return {}


def save_config(home: Path, config: dict[str, Any]) -> None:
    """Write flat string/bool/int settings; written whole, via a temp file, mode 0600."""
    lines = []
    for key in sorted(config):
        value = config[key]
        if isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, int | str):
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    home.mkdir(parents=True, exist_ok=True)
    target = config_path(home)
    temporary = target.with_suffix(".tmp")
    fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.replace(temporary, target)


def update_config(home: Path, **changes: Any) -> None:
    """Merge changes into the config; no write at all when nothing would change."""
    config = load_config(home)
    wanted = {k: v for k, v in changes.items() if v is not None}
    if all(config.get(k) == v for k, v in wanted.items()):
        return
    config.update(wanted)
    save_config(home, config)
