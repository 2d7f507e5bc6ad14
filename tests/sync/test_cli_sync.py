"""`mentor sync ...` as a user's shell sees it: two homes, a bare git repository and a
wsgidav server; the commands run in process on the frozen clock (tests/cli/helpers.py)."""

from __future__ import annotations

import json
import re

import pytest

from tests.cli.helpers import assert_one_line_error, mentor
from tests.sync.conftest import DAV_USERS

NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
# Without a keyring the sync key comes from the environment too (docs/sync.md).
SYNC_KEY = {"MENTOR_TUI_SYNC_KEY": "c3luYy1rZXktZm9yLXRlc3RzLW9ubHktMzItYnl0ZXM="}


@pytest.fixture
def homes(tmp_path):
    grace, ada = tmp_path / "grace", tmp_path / "ada"
    assert (
        mentor(
            "init", "--name", "Grace Hopper", "--timezone", "America/New_York", home=grace
        ).returncode
        == 0
    )
    assert (
        mentor(
            "pair", "new", "--with", "Ada Lovelace", "--their-timezone", "Europe/Berlin", home=grace
        ).returncode
        == 0
    )
    assert (
        mentor("init", "--name", "Ada Lovelace", "--timezone", "Europe/Berlin", home=ada).returncode
        == 0
    )
    return grace, ada


def _code(stdout: str) -> str:
    match = re.search(r"mentor1-[A-Za-z0-9_-]+", stdout)
    assert match, stdout
    return match.group(0)


def test_git_flow_from_the_command_line(homes, bare_repo):
    grace, ada = homes
    setup = mentor("sync", "setup", "git", str(bare_repo), home=grace)
    assert setup.returncode == 0, setup.stderr
    code = _code(setup.stdout)
    joined = mentor("sync", "join", code, home=ada)
    assert joined.returncode == 0, joined.stderr
    assert "Joined Grace Hopper → Ada Lovelace as the mentee." in joined.stdout

    assert mentor("goal", "new", "--title", "Learn Rust [red]now[/]", home=ada).returncode == 0
    assert (
        mentor("journal", "add", "--share", "A shared note about lifetimes.", home=ada).returncode
        == 0
    )
    assert mentor("journal", "add", "PRIVATE-7e2 stays home.", home=ada).returncode == 0
    preview = mentor("sync", "preview", "--json", home=ada)
    assert preview.returncode == 0, preview.stderr
    kinds = sorted(r["kind"] for r in json.loads(preview.stdout)["records"])
    assert "goal" in kinds and "pair" in kinds and "person" in kinds
    assert kinds.count("journal_entry") == 1
    assert "Learn Rust [red]now[/]" in json.loads(preview.stdout)["summary"]
    assert "PRIVATE-7e2" not in preview.stdout
    synced = mentor("sync", home=ada)
    assert synced.returncode == 0, synced.stderr
    synced = mentor("sync", home=grace)
    assert synced.returncode == 0, synced.stderr
    assert "Took in" in synced.stdout
    goals = mentor("goal", "list", "--json", home=grace)
    assert "Learn Rust [red]now[/]" in goals.stdout
    again = mentor("sync", home=grace)
    assert "nothing changed" in again.stdout and "Nothing new" in again.stdout
    status = mentor("sync", "status", home=grace)
    assert status.returncode == 0
    assert "git" in status.stdout and "Last sync:" in status.stdout


def test_webdav_flow_without_keyring_uses_the_environment(homes, dav):
    grace, ada = homes
    env = {**NO_KEYRING, **SYNC_KEY, "MENTOR_TUI_WEBDAV_PASSWORD": DAV_USERS["grace"]}
    setup = mentor("sync", "setup", "webdav", dav.url(), "--user", "grace", home=grace, env=env)
    assert setup.returncode == 0, setup.stderr
    assert "No usable keyring" in setup.stderr
    code = _code(setup.stdout)
    env_ada = {**NO_KEYRING, **SYNC_KEY, "MENTOR_TUI_WEBDAV_PASSWORD": DAV_USERS["ada"]}
    joined = mentor("sync", "join", code, "--user", "ada", home=ada, env=env_ada)
    assert joined.returncode == 0, joined.stderr
    assert mentor("sync", home=ada, env=env_ada).returncode == 0
    # No password at all: one clear line, exit 1, and no password on disk anywhere.
    missing = mentor("sync", home=ada, env=NO_KEYRING)
    line = assert_one_line_error(missing)
    assert "MENTOR_TUI_WEBDAV_PASSWORD" in line
    for home in (grace, ada):
        for path in home.rglob("*"):
            if path.is_file():
                for password in DAV_USERS.values():
                    assert password.encode() not in path.read_bytes()


def test_wrong_password_is_one_line_without_the_password(homes, dav):
    grace, _ = homes
    env = {**NO_KEYRING, "MENTOR_TUI_WEBDAV_PASSWORD": "wrong-PASSWORD-x9"}
    result = mentor("sync", "setup", "webdav", dav.url(), "--user", "grace", home=grace, env=env)
    line = assert_one_line_error(result)
    assert "refused the user name or password" in line
    assert "wrong-PASSWORD-x9" not in result.stdout + result.stderr


def test_faults_are_one_line(homes, tmp_path):
    grace, ada = homes
    line = assert_one_line_error(mentor("sync", home=grace))
    assert "not set up" in line
    line = assert_one_line_error(mentor("sync", "join", "not-a-code", home=ada))
    assert "not an invite code" in line
    gone = tmp_path / "missing.git"
    line = assert_one_line_error(mentor("sync", "setup", "git", str(gone), home=grace))
    assert "git clone failed" in line


def test_sync_without_pair_syncs_every_configured_pair(homes, bare_repo, tmp_path):
    grace, _ = homes
    assert mentor("pair", "new", "--with", "Katherine Johnson", home=grace).returncode == 0
    other = tmp_path / "other.git"
    import subprocess

    subprocess.run(["git", "init", "--quiet", "--bare", str(other)], check=True)
    assert (
        mentor("sync", "setup", "git", str(bare_repo), "--pair", "Ada", home=grace).returncode == 0
    )
    assert (
        mentor("sync", "setup", "git", str(other), "--pair", "Katherine", home=grace).returncode
        == 0
    )
    both = mentor("sync", home=grace)
    assert both.returncode == 0, both.stderr
    assert "Grace Hopper → Ada Lovelace:" in both.stdout
    assert "Grace Hopper → Katherine Johnson:" in both.stdout


def test_encrypted_flow_keys_and_trust_from_the_command_line(homes, bare_repo):
    grace, ada = homes
    setup = mentor("sync", "setup", "git", str(bare_repo), "--encrypt", home=grace)
    assert setup.returncode == 0, setup.stderr
    assert "end-to-end encryption" in setup.stdout
    joined = mentor("sync", "join", _code(setup.stdout), home=ada)
    assert joined.returncode == 0, joined.stderr
    assert mentor("goal", "new", "--title", "Sealed goal 8f2", home=ada).returncode == 0
    for home in (ada, grace, ada):
        done = mentor("sync", home=home)
        assert done.returncode == 0, done.stderr
    assert "Sealed goal 8f2" in mentor("goal", "list", "--json", home=grace).stdout
    shown = {}
    for name, home in (("grace", grace), ("ada", ada)):
        status = mentor("sync", "status", home=home)
        assert "Encrypted:       yes" in status.stdout
        mine = re.search(r"Your key:\s+([0-9a-f-]{39})", status.stdout)
        theirs = re.search(r"Partner's key:\s+([0-9a-f-]{39})", status.stdout)
        assert mine and theirs, status.stdout
        shown[name] = (mine.group(1), theirs.group(1))
    assert shown["grace"] == shown["ada"][::-1]  # each pinned the other's key
    line = assert_one_line_error(mentor("sync", "trust-key", "abc", home=grace))
    assert "32 hex digits" in line
    rekeyed = mentor("sync", "rekey", home=ada)
    assert rekeyed.returncode == 0, rekeyed.stderr
    new = re.search(r"Your new key: ([0-9a-f-]{39})", rekeyed.stdout)
    assert new and new.group(1) != shown["ada"][0]
    refused = mentor("sync", home=grace)
    assert refused.returncode == 1 and "CHANGED" in refused.stderr
    trusted = mentor("sync", "trust-key", new.group(1), home=grace)
    assert trusted.returncode == 0, trusted.stderr
    assert mentor("sync", home=grace).returncode == 0
