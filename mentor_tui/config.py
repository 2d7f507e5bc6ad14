"""The small per-user config file (home/config.toml): preferences, never secrets.

A damaged file (not TOML, not UTF-8 text, unreadable) is never overwritten, since it may
hold settings its owner wants back: what must write it (update_config, and so the app,
which remembers the chosen pair) stops with one line, a ConfigError; what only reads it
(load_config) reads it as empty and says so in one warning line on stderr.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentor_tui.errors import ConfigError
from mentor_tui.paths import config_path

# One line as save_config writes it, when the value needs no escape: a plain key, then a
# string without backslashes or control characters, a boolean or a decimal integer.
_PLAIN_LINE = re.compile(
    r'([A-Za-z0-9_-]+) = (?:"([^"\\\x00-\x1f\x7f]*)"|(true|false)|(-?(?:0|[1-9][0-9]*)))'
)


def _read_plain(text: str) -> dict[str, Any] | None:
    """The settings of a file every line of which is plain (see _PLAIN_LINE), each key once:
    what TOML reads there, without importing tomllib (every CLI command reads the config,
    and tomllib's import costs `journal add` more than its INSERT). None otherwise."""
    settings: dict[str, Any] = {}
    for line in text.split("\n"):
        if not line:
            continue
        found = _PLAIN_LINE.fullmatch(line)
        if found is None or found[1] in settings:
            return None
        key, string, boolean, number = found.groups()
        if string is not None:
            settings[key] = string
        elif boolean is not None:
            settings[key] = boolean == "true"
        else:
            settings[key] = int(number)
    return settings


def read_config(home: Path) -> dict[str, Any]:
    """The settings ({} without a file); ConfigError, one line, when the file is damaged."""
    path = config_path(home)
    try:
        with path.open("rb") as handle:
            data = handle.read()
        text = data.decode("utf-8")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is damaged (not UTF-8 text): fix or remove it") from None
    except OSError as problem:
        raise ConfigError(f"{path} cannot be read ({problem.strerror or problem})") from None
    plain = _read_plain(text)
    if plain is not None:
        return plain
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise ConfigError(f"{path} is damaged ({problem}): fix or remove it") from None


def _warn(message: str) -> None:
    print(f"mentor: warning: {message}", file=sys.stderr)


def load_config(home: Path, warn: Callable[[str], None] = _warn) -> dict[str, Any]:
    """The settings for a reader: a damaged file reads as empty, with one warning line."""
    try:
        return read_config(home)
    except ConfigError as problem:
        warn(f"{problem}; its settings are ignored")
        return {}


def save_config(home: Path, config: dict[str, Any]) -> None:
    """Write flat string/bool/int settings; written whole, via a temp file, mode 0600."""
    import json

    lines = []
    for key in sorted(config):
        value = config[key]
        if isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, int | str):
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    target = config_path(home)
    temporary = target.with_suffix(".tmp")
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        os.replace(temporary, target)
    except OSError as problem:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise ConfigError(f"{target} cannot be written ({problem.strerror or problem})") from None


def update_config(home: Path, **changes: Any) -> None:
    """Merge changes into the config; no write at all when nothing would change. A damaged
    config is a ConfigError: it is not replaced by one holding only these changes."""
    config = read_config(home)
    wanted = {k: v for k, v in changes.items() if v is not None}
    if all(config.get(k) == v for k, v in wanted.items()):
        return
    config.update(wanted)
    save_config(home, config)
