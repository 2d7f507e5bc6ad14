"""Hostile strings (chosen and generated) and a home whose every field holds them, for
tests/ui/test_hostile_text.py's walks through every screen."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import strategies as st

from mentor_tui.clock import FrozenClock
from mentor_tui.models.db import Store
from mentor_tui.models.tables import CheckIn, JournalEntry, MentoringSession, SessionNote
from mentor_tui.services.actions import add_action_item, add_feedback
from mentor_tui.services.goals import create_goal
from mentor_tui.services.journal import add_journal_entry
from mentor_tui.services.milestones import add_milestone, mark_milestone_done
from mentor_tui.services.pairs import create_pair
from mentor_tui.services.profile import set_up_profile
from mentor_tui.services.review import assess_milestone
from mentor_tui.services.sessions import schedule_session, update_session
from tests.conftest import FROZEN_NOW

PIECES = (
    "[bold]",
    "[/]",
    "[/y]",
    "[/z] Bad goal",
    "[OKR] Reduce p99",
    "[@click=app.quit]click[/]",
    "[$accent]",
    "[link=https://evil.example]x[/link]",
    "\\",
    "\x1b]0;PWNED\x07",  # OSC: retitle the terminal
    "\x1b[2J",  # CSI: clear the screen
    "\x1b[41m",  # CSI: red background
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b]52;c;cHduZWQ=\x07",  # OSC 52: write the clipboard
    "\x1bP+q544e\x1b\\",  # DCS
    "\x9b31m",  # C1 CSI
    "\x07",
    "\x7f",
    "\x08",
    "\r",
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "😀",
    "e\u0301",  # a combining mark
    "漢字",
)
piece = st.sampled_from(PIECES) | st.text(max_size=4)
hostile = st.lists(piece, min_size=1, max_size=6).map("".join)
long_hostile = st.builds(lambda text, times: text * times, hostile, st.integers(1, 3)) | st.just(
    "\x1b[41m" + "x" * 10_000
)

STARTS = FROZEN_NOW + timedelta(days=3)


def title(prefix: str, text: str) -> str:
    """A title the services take: not empty, one line, under their limit."""
    return f"{prefix} {text}"[:400]


def write_hostile_data(home: Path, strings: list[str], long: str) -> dict[str, str]:
    """Every field a user or partner fills, each with the next of `strings` (and `long`
    in the free-text fields), through the services and, for the partner's rows, the way
    sync stores them; returns the ids the screens are opened on."""
    text = itertools.cycle(strings).__next__
    store = Store.open_home(home, FrozenClock(FROZEN_NOW))
    try:
        set_up_profile(store, title("Me", text()), "Europe/Berlin")
        charter = {
            name: f"{text()}\n{long}"
            for name in (
                "purpose",
                "success_looks_like",
                "progress_measure",
                "communication_norms",
                "backup_channel",
            )
        }
        pair = create_pair(
            store, partner_name=title("Eve", text()), partner_timezone="UTC", **charter
        )
        goal = create_goal(
            store,
            pair.id,
            title=title("Goal", text()),
            specific=f"{text()}\n{long}",
            measurable=text(),
            achievable=text(),
            relevant=text(),
            due_on=FROZEN_NOW.date() + timedelta(days=30),
        )
        create_goal(store, pair.id, title=title("Other", text()))
        done = add_milestone(store, goal.id, title=title("Done", text()), evidence=text())
        mark_milestone_done(store, done.id, evidence=title("evidence", text()))
        open_one = add_milestone(
            store, goal.id, title=title("Open", text()), evidence=text(), due_on=STARTS.date()
        )
        assess_milestone(store, done.id, score=2, comment=text())
        session = schedule_session(store, pair.id, STARTS)
        update_session(
            store,
            session.id,
            agenda=f"{text()}\n{long}",
            shared_notes=f"# {text()}\n\n{long}",
            private_notes=text(),
            takeaways=text(),
            accomplishments=text(),
            roadblocks=long,
        )
        add_action_item(store, pair.id, title("Item", text()), session_id=session.id)
        add_feedback(store, session.id, text(), impact=text(), next_step=text())
        entry = add_journal_entry(
            store,
            f"{text()}\n\n{long}",
            title=title("Entry", text()),
            tags=["python"],  # the service takes only tag-shaped words; the partner's below
            shared=True,
            pair_id=pair.id,
            goal_id=goal.id,
            prompt=text(),
        )
        # A template of mine, in the library's folder, as any editor may have written it.
        from mentor_tui.services.templates import templates_dir

        folder = templates_dir(home) / "agenda"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "hostile.md").write_text(
            f"# {text()}\n\n{text()}\n{long}", encoding="utf-8", errors="replace"
        )
        # The partner's rows, stored the way sync stores them (origin set, stamps kept).
        stamp = datetime(2026, 11, 10, tzinfo=UTC)
        partner = pair.partner.id
        theirs = MentoringSession(
            pair_id=pair.id,
            starts_at=FROZEN_NOW - timedelta(days=2),
            timezone="UTC",
            status="held",
            agenda=text(),
            shared_notes=f"{text()}\n{long}",
            takeaways=text(),
            accomplishments=text(),
            roadblocks=text(),
            origin=partner,
        )
        rows = [
            theirs,
            JournalEntry(  # a shared entry of theirs, tags included, as sync stores it
                pair_id=pair.id,
                author_id=partner,
                written_at=stamp,
                title=text(),
                body=f"{text()}\n{long}",
                tags=text(),
                shared=True,
                prompt=text(),
                origin=partner,
            ),
            SessionNote(
                pair_id=pair.id,
                session_id=session.id,
                author_id=partner,
                notes=f"{text()}\n{long}",
                takeaways=text(),
                origin=partner,
            ),
            CheckIn(
                pair_id=pair.id,
                session_id=session.id,
                person_id=partner,
                lesson=text(),
                next_goal=text(),
                last_goal_rating=3,
                answered_at=stamp,
                origin=partner,
            ),
        ]
        for row in rows:
            row.revision, row.created_at, row.updated_at = 1, stamp, stamp
        with store.write(preserve_stamps=True) as db:
            db.add_all(rows)
        return {
            "pair": pair.id,
            "goal": goal.id,
            "open": open_one.id,
            "session": session.id,
            "theirs": theirs.id,
            "entry": entry.id,
        }
    finally:
        store.close()
