"""`mentor sync status` and `mentor sync preview` say what the next sync really does, on
git and WebDAV, encrypted or not: nothing to send right after a clean round; while an
encrypted pair waits for the partner's key, that it waits (not "N records changed");
and the preview lists records (kind, id, title, change), never the transport's files.
Two homes, a bare git repository and wsgidav; the CLI runs in process."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import mentor
from tests.sync.conftest import DAV_USERS

NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
GRACE = {
    **NO_KEYRING,
    "MENTOR_TUI_SYNC_KEY": "Z3JhY2Utc3luYy1rZXktZm9yLXRlc3RzLW9ubHktMzI=",
    "MENTOR_TUI_WEBDAV_PASSWORD": DAV_USERS["grace"],
}
ADA = {
    **NO_KEYRING,
    "MENTOR_TUI_SYNC_KEY": "YWRhLXN5bmMta2V5LWZvci10ZXN0cy1vbmx5LTMyYnk=",
    "MENTOR_TUI_WEBDAV_PASSWORD": DAV_USERS["ada"],
}


def ok(*args: str, home: Path, env: dict[str, str]) -> str:
    done = mentor(*args, home=home, env=env)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


@pytest.fixture
def homes(tmp_path: Path) -> tuple[Path, Path]:
    grace, ada = tmp_path / "grace", tmp_path / "ada"
    ok("init", "--name", "Grace Hopper", "--timezone", "UTC", home=grace, env=GRACE)
    ok("pair", "new", "--with", "Ada Lovelace", "--purpose", "Grow", home=grace, env=GRACE)
    ok("init", "--name", "Ada Lovelace", "--timezone", "UTC", home=ada, env=ADA)
    return grace, ada


def _setup(kind: str, grace: Path, remote: Any, encrypt: bool) -> str:
    where = ["git", str(remote)] if kind == "git" else ["webdav", remote.url(), "--user", "grace"]
    out = ok("sync", "setup", *where, *(["--encrypt"] if encrypt else []), home=grace, env=GRACE)
    found = re.search(r"mentor1-[A-Za-z0-9_-]+", out)
    assert found, out
    return found.group(0)


def _status(home: Path, env: dict[str, str]) -> tuple[dict[str, Any], str]:
    raw = json.loads(ok("sync", "status", "--json", home=home, env=env))
    line = next(
        ln for ln in ok("sync", "status", home=home, env=env).splitlines() if "To publish" in ln
    )
    return raw, line


def _remote(kind: str, bare_repo: Path, dav: Any) -> Any:
    return bare_repo if kind == "git" else dav


def test_encrypted_pair_before_the_partners_key_says_it_waits(homes, bare_repo):
    grace, _ada = homes
    _setup("git", grace, bare_repo, encrypt=True)
    ok("goal", "new", "--title", "Learn Rust", home=grace, env=GRACE)
    synced = ok("sync", home=grace, env=GRACE)
    # Nothing readable went out: the sync does not claim it published anything.
    assert "Published nothing yet: 4 records wait for Ada Lovelace's key" in synced
    assert "Published 4 records" not in synced
    raw, line = _status(grace, GRACE)
    assert raw["to_publish"] == 0 and raw["waiting_for_key"] is True and raw["held"] == 4
    assert "nothing until Ada Lovelace's key is here" in line and "4 records wait" in line
    assert "changed since" not in line
    # A sync with nothing new (the quiet path) tells the same.
    assert "Published nothing yet: 4 records wait" in ok("sync", home=grace, env=GRACE)
    shown = json.loads(ok("sync", "preview", "--json", home=grace, env=GRACE))
    assert shown["waiting_for_key"] is True
    assert "Nothing goes out until Ada Lovelace's key is here" in ok(
        "sync", "preview", home=grace, env=GRACE
    )


@pytest.mark.parametrize("encrypt", [False, True], ids=["clear", "encrypted"])
@pytest.mark.parametrize("kind", ["git", "webdav"])
def test_after_a_clean_round_status_says_nothing_to_send(kind, encrypt, homes, bare_repo, dav):
    grace, ada = homes
    code = _setup(kind, grace, _remote(kind, bare_repo, dav), encrypt)
    ok("sync", "join", code, *(["--user", "ada"] if kind == "webdav" else []), home=ada, env=ADA)
    for home, env in ((grace, GRACE), (ada, ADA), (grace, GRACE)):
        ok("sync", home=home, env=env)
    for home, env in ((grace, GRACE), (ada, ADA)):
        raw, line = _status(home, env)
        assert raw["to_publish"] == 0 and raw["waiting_for_key"] is False, (home, raw)
        assert "To publish:      nothing to send (0 records" in line, line
        assert all(c["change"] == "unchanged" for c in _preview(home, env)["changes"])
    ok("goal", "new", "--title", "Learn Rust", home=ada, env=ADA)
    raw, line = _status(ada, ADA)
    assert raw["to_publish"] == 2 and "2 records changed since the last sync" in line
    sent = [c for c in _preview(ada, ADA)["changes"] if c["change"] != "unchanged"]
    assert sorted((c["kind"], c["title"], c["change"]) for c in sent) == [
        ("goal", "Learn Rust", "new"),
        ("goal_change", "title", "new"),
    ]
    ok("sync", home=ada, env=ADA)
    assert "nothing to send" in _status(ada, ADA)[1]


def _preview(home: Path, env: dict[str, str]) -> dict[str, Any]:
    return json.loads(ok("sync", "preview", "--json", home=home, env=env))


@pytest.mark.parametrize("kind", ["git", "webdav"])
def test_preview_lists_the_records_shared_not_the_transports_files(kind, homes, bare_repo, dav):
    grace, _ada = homes
    _setup(kind, grace, _remote(kind, bare_repo, dav), encrypt=False)
    ok("goal", "new", "--title", "Learn Rust", home=grace, env=GRACE)
    out = ok("sync", "preview", "--json", home=grace, env=GRACE)
    shown = json.loads(out)
    # The same logical things on both backends: no records/<id>.json, no pack files.
    assert set(shown) == {"records", "tombstones", "summary", "changes", "waiting_for_key"}
    assert "records/" not in out and ".pack" not in out and "manifest.json" not in out
    changes = {(c["kind"], c["title"], c["change"]) for c in shown["changes"]}
    assert changes == {
        ("goal", "Learn Rust", "new"),
        ("goal_change", "title", "new"),
        ("pair", "Grow", "unchanged"),
        ("person", "Grace Hopper", "unchanged"),
    }
    assert {c["id"] for c in shown["changes"]} >= {r["id"] for r in shown["records"]}
    human = ok("sync", "preview", home=grace, env=GRACE)
    assert "(2 new, 0 changed) and withdraws 0" in human
    assert re.search(r"goal +[0-9a-f]{8}  new +Learn Rust", human), human
