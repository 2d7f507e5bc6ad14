"""A program in a WebDAV folder: the coordinator's requests touch the program's files only
(never a record), a refresh with nothing new downloads no summary again, and a forged
summary is refused while the rest is read."""

from __future__ import annotations

import pytest

from tests.sync.conftest import DAV_USERS

pytest.importorskip("mentor_tui.services.intake")  # the rules branch; merged beside this


def test_webdav_reads_summaries_only_and_refuses_a_forged_one(dav, homes):
    from mentor_tui.program import layout
    from mentor_tui.program.answers import answer, invitations, propose_match
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import join, my_key, pick, setup, submit_intake
    from mentor_tui.program.summaries import publish_after_sync
    from mentor_tui.services.sessions import schedule_session, set_session_status
    from mentor_tui.sync.service import sync

    coordinator, mia, eli = homes[0], homes[1], homes[3]
    login = {"user": "grace", "password": DAV_USERS["grace"]}
    code, _ = setup(coordinator.store, coordinator.home, "P", kind="webdav", url=dav.url(), **login)
    for person in (mia, eli):
        join(person.store, person.home, code, person.intake["role_wanted"], **login)
        submit_intake(person.store, person.home, person.intake)
    pair = propose_match(coordinator.home, eli.id, mia.id)
    for person in (mia, eli, mia):
        found, _ = invitations(person.store, person.home)
        if not found[0].made:
            answer(person.store, person.home, pair.pair_id, True)
    meeting = schedule_session(mia.store, pair.pair_id, "2026-11-10 15:00", agenda="Kickoff")
    set_session_status(mia.store, meeting.id, "held")
    for person in (mia, eli):
        assert sync(person.store, person.home, pair.pair_id).problems == []
        assert publish_after_sync(person.store, person.home, [pair.pair_id]) == []
    assert list((dav.root / "shared" / "pairs" / pair.pair_id / mia.id / "records").iterdir())

    dav.faults.reset()  # a server that refuses Depth: infinity is walked a level at a time
    dav.faults.add("PROPFIND", "/participants/", status=403)
    view, problems = refresh(coordinator.home)
    assert problems == [] and len(view.summaries) == 2 and len(view.participants) == 2
    touched = [path for _method, path in dav.faults.requests]
    assert not [p for p in touched if "/records/" in p or p.endswith(("manifest.json", ".md"))]
    assert {m for m, _ in dav.faults.requests} <= {"GET", "PROPFIND"}

    dav.faults.reset()  # nothing new: listings and conditional GETs answered 304
    again, problems = refresh(coordinator.home)
    assert problems == [] and again.summaries == view.summaries
    gets = [p for m, p in dav.faults.requests if m == "GET"]
    assert len(gets) == 2 and all(p.endswith("/program.json") for p in gets)

    # Mia signs a summary in Eli's name, straight into the server's folder.
    path = layout.summary_path(pair.pair_id, eli.id)
    forged = {"program_id": view.program_id, "pair_id": pair.pair_id, "member_id": eli.id,
              "role": "mentee", "as_of": "2026-11-16", "withdrawn": False,
              "figures": view.summaries[(pair.pair_id, eli.id)].figures}  # fmt: skip
    data = layout.wrap("summary", forged, my_key(pick(mia.home)), None, path)
    (dav.root / "shared" / path).write_bytes(data + b" " * 10)  # another length: seen as changed
    view, problems = refresh(coordinator.home)
    assert len(problems) == 1 and "not signed by the key pinned" in problems[0]
    assert (pair.pair_id, eli.id) not in view.summaries
    assert (pair.pair_id, mia.id) in view.summaries
