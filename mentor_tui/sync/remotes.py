"""The two kinds of shared place as one: a git clone or a WebDAV folder for a pair's sync
state, a git URL checked before it is kept (no token in it; a local path made absolute)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mentor_tui.sync import credentials
from mentor_tui.sync.canonical import SyncError
from mentor_tui.sync.dav_base import host_of
from mentor_tui.sync.git import GitRemote
from mentor_tui.sync.state import SyncState, pair_state_dir
from mentor_tui.sync.webdav import WebDavRemote


def check_git_url(url: str) -> str:
    url = url.strip()
    if not url:
        raise SyncError("give the git repository's URL or path")
    if urlsplit(url).password:
        raise SyncError("keep the token out of the URL: let git's credential helper hold it")
    if "://" not in url and ":" not in url.split("/", 1)[0]:
        # A local path (git's rule: a colon before the first slash means ssh): made
        # absolute, since git runs in the clone's folder and the partner may run elsewhere.
        url = str(Path(url).expanduser().resolve())
    return url


def open_remote(
    home: Path, state: SyncState, password: str | None, ask: credentials.Ask | None
) -> GitRemote | WebDavRemote:
    if state.kind == "git":
        return GitRemote(pair_state_dir(home, state.pair_id) / "repo", state.location, state.branch)
    host = host_of(state.location)
    if password is None:
        password = credentials.get_password(state.user, host, ask)
    return WebDavRemote(state.location, state.user, password)


def close_remote(remote: GitRemote | WebDavRemote) -> None:
    if isinstance(remote, WebDavRemote):
        remote.close()
