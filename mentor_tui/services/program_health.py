"""The coordinator's roll-up: one row of health per pair, read from the two members'
summaries (figures only), with the flags that need a coordinator; filtering and sorting
for the Program screen; the cohort's figures in words; the report for leadership.

Names of the two people are the only text here; everything else is a figure."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from mentor_tui.services.program_types import (
    FLAGS,
    CoordinatorView,
    MemberSummary,
    PairHealth,
    ProgramPair,
)
from mentor_tui.wording import plural

NO_SESSION_DAYS = 21
CADENCE_FLOOR = 0.6
CADENCE_AFTER = 3  # periods due before a slipping cadence says anything
LOW_RATING = 3.0
END_NEAR_DAYS = 14
MONTHS_SHOWN = 12

FLAG_WORDS: dict[str, str] = {  # short words for a table cell
    "no_session": "quiet",
    "cadence": "cadence",
    "overdue": "overdue",
    "low_rating": "rating",
    "never_synced": "unsynced",
    "end_near": "ending",
}


# ---- one row per pair -------------------------------------------------------------------


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _figure(summary: MemberSummary, key: str, default: float = 0) -> float:
    value = summary.figures.get(key, default)
    return float(value) if isinstance(value, int | float) else default


def _days_since(summary: MemberSummary, today: date) -> int | None:
    """Days since the last session as of today: the summary's figure aged by the days
    since it was published (a summary is a snapshot; silence must not look fresh)."""
    days = int(_figure(summary, "days_since_last_session", -1))
    if days < 0:
        return None
    published = _day(summary.published_at)
    return days + max(0, (today - published).days) if published else days


def _name(view: CoordinatorView, person_id: str) -> str:
    answers = view.participants.get(person_id)
    if answers is not None:
        return answers.name
    return view.enrolled_without_intake.get(person_id, person_id)


def _flags(
    pair: ProgramPair, row: PairHealth, freshest: MemberSummary | None, today: date
) -> tuple[str, ...]:
    if row.status in ("closed", "proposed"):
        return ()  # nothing for a coordinator to chase
    found: set[str] = set()
    start = _day(pair.starts_on)
    if row.days_since_last_session is not None:
        if row.days_since_last_session >= NO_SESSION_DAYS:
            found.add("no_session")
    elif freshest is not None and start is not None and (today - start).days >= NO_SESSION_DAYS:
        found.add("no_session")  # no session yet, three weeks in
    if freshest is not None:
        due = _figure(freshest, "sessions_due")
        kept = _figure(freshest, "cadence_kept")
        if due >= CADENCE_AFTER and kept / due < CADENCE_FLOOR:
            found.add("cadence")
    if row.milestones_overdue > 0:
        found.add("overdue")
    if row.rating is not None and row.rating < LOW_RATING:
        found.add("low_rating")
    if row.never_synced:
        found.add("never_synced")
    end = _day(row.planned_end_on)
    if end is not None and 0 <= (end - today).days <= END_NEAR_DAYS:
        found.add("end_near")
    return tuple(flag for flag in FLAGS if flag in found)


def pair_row(view: CoordinatorView, pair: ProgramPair, today: date) -> PairHealth:
    members = (pair.mentor_id, pair.mentee_id)
    said = [s for m in members if (s := view.summaries.get((pair.pair_id, m))) is not None]
    # The two sides may disagree (one has not taken in the other's latest sync yet).
    # Days since the last session: the larger, so a coordinator hears of a quiet pair a
    # little early rather than never (a side that stopped publishing ages with it). The
    # rest: the freshest summary, the newest word on figures both sides count alike.
    freshest = max(said, key=lambda s: s.published_at, default=None)
    quiet = [d for s in said if (d := _days_since(s, today)) is not None]
    closed = any(bool(s.figures.get("closed")) for s in said)
    if not pair.made:
        status = "proposed"
    elif closed:
        status = "closed"
    else:
        status = "active" if said else "waiting"
    mentor, mentee = view.participants.get(pair.mentor_id), view.participants.get(pair.mentee_id)
    due = _figure(freshest, "sessions_due") if freshest else 0
    rating = _figure(freshest, "rating_average", -1.0) if freshest else -1.0
    row = PairHealth(
        pair_id=pair.pair_id,
        mentor_id=pair.mentor_id,
        mentor_name=_name(view, pair.mentor_id),
        mentee_id=pair.mentee_id,
        mentee_name=_name(view, pair.mentee_id),
        mentor_site=mentor.site if mentor else "",
        mentee_site=mentee.site if mentee else "",
        mentor_zone=mentor.timezone if mentor else "",
        mentee_zone=mentee.timezone if mentee else "",
        cohort=pair.cohort,
        starts_on=pair.starts_on,
        planned_end_on=pair.planned_end_on,
        status=status,
        days_since_last_session=max(quiet) if quiet else None,
        cadence_kept_pct=round(100 * _figure(freshest, "cadence_kept") / due)
        if freshest and due > 0
        else None,
        goals_agreed=int(_figure(freshest, "goals_agreed")) if freshest else 0,
        goals_achieved=int(_figure(freshest, "goals_achieved")) if freshest else 0,
        milestones_done=int(_figure(freshest, "milestones_done")) if freshest else 0,
        milestones_overdue=int(_figure(freshest, "milestones_overdue")) if freshest else 0,
        rating=round(rating, 1) if rating >= 0 else None,
        last_activity=freshest.published_at if freshest else "",
        never_synced=tuple(m for m in members if (pair.pair_id, m) not in view.summaries)
        if pair.made
        else (),
    )
    return _with_flags(row, _flags(pair, row, freshest, today))


def _with_flags(row: PairHealth, flags: tuple[str, ...]) -> PairHealth:
    return replace(row, flags=flags)


def health_rows(view: CoordinatorView, today: date) -> list[PairHealth]:
    """One row per proposed or made pair (declined proposals are left out)."""
    rows = [pair_row(view, p, today) for p in view.pairs if not p.declined_by]
    return sort_rows(rows, "flags")


# ---- filtering and sorting (the Program screen's keys) ----------------------------------


def filter_rows(
    rows: Iterable[PairHealth],
    *,
    flag: str | None = None,
    site: str | None = None,
    cohort: str | None = None,
    mentor: str | None = None,
    text: str | None = None,
) -> list[PairHealth]:
    """The rows that pass every filter given: a flag, a site (either person's), a cohort,
    a mentor (id or name), and text found in either person's name (case-folded)."""
    site_key = site.casefold() if site else None
    mentor_key = mentor.casefold() if mentor else None
    text_key = text.casefold().strip() if text else None
    out: list[PairHealth] = []
    for row in rows:
        if flag and flag not in row.flags:
            continue
        if site_key and site_key not in (row.mentor_site.casefold(), row.mentee_site.casefold()):
            continue
        if cohort is not None and cohort != "" and row.cohort != cohort:
            continue
        if mentor_key and mentor_key not in (row.mentor_id.casefold(), row.mentor_name.casefold()):
            continue
        if text_key and text_key not in f"{row.mentor_name}\n{row.mentee_name}".casefold():
            continue
        out.append(row)
    return out


def _missing_last(value: float | str | None, reverse: bool) -> tuple[int, float | str]:
    if value is None or value == "":
        return (1, 0)
    if isinstance(value, str):
        return (0, value)
    return (0, -value if reverse else value)


@dataclass(frozen=True)
class SortKey:
    label: str
    value: Callable[[PairHealth], float | str | None]
    reverse: bool = False  # largest first (numbers only)


SORT_KEYS: dict[str, SortKey] = {
    "flags": SortKey("most flags", lambda r: len(r.flags), reverse=True),
    "mentee": SortKey("mentee", lambda r: r.mentee_name.casefold()),
    "mentor": SortKey("mentor", lambda r: r.mentor_name.casefold()),
    "quiet": SortKey(
        "longest without a session", lambda r: r.days_since_last_session, reverse=True
    ),
    "cadence": SortKey("cadence kept", lambda r: r.cadence_kept_pct),
    "rating": SortKey("rating", lambda r: r.rating),
    "overdue": SortKey("overdue milestones", lambda r: r.milestones_overdue, reverse=True),
    "start": SortKey("start", lambda r: r.starts_on),
    "end": SortKey("planned end", lambda r: r.planned_end_on),
    "activity": SortKey("last activity", lambda r: r.last_activity),
    "site": SortKey("site", lambda r: r.mentee_site.casefold()),
    "cohort": SortKey("cohort", lambda r: r.cohort),
}


def sort_rows(rows: Iterable[PairHealth], key: str) -> list[PairHealth]:
    """Rows by one of SORT_KEYS (unknown values last), then mentee, mentor and pair id."""
    how = SORT_KEYS[key]
    return sorted(
        rows,
        key=lambda r: (
            _missing_last(how.value(r), how.reverse),
            r.mentee_name.casefold(),
            r.mentor_name.casefold(),
            r.pair_id,
        ),
    )


# ---- the cohort's figures ---------------------------------------------------------------


@dataclass(frozen=True)
class CohortFigures:
    """The cohort over time, with the same figures in words (`sentences`)."""

    months: tuple[str, ...]  # "YYYY-MM", oldest first, the last MONTHS_SHOWN
    active_pairs: tuple[int, ...]  # per month
    sessions: tuple[int, ...]  # per month, summed over the pairs
    days_to_first_milestone: float | None  # median over the pairs that reached one
    goals_agreed: int
    goals_achieved: int
    pairs_made: int
    mentees_enrolled: int
    sentences: dict[str, str] = field(default_factory=dict)

    @property
    def match_rate(self) -> float | None:
        return self.pairs_made / self.mentees_enrolled if self.mentees_enrolled else None


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months_back(today: date, count: int) -> list[str]:
    year, month = today.year, today.month
    out: list[str] = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def _freshest(view: CoordinatorView, row: PairHealth) -> MemberSummary | None:
    said = [
        s
        for m in (row.mentor_id, row.mentee_id)
        if (s := view.summaries.get((row.pair_id, m))) is not None
    ]
    return max(said, key=lambda s: s.published_at, default=None)


def cohort_figures(view: CoordinatorView, rows: Sequence[PairHealth], today: date) -> CohortFigures:
    """Active pairs and sessions by month, time to the first milestone, goals achieved and
    the match rate, over `rows` (already filtered to a cohort when one is chosen)."""
    months = _months_back(today, MONTHS_SHOWN)
    active = dict.fromkeys(months, 0)
    sessions = dict.fromkeys(months, 0)
    firsts: list[int] = []
    made = [r for r in rows if r.status != "proposed"]
    for row in made:
        start = _day(row.starts_on)
        end = _day(row.planned_end_on) if row.status == "closed" else None
        first, last = _month(start) if start else months[0], _month(min(end or today, today))
        for month in months:
            if first <= month <= last:
                active[month] += 1
        summary = _freshest(view, row)
        if summary is None:
            continue
        by_month = summary.figures.get("sessions_by_month")
        if isinstance(by_month, dict):
            for month, count in by_month.items():
                if month in sessions and isinstance(count, int) and not isinstance(count, bool):
                    sessions[month] += max(0, count)
        days = int(_figure(summary, "days_to_first_milestone", -1))
        if days >= 0:
            firsts.append(days)
    pair_ids = {r.pair_id for r in rows}
    mentees = {pid for pid, a in view.participants.items() if a.role_wanted == "mentee"}
    mentees |= {p.mentee_id for p in view.pairs if p.pair_id in pair_ids}
    figures = CohortFigures(
        months=tuple(months),
        active_pairs=tuple(active.values()),
        sessions=tuple(sessions.values()),
        days_to_first_milestone=statistics.median(firsts) if firsts else None,
        goals_agreed=sum(r.goals_agreed for r in made),
        goals_achieved=sum(r.goals_achieved for r in made),
        pairs_made=len(made),
        mentees_enrolled=len(mentees),
    )
    return _with_sentences(figures)


def _with_sentences(f: CohortFigures) -> CohortFigures:
    said: dict[str, str] = {}
    said["active"] = (
        f"{plural(f.active_pairs[-1], 'pair')} active this month"
        f" ({plural(max(f.active_pairs, default=0), 'pair')} at the most in a month)."
    )
    said["sessions"] = (
        f"{plural(f.sessions[-1], 'session')} held this month,"
        f" {plural(sum(f.sessions), 'session')} over the last {len(f.months)} months."
    )
    said["first_milestone"] = (
        f"The first milestone came after {f.days_to_first_milestone:g} days (median)."
        if f.days_to_first_milestone is not None
        else "No pair has finished a milestone yet."
    )
    said["goals"] = (
        f"{f.goals_achieved} of {plural(f.goals_agreed, 'agreed goal')} achieved"
        f" ({round(100 * f.goals_achieved / f.goals_agreed)}%)."
        if f.goals_agreed
        else "No goal agreed yet."
    )
    said["match"] = (
        f"{plural(f.pairs_made, 'pair')} made for {plural(f.mentees_enrolled, 'mentee')}"
        f" enrolled ({round(100 * (f.match_rate or 0))}% matched)."
        if f.mentees_enrolled
        else "No mentee enrolled yet."
    )
    return replace(f, sentences=said)


def program_report(
    view: CoordinatorView, rows: Sequence[PairHealth], fmt: str, cohort: str | None
) -> str:
    """The roll-up for leadership as markdown, csv or json, with trends against the last
    cycle (view.previous_rows)."""
    from mentor_tui.services.program_report import render

    return render(view, rows, fmt, cohort)
