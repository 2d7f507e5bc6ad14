"""The program's files and enrolment code, without a server: envelopes signed and sealed,
paths classified (nothing but the layout, every id a UUID), codes decoded field by field."""

from __future__ import annotations

import base64
import json
import os
import uuid

import pytest

from mentor_tui.program import layout
from mentor_tui.program.state import CODE_PREFIX, ProgramState, decode_code, enrolment_code
from mentor_tui.sync.canonical import SyncError
from mentor_tui.sync.keys import KeyPair

PROGRAM, PERSON, PAIR = (str(uuid.uuid4()) for _ in range(3))


def key(person: str = PERSON) -> KeyPair:
    return KeyPair(os.urandom(32), PROGRAM, person)


def test_signed_and_sealed_envelopes():
    mine, coordinator, stranger = key(), key(str(uuid.uuid4())), key(str(uuid.uuid4()))
    path = layout.intake_part(PERSON)
    body = {"person_id": PERSON, "answers": {"goals": "SEALED-GOAL"}}
    plain = layout.wrap("intake", body, mine, None, path)
    assert layout.wrap("intake", body, mine, None, path) == plain  # deterministic
    assert layout.verify(layout.open_envelope(plain, "intake", path), mine.public, path) == body
    with pytest.raises(SyncError, match="not signed by the key pinned"):
        layout.verify(layout.open_envelope(plain, "intake", path), stranger.public, path)
    with pytest.raises(SyncError, match="not a summary file"):
        layout.open_envelope(plain, "summary", path)
    box = mine.pair_key(coordinator.public, PROGRAM)
    sealed = layout.wrap("intake", body, mine, box, path)
    assert b"SEALED-GOAL" not in sealed
    opened = layout.open_envelope(sealed, "intake", path)
    theirs = coordinator.pair_key(mine.public, PROGRAM)
    assert layout.verify(opened, mine.public, path, theirs) == body
    wrong = stranger.pair_key(mine.public, PROGRAM)
    with pytest.raises(SyncError, match="cannot be decrypted"):
        layout.verify(opened, mine.public, path, wrong)
    other_path = layout.intake_part(str(uuid.uuid4()))  # a sealed part moved elsewhere
    with pytest.raises(SyncError, match="cannot be decrypted"):
        layout.verify(opened, mine.public, other_path, theirs)
    for damaged in (b"", b"[]", b'{"format":"mentor-tui-program","kind":"intake"}', b"\xff"):
        with pytest.raises(SyncError):
            layout.open_envelope(damaged, "intake", path)


def test_only_the_layout_is_classified():
    assert layout.classify("PROGRAM.json") == ("program", ())
    assert layout.classify(layout.participant_path(PERSON)) == ("participant", (PERSON,))
    assert layout.classify(layout.summary_path(PAIR, PERSON)) == ("summary", (PAIR, PERSON))
    for path in (
        "participants/...json",
        "participants/not-a-uuid.json",
        f"participants/{PERSON}/enrol.json",  # the layout before one file per member
        f"participants/{PERSON}/intake.json",
        f"participants/{PERSON}/answers/{PAIR}.json",
        layout.enrol_part(PERSON),  # a part's name, never a path
        f"participants/{PERSON}.json.part",
        f"pairs/{PAIR}/{PERSON}/records/{PAIR}.json",
        f"pairs/{PAIR}/{PERSON}/manifest.json",
        f"pairs/{PAIR}/{PERSON}/program.json",
        f"summaries/{PAIR}/{PERSON}.json.part",
        f"summaries/{PAIR}/{PERSON}/x.json",
        f"matches/{PAIR}.json.part",
        f"participants/{PERSON}/answers/x.json",
        f"participants/{PERSON}/notes.txt",
    ):
        assert layout.classify(path) is None, path
    with pytest.raises(SyncError):
        layout.participant_path("../../etc")


def test_the_enrolment_code_is_checked_field_by_field():
    state = ProgramState(PROGRAM, "coordinator", "git", "/srv/p.git", PERSON, PERSON, "ab" * 16)
    state.encrypt = True
    data = decode_code(enrolment_code(state))
    assert (data["program"], data["fp"], data["enc"]) == (PROGRAM, "ab" * 16, True)
    assert decode_code("  " + enrolment_code(state)[:20] + "\n" + enrolment_code(state)[20:])

    def code(**changes: object) -> str:
        raw = {"v": 1, "program": PROGRAM, "kind": "git", "location": "/p", "coordinator": PERSON,
               "fp": "ab" * 16, **changes}  # fmt: skip
        text = base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")
        return CODE_PREFIX + text

    assert decode_code(code())["location"] == "/p"
    for bad in (
        {"program": "../x"}, {"kind": "ftp"}, {"fp": "AB" * 16}, {"fp": "ab"}, {"location": ""},
        {"location": 5}, {"coordinator": None}, {"enc": "yes"}, {"v": 2},
    ):  # fmt: skip
        with pytest.raises(SyncError):
            decode_code(code(**bad))
    for junk in ("", "mentor1-abc", CODE_PREFIX + "!!!", CODE_PREFIX + "e30"):
        with pytest.raises(SyncError):
            decode_code(junk)
