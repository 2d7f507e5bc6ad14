"""The demo's own keyring: a file in the demo's folder, never the user's OS keyring.

The demo's people have sync keys like anyone (sync/keys.py keeps them in "the keyring").
Their secrets are throwaway and must go with the homes when a cached build is copied, and
the demo must never write into the user's real keyring: so the demo process puts this
backend in place while it builds and for as long as it runs.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

FILE_NAME = "keyring.json"


class DemoKeyring(KeyringBackend):
    """Secrets in one JSON file (0600), read and written whole: a handful of keys."""

    priority = 0  # never chosen by keyring itself

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write(self, data: dict[str, str]) -> None:
        fresh = self.path.with_suffix(".tmp")
        descriptor = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump(data, out)
        fresh.replace(self.path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._read()
        data[f"{service}\0{username}"] = password
        self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._read()
        data.pop(f"{service}\0{username}", None)
        self._write(data)


def use_demo_keyring(root: Path) -> None:
    """From now on, this process keeps its secrets in `root`'s file (the demo's own run)."""
    keyring.set_keyring(DemoKeyring(Path(root) / FILE_NAME))


@contextlib.contextmanager
def demo_keyring(root: Path) -> Iterator[None]:
    """The demo's keyring while building; the process's own one again afterwards."""
    previous = keyring.get_keyring()
    use_demo_keyring(root)
    try:
        yield
    finally:
        keyring.set_keyring(previous)
