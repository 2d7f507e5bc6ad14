"""Joining never overwrites the inviter's charter: the pair the joiner makes from pair.json
(with encryption it carries no charter at all) is a placeholder that loses to the
inviter's charter, whatever the clock says, on git and WebDAV, sealed or not."""

from __future__ import annotations

import pytest

from tests.sync.conftest import DAV_USERS
from tests.sync.helpers import sync


@pytest.mark.parametrize("encrypt", [False, True], ids=["clear", "encrypted"])
@pytest.mark.parametrize("kind", ["git", "webdav"])
def test_the_inviters_charter_survives_the_first_round(
    kind, encrypt, mentor, mentee, bare_repo, dav
):
    from mentor_tui.services.pairs import get_pair
    from mentor_tui.sync.join import join
    from mentor_tui.sync.service import setup_git, setup_webdav

    if kind == "git":
        code, _ = setup_git(mentor.store, mentor.home, mentor.pair, str(bare_repo), encrypt=encrypt)
    else:
        code, _ = setup_webdav(
            mentor.store, mentor.home, mentor.pair, dav.url(), "grace", DAV_USERS["grace"],
            encrypt=encrypt,
        )  # fmt: skip
    mentee.clock.advance(minutes=5)  # the joiner joins later, as people do
    view, _ = join(mentee.store, mentee.home, code, user="ada", password=DAV_USERS["ada"])
    mentee.pair = view
    for side in (mentor, mentee, mentor, mentee):
        side.clock.advance(minutes=1)
        assert sync(side).problems == []
    for side in (mentor, mentee):
        purpose = get_pair(side.store, mentor.pair.id).pair.purpose
        assert purpose == "Grow into a staff engineer", side.name
