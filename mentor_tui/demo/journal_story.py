"""The demo story's journal, as data: Ada's and Katherine's entries over the quarter, with
the weekly prompts they answered. Days and times as in story.py."""

from __future__ import annotations

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
