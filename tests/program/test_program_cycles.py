"""Cycles: the coordinator ends one (its roll-up kept on their machine for the report's
trends) and names the next in PROGRAM.json, signed again; only the coordinator may."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.program.test_program_trust import small_program

pytest.importorskip("mentor_tui.services.program_health")


def test_a_new_cycle_keeps_the_last_for_the_trends(program_repo, homes) -> None:
    from mentor_tui.program.cycles import start_cycle
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.service import join
    from mentor_tui.services.program_health import health_rows, program_report
    from mentor_tui.sync.canonical import SyncError

    coordinator, mia, _eli, pair_id = small_program(program_repo, homes)
    view, problems = refresh(coordinator.home)
    assert problems == [] and view.previous_rows == []

    with pytest.raises(SyncError, match="only the coordinator"):
        start_cycle(mia.home, "2027-H1", None, date(2026, 11, 16))
    with pytest.raises(SyncError, match="must be after today"):
        start_cycle(coordinator.home, "2027-H1", date(2026, 1, 1), date(2026, 11, 16))

    ended, count = start_cycle(coordinator.home, "2027-H1", date(2027, 6, 30), date(2026, 11, 16))
    assert (ended, count) == ("", 1)
    view, problems = refresh(coordinator.home)
    assert problems == []
    assert (view.cycle, view.cycle_ends_on) == ("2027-H1", "2027-06-30")
    assert [row.pair_id for row in view.previous_rows] == [pair_id]

    report = json.loads(program_report(view, health_rows(view, date(2026, 11, 16)), "json", None))
    assert report["trends"], "this cycle is set against the last"

    # A newcomer still verifies the re-signed PROGRAM.json against the coordinator's key.
    from mentor_tui.program.state import enrolment_code, load_state

    state = load_state(coordinator.home, view.program_id)
    assert state is not None
    program, _ = join(homes[5].store, homes[5].home, enrolment_code(state), "either")
    assert program.cycle == "2027-H1"
