"""A partner's record is taken whole or not at all: should the database refuse one record
of a batch after part of it was written, the batch is tried again record by record (each
in a savepoint), and only that record is left out."""

from __future__ import annotations

from mentor_tui.sync.canonical import canonical_bytes
from tests.sync.hostile import new_id, record


def _incoming(side, rid: str, title: str):
    from mentor_tui.sync.canonical import parse_json
    from mentor_tui.sync.records import IdMap, parse_record

    data = record("goal", rid, pair_id=side.pair.id, title=title, status="draft", position=1)
    ids = IdMap(side.pair.me.id, side.pair.me.id)
    return parse_record(parse_json(canonical_bytes(data), "x"), rid, ids), f"sha-{rid}"


def test_a_record_the_database_refuses_is_left_out_whole(mentor, monkeypatch):
    from mentor_tui.models.tables import Goal
    from mentor_tui.sync import engine
    from mentor_tui.sync.records import IdMap

    pid, partner = mentor.pair.id, mentor.pair.mentee.id
    good, bad = new_id(), new_id()
    real = engine._apply_one

    def half_then_fail(session, item, who, facts):
        problem = real(session, item, who, facts)  # the row is added ...
        if item.id == bad:
            raise ValueError("the disk says no")  # ... and then something fails
        return problem

    monkeypatch.setattr(engine, "_apply_one", half_then_fail)
    result = engine.apply_partner(
        mentor.store,
        pid,
        partner,
        IdMap(mentor.pair.me.id, mentor.pair.me.id),
        [_incoming(mentor, good, "Taken"), _incoming(mentor, bad, "Half")],
    )
    assert set(result.taken) == {good}
    assert len(result.problems) == 1 and bad in result.problems[0]
    assert "\n" not in result.problems[0]
    with mentor.store.read() as session:
        assert session.get(Goal, good).title == "Taken"
        assert session.get(Goal, bad) is None
