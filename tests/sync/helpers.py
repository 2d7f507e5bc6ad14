"""Connecting the two homes through either backend."""

from __future__ import annotations

from typing import Any

from tests.sync.conftest import DAV_USERS, Side


def connect(kind: str, mentor: Side, mentee: Side, remote: Any) -> str:
    """The mentor sets the pair up, the mentee joins with the invite: returns the code."""
    from mentor_tui.sync.join import join
    from mentor_tui.sync.service import setup_git, setup_webdav

    if kind == "git":
        code, _ = setup_git(mentor.store, mentor.home, mentor.pair, str(remote))
        view, _ = join(mentee.store, mentee.home, code)
    else:
        code, _ = setup_webdav(
            mentor.store, mentor.home, mentor.pair, remote.url(), "grace", DAV_USERS["grace"]
        )
        view, _ = join(mentee.store, mentee.home, code, user="ada", password=DAV_USERS["ada"])
    mentee.pair = view
    return code


def sync(side: Side, **options: Any) -> Any:
    from mentor_tui.sync.service import sync as run

    return run(side.store, side.home, side.pair.id, **options)
