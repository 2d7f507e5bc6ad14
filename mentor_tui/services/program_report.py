"""The program's report for leadership: the roll-up as markdown, csv or json, with this
cycle's figures against the last. Names of the two people (and the coordinator's own
program and cohort names) are the only text, escaped for the format they go into."""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
from collections.abc import Sequence
from datetime import date
from typing import Any

from mentor_tui.errors import InvalidInput
from mentor_tui.services.program_health import cohort_figures, filter_rows
from mentor_tui.services.program_types import FLAGS, CoordinatorView, PairHealth
from mentor_tui.services.text import visible

FORMATS = ("markdown", "csv", "json")
COLUMNS = (
    "pair_id",
    "mentor",
    "mentee",
    "cohort",
    "status",
    "starts_on",
    "planned_end_on",
    "days_since_last_session",
    "cadence_kept_pct",
    "goals_agreed",
    "goals_achieved",
    "milestones_done",
    "milestones_overdue",
    "rating",
    "last_activity",
    "flags",
)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _md(text: str) -> str:
    """A name for a markdown cell or line: one line, escapes visible, every character that
    markdown (or an HTML renderer behind it) could read as syntax escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", visible(text, one_line=True).strip())


def _csv_text(text: str) -> str:
    """A name for a spreadsheet cell: one line, and never read as a formula."""
    flat = visible(text, one_line=True).strip()
    return "'" + flat if flat.startswith(_FORMULA_START) else flat


def _report_day(view: CoordinatorView, rows: Sequence[PairHealth]) -> date:
    """The day the view was read: its refresh, else its newest summary."""
    for stamp in (view.refreshed_at, max((r.last_activity for r in rows), default="")):
        try:
            return date.fromisoformat(stamp[:10])
        except ValueError:
            continue
    return date(1970, 1, 1)


def trends(rows: Sequence[PairHealth]) -> dict[str, float | int | None]:
    """The figures compared from one cycle to the next."""
    cadence = [r.cadence_kept_pct for r in rows if r.cadence_kept_pct is not None]
    ratings = [r.rating for r in rows if r.rating is not None]
    return {
        "pairs": len(rows),
        "active_pairs": sum(r.status == "active" for r in rows),
        "cadence_kept_pct_median": statistics.median(cadence) if cadence else None,
        "goals_agreed": sum(r.goals_agreed for r in rows),
        "goals_achieved": sum(r.goals_achieved for r in rows),
        "milestones_done": sum(r.milestones_done for r in rows),
        "milestones_overdue": sum(r.milestones_overdue for r in rows),
        "rating_average": round(statistics.fmean(ratings), 2) if ratings else None,
        "pairs_flagged": sum(bool(r.flags) for r in rows),
    }


def _change(now: float | int | None, then: float | int | None) -> float | int | None:
    if now is None or then is None:
        return None
    return round(now - then, 2)


def _row(row: PairHealth) -> dict[str, Any]:
    return {
        "pair_id": row.pair_id,
        "mentor": row.mentor_name,
        "mentee": row.mentee_name,
        "cohort": row.cohort,
        "status": row.status,
        "starts_on": row.starts_on,
        "planned_end_on": row.planned_end_on,
        "days_since_last_session": row.days_since_last_session,
        "cadence_kept_pct": row.cadence_kept_pct,
        "goals_agreed": row.goals_agreed,
        "goals_achieved": row.goals_achieved,
        "milestones_done": row.milestones_done,
        "milestones_overdue": row.milestones_overdue,
        "rating": row.rating,
        "last_activity": row.last_activity,
        "flags": list(row.flags),
    }


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, list):
        return " ".join(value) or "–"
    return f"{value:g}" if isinstance(value, float) else str(value)


def render(view: CoordinatorView, rows: Sequence[PairHealth], fmt: str, cohort: str | None) -> str:
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    rows = filter_rows(rows, cohort=cohort)
    previous = filter_rows(view.previous_rows, cohort=cohort)
    now, then = trends(rows), trends(previous) if previous else None
    figures = cohort_figures(view, rows, _report_day(view, rows))
    if fmt == "json":
        return json.dumps(
            {
                "program": view.name,
                "cycle": view.cycle,
                "cohort": cohort,
                "refreshed_at": view.refreshed_at,
                "figures": {
                    "months": list(figures.months),
                    "active_pairs": list(figures.active_pairs),
                    "sessions": list(figures.sessions),
                    "days_to_first_milestone_median": figures.days_to_first_milestone,
                    "match_rate": figures.match_rate,
                    "sentences": figures.sentences,
                },
                "trends": {
                    key: {
                        "this_cycle": value,
                        "last_cycle": then[key] if then else None,
                        "change": _change(value, then[key]) if then else None,
                    }
                    for key, value in now.items()
                },
                "pairs": [_row(r) for r in rows],
            },
            indent=2,
            sort_keys=True,
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            cells = _row(row)
            cells["mentor"], cells["mentee"] = (
                _csv_text(row.mentor_name),
                _csv_text(row.mentee_name),
            )
            cells["cohort"] = _csv_text(row.cohort)
            writer.writerow(["" if cells[c] is None else _cell(cells[c]) for c in COLUMNS])
        return out.getvalue()
    return _markdown(view, rows, cohort, figures.sentences, now, then)


def _markdown(
    view: CoordinatorView,
    rows: Sequence[PairHealth],
    cohort: str | None,
    sentences: dict[str, str],
    now: dict[str, float | int | None],
    then: dict[str, float | int | None] | None,
) -> str:
    lines = [f"# Program report: {_md(view.name)}", ""]
    parts = [f"Cycle {_md(view.cycle)}" if view.cycle else "No cycle named"]
    if view.cycle_ends_on:
        parts.append(f"ending {view.cycle_ends_on}")
    if cohort:
        parts.append(f"cohort {_md(cohort)}")
    if view.refreshed_at:
        # Summaries as of the coordinator's last refresh (UTC, to the minute).
        parts.append(f"summaries read {view.refreshed_at[:16].replace('T', ' ')} UTC")
    lines += [", ".join(parts) + ".", ""]
    lines += ["## Figures", ""] + [f"- {sentence}" for sentence in sentences.values()]
    lines += ["", "## Trends: this cycle against the last", ""]
    if then is None:
        lines.append("No earlier cycle to compare with.")
    else:
        lines += ["| figure | this cycle | last cycle | change |", "| --- | ---: | ---: | ---: |"]
        for key, value in now.items():
            change = _change(value, then[key])
            sign = "+" if isinstance(change, int | float) and change > 0 else ""
            lines.append(
                f"| {key.replace('_', ' ')} | {_cell(value)} | {_cell(then[key])} |"
                f" {sign}{_cell(change)} |"
            )
    lines += ["", "## Pairs", ""]
    if not rows:
        lines.append("No pair yet.")
    else:
        lines += [
            "| mentor | mentee | cohort | status | start | days since session | cadence kept"
            " | goals | milestones | overdue | rating | flags |",
            "| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for r in rows:
            lines.append(
                f"| {_md(r.mentor_name)} | {_md(r.mentee_name)} | {_md(r.cohort)} | {r.status}"
                f" | {r.starts_on or '–'} | {_cell(r.days_since_last_session)}"
                f" | {_cell(r.cadence_kept_pct)}{'%' if r.cadence_kept_pct is not None else ''}"
                f" | {r.goals_achieved}/{r.goals_agreed} | {r.milestones_done}"
                f" | {r.milestones_overdue} | {_cell(r.rating)}"
                f" | {', '.join(FLAGS[f] for f in r.flags) or '–'} |"
            )
    return "\n".join(lines) + "\n"
