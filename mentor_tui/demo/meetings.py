"""The demo's sessions, action items, feedback and check-ins (see story.py for the
anchors S1-S5, R and KJ).

Cadence: biweekly on paper, but S4 came a week late (Grace was at a conference) and the
quarterly review (R) is planned a few days ahead, about three weeks after S5: by the
cadence the next session was due a few days ago, and one is now on the calendar.
"""

from __future__ import annotations

from typing import TypedDict


class SessionText(TypedDict):
    """A held session's text columns; `private` holds each side's private notes by role."""

    agenda: str
    shared_notes: str
    private: dict[str, str]
    takeaways: str
    accomplishments: str
    roadblocks: str


# key -> (day, wall time, who typed it: their zone is the session's zone, kind, status, minutes)
SESSION_TIMES = {
    "s1": ("S1", "09:00", "grace", "kickoff", "held", 60),
    "s2": ("S2", "09:00", "grace", "check_in", "held", 45),
    "s3": ("S3", "09:00", "grace", "check_in", "held", 45),
    "s4": ("S4", "09:00", "grace", "check_in", "held", 45),
    "s5": ("S5", "09:00", "grace", "check_in", "held", 45),
    "review": ("R", "15:00", "ada", "review", "planned", 60),
    "kj1": ("KJ", "10:00", "katherine", "kickoff", "held", 45),
}

SESSION_PAIR = {"kj1": "katherine"}  # the rest are Ada's

# The text of each held session. "private" is per side: private notes never leave the
# machine, so Grace's home holds hers and Ada's home holds Ada's.
SESSION_NOTES: dict[str, SessionText] = {
    "s1": SessionText(
        agenda="1. Introductions: our careers so far, what each of us wants from this\n"
        "2. Walk through the draft charter\n3. Brainstorm goals for the next six months\n"
        "4. How we work: cadence, channels, rescheduling",
        shared_notes="## Introductions\n"
        "- **Ada**: six years backend, two on Payments. Owns the retry worker nobody else "
        "wants to touch. Wants to be a staff engineer within 12-18 months.\n"
        "- **Grace**: principal engineer, platform org; has run about 40 design reviews.\n\n"
        "## Charter\nAgreed purpose and success criteria (see the charter). Goals: Ada "
        "drafts, Grace approves; either of us can ask to revisit one.\n\n"
        "## Goal ideas\n"
        "1. Lead a cross-team design: the payments retry redesign is coming anyway\n"
        "2. On-call: the runbook is a wiki page from 2021\n"
        '3. Visibility outside the team, maybe a talk (Ada: *"terrifying, so probably yes"*)\n',
        private={
            "mentor": "Ada undersells her work: she called a change that took duplicate "
            "charges to zero 'just fixing some retries'. Watch for it in self-assessments.",
            "mentee": "Nervous beforehand, fine after ten minutes. Grace asked what I would "
            "do if I weren't afraid of looking junior. Good question; no answer yet.",
        },
        takeaways="Pick goals that produce evidence someone else can read. Write the "
        "promotion story as you go, not at the end.",
        accomplishments="Charter agreed. Three goal ideas.",
        roadblocks="Ada's team is one engineer short until October.",
    ),
    "s2": SessionText(
        agenda="1. Review the two SMART goal drafts\n2. Problem statement for the retry "
        "service\n3. Who needs to be in the design review",
        shared_notes="## Goals\nApproved: **Lead the design review of the payments retry "
        'service** and **Ship the on-call runbook**. Grace asked to narrow "improve '
        'retries" to the queue-based design, with a sign-off criterion.\n\n'
        "## Problem statement\nDone early. The current-state diagram is the strongest "
        "part; lead with it.\n\n## Reviewers\nPayments (Jonas, Mei), SRE (Priya), Ledger "
        "(nobody named yet). Marcus ran the last cross-team review; Grace will introduce "
        "Ada.\n",
        private={
            "mentor": "Strong start. The runbook goal is the safe one, the design review "
            "the stretch. Don't let her trade one for the other.",
            "mentee": "Goals approved. Now I actually have to talk to Priya instead of "
            "waiting for her to notice the doc.",
        },
        takeaways="A design review is won before the meeting: talk to the two people most "
        "likely to object first.",
        accomplishments="Two goals approved. Problem statement and diagram done.",
        roadblocks="Nobody on the Ledger team has answered about idempotency keys.",
    ),
    "s3": SessionText(
        agenda="1. Alert inventory (runbook goal)\n2. On-call week: what it did to "
        "design-doc time\n3. Carried: introduction to Marcus",
        shared_notes="## Alert inventory\nThe 10 noisiest alerts, each with an owner; two "
        "owners are educated guesses and marked as such.\n\n## Focus\nOn-call took the "
        "whole week (31 pages); the design doc did not move. We agreed to block time "
        "rather than hope for it.\n\n## Reading\nGrace suggested *Designing Data-Intensive "
        "Applications*, chapter 11, before designing the queue.\n",
        private={
            "mentor": "She rated the inventory a 3. It is a 5. Say so plainly, with reasons.",
            "mentee": "Exhausted after on-call. Grace didn't make me feel bad about the doc "
            "slipping, which helped more than she knows.",
        },
        takeaways="Protect maker time in the calendar. On-call weeks are for runbooks, "
        "not design docs.",
        accomplishments="Alert inventory done.",
        roadblocks="On-call load: 31 pages in one week.",
    ),
    "s4": SessionText(
        agenda="1. Design doc draft: walk-through\n2. A date for the design review\n"
        "3. Do we move the goal's due date?\n4. Carried: introduction to Marcus",
        shared_notes="*Moved a week: Grace was at a conference.*\n\n## Design doc\nThe "
        "draft covers idempotency keys, exponential backoff with jitter and a dead-letter "
        "queue. Missing: how dead letters are replayed, and how long idempotency keys "
        "live.\n\nAda marked the draft done and scored it 5; Grace scored it 2 (see the "
        "review). We talked it through: *done* for a design doc means a skeptical SRE "
        "cannot find a big hole.\n\n## Goal change\nThe review moves two weeks later, and "
        "sign-off now needs two staff engineers instead of one (Jonas asked for Ledger's "
        "staff engineer too).\n",
        private={
            "mentor": "The 2 landed hard. She went quiet, then asked good questions. Check "
            "in on it next time without reopening the score.",
            "mentee": "Annoyed about the 2. Also: she's right about the replay path. I "
            "knew it was missing and hoped nobody would ask.",
        },
        takeaways="Write down the questions you are avoiding; reviewers will find them anyway.",
        accomplishments="A complete first draft of the design doc. Runbook pages for 3 of "
        "the 5 alerts.",
        roadblocks="Ledger is still silent on the key TTL.",
    ),
    "s5": SessionText(
        agenda="1. Runbook: the dry run with Tomás\n2. Design doc v2\n3. A talk?\n"
        "4. Carried: introduction to Marcus (third time)",
        shared_notes="## Runbook shipped\nDry run with Tomás, two weeks into the team: he "
        "resolved both simulated alerts from the runbook alone, without escalating. "
        "**Goal achieved.**\n\n## Design doc v2\nReplay path and key TTL (72 h) added. "
        "The review still needs a slot that works for Berlin and Austin.\n\n## Talk\nAda "
        "wants to turn the retry story into a talk. Start with a CFP abstract; the March "
        "incident makes the story, so ask comms first.\n\n## Carried\nThe Marcus "
        "introduction is still open (Grace), three sessions running.\n",
        private={
            "mentor": "Carrying the Marcus intro for three sessions is on me. Do it this week.",
            "mentee": "Scored the runbook a 4, Grace said 5 again. Maybe I should start "
            "believing her.",
        },
        takeaways="A runbook is done when someone new can use it without you. Evidence "
        "beats adjectives in a promotion packet.",
        accomplishments="On-call runbook shipped and dry-run. Design doc v2.",
        roadblocks="A review slot across Berlin and Austin. Comms' approval for the "
        "incident story.",
    ),
    "kj1": SessionText(
        agenda="1. Introductions\n2. Charter\n3. The cache outage as a first postmortem?",
        shared_notes="## Charter\nMonthly, Fridays. Grace approves goals.\n\n## First goal\n"
        "The October cache outage never got a postmortem. Katherine was on call for it: "
        "she will facilitate.\n",
        private={
            "mentor": "Katherine is quiet in groups but precise in writing. Lean on the "
            "template; let the document run the meeting.",
            "mentee": "",
        },
        takeaways="Blameless means asking 'what made this the reasonable thing to do at the time?'",
        accomplishments="Charter and first goal.",
        roadblocks="",
    ),
}

# (key, session, title, owner, due, status, closed on)
ACTION_ITEMS = [
    (
        "a1",
        "s1",
        "Draft two SMART goals and send them to Grace before the next session",
        "ada",
        "S1+6",
        "done",
        "S1+4",
    ),
    (
        "a2",
        "s1",
        "Share the staff-engineer promotion rubric from the platform org",
        "grace",
        "S1+7",
        "done",
        "S1+2",
    ),
    (
        "a3",
        "s2",
        "Book 30 minutes with Priya (SRE) on retry failure modes",
        "ada",
        "S2+7",
        "done",
        "S2+5",
    ),
    (
        "a4",
        "s2",
        "Introduce Ada to Marcus, who ran the last cross-team design review",
        "grace",
        "S2+7",
        "open",
        None,
    ),
    (
        "a5",
        "s3",
        "Block two 90-minute design-doc slots a week in the calendar",
        "ada",
        "S3+2",
        "done",
        "S3+1",
    ),
    (
        "a6",
        "s3",
        "Read DDIA chapter 11 and bring one question about the retry queue",
        "ada",
        "S3+14",
        "dropped",
        "S4",
    ),
    (
        "a7",
        "s4",
        "Add the dead-letter replay path and the idempotency-key TTL to the doc",
        "ada",
        "S4+7",
        "done",
        "S4+6",
    ),
    ("a8", "s4", "Review the runbook pages before the dry run", "grace", "S4+10", "done", "S4+9"),
    (
        "a9",
        "s5",
        "Schedule the design review with Payments, SRE and Ledger (6+ people)",
        "ada",
        "S5+14",
        "open",
        None,
    ),
    (
        "a10",
        "s5",
        "Draft the conference-talk goal in SMART form and propose it",
        "ada",
        "S5+14",
        "done",
        "today-4",
    ),
    (
        "a11",
        "s5",
        "Ask comms whether the March duplicate-charge incident can be discussed in public",
        "grace",
        "R-1",
        "open",
        None,
    ),
    ("ka1", "kj1", "Send Katherine two postmortems I admire", "grace", "KJ+7", "done", "KJ+3"),
    (
        "ka2",
        "kj1",
        "Pick a co-facilitator for the cache-outage postmortem",
        "katherine",
        "today+5",
        "open",
        None,
    ),
]

# (session, author, observation, impact, next step)
FEEDBACK = [
    (
        "s2",
        "grace",
        "Your problem statement opens with the duplicate-charge numbers, before any architecture.",
        "Readers outside Payments knew why it matters by the first paragraph; Jonas forwarded "
        "it to his director.",
        "Keep that order in the design doc: the incident and its cost first, then the proposal.",
    ),
    (
        "s3",
        "grace",
        "In the inventory you marked two owners as guesses instead of filling them in confidently.",
        "On-call can trust every other row. That honesty is what makes a runbook usable at 3 a.m.",
        "Settle the two guesses with the team leads before writing the pages.",
    ),
    (
        "s4",
        "grace",
        "The alternatives section compares three designs with numbers from our own traffic.",
        "It heads off the 'did you consider Kafka?' debate that derails most reviews here.",
        "Do the same for the replay path: two options, one recommendation, the numbers.",
    ),
    (
        "s4",
        "ada",
        "This session was moved with a day's notice, by email rather than in our channel.",
        "I had blocked prep time and only saw the message on the morning itself.",
        "Reschedule in #ada-grace, at least 24 hours ahead, as the charter says.",
    ),
    (
        "s5",
        "grace",
        "You let Tomás drive the dry run and did not step in, even when he hesitated.",
        "We found two gaps in the runbook that a guided walk-through would have hidden.",
        "Use the same format for the design review: let someone else present the alternatives.",
    ),
]

# A member's own shared notes on a session the other one scheduled (tables.SessionNote):
# (session, author, notes, takeaways). Only the viewer's partner's notes are written: on
# the partner's machine they would have come through sync.
MEMBER_NOTES = [
    (
        "s5",
        "ada",
        "## How the dry run went, from my side\n"
        "- Tomás found the **stale pager rota** on page 3 before I did.\n"
        "- Staying quiet was harder than presenting. I counted to ten twice.\n",
        "Let others drive when the goal is finding gaps, not showing what I know.",
    ),
]

# The three check-in questions, answered by the mentee before a session:
# (session, day, wall time, lesson, next goal, how the last goal went 1-5)
CHECK_INS = [
    (
        "s5",
        "S5-1",
        "20:30",
        "Blocking design time in the calendar worked: two 90-minute slots a week got the doc "
        "to v2.",
        "Run the runbook dry run with Tomás and let him drive.",
        4,
    ),
    (
        "review",
        "today-1",
        "21:15",
        "A design doc is not done when I stop typing; it is done when the hardest reviewer "
        "runs out of big questions.",
        "Get the design review on the calendar with at least six people, Ledger included.",
        3,
    ),
]
