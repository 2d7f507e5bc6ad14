"""Logging a session quickly: today's session (or one planned for now), sensible defaults
for an action item, and `mentor session log`, which adds notes, outcomes, action items
and feedback to a session in one go.

Logging appends: text given for a field already holding notes goes after them, below a
blank line, so a second log never overwrites the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_
from sqlmodel import col, select

from mentor_tui.dates import parse_date
from mentor_tui.errors import InvalidInput, NotFound
from mentor_tui.models.db import Store
from mentor_tui.models.enums import SessionStatus
from mentor_tui.models.tables import ActionItem, Feedback, MentoringSession
from mentor_tui.services.pairs import PairView, get_pair
from mentor_tui.services.profile import viewer_today
from mentor_tui.services.text import require_title

#: The fields `log_session` appends to, in the order a log file lists them.
LOG_FIELDS = ("shared_notes", "takeaways", "accomplishments", "roadblocks")
#: A session planned "for now" starts at the last whole QUARTER minutes.
QUARTER = 15


def _live(pair_id: str) -> ColumnElement[bool]:
    """The pair's sessions that are neither deleted nor cancelled."""
    return and_(
        col(MentoringSession.pair_id) == pair_id,
        col(MentoringSession.deleted) == False,  # noqa: E712
        col(MentoringSession.status) != SessionStatus.CANCELLED,
    )


def todays_session(store: Store, pair: PairView) -> MentoringSession | None:
    """The pair's session today (my calendar day), the one starting nearest to now."""
    zone = ZoneInfo(pair.me.timezone)
    now = store.clock.now()
    start = datetime.combine(now.astimezone(zone).date(), datetime.min.time(), tzinfo=zone)
    with store.read() as session:
        rows = session.exec(
            select(MentoringSession).where(
                _live(pair.id),
                col(MentoringSession.starts_at) >= start,
                col(MentoringSession.starts_at) < start + timedelta(days=1),
            )
        ).all()
    return min(rows, key=lambda row: abs(row.starts_at - now), default=None)


def open_or_plan_today(store: Store, pair_id: str) -> tuple[MentoringSession, bool]:
    """Today's session, or a check-in planned for now (the last quarter hour) when there
    is none; True when it was planned here."""
    from mentor_tui.services.sessions import schedule_session

    pair = get_pair(store, pair_id)
    found = todays_session(store, pair)
    if found is not None:
        return found, False
    now = store.clock.now().replace(second=0, microsecond=0)
    start = now - timedelta(minutes=now.minute % QUARTER)
    return schedule_session(store, pair.id, start, timezone=pair.me.timezone), True


def latest_session(store: Store, pair: PairView) -> MentoringSession:
    """The session a log goes to by default: today's, else the latest that has started."""
    found = todays_session(store, pair)
    if found is not None:
        return found
    with store.read() as session:
        found = session.exec(
            select(MentoringSession)
            .where(_live(pair.id), col(MentoringSession.starts_at) <= store.clock.now())
            .order_by(col(MentoringSession.starts_at).desc())
            .limit(1)
        ).first()
    if found is None:
        raise NotFound(
            "no session has started yet; give --session ID, or plan one: "
            'mentor session new --at "today 15:00"'
        )
    return found


def default_due(store: Store, session_id: str) -> date:
    """An action item raised in a session is due, unless said otherwise, the day before
    the next session: the next one planned after it, else the one the cadence expects."""
    from mentor_tui.services.sessions import get_session

    row = get_session(store, session_id)
    pair = get_pair(store, row.pair_id)
    zone = ZoneInfo(pair.me.timezone)
    with store.read() as session:
        following = session.exec(
            select(MentoringSession)
            .where(_live(pair.id), col(MentoringSession.starts_at) > row.starts_at)
            .order_by(col(MentoringSession.starts_at))
            .limit(1)
        ).first()
    if following is not None:
        day = following.starts_at.astimezone(zone).date() - timedelta(days=1)
    else:
        day = row.starts_at.astimezone(zone).date() + timedelta(days=pair.cadence.days - 1)
    return max(day, viewer_today(store))


def resolve_owner(pair: PairView, word: str | None) -> str:
    """me, partner, mentor, mentee or a name (a first name will do) as a person's id;
    nothing: the mentee, who owns most action items."""
    key = (word or "").strip().casefold()
    if not key:
        return pair.mentee.id
    by_word = {
        "me": pair.me,
        "i": pair.me,
        "partner": pair.partner,
        "mentor": pair.mentor,
        "mentee": pair.mentee,
    }
    if key in by_word:
        return by_word[key].id
    people = (pair.mentor, pair.mentee)
    named = [p for p in people if p.display_name.casefold() == key]
    named = named or [p for p in people if p.display_name.casefold().split()[:1] == [key]]
    if len(named) == 1:
        return named[0].id
    names = " or ".join(p.display_name for p in people)
    raise InvalidInput(f"no one called {word!r} in this pair: me, partner, {names}")


@dataclass
class ActionSpec:
    """An action item as typed: the text, and its owner and due date as words."""

    title: str
    owner: str | None = None
    due: str | None = None

    @classmethod
    def parse(cls, text: str) -> ActionSpec:
        """'Send the RFC | me | friday': the text, then optionally owner and due."""
        parts = [part.strip() for part in text.split("|")]
        if len(parts) > 3:
            raise InvalidInput(f"{text!r}: write an action item as TEXT | OWNER | DUE")
        parts += [""] * (3 - len(parts))
        return cls(parts[0], parts[1] or None, parts[2] or None)


@dataclass
class SessionLog:
    """What one `session log` adds to a session."""

    texts: dict[str, str] = field(default_factory=dict)  # LOG_FIELDS -> text to append
    actions: list[ActionSpec] = field(default_factory=list)
    feedback: str = ""
    impact: str = ""
    next_step: str = ""

    def is_empty(self) -> bool:
        return not (
            any(text.strip() for text in self.texts.values()) or self.actions or self.feedback
        )


@dataclass(frozen=True)
class Logged:
    session: MentoringSession
    appended: list[str]  # the fields that had text before this log
    written: list[str]  # the fields written
    actions: list[ActionItem]
    feedback: Feedback | None


def _appended(before: str, added: str) -> str:
    added = added.strip("\n")
    return f"{before.rstrip()}\n\n{added}" if before.strip() else added


def log_session(store: Store, session_id: str, log: SessionLog) -> Logged:
    """Append the texts, add the action items and the feedback. Everything is checked
    (titles, owners, dates) before anything is written."""
    from mentor_tui.services.actions import add_action_item, add_feedback
    from mentor_tui.services.sessions import get_session, update_session

    if not log.feedback.strip() and (log.impact.strip() or log.next_step.strip()):
        raise InvalidInput(
            "feedback needs its observation (--feedback) besides impact and next step"
        )
    if log.is_empty():
        raise InvalidInput("nothing to log: every text is empty")
    row = get_session(store, session_id)
    pair = get_pair(store, row.pair_id)
    today = viewer_today(store)
    items = []
    for spec in log.actions:
        due_word = (spec.due or "").strip()
        due = (
            None
            if due_word.lower() == "none"
            else parse_date(due_word, today)
            if due_word
            else default_due(store, row.id)
        )
        items.append(
            (require_title(spec.title, "action item"), resolve_owner(pair, spec.owner), due)
        )
    texts = {name: text for name, text in log.texts.items() if text.strip()}
    appended = [name for name in texts if getattr(row, name).strip()]
    changes = {name: _appended(getattr(row, name), text) for name, text in texts.items()}
    if changes:
        row = update_session(store, row.id, **changes)
    added = [
        add_action_item(store, pair.id, title, session_id=row.id, owner_id=owner, due_on=due)
        for title, owner, due in items
    ]
    entry = (
        add_feedback(store, row.id, log.feedback, impact=log.impact, next_step=log.next_step)
        if log.feedback.strip()
        else None
    )
    return Logged(
        session=row,
        appended=appended,
        written=list(texts),
        actions=added,
        feedback=entry,
    )


# ---- the text a file or $EDITOR gives ----------------------------------------------------

SECTIONS = {
    "notes": "shared_notes",
    "shared notes": "shared_notes",
    "takeaways": "takeaways",
    "accomplishments": "accomplishments",
    "roadblocks": "roadblocks",
    "action items": "actions",
    "actions": "actions",
    "feedback": "feedback",
}
_HEADING = re.compile(r"^#\s+(.+?)\s*$")
_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_FEEDBACK_PARTS = re.compile(r"^(impact|next step)\s*:\s*(.*)$", re.IGNORECASE)

TEMPLATE = """<!--
Log of {when}. Write under the headings; empty sections are left out.
What you write is ADDED after the session's notes, never written over them.
Action items: one per line, "- TEXT | OWNER | DUE" (owner: me, partner, a name;
default the mentee; due: a date, "friday", "none"; default the day before the next session).
Feedback: the observation, then optional lines "Impact: ..." and "Next step: ...".
This comment is ignored.
-->
# Notes


# Takeaways


# Accomplishments


# Roadblocks


# Action items


# Feedback

"""


def parse_log_text(text: str) -> SessionLog:
    """Sections under '# Notes', '# Takeaways', ... ('# Action items': a line each);
    text before any heading is notes; other headings ('## ...') stay part of the text."""
    text = _COMMENT.sub("", text)
    parts: dict[str, list[str]] = {}
    current = "shared_notes"
    for line in text.splitlines():
        found = _HEADING.match(line)
        if found and found.group(1).casefold() in SECTIONS:
            current = SECTIONS[found.group(1).casefold()]
            continue
        parts.setdefault(current, []).append(line)
    log = SessionLog()
    for name, lines in parts.items():
        body = "\n".join(lines).strip()
        if not body:
            continue
        if name == "actions":
            for line in lines:
                item = line.strip().removeprefix("- ").removeprefix("* ").strip()
                if item:
                    log.actions.append(ActionSpec.parse(item))
        elif name == "feedback":
            observation = []
            for line in body.splitlines():
                extra = _FEEDBACK_PARTS.match(line.strip())
                if extra and extra.group(1).lower() == "impact":
                    log.impact = extra.group(2)
                elif extra:
                    log.next_step = extra.group(2)
                else:
                    observation.append(line)
            log.feedback = "\n".join(observation).strip()
        else:
            log.texts[name] = body
    return log
