"""Both members' notes on one session: the mentor schedules it, the mentee writes her own
notes on her read-only copy, and each side sees the other's, with no private notes crossing."""

from __future__ import annotations

import subprocess

import pytest
from sqlmodel import select

from tests.sync.helpers import connect, sync


@pytest.fixture(params=["git", "webdav"])
def remote(request, bare_repo):
    if request.param == "git":
        return "git", bare_repo
    return "webdav", request.getfixturevalue("dav")


def _remote_text(kind, where, tmp_path) -> str:
    """Everything on the shared place, as one text."""
    if kind == "git":
        clone = tmp_path / "inspect"
        subprocess.run(
            ["git", "clone", "--quiet", str(where), str(clone)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        files = [p for p in clone.rglob("*") if p.is_file() and ".git" not in p.parts]
    else:
        files = [p for p in where.root.rglob("*") if p.is_file()]
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


def test_each_side_sees_the_others_notes_on_one_session(remote, mentor, mentee, tmp_path):
    from mentor_tui.models.db import ReadOnlyRecord
    from mentor_tui.services.session_notes import session_notes, write_my_session_notes
    from mentor_tui.services.sessions import schedule_session, update_session

    kind, where = remote
    connect(kind, mentor, mentee, where)
    planned = schedule_session(
        mentor.store, mentor.pair.id, "2026-11-24 15:00", agenda="Parser review"
    )
    update_session(
        mentor.store, planned.id, shared_notes="Grace's summary", private_notes="GRACE-PRIVATE-7731"
    )
    assert sync(mentor).problems == []

    assert sync(mentee).problems == []
    # Her copy of the session is read-only; her notes on it are a record of her own.
    with pytest.raises(ReadOnlyRecord):
        update_session(mentee.store, planned.id, shared_notes="overwritten")
    own = schedule_session(mentee.store, mentee.pair.id, "2026-11-25 10:00")
    update_session(mentee.store, own.id, private_notes="ADA-PRIVATE-4412")
    mentee.clock.advance(minutes=5)
    write_my_session_notes(
        mentee.store, planned.id, "Ada's notes [bold]literal[/]", "Write the RFC"
    )
    assert sync(mentee).problems == []
    assert sync(mentor).problems == []

    views = session_notes(mentor.store, planned.id)
    [adas] = [v for v in views if not v.mine]
    assert (adas.author_name, adas.role) == ("Ada Lovelace", "mentee")
    assert adas.origin == mentor.pair.mentee.id
    assert (adas.notes, adas.takeaways) == ("Ada's notes [bold]literal[/]", "Write the RFC")
    assert "PRIVATE" not in adas.notes + adas.takeaways
    assert all(v.origin for v in views)  # the mentor has written none yet

    # The mentor answers with a note of his own on his own session; Ada sees it.
    mentor.clock.advance(minutes=10)
    write_my_session_notes(mentor.store, planned.id, "Grace's extra notes", "")
    assert sync(mentor).problems == []
    assert sync(mentee).problems == []
    on_her_side = {v.author_name: v for v in session_notes(mentee.store, planned.id)}
    assert on_her_side["Ada Lovelace"].mine
    assert on_her_side["Grace Hopper"].notes == "Grace's extra notes"
    assert on_her_side["Grace Hopper"].origin == mentee.pair.mentor.id

    shared = _remote_text(kind, where, tmp_path)
    assert "Ada's notes [bold]literal[/]" in shared
    assert "GRACE-PRIVATE-7731" not in shared and "ADA-PRIVATE-4412" not in shared
    from mentor_tui.models.tables import MentoringSession

    with mentor.store.read() as session:
        texts = [repr(row) for row in session.exec(select(MentoringSession)).all()]
    assert not any("ADA-PRIVATE" in text for text in texts)
