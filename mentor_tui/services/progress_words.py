"""Progress in words: the sentences a review quotes ("cadence kept 83%", "median 12 days
to a milestone"), shared by the screen, `mentor stats` and the Markdown report; and the
report's Progress section. Only figures and the charter's cadence word: never stored text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentor_tui.wording import plural

if TYPE_CHECKING:
    from mentor_tui.services.progress import Bucket, Figures, Progress


def number(value: float) -> str:
    """12 -> "12", 12.5 -> "12.5", 3.876 -> "3.9"."""
    rounded = round(value, 1)
    return f"{rounded:,.0f}" if rounded == int(rounded) else f"{rounded:,.1f}"


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def sentences(f: Figures, by: str) -> dict[str, str]:
    """The figures in the words a review would quote, one sentence per topic."""
    out: dict[str, str] = {}
    if f.cadence_share is None:
        out["cadence"] = f"cadence kept: too early to say (no {f.cadence} period has ended yet)"
    else:
        out["cadence"] = (
            f"cadence kept {percent(f.cadence_share)} ({f.cadence_kept:,} of "
            f"{plural(f.cadence_periods, f'{f.cadence} period')} had a session)"
        )
    out["sessions"] = (
        f"{plural(f.sessions_held, 'session')} held, {f.sessions_cancelled:,} cancelled, "
        f"{f.sessions_planned:,} planned"
    )
    if f.median_gap_days is None:
        out["gaps"] = "days between sessions: fewer than two sessions held"
    else:
        out["gaps"] = (
            f"median {number(f.median_gap_days)} days between sessions "
            f"(longest {plural(f.longest_gap_days or 0, 'day')})"
        )
    out["goals"] = f"{plural(f.goals_agreed, 'goal')} agreed, {f.goals_achieved:,} achieved"
    on_time = ""
    if f.milestones_done:
        share = (f.milestones_done - f.milestones_late) / f.milestones_done
        on_time = f" ({percent(share)} on time)"
    out["milestones"] = (
        f"{plural(f.milestones_done, 'milestone')} done{on_time}, {f.milestones_overdue:,} overdue"
    )
    if f.median_days_to_milestone is None:
        out["time_to_milestone"] = "time to a milestone: none done yet"
    else:
        out["time_to_milestone"] = (
            f"median {number(f.median_days_to_milestone)} days to a milestone "
            "(from creation to done)"
        )
    out["actions"] = (
        f"{plural(f.actions_closed, 'action item')} closed ({f.actions_done:,} done, "
        f"{f.actions_dropped:,} dropped); {f.actions_open:,} open, "
        f"{f.actions_carried:,} carried past a session"
    )
    if f.rating_average is None:
        out["checkins"] = f"{plural(f.checkins, 'check-in')}, none rated"
    else:
        out["checkins"] = (
            f"check-in rating {number(f.rating_average)} of 5 on average "
            f"({f.ratings:,} rated of {plural(f.checkins, 'check-in')})"
        )
    scores = [
        f"{who} {number(average)} of 5 ({n:,})"
        for who, average, n in (
            ("self", f.self_average, f.self_scores),
            ("mentor", f.mentor_average, f.mentor_scores),
        )
        if average is not None
    ]
    out["assessments"] = (
        "assessments: " + ", ".join(scores) if scores else "assessments: none scored yet"
    )
    active = f", in {percent(f.journal_active_buckets / f.buckets)} of {by}s" if f.buckets else ""
    out["journal"] = f"{plural(f.journal_entries, 'journal entry')}{active}"
    out["wins"] = (
        f"{plural(f.wins, 'win')}: {plural(f.milestones_done, 'milestone')} done, "
        f"{plural(f.goals_achieved, 'goal')} achieved"
    )
    return out


def _cell(value: float | None) -> str:
    return "" if value is None else number(value)


def _row(bucket: Bucket, by: str) -> list[str]:
    kept = f"{bucket.cadence_kept}/{bucket.cadence_periods}" if bucket.cadence_periods else ""
    return [
        bucket.start.isoformat() if by == "week" else f"{bucket.start:%Y-%m}",
        str(bucket.sessions_held),
        kept,
        str(bucket.milestones_done),
        str(bucket.milestones_overdue),
        str(bucket.actions_closed),
        str(bucket.actions_open_at_end),
        _cell(bucket.rating),
        str(bucket.journal_entries),
        str(bucket.wins),
    ]


HEADERS = (
    "from",
    "sessions held",
    "cadence kept",
    "milestones done",
    "overdue",
    "action items closed",
    "open",
    "check-in rating",
    "journal entries",
    "wins",
)


def markdown_section(progress: Progress, period: str) -> list[str]:
    """The report's Progress section: the sentences, then a table by week or month."""
    out = ["## Progress", "", f"By {progress.by}, {period}.", ""]
    out += [f"- {words}" for words in progress.sentences.values()]
    out += ["", "| " + " | ".join(HEADERS) + " |", "|" + " --- |" * len(HEADERS)]
    out += ["| " + " | ".join(_row(b, progress.by)) + " |" for b in progress.buckets]
    return [*out, ""]
