"""The demo's story, as data: Grace Hopper (a principal engineer in New York) mentors Ada
Lovelace (a senior engineer on Payments in Berlin), and, on the side, Katherine Johnson
(Infrastructure, Chicago).

Days are written relative to anchors that demo.py computes from the clock:
  R      the planned quarterly review, the first Thursday at least two days ahead
  S1-S5  the held sessions, Tuesdays: S1 (kickoff) = R-86, S2 = R-72, S3 = R-58,
         S4 = R-37 (a week late), S5 = R-23
  KJ     Katherine's kickoff, a Friday (R-41)
  today  the clock's date (UTC)
"S4+3" is three days after S4. Times are wall times in the person's own zone.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict


class PairSpec(TypedDict):
    """A pair: its people, its days (day expressions) and its charter's columns."""

    mentor: str
    mentee: str
    starts: str
    ends: str
    cadence: str
    goal_approver: str
    purpose: str
    success_looks_like: str
    progress_measure: str
    communication_norms: str
    backup_channel: str


class GoalSpec(TypedDict):
    """A goal: its pair, its columns, and the days (day expressions) it changed."""

    pair: str
    position: int
    created: str
    status: str
    title: str
    specific: str
    measurable: str
    achievable: str
    relevant: str
    due: str
    proposed: str
    approved: NotRequired[str]
    approved_by: NotRequired[str]
    achieved: NotRequired[str]
    events: list[str]


# key: (display name, IANA zone, email)
PEOPLE = {
    "grace": ("Grace Hopper", "America/New_York", "grace.hopper@example.com"),
    "ada": ("Ada Lovelace", "Europe/Berlin", "ada.lovelace@example.com"),
    "katherine": ("Katherine Johnson", "America/Chicago", "katherine.johnson@example.com"),
}

ANCHORS = {"S1": -86, "S2": -72, "S3": -58, "S4": -37, "S5": -23, "R": 0, "KJ": -41}

PAIRS: dict[str, PairSpec] = {
    "ada": PairSpec(
        mentor="grace",
        mentee="ada",
        starts="S1-7",
        ends="S1+175",
        cadence="biweekly",
        goal_approver="mentor",
        purpose="Help Ada grow from senior engineer into a staff-level technical lead on "
        "Payments: leading designs across teams, raising the on-call bar, and being known "
        "outside her own team.",
        success_looks_like="By the planned end Ada has led one cross-team design review to "
        "sign-off, shipped a runbook the on-call rotation actually uses, and given one "
        "external talk; her promotion packet has evidence for each, in her own words.",
        progress_measure="Milestones with evidence (docs, commits, recordings); a 1-5 rubric "
        "score from each of us on every finished milestone; a quarterly review against "
        "this charter.",
        communication_norms="Every other Tuesday, 45 minutes, 09:00 New York / 15:00 Berlin. "
        "Async in Slack #ada-grace, answers within two working days. Reschedule at least "
        "24 hours ahead, in the channel. Ada sets the agenda; Grace brings one question.",
        backup_channel="If the video call fails: a Slack huddle in #ada-grace; if Slack is "
        "down too, Grace's phone, +1 212 555 0142.",
    ),
    "katherine": PairSpec(
        mentor="grace",
        mentee="katherine",
        starts="KJ-4",
        ends="KJ+178",
        cadence="monthly",
        goal_approver="mentor",
        purpose="Help Katherine step into incident leadership on the Infrastructure team.",
        success_looks_like="Katherine has facilitated two blameless postmortems and the team "
        "uses her template without being asked.",
        progress_measure="Milestones with evidence; a short retro at each monthly session.",
        communication_norms="Monthly on a Friday, 45 minutes, 10:00 Chicago / 11:00 New York. "
        "Email between sessions; answers within three working days.",
        backup_channel="Phone: +1 312 555 0199",
    ),
}

# Goals: key -> fields. "events" are the later days that changed the goal (for its stamps).
GOALS: dict[str, GoalSpec] = {
    "retry-review": GoalSpec(
        pair="ada",
        position=0,
        created="S1+4",
        status="approved",
        title="Lead the design review of the payments retry service",
        specific="Own the design doc for moving payment retries from the nightly cron job to "
        "a queue-based retry service; run the review with Payments, SRE and Ledger, and get "
        "it signed off.",
        measurable="Design doc approved by two staff engineers (Payments and Ledger); review "
        "meeting held with at least 6 attendees; no more than 3 open questions at sign-off.",
        achievable="Grace reviews each draft within a week; Ada's manager has agreed to 20% "
        "of her time; Priya (SRE) pairs on failure modes.",
        relevant="The staff rubric asks for cross-team technical leadership, and the charter "
        "names it first. The retry redesign is happening anyway: Ada can lead it.",
        due="today+35",
        proposed="S1+6",
        approved="S2",
        approved_by="grace",
        events=["S1+5", "S1+6", "S2", "S4"],
    ),
    "runbook": GoalSpec(
        pair="ada",
        position=1,
        created="S1+4",
        status="achieved",
        title="Ship the on-call runbook",
        specific="Replace the 2021 wiki page with a runbook for the Payments on-call "
        "rotation: one page per noisy alert with symptoms, dashboards, the first three "
        "commands to run, and when to escalate.",
        measurable="Pages for the 5 noisiest of the 10 inventoried alerts; a new engineer "
        "resolves 2 simulated alerts with the runbook alone; escalations tracked for a month.",
        achievable="Ada writes during her on-call weeks while the alerts are fresh; Grace "
        "reviews the pages before the dry run; Tomás (new on the team) volunteers for it.",
        relevant="The staff rubric says 'raises the bar for the whole rotation', and Payments "
        "has the noisiest on-call in the org.",
        due="S5+7",
        proposed="S1+6",
        approved="S2",
        approved_by="grace",
        achieved="S5",
        events=["S1+6", "S2", "S5"],
    ),
    "talk": GoalSpec(
        pair="ada",
        position=2,
        created="today-6",
        status="proposed",
        title="Give a conference talk",
        specific="Give a 25-minute talk on designing payment retries (idempotency keys, "
        "backoff, dead letters) at a European engineering conference or a large meetup.",
        measurable="Abstract submitted to at least 2 CFPs; 1 acceptance; talk given and the "
        "recording or slides published; 1 dry run at the team's Friday demo with written "
        "feedback from 3 people.",
        achievable="Grace has reviewed CFPs for two conferences and will review the abstract; "
        "the team has a conference budget; the story comes from work already done.",
        relevant="The charter asks for visibility outside the team; a staff engineer is "
        "known beyond their own team, and the talk helps Payments hire.",
        due="today+84",
        proposed="today-4",
        events=["today-4"],
    ),
    "postmortem": GoalSpec(
        pair="katherine",
        position=0,
        created="KJ+3",
        status="approved",
        title="Run the team's first blameless postmortem",
        specific="Facilitate a blameless postmortem for the October cache outage with "
        "everyone who was paged, and publish the write-up to the Infrastructure wiki.",
        measurable="Postmortem held within 3 weeks of the incident; at least 4 action items "
        "with owners; 2 teammates say in the retro that it felt blameless.",
        achievable="Katherine was on call during the outage; Grace shares two postmortems "
        "she admires; the team lead has set aside the time.",
        relevant="The charter's aim: incident leadership on Infrastructure.",
        due="today+30",
        proposed="KJ+5",
        approved="KJ+7",
        approved_by="grace",
        events=["KJ+5", "KJ+7"],
    ),
}

# One change of one SMART field: (goal, day, by, field, old, new, goal status then).
# For due_on the values are day expressions, turned into ISO dates by demo.py.
GOAL_CHANGES = [
    (
        "retry-review",
        "S1+5",
        "ada",
        "specific",
        "Improve how payment retries work.",
        GOALS["retry-review"]["specific"],
        "draft",
    ),
    ("retry-review", "S4", "ada", "due_on", "today+21", "today+35", "approved"),
    (
        "retry-review",
        "S4",
        "ada",
        "measurable",
        "Design doc approved by a staff engineer; review meeting held with at least 6 "
        "attendees; no more than 3 open questions at sign-off.",
        GOALS["retry-review"]["measurable"],
        "approved",
    ),
]

# (key, goal, title, due, status, done on, evidence)
MILESTONES = [
    (
        "problem-statement",
        "retry-review",
        "Write the problem statement and the current-state diagram",
        "S2-1",
        "done",
        "S2-3",
        "https://docs.example.com/payments/retry-service/problem-statement",
    ),
    (
        "design-doc",
        "retry-review",
        "Draft the retry-service design doc (idempotency keys, backoff, dead letters)",
        "S4-4",
        "done",
        "S4-2",
        "https://docs.example.com/payments/retry-service/design (draft 1, commit 4e1d9a2)",
    ),
    (
        "review-meeting",
        "retry-review",
        "Run the design review with Payments, SRE and Ledger",
        "today-2",
        "in_progress",
        None,
        "",
    ),
    (
        "sign-off",
        "retry-review",
        "Close the open questions and get sign-off from two staff engineers",
        "today+35",
        "planned",
        None,
        "",
    ),
    (
        "alert-inventory",
        "runbook",
        "Inventory the 10 noisiest alerts and their owners",
        "S3",
        "done",
        "S3-2",
        "commit 9b1e4d2: runbooks/payments/alert-inventory.md",
    ),
    (
        "runbook-pages",
        "runbook",
        "Write pages for the 5 noisiest alerts and dry-run two with a new engineer",
        "S5",
        "done",
        "S5-2",
        "https://wiki.example.com/oncall/payments-runbook (dry run with Tomás: "
        "2 of 2 alerts resolved, no escalation)",
    ),
    ("cfp", "talk", "Submit the abstract to two CFPs", "today+21", "planned", None, ""),
    (
        "comms-ok",
        "talk",
        "Get comms' approval to tell the March duplicate-charge story",
        "today+7",
        "blocked",
        None,
        "",
    ),
    (
        "pm-template",
        "postmortem",
        "Draft a postmortem template from the SRE book's example",
        "KJ+14",
        "done",
        "KJ+12",
        "https://docs.example.com/infra/postmortem-template",
    ),
    (
        "pm-facilitate",
        "postmortem",
        "Facilitate the postmortem for the October cache outage",
        "today+10",
        "in_progress",
        None,
        "",
    ),
]

# (milestone, role, score, day, comment). Two of Ada's are disagreements on purpose:
# a "done" the mentor scores 2, and a self-score of 3 the mentor scores 5.
ASSESSMENTS: list[tuple[str, Literal["mentor", "mentee"], int, str, str]] = [
    ("problem-statement", "mentee", 4, "S2-3", "Clear and short; the diagram took three tries."),
    (
        "problem-statement",
        "mentor",
        4,
        "S2",
        "Good framing. Lead with the diagram in the review: it does half the explaining.",
    ),
    (
        "design-doc",
        "mentee",
        5,
        "S4-2",
        "Covers idempotency keys, backoff with jitter and the dead-letter queue. The best doc "
        "I have written.",
    ),
    (
        "design-doc",
        "mentor",
        2,
        "S4",
        "Well written, but not review-ready: nothing on replaying dead letters and no decision "
        "on how long idempotency keys live. Done should mean a skeptical SRE finds no big hole.",
    ),
    (
        "alert-inventory",
        "mentee",
        3,
        "S3-2",
        "A week later than planned, and two owners are still guesses.",
    ),
    (
        "alert-inventory",
        "mentor",
        5,
        "S3",
        "Exactly what on-call needed, and the guesses are flagged honestly. This is a 5.",
    ),
    (
        "runbook-pages",
        "mentee",
        4,
        "S5-2",
        "Tomás got through both alerts; page 4 still needs a diagram.",
    ),
    (
        "runbook-pages",
        "mentor",
        5,
        "S5",
        "A runbook a new hire can use alone is the bar, and you cleared it.",
    ),
    (
        "pm-template",
        "mentee",
        4,
        "KJ+12",
        "Borrowed heavily from the SRE book, trimmed to one page.",
    ),
    ("pm-template", "mentor", 4, "KJ+14", "Short enough that people will fill it in. Good call."),
]
