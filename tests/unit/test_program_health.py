"""The coordinator's roll-up on known summaries: each flag, pairs without summaries, a closed
pair, filtering and sorting, the cohort's figures, and the report in three formats."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date

import pytest

from mentor_tui.errors import InvalidInput
from mentor_tui.services.program_health import (
    cohort_figures,
    filter_rows,
    health_rows,
    program_report,
    sort_rows,
)
from tests.program_view import HOSTILE, coordinator_view, summary

TODAY = date(2026, 11, 16)


def by_pair() -> dict[str, object]:
    return {row.pair_id: row for row in health_rows(coordinator_view(), TODAY)}


def test_one_row_per_proposed_or_made_pair_with_its_flags() -> None:
    rows = by_pair()
    assert set(rows) == {"p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"}  # p9 was declined
    flags = {pid: row.flags for pid, row in rows.items()}  # type: ignore[attr-defined]
    assert flags == {
        "p1": (),
        "p2": ("no_session", "cadence"),
        "p3": ("overdue", "low_rating"),
        "p4": ("never_synced",),
        "p5": ("never_synced",),
        "p6": (),
        "p7": ("end_near",),
        "p8": (),
    }


def test_the_two_sides_are_read_together() -> None:
    p1 = by_pair()["p1"]
    # Ann says 6 days, Bea 4, both a day ago: the larger, aged to today.
    assert p1.days_since_last_session == 7  # type: ignore[attr-defined]
    assert (p1.cadence_kept_pct, p1.rating, p1.status) == (90, 4.5, "active")  # type: ignore[attr-defined]
    assert (p1.mentor_name, p1.mentee_site, p1.mentor_zone) == (  # type: ignore[attr-defined]
        "Bea",
        "Berlin",
        "America/New_York",
    )


def test_pairs_without_summaries_closed_and_proposed() -> None:
    rows = by_pair()
    p5, p6, p8, p4 = rows["p5"], rows["p6"], rows["p8"], rows["p4"]
    assert (p5.status, p5.never_synced, p5.days_since_last_session) == (  # type: ignore[attr-defined]
        "waiting",
        ("jon", "ivy"),
        None,
    )
    assert p5.cadence_kept_pct is None and p5.rating is None  # type: ignore[attr-defined]
    assert rows["p3"].mentee_name == HOSTILE  # type: ignore[attr-defined]  # kept as stored
    assert p4.never_synced == ("gus",)  # type: ignore[attr-defined]
    assert (p6.status, p6.flags) == ("closed", ())  # type: ignore[attr-defined]
    assert (p8.status, p8.never_synced) == ("proposed", ())  # type: ignore[attr-defined]


def test_no_session_yet_three_weeks_in_is_flagged() -> None:
    quiet = summary("p4", "gus", "mentee", days_since_last_session=-1, sessions_due=0)
    view = coordinator_view()
    view.summaries[("p4", "gus")] = quiet
    view.summaries[("p4", "hal")] = replace(quiet, member_id="hal", role="mentor")
    row = {r.pair_id: r for r in health_rows(view, TODAY)}["p4"]
    assert row.days_since_last_session is None
    assert row.flags == ("no_session",)


def test_the_cadence_is_not_judged_before_three_periods() -> None:
    view = coordinator_view()
    for member, role in (("dee", "mentor"), ("cal", "mentee")):
        view.summaries[("p2", member)] = summary("p2", member, role, sessions_due=2, cadence_kept=0)
    row = {r.pair_id: r for r in health_rows(view, TODAY)}["p2"]
    assert "cadence" not in row.flags


def test_filter_and_sort() -> None:
    rows = health_rows(coordinator_view(), TODAY)
    assert [r.pair_id for r in filter_rows(rows, flag="overdue")] == ["p3"]
    assert {r.pair_id for r in filter_rows(rows, site="new york")} == {"p1", "p5"}
    assert {r.pair_id for r in filter_rows(rows, cohort="2026-H1")} == {"p6", "p7"}
    assert [r.pair_id for r in filter_rows(rows, mentor="Pam")] == ["p8"]
    assert [r.pair_id for r in filter_rows(rows, text="eve [")] == ["p3"]
    assert [r.pair_id for r in filter_rows(rows, site="Berlin", flag="end_near")] == ["p7"]
    quiet = sort_rows(rows, "quiet")
    assert [r.pair_id for r in quiet[:3]] == ["p6", "p2", "p1"]  # days unknown go last
    assert [r.pair_id for r in sort_rows(rows, "mentee")][:3] == ["p1", "p2", "p3"]
    assert sort_rows(rows, "flags")[0].pair_id in {"p2", "p3"}


def test_cohort_figures_in_words() -> None:
    view = coordinator_view()
    rows = health_rows(view, TODAY)
    figures = cohort_figures(view, rows, TODAY)
    assert figures.months[-1] == "2026-11" and len(figures.months) == 12
    assert figures.active_pairs[-1] == 6  # made, not closed (p6 closed in June)
    assert figures.sessions[-1] == 6  # one this month from each pair with a summary
    assert figures.days_to_first_milestone == 20
    assert (figures.goals_achieved, figures.goals_agreed) == (8, 18)
    assert (figures.pairs_made, figures.mentees_enrolled) == (7, 10)
    assert figures.sentences["goals"] == "8 of 18 agreed goals achieved (44%)."
    assert figures.sentences["match"] == "7 pairs made for 10 mentees enrolled (70% matched)."
    assert figures.sentences["first_milestone"] == (
        "The first milestone came after 20 days (median)."
    )


def test_report_in_three_formats_with_names_escaped() -> None:
    view = coordinator_view()
    rows = health_rows(view, TODAY)
    markdown = program_report(view, rows, "markdown", None)
    assert "\x1b" not in markdown and "\x07" not in markdown
    # Brackets escaped, and the escapes' backslashes too: markdown shows them literally.
    assert "Eve \\[/y\\]\\\\x1b\\]0;x\\\\x07" in markdown
    assert "| pairs | 8 | 1 | +7 |" in markdown
    table = list(csv.DictReader(io.StringIO(program_report(view, rows, "csv", None))))
    assert len(table) == 8
    eve = next(r for r in table if r["pair_id"] == "p3")
    assert eve["mentee"] == "Eve [/y]\\x1b]0;x\\x07"
    assert eve["flags"] == "overdue low_rating"
    data = json.loads(program_report(view, rows, "json", "2026-H1"))
    assert {p["pair_id"] for p in data["pairs"]} == {"p6", "p7"}
    assert data["trends"]["pairs"] == {"this_cycle": 2, "last_cycle": 1, "change": 1}
    assert data["cohort"] == "2026-H1"


def test_report_cells_are_figures_besides_the_names() -> None:
    view = coordinator_view()
    table = list(
        csv.DictReader(io.StringIO(program_report(view, health_rows(view, TODAY), "csv", None)))
    )
    names = {"mentor", "mentee", "cohort", "pair_id", "status", "flags"}
    for row in table:
        for column, cell in row.items():
            if column in names or column.endswith(("_on", "activity")):
                continue
            assert cell == "" or cell.replace(".", "", 1).isdigit(), (column, cell)


def test_a_name_that_looks_like_a_formula_is_kept_text_in_csv() -> None:
    view = coordinator_view()
    view.participants["ann"] = replace(view.participants["ann"], name="=HYPERLINK(1)")
    table = program_report(view, health_rows(view, TODAY), "csv", None)
    assert "'=HYPERLINK(1)" in table


def test_an_unknown_format_is_refused() -> None:
    view = coordinator_view()
    with pytest.raises(InvalidInput, match="unknown report format 'pdf'"):
        program_report(view, [], "pdf", None)
