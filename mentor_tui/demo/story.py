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

LEARNED = "What did I learn this week?"
WORKED = "What worked, what did not, and why?"
NEXT = "What do I want to try next?"

# Journal entries: (author, day, wall time, title, body, tags, goal, shared, prompt)
JOURNAL = [
    (
        "ada",
        "S1-5",
        "21:40",
        "Why I signed up for mentoring",
        "My manager says I'm 'staff material' every review cycle and nothing changes. I want "
        "someone outside my reporting line to tell me what is actually missing. Fear: that "
        "the answer is 'everything'.",
        "career mentoring",
        None,
        False,
        "",
    ),
    (
        "ada",
        "S1",
        "20:15",
        "Kickoff with Grace",
        "We wrote a charter. It felt bureaucratic for five minutes, then useful: we agreed on "
        "what *done* looks like before either of us had an opinion about my work.\n\n"
        "She asked what I would do if I weren't afraid of looking junior. Still thinking.",
        "mentoring charter",
        None,
        True,
        "",
    ),
    (
        "ada",
        "S1+4",
        "22:05",
        "SMART goals are harder than they look",
        "'Get better at design' is not a goal. 'Lead the review of the retry service and get "
        "two sign-offs by a date' is. Rewrote the first goal four times. The Measurable part "
        "is where I keep cheating.",
        "goals",
        "retry-review",
        False,
        LEARNED,
    ),
    (
        "ada",
        "S2-2",
        "19:30",
        "Problem statement: lead with the incident",
        "Opened the problem statement with March's duplicate charges: 212 customers, 3 days "
        "of refunds. Then the diagram. Jonas said it was the first payments doc he read to "
        "the end.",
        "design payments",
        "retry-review",
        True,
        "",
    ),
    (
        "ada",
        "S2+1",
        "08:10",
        "Two goals approved",
        "Both goals approved yesterday. The runbook one is safe. The design review one makes "
        "me slightly sick, which Grace says means it's the right one.",
        "goals",
        None,
        False,
        "",
    ),
    (
        "ada",
        "S2+5",
        "18:45",
        "Coffee with Priya about retry failure modes",
        "Priya's list of ways retries go wrong, in order of how often she has been paged for "
        "them:\n\n1. retry storms after a partner outage\n2. retries that are not idempotent\n"
        "3. retries nobody can see\n\nAll three are in our current cron job.",
        "design sre",
        "retry-review",
        True,
        "",
    ),
    (
        "ada",
        "S2+10",
        "23:20",
        "On-call, day three",
        "Eleven pages today, four of them the same flapping alert. Nothing in the wiki page "
        "helped. Worked: writing down what I did each time, which is the runbook in disguise. "
        "Did not work: trying to write the design doc between pages.",
        "oncall",
        "runbook",
        False,
        WORKED,
    ),
    (
        "ada",
        "S3",
        "19:50",
        "Honest owners in the alert inventory",
        "Two alerts have no owner anyone will admit to. I wrote 'guess: Ledger?' instead of "
        "picking a name. Grace liked that more than I expected.",
        "oncall runbook",
        "runbook",
        True,
        "",
    ),
    (
        "ada",
        "S3+4",
        "07:55",
        "Blocking time actually works",
        "Two 90-minute blocks in the calendar, status set to 'writing'. Got more done on the "
        "doc on Thursday morning than in the whole on-call week. Next: stop accepting "
        "meetings that land on them.",
        "focus habits",
        None,
        False,
        WORKED,
    ),
    (
        "ada",
        "S3+9",
        "21:10",
        "Idempotency keys: what I got wrong",
        "I assumed the key could be the payment id. It cannot: a customer can legitimately "
        "retry the same payment with a different amount after a decline. The key has to be "
        "the *attempt*, not the payment.",
        "design payments learning",
        "retry-review",
        True,
        LEARNED,
    ),
    (
        "ada",
        "S4-2",
        "22:30",
        "Design doc draft done (I think)",
        "Marked the draft milestone done and scored it 5. Proud of the alternatives section. "
        "Not sure about the dead-letter part, but it's late.",
        "design",
        "retry-review",
        False,
        "",
    ),
    (
        "ada",
        "S4",
        "20:40",
        "A 2 out of 5",
        "Grace scored the design doc a 2. I gave it a 5. Worked: she said exactly what was "
        "missing. Did not work: I had marked it done to feel done. The replay path was the "
        "part I was avoiding, and she found it in ten minutes.",
        "feedback",
        "retry-review",
        False,
        WORKED,
    ),
    (
        "ada",
        "S4+3",
        "18:20",
        "The replay path",
        "Two options for replaying dead letters: an operator tool that replays one message at "
        "a time, or a batch replay with a rate limit. Recommending the tool first; batch "
        "later if we need it. Wrote down the numbers this time.",
        "design payments",
        "retry-review",
        True,
        "",
    ),
    (
        "ada",
        "S4+8",
        "17:05",
        "First runbook page someone else used",
        "Mei got paged for the settlement-lag alert at 2 a.m. and fixed it from the runbook "
        "page without calling anyone. She sent a thumbs-up at 2:14. Best feedback I've had "
        "this year.",
        "oncall runbook win",
        "runbook",
        True,
        "",
    ),
    (
        "ada",
        "S5-2",
        "19:00",
        "Dry run with Tomás",
        "Tomás resolved both simulated alerts from the runbook alone. I sat on my hands the "
        "whole time. Page 4 needs a diagram: he took the wrong dashboard first.",
        "oncall runbook",
        "runbook",
        True,
        "",
    ),
    (
        "ada",
        "S5+2",
        "21:35",
        "Talk idea: what retries taught us",
        "Outline: the incident, the three ways retries fail, idempotency keys per attempt, "
        "the replay tool. Try next: a five-minute version at the Friday demo before writing "
        "any abstract.",
        "talk",
        "talk",
        False,
        NEXT,
    ),
    (
        "ada",
        "S5+8",
        "16:45",
        "Scheduling across Berlin and Austin",
        "Ledger's staff engineer is in Austin. Our overlap is 16:00-18:00 Berlin, which is "
        "also when half of Payments has stand-up. Still no slot. This is the boring part of "
        "leading, and it's the part that's late.",
        "design remote",
        "retry-review",
        False,
        "",
    ),
    (
        "ada",
        "today-8",
        "20:00",
        "Reading other people's design reviews",
        "Read the three last cross-team reviews in the archive. The good ones had a "
        "one-paragraph decision record at the top and a list of open questions with owners. "
        "Stealing both.",
        "design learning",
        "retry-review",
        True,
        LEARNED,
    ),
    (
        "ada",
        "today-4",
        "18:30",
        "Proposed the talk goal",
        "Proposed 'Give a conference talk' as a SMART goal. Measurable was easy this time: 2 "
        "CFPs, 1 acceptance, 1 dry run. Blocked on comms for the incident story.",
        "talk goals",
        "talk",
        True,
        "",
    ),
    (
        "ada",
        "today-1",
        "22:10",
        "Before the quarterly review",
        "Next: get the design review on the calendar before the quarterly review, even if "
        "Austin has to join at 8 a.m. Ask Grace about the Marcus intro again, and ask how she "
        "decides when a doc is ready.",
        "mentoring review",
        None,
        False,
        NEXT,
    ),
    (
        "katherine",
        "KJ",
        "14:30",
        "First session with Grace",
        "Grace's question: what made the outage the reasonable thing to do at the time, for "
        "each person involved? That's the whole postmortem, really.",
        "mentoring postmortem",
        None,
        True,
        "",
    ),
    (
        "katherine",
        "KJ+12",
        "19:15",
        "Postmortem template, first draft",
        "Cut the SRE book's template down to one page: summary, impact, timeline, what went "
        "well, where we got lucky, action items with owners.",
        "postmortem",
        "postmortem",
        False,
        "",
    ),
    (
        "katherine",
        "today-6",
        "21:00",
        "Facilitation nerves",
        "Postmortem in ten days. Worried the database team will get defensive. Plan: send "
        "the timeline a day ahead, so the meeting is about the why.",
        "postmortem",
        "postmortem",
        False,
        WORKED,
    ),
]
