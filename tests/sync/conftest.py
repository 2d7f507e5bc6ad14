"""Real parts for sync tests: a bare git repository in tmp_path, a wsgidav server on
127.0.0.1 (basic auth) behind a small fault-injecting WSGI middleware, and two homes - the
mentor's and the mentee's - each with its own database, clock and profile."""

from __future__ import annotations

import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from mentor_tui.clock import FrozenClock
from tests.conftest import FROZEN_NOW, open_new_store

DAV_USERS = {"grace": "gr4ce-S3CRET-pw", "ada": "ada-T0PSECRET-pw"}
WRITES = ("PUT", "MKCOL", "DELETE", "MOVE", "COPY", "PROPPATCH", "LOCK")


@dataclass
class Side:
    name: str
    home: Path
    clock: FrozenClock
    store: Any
    pair: Any = None  # PairView, once known

    def refresh(self) -> None:
        from mentor_tui.services.pairs import get_pair

        self.pair = get_pair(self.store, self.pair.id)


def _side(tmp_path: Path, name: str, person: str, zone: str, migrated: Path) -> Side:
    from mentor_tui.services.profile import set_up_profile

    clock = FrozenClock(FROZEN_NOW)
    home = tmp_path / name
    store = open_new_store(home, clock, migrated)
    set_up_profile(store, person, zone)
    return Side(name, home, clock, store)


@pytest.fixture
def mentor(tmp_path: Path, migrated_database: Path):
    from mentor_tui.services.pairs import create_pair

    side = _side(tmp_path, "mentor-home", "Grace Hopper", "America/New_York", migrated_database)
    side.pair = create_pair(
        side.store,
        partner_name="Ada Lovelace",
        partner_timezone="Europe/Berlin",
        my_role="mentor",
        purpose="Grow into a staff engineer",
    )
    yield side
    side.store.close()


@pytest.fixture
def mentee(tmp_path: Path, migrated_database: Path):
    side = _side(tmp_path, "mentee-home", "Ada Lovelace", "Europe/Berlin", migrated_database)
    yield side
    side.store.close()


def git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=60
    ).stdout


@pytest.fixture
def bare_repo(tmp_path: Path) -> Path:
    path = tmp_path / "shared.git"
    git("init", "--quiet", "--bare", str(path))
    return path


@dataclass
class Rule:
    method: str | None
    path: str | None
    status: int = 0
    delay: float = 0.0
    cut: bool = False
    short: bool = False  # store half the upload and answer 201: a silently cut upload
    times: int = 1


@dataclass
class Faults:
    """WSGI middleware in front of wsgidav: counts requests, and injects the faults a
    real server cannot produce on demand."""

    app: Any
    rules: list[Rule] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)

    def add(self, method: str | None = None, path: str | None = None, **kw: Any) -> None:
        self.rules.append(Rule(method, path, **kw))

    def writes(self) -> Counter[str]:
        return Counter(m for m, _ in self.requests if m in WRITES)

    def reset(self) -> None:
        self.requests.clear()
        self.rules.clear()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        self.requests.append((method, path))
        for rule in self.rules:
            if (
                rule.times
                and (rule.method in (None, method))
                and (rule.path is None or rule.path in path)
            ):
                rule.times -= 1
                if rule.delay:
                    time.sleep(rule.delay)
                if rule.status:
                    length = int(environ.get("CONTENT_LENGTH") or 0)
                    if length:
                        environ["wsgi.input"].read(length)
                    start_response(f"{rule.status} Injected", [("Content-Length", "0")])
                    return [b""]
                if rule.cut or rule.short:
                    length = int(environ.get("CONTENT_LENGTH") or 0)
                    half = environ["wsgi.input"].read(length // 2)
                    import io

                    environ["wsgi.input"] = io.BytesIO(half)
                    environ["CONTENT_LENGTH"] = str(len(half))
                    if rule.short:
                        return self.app(environ, start_response)  # stores half, says 201
                    body = self.app(environ, lambda *a, **k: None)  # stores half a file
                    for _ in body:
                        pass
                    # Then the connection drops: a response that ends before its length.
                    start_response("201 Created", [("Content-Length", "100")])
                    return _cut_short()
                break
        return self.app(environ, start_response)


def _cut_short() -> Any:
    yield b"x"
    raise ConnectionAbortedError("the connection drops half way")


@dataclass
class Dav:
    root: Path
    port: int
    faults: Faults
    server: Any
    thread: threading.Thread

    def url(self, folder: str = "shared") -> str:
        return f"http://127.0.0.1:{self.port}/{folder}/"

    def stop(self) -> None:
        self.server.stop()
        self.thread.join(timeout=10)


def start_dav(root: Path, port: int = 0, faults: Faults | None = None) -> Dav:
    from cheroot import wsgi
    from wsgidav.wsgidav_app import WsgiDAVApp

    config = {
        "host": "127.0.0.1",
        "port": port,
        "provider_mapping": {"/": str(root)},
        "simple_dc": {"user_mapping": {"*": {u: {"password": p} for u, p in DAV_USERS.items()}}},
        "http_authenticator": {
            "accept_basic": True,
            "accept_digest": False,
            "default_to_digest": False,
            "trusted_auth_header": None,
        },
        "verbose": 0,
        "logging": {"enable_loggers": []},
        "property_manager": True,
        "lock_storage": True,
    }
    app = WsgiDAVApp(config)
    if faults is None:
        faults = Faults(app)
    else:
        faults.app = app
    server = wsgi.Server(("127.0.0.1", port), faults, numthreads=8)
    # The serving loop looks at its stop flag between waits of this long (0.5 s by
    # default), and stop() joins it: half a second of every WebDAV test's teardown.
    server.expiration_interval = 0.05
    server.prepare()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    return Dav(root, server.bind_addr[1], faults, server, thread)


@pytest.fixture
def dav(tmp_path: Path):
    root = tmp_path / "dav-root"
    (root / "shared").mkdir(parents=True)
    server = start_dav(root)
    yield server
    server.stop()
