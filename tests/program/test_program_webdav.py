"""A program in a WebDAV folder: the coordinator's requests touch the program's files only
(never a record), a refresh with nothing new lists the change markers and the top and
downloads nothing, a changed summary is found through its writer's marker, and a summary
forged (or its marker forged) or placed at a path naming another member is refused while
the rest is read."""

from __future__ import annotations

import pytest

from tests.sync.conftest import DAV_USERS

pytest.importorskip("mentor_tui.services.intake")  # the rules branch; merged beside this


def _mark(dav, person_id: str) -> None:
    """What a member's client does after each write: rewrite their change marker (here
    straight into the server's folder, as anyone with the folder's login could)."""
    from mentor_tui.program import layout

    path = dav.root / "shared" / layout.marker_path(person_id)
    path.write_bytes(layout.marker_bytes(path.read_bytes() if path.exists() else None))


def _made_pair(dav, homes, also: tuple[int, ...] = ()):
    """Mia (mentor) and Eli (mentee) paired in a WebDAV program, a session held and synced,
    both summaries published; `also`: more homes that only join."""
    from mentor_tui.program.answers import answer, invitations, propose_match
    from mentor_tui.program.service import join, setup, submit_intake
    from mentor_tui.program.summaries import publish_after_sync
    from mentor_tui.services.sessions import schedule_session, set_session_status
    from mentor_tui.sync.service import sync

    coordinator, mia, eli = homes[0], homes[1], homes[3]
    login = {"user": "grace", "password": DAV_USERS["grace"]}
    code, _ = setup(coordinator.store, coordinator.home, "P", kind="webdav", url=dav.url(), **login)
    for person in (mia, eli, *(homes[i] for i in also)):
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
    assert list((dav.root / "shared" / "pairs" / pair.pair_id / mia.id / "packs").iterdir())
    return coordinator, mia, eli, pair


def test_webdav_reads_summaries_only_and_refuses_a_forged_one(dav, homes):
    from mentor_tui.program import layout
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import my_key, pick

    coordinator, mia, eli, pair = _made_pair(dav, homes)
    dav.faults.reset()  # a server that refuses Depth: infinity is walked a level at a time
    dav.faults.add("PROPFIND", "/participants/", status=403)
    dav.faults.add("PROPFIND", "/summaries/", status=403)
    view, problems = refresh(coordinator.home)
    assert problems == [] and len(view.summaries) == 2 and len(view.participants) == 2
    touched = [path for _method, path in dav.faults.requests]
    records = ("/records/", "/packs/")
    assert not [
        p for p in touched if p.endswith(("manifest.json", ".md")) or any(r in p for r in records)
    ]
    assert not [p for p in touched if "/pairs/" in p]  # the records' tree is never listed
    assert {m for m, _ in dav.faults.requests} <= {"GET", "PROPFIND"}

    dav.faults.reset()  # nothing new: two listings (the markers, the top) and no GET at all
    again, problems = refresh(coordinator.home)
    assert problems == [] and again.summaries == view.summaries
    assert sorted(dav.faults.requests) == [
        ("PROPFIND", "/shared/"),
        ("PROPFIND", "/shared/changes/"),
    ]

    # Mia signs a summary in Eli's name, straight into the server's folder.
    path = layout.summary_path(pair.pair_id, eli.id)
    forged = {"program_id": view.program_id, "pair_id": pair.pair_id, "member_id": eli.id,
              "role": "mentee", "as_of": "2026-11-16", "withdrawn": False,
              "figures": view.summaries[(pair.pair_id, eli.id)].figures}  # fmt: skip
    data = layout.wrap("summary", forged, my_key(pick(mia.home)), None, path)
    (dav.root / "shared" / path).write_bytes(data + b" " * 10)  # another length: seen as changed
    hidden, problems = refresh(coordinator.home)  # no marker moved: not looked for yet
    assert problems == [] and hidden.summaries == view.summaries
    _mark(dav, eli.id)  # Mia forges Eli's marker too: Eli's files are read, and verified
    dav.faults.reset()
    view, problems = refresh(coordinator.home)
    gets = [p for m, p in dav.faults.requests if m == "GET"]
    assert gets == ["/shared/" + path]
    assert len(problems) == 1 and "not signed by the key pinned" in problems[0]
    assert (pair.pair_id, eli.id) not in view.summaries
    assert (pair.pair_id, mia.id) in view.summaries


def test_a_changed_summary_is_found_through_its_marker(dav, homes):
    import os

    from mentor_tui.program import layout
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.summaries import publish_after_sync
    from mentor_tui.services.sessions import schedule_session, set_session_status
    from mentor_tui.sync.service import sync

    coordinator, mia, _eli, pair = _made_pair(dav, homes)
    view, problems = refresh(coordinator.home)
    assert problems == [] and view.summaries[(pair.pair_id, mia.id)].figures["sessions_held"] == 1

    meeting = schedule_session(mia.store, pair.pair_id, "2026-11-12 15:00", agenda="Second")
    set_session_status(mia.store, meeting.id, "held")
    assert sync(mia.store, mia.home, pair.pair_id).problems == []
    assert publish_after_sync(mia.store, mia.home, [pair.pair_id]) == []
    # wsgidav's ETag holds the mtime in whole seconds: move it on rather than wait a second.
    path = layout.summary_path(pair.pair_id, mia.id)
    stat = (dav.root / "shared" / path).stat()
    os.utime(dav.root / "shared" / path, (stat.st_atime + 5, stat.st_mtime + 5))

    dav.faults.reset()
    view, problems = refresh(coordinator.home)
    assert problems == [] and view.summaries[(pair.pair_id, mia.id)].figures["sessions_held"] == 2
    gets = [p for m, p in dav.faults.requests if m == "GET"]
    assert gets == ["/shared/" + path]  # the listing named it: nothing else was read
    listed = sorted(p for m, p in dav.faults.requests if m == "PROPFIND")
    shared = "/shared/"  # the markers, the top, then Mia's file and her pair's summaries
    assert listed == [shared, shared + "changes/", f"{shared}participants/{mia.id}.json",
                      f"{shared}summaries/{pair.pair_id}/"]  # fmt: skip


def test_a_summary_at_a_path_naming_another_member_is_refused(dav, homes):
    from mentor_tui.program import layout
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import my_key, pick

    coordinator, mia, eli, pair = _made_pair(dav, homes, also=(2,))
    max_ = homes[2]  # enrolled, but in no pair
    view, problems = refresh(coordinator.home)
    assert problems == [] and len(view.summaries) == 2
    shared = dav.root / "shared"
    mine = (shared / layout.summary_path(pair.pair_id, mia.id)).read_bytes()

    # Mia's own genuine summary copied to where Eli's belongs: the path names Eli.
    (shared / layout.summary_path(pair.pair_id, eli.id)).write_bytes(mine + b" ")
    # Max signs a summary for a pair he is not in, at a path naming himself.
    path = layout.summary_path(pair.pair_id, max_.id)
    body = {"program_id": view.program_id, "pair_id": pair.pair_id, "member_id": max_.id,
            "role": "mentor", "as_of": "2026-11-16", "withdrawn": False,
            "figures": view.summaries[(pair.pair_id, mia.id)].figures}  # fmt: skip
    (shared / path).parent.mkdir(parents=True, exist_ok=True)
    (shared / path).write_bytes(layout.wrap("summary", body, my_key(pick(max_.home)), None, path))
    _mark(dav, mia.id)  # each writer's marker, as their client writes it
    _mark(dav, max_.id)

    view, problems = refresh(coordinator.home)
    assert len(problems) == 2, problems
    assert any("not signed by the key pinned" in p or "someone else" in p for p in problems)
    assert any("not a member of a pair" in p for p in problems)
    assert set(view.summaries) == {(pair.pair_id, mia.id)}


def test_a_new_pair_and_its_answers_are_found_through_the_markers(dav, homes):
    from mentor_tui.program.answers import answer, invitations, propose_match
    from mentor_tui.program.refresh import refresh

    coordinator, _mia, _eli, first = _made_pair(dav, homes, also=(2, 4))
    max_, eva = homes[2], homes[4]
    view, problems = refresh(coordinator.home)
    assert problems == [] and len(view.pairs) == 1

    # The proposal moves the coordinator's marker: its own refresh re-lists matches/.
    second = propose_match(coordinator.home, eva.id, max_.id)
    for person in (max_, eva):
        assert invitations(person.store, person.home)[1] == []
        answer(person.store, person.home, second.pair_id, True)

    dav.faults.reset()
    view, problems = refresh(coordinator.home)
    assert problems == []
    made = {pair.pair_id: pair for pair in view.pairs}
    assert set(made) == {first.pair_id, second.pair_id}
    assert set(made[second.pair_id].accepted_by) == {max_.id, eva.id}
    listed = sorted(p for m, p in dav.faults.requests if m == "PROPFIND")
    shared = "/shared/"  # only the two who answered: their files and their pair's summaries
    assert listed == sorted([shared, shared + "changes/", f"{shared}participants/{max_.id}.json",
                             f"{shared}participants/{eva.id}.json",
                             f"{shared}summaries/{second.pair_id}/"])  # fmt: skip
    assert len([m for m, _ in dav.faults.requests if m == "GET"]) == 2  # the two answers' files


def test_a_failed_marker_upload_is_owed_until_it_is_made(dav, homes, monkeypatch):
    """The files went up but the marker did not: the next write marks even with nothing
    else changed, so the coordinator is not left looking at a stale marker."""
    from mentor_tui.program import layout
    from mentor_tui.program.remote import ProgramDav
    from mentor_tui.program.summaries import publish_after_sync
    from mentor_tui.services.sessions import schedule_session, set_session_status
    from mentor_tui.sync.canonical import SyncError
    from mentor_tui.sync.service import sync

    _coordinator, mia, _eli, pair = _made_pair(dav, homes)
    marker = dav.root / "shared" / layout.marker_path(mia.id)
    before = marker.read_bytes()
    meeting = schedule_session(mia.store, pair.pair_id, "2026-11-12 15:00", agenda="Second")
    set_session_status(mia.store, meeting.id, "held")
    assert sync(mia.store, mia.home, pair.pair_id).problems == []

    marked = ProgramDav._mark

    def fails(self: ProgramDav) -> None:
        raise SyncError("the server went away")

    monkeypatch.setattr(ProgramDav, "_mark", fails)
    assert publish_after_sync(mia.store, mia.home, [pair.pair_id]) != []  # one line, kept
    assert marker.read_bytes() == before
    monkeypatch.setattr(ProgramDav, "_mark", marked)
    assert publish_after_sync(mia.store, mia.home, [pair.pair_id]) == []  # nothing new to send
    assert marker.read_bytes() != before  # ... but the marker was owed
