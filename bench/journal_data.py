"""The journal bench's data: a home with N journal entries (random sentences of work
words, tags, a few pairs) and M sessions, written straight through sqlite3 so that building
100,000 entries takes seconds, not minutes."""

from __future__ import annotations

import random
import sqlite3
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "review",
    "design",
    "retry",
    "queue",
    "payments",
    "runbook",
    "oncall",
    "mentor",
    "feedback",
    "talk",
    "meetup",
    "incident",
    "latency",
    "database",
    "index",
    "migration",
    "schema",
    "python",
    "testing",
    "pairing",
    "estimate",
    "roadmap",
    "promotion",
    "staff",
    "architecture",
    "interview",
    "hiring",
    "planning",
    "kafka",
    "postgres",
    "deploy",
    "rollback",
    "canary",
    "observability",
    "metrics",
    "dashboard",
    "alert",
    "pager",
    "budget",
    "story",
    "deadline",
    "scope",
    "tradeoff",
    "learning",
    "reading",
    "writing",
    "presenting",
    "listening",
    "courage",
)
TAGS = ("learning", "career", "testing", "design", "oncall", "talk", "feedback", "python")
SEARCH_WORD = "kafka"
FMT = "%Y-%m-%dT%H:%M:%S.%fZ"


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def make_database(home: Path, entries: int, sessions: int, pairs: int = 1) -> dict[str, object]:
    """Profile, `pairs` pairs (the first one current, as `mentor pair use` leaves it), then
    rows straight through sqlite3 (executemany, not the ORM); entries take turns among
    the pairs, sessions all go to the first."""
    from mentor_tui.config import update_config
    from mentor_tui.models.db import Store
    from mentor_tui.services.pairs import create_pair
    from mentor_tui.services.profile import set_up_profile

    store = Store.open_home(home)
    me = set_up_profile(store, "Ada Lovelace", "Europe/Berlin")
    pair = create_pair(
        store, partner_name="Grace Hopper", partner_timezone="America/New_York", my_role="mentee"
    )
    pair_ids = [pair.id] + [
        create_pair(store, partner_name=f"Mentor {n}", my_role="mentee").id
        for n in range(2, pairs + 1)
    ]
    store.close()
    if pairs > 1:
        update_config(home, last_pair_id=pair.id)
    rng = random.Random(4)
    now = datetime.now(UTC)
    start = now - timedelta(days=3 * 365)
    step = (now - start) / entries
    journal_rows, texts = [], []
    for i in range(entries):
        at = (start + step * i).strftime(FMT)
        title = sentence(rng, rng.randint(3, 8))
        body = " ".join(sentence(rng, rng.randint(6, 16)) for _ in range(rng.randint(1, 4)))
        tags = " ".join(rng.sample(TAGS, rng.randint(0, 2)))
        journal_rows.append(
            (
                str(uuid.uuid4()),
                at,
                at,
                1,
                0,
                "",
                pair_ids[i % len(pair_ids)],
                me.id,
                at,
                title,
                body,
                tags,
                None,
                rng.random() < 0.3,
                "",
            )
        )
        texts.append((at, title, body, tags))
    session_rows = []
    for i in range(sessions):
        at = (start + timedelta(days=i * 3 * 365 / sessions)).strftime(FMT)
        status = "held" if at < now.strftime(FMT) else "planned"
        session_rows.append(
            (
                str(uuid.uuid4()),
                at,
                at,
                1,
                0,
                "",
                pair.id,
                "check_in",
                status,
                at,
                "Europe/Berlin",
                45,
                sentence(rng, 10),
                sentence(rng, 30),
                "",
                "",
                "",
                "",
            )
        )
    with sqlite3.connect(store.path) as con:
        con.executemany(
            "INSERT INTO journal_entry (id, created_at, updated_at, revision, deleted, origin, "
            "pair_id, author_id, written_at, title, body, tags, goal_id, shared, prompt) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            journal_rows,
        )
        con.executemany(
            "INSERT INTO mentoring_session (id, created_at, updated_at, revision, deleted, "
            "origin, pair_id, kind, status, starts_at, timezone, duration_minutes, agenda, "
            "shared_notes, private_notes, takeaways, accomplishments, roadblocks) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            session_rows,
        )
    return {"path": store.path, "pair": pair.id, "pairs": pair_ids, "texts": texts}
