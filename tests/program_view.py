"""A coordinator's view of a small program, for the rules' tests and the screens' Pilot and
snapshot tests: eight pairs (one for each flag, a waiting one, a closed one, a proposal),
a declined proposal, four people still to match, and a hostile name."""

from __future__ import annotations

from dataclasses import replace

from mentor_tui.services.program_types import (
    CoordinatorView,
    IntakeAnswers,
    MemberSummary,
    PairHealth,
    ProgramPair,
)

HOSTILE = "Eve [/y]\x1b]0;x\x07"
PUBLISHED = "2026-11-15T08:00:00Z"  # the day before the frozen clock's


def person(pid: str, name: str, role: str, site: str, zone: str, **more: object) -> IntakeAnswers:
    return IntakeAnswers(
        person_id=pid,
        name=name,
        role_wanted=role,
        site=site,
        timezone=zone,
        **more,  # type: ignore[arg-type]
    )


PEOPLE = [
    person("ann", "Ann", "mentee", "Berlin", "Europe/Berlin"),
    person("bea", "Bea", "mentor", "New York", "America/New_York", capacity=2),
    person("cal", "Cal", "mentee", "Berlin", "Europe/Berlin"),
    person("dee", "Dee", "mentor", "Berlin", "Europe/Berlin"),
    person("eve", HOSTILE, "mentee", "London", "Europe/London"),
    person("fay", "Fay", "mentor", "London", "Europe/London"),
    person("gus", "Gus", "mentee", "Berlin", "Europe/Berlin"),
    person("hal", "Hal", "mentor", "Berlin", "Europe/Berlin"),
    person("ivy", "Ivy", "mentee", "New York", "America/New_York"),
    person("jon", "Jon", "mentor", "New York", "America/New_York"),
    person("kim", "Kim", "mentee", "London", "Europe/London"),
    person("lou", "Lou", "mentor", "London", "Europe/London"),
    person("max", "Max", "mentee", "Berlin", "Europe/Berlin"),
    person("ned", "Ned", "mentor", "Berlin", "Europe/Berlin"),
    person("oli", "Oli", "mentee", "London", "Europe/London"),
    person("pam", "Pam", "mentor", "London", "Europe/London", capacity=3),
    # Still to match.
    person(
        "quinn",
        "Quinn",
        "mentee",
        "Berlin",
        "Europe/Berlin",
        department="Data",
        skills_wanted=("Python", "SQL"),
        interests=("climbing",),
        other_department=True,
    ),
    person("rae", "Rae", "mentee", "London", "Europe/London", skills_wanted=("Go",)),
    person(
        "sam",
        "Sam",
        "mentor",
        "Berlin",
        "Europe/Berlin",
        department="Platform",
        skills_offered=("python", "sql", "go"),
        interests=("Climbing",),
        capacity=2,
    ),
    person("tia", "Tia", "either", "London", "Europe/London", skills_offered=("Go",)),
]


def pair(
    pid: str, mentor: str, mentee: str, cohort: str = "2026-H2", **more: object
) -> ProgramPair:
    made = {
        "accepted_by": (mentor, mentee),
        "starts_on": "2026-07-01",
        "planned_end_on": "2027-01-31",
    }
    return ProgramPair(pid, mentor, mentee, cohort=cohort, **{**made, **more})  # type: ignore[arg-type]


PAIRS = [
    pair("p1", "bea", "ann"),
    pair("p2", "dee", "cal"),
    pair("p3", "fay", "eve"),
    pair("p4", "hal", "gus"),
    pair("p5", "jon", "ivy", starts_on="2026-11-02"),
    pair("p6", "lou", "kim", cohort="2026-H1", starts_on="2026-01-05", planned_end_on="2026-06-30"),
    pair("p7", "ned", "max", cohort="2026-H1", starts_on="2026-05-04", planned_end_on="2026-11-25"),
    pair("p8", "pam", "oli", accepted_by=("pam",), starts_on="", planned_end_on=""),
    pair("p9", "pam", "rae", accepted_by=(), declined_by=("rae",), starts_on="", planned_end_on=""),
]

HEALTHY = {
    "sessions_held": 9,
    "sessions_due": 10,
    "cadence_kept": 9,
    "days_since_last_session": 4,
    "goals_agreed": 3,
    "goals_achieved": 1,
    "milestones_done": 5,
    "milestones_overdue": 0,
    "days_to_first_milestone": 20,
    "rating_average": 4.5,
    "ratings": 6,
    "actions_carried": 1,
    "closed": False,
    "closing_rating": 0,
    "sessions_by_month": {"2026-09": 2, "2026-10": 2, "2026-11": 1},
}


def summary(pair_id: str, member: str, role: str, **figures: object) -> MemberSummary:
    return MemberSummary(
        "prog",
        pair_id,
        member,
        role,
        PUBLISHED,
        {**HEALTHY, **figures},  # type: ignore[arg-type]
    )


SUMMARIES = [
    summary("p1", "bea", "mentor"),
    summary("p1", "ann", "mentee", days_since_last_session=6),
    summary("p2", "dee", "mentor", days_since_last_session=30, cadence_kept=4),
    summary("p2", "cal", "mentee", days_since_last_session=29, cadence_kept=4),
    summary("p3", "fay", "mentor", milestones_overdue=2, rating_average=2.5),
    summary("p3", "eve", "mentee", milestones_overdue=2, rating_average=2.5),
    summary("p4", "hal", "mentor", days_to_first_milestone=40),
    summary("p6", "lou", "mentor", closed=True, closing_rating=5, days_since_last_session=140),
    summary("p6", "kim", "mentee", closed=True, closing_rating=4, days_since_last_session=140),
    summary("p7", "ned", "mentor", goals_achieved=3),
    summary("p7", "max", "mentee", goals_achieved=3),
]

PREVIOUS = [
    PairHealth(
        pair_id="old1",
        mentor_id="lou",
        mentor_name="Lou",
        mentee_id="kim",
        mentee_name="Kim",
        mentor_site="London",
        mentee_site="London",
        mentor_zone="Europe/London",
        mentee_zone="Europe/London",
        cohort="2026-H1",
        starts_on="2026-01-05",
        planned_end_on="2026-06-30",
        status="active",
        days_since_last_session=10,
        cadence_kept_pct=70,
        goals_agreed=2,
        goals_achieved=0,
        milestones_done=2,
        milestones_overdue=1,
        rating=3.5,
        last_activity="2026-06-01T08:00:00Z",
        flags=("overdue",),
    )
]


def coordinator_view(**changes: object) -> CoordinatorView:
    view = CoordinatorView(
        program_id="prog",
        name="Engineering mentoring",
        cycle="2026-H2",
        cycle_ends_on="2027-01-31",
        participants={p.person_id: p for p in PEOPLE},
        enrolled_without_intake={"uma": "Uma"},
        pairs=list(PAIRS),
        summaries={(s.pair_id, s.member_id): s for s in SUMMARIES},
        previous_rows=list(PREVIOUS),
        refreshed_at="2026-11-16T09:00:00Z",
    )
    return replace(view, **changes)  # type: ignore[arg-type]
