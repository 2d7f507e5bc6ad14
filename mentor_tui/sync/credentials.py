"""The WebDAV password: in the OS keyring (service "mentor-tui", user
"webdav:<user>@<host>"). Without a usable keyring it comes from MENTOR_TUI_WEBDAV_PASSWORD
or is asked once per run, and is kept only in memory. Never in the database, the config,
the sync state, a log or an error message."""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Callable

from mentor_tui.sync.canonical import SyncError

SERVICE = "mentor-tui"
ENV_PASSWORD = "MENTOR_TUI_WEBDAV_PASSWORD"

_asked: dict[str, str] = {}  # this run's answers, when there is no keyring

Ask = Callable[[str], str]


def account(user: str, host: str) -> str:
    return f"webdav:{user}@{host}"


def _skip_the_macos_probe() -> None:
    """keyring 25 imports its macOS backend's API module on every platform, and that module
    asks ctypes.util.find_library for Apple's Security framework: off macOS that runs
    ldconfig, gcc and ld, about 0.3 s on every command that reads a secret. Off macOS that
    backend is never chosen (its priority refuses first, before any use of the module), so
    an empty module stands in for it."""
    if sys.platform == "darwin":
        return
    name = "keyring.backends.macOS.api"
    sys.modules.setdefault(name, types.ModuleType(name))


def keyring_usable() -> bool:
    _skip_the_macos_probe()
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # an import or a backend that breaks on the way counts as none
        return False
    if isinstance(backend, fail.Keyring):
        return False
    chained = getattr(backend, "backends", None)
    return not (chained is not None and not chained)


def _keyring_get(name: str) -> str | None:
    if not keyring_usable():
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, name)
    except (KeyringError, RuntimeError, OSError):
        return None


def store_password(user: str, host: str, password: str) -> bool:
    """Keep the password in the keyring; False when there is none usable (then it lives
    only in this run's memory)."""
    name = account(user, host)
    _asked[name] = password
    if not keyring_usable():
        return False
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, name, password)
    except (KeyringError, RuntimeError, OSError):
        return False
    return True


def get_password(user: str, host: str, ask: Ask | None = None) -> str:
    name = account(user, host)
    found = _keyring_get(name) or _asked.get(name) or os.environ.get(ENV_PASSWORD)
    if found:
        return found
    if ask is None:
        raise SyncError(
            f"no password for {user} at {host}: no usable keyring here; "
            f"set {ENV_PASSWORD} or run the sync from a terminal"
        )
    answer = ask(f"WebDAV password for {user} at {host} (not kept: no usable keyring): ")
    if not answer:
        raise SyncError("no password given")
    _asked[name] = answer
    return answer


def forget_run_passwords() -> None:
    _asked.clear()


def get_secret(name: str) -> str | None:
    """Another secret of ours in the keyring (a sync key), or None."""
    return _keyring_get(name)


def set_secret(name: str, value: str) -> bool:
    """Keep a secret in the keyring; False when there is none usable (nothing is kept)."""
    if not keyring_usable():
        return False
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, name, value)
    except (KeyringError, RuntimeError, OSError):
        return False
    return True
