"""Progress at scale: a pair with five years of history (260 sessions, 2,000 milestones,
100,000 journal entries, and the goals, action items, check-ins and assessments around
them).

    .venv/bin/python bench/bench_progress.py [--entries 100000] [--runs 5] [--keep DIR]

Prints the median of several runs next to its target; asserts nothing:
- load_progress (the data layer: every figure, by month and by week);
- the Progress screen's paint after the data is in: from `show(data)` to the next idle
  frame (Pilot, headless, 120x40 and 80x24), the target being <= 300 ms.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from journal_data import sentence  # noqa: E402  (the journal bench's helpers)
from measure import line  # noqa: E402

NOW = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)  # the tests' frozen instant
FMT = "%Y-%m-%dT%H:%M:%S.%fZ"
YEARS = 5


def _insert(con: sqlite3.Connection, table: str, rows: Iterable[dict[str, Any]]) -> None:
    rows = list(rows)
    if not rows:
        return
    names = list(rows[0])
    con.executemany(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [tuple(row[name] for name in names) for row in rows],
    )


def _record(at: datetime, pair_id: str, **values: Any) -> dict[str, Any]:
    stamp = at.strftime(FMT)
    return {
        "id": str(uuid.uuid4()),
        "created_at": stamp,
        "updated_at": stamp,
        "revision": 1,
        "deleted": 0,
        "origin": "",
        "pair_id": pair_id,
        **values,
    }


def make_database(home: Path, entries: int = 100_000) -> str:
    """Profile and one pair started five years ago (weekly), then rows through sqlite3."""
    from mentor_tui.clock import FrozenClock
    from mentor_tui.models.db import Store
    from mentor_tui.services.pairs import create_pair
    from mentor_tui.services.profile import set_up_profile

    store = Store.open_home(home, FrozenClock(NOW))
    start = (NOW - timedelta(days=YEARS * 364)).date()
    me = set_up_profile(store, "Grace Hopper", "America/New_York")
    pair = create_pair(
        store,
        partner_name="Ada Lovelace",
        partner_timezone="Europe/Berlin",
        cadence="weekly",
        starts_on=start,
    )
    store.close()
    rng = random.Random(7)
    began = datetime(start.year, start.month, start.day, 14, tzinfo=UTC)
    sessions, items, checkins = [], [], []
    for week in range(YEARS * 52):  # 260 sessions, one a week, a few cancelled
        at = began + timedelta(days=7 * week + rng.choice((0, 0, 0, 1, 2)))
        status = "held" if at < NOW and rng.random() > 0.1 else "cancelled"
        session = _record(
            at,
            pair.id,
            kind="check_in",
            status=status if at < NOW else "planned",
            starts_at=at.strftime(FMT),
            timezone="Europe/Berlin",
            duration_minutes=45,
            agenda=sentence(rng, 8),
            shared_notes=sentence(rng, 20),
            private_notes="",
            takeaways="",
            accomplishments="",
            roadblocks="",
        )
        sessions.append(session)
        for _ in range(2):
            closed = at + timedelta(days=rng.randint(3, 40))
            done = closed < NOW and rng.random() > 0.1
            items.append(
                _record(
                    at,
                    pair.id,
                    session_id=session["id"],
                    title=sentence(rng, 5),
                    owner_id=pair.mentee.id,
                    due_on=(at + timedelta(days=14)).date().isoformat(),
                    status=rng.choice(("done", "done", "dropped")) if done else "open",
                    closed_at=closed.strftime(FMT) if done else None,
                )
            )
        checkins.append(
            _record(
                at - timedelta(days=1),
                pair.id,
                session_id=session["id"],
                person_id=pair.mentee.id,
                lesson=sentence(rng, 8),
                next_goal=sentence(rng, 6),
                last_goal_rating=rng.randint(2, 5),
                answered_at=(at - timedelta(days=1)).strftime(FMT),
            )
        )
    goals, milestones, scores = [], [], []
    for n in range(40):  # 40 goals of 50 milestones each: 2,000 milestones
        made = began + timedelta(days=n * 45)
        achieved = made + timedelta(days=200)
        goals.append(
            _record(
                made,
                pair.id,
                title=sentence(rng, 5),
                specific="",
                measurable="",
                achievable="",
                relevant="",
                due_on=(made + timedelta(days=180)).date().isoformat(),
                status="achieved" if achieved < NOW else "approved",
                position=n,
                proposed_at=made.strftime(FMT),
                approved_at=(made + timedelta(days=3)).strftime(FMT),
                approved_by_id=me.id,
                achieved_at=achieved.strftime(FMT) if achieved < NOW else None,
            )
        )
        for k in range(50):
            created = made + timedelta(days=k * 4)
            due = (created + timedelta(days=14)).date()
            done_on = (created + timedelta(days=rng.randint(2, 30))).date()
            done = done_on < NOW.date() and rng.random() > 0.05
            milestone = _record(
                created,
                pair.id,
                goal_id=goals[-1]["id"],
                title=sentence(rng, 5),
                due_on=due.isoformat(),
                status="done" if done else "in_progress",
                evidence="",
                done_on=done_on.isoformat() if done else None,
                position=k,
            )
            milestones.append(milestone)
            if done and k % 5 == 0:
                for role, who in (("mentee", pair.mentee.id), ("mentor", me.id)):
                    scores.append(
                        _record(
                            created,
                            pair.id,
                            milestone_id=milestone["id"],
                            assessor_id=who,
                            role=role,
                            score=rng.randint(2, 5),
                            comment="",
                            assessed_at=datetime.combine(done_on, NOW.timetz()).strftime(FMT),
                        )
                    )
    journal, step = [], (NOW - began) / entries
    for i in range(entries):
        at = began + step * i
        journal.append(
            _record(
                at,
                pair.id,
                author_id=pair.mentee.id,
                written_at=at.strftime(FMT),
                title=sentence(rng, 5),
                body=sentence(rng, 20),
                tags="",
                goal_id=None,
                shared=rng.random() < 0.3,
                prompt="",
            )
        )
    with sqlite3.connect(store.path) as con:
        _insert(con, "mentoring_session", sessions)
        _insert(con, "action_item", items)
        _insert(con, "check_in", checkins)
        _insert(con, "goal", goals)
        _insert(con, "milestone", milestones)
        _insert(con, "assessment", scores)
        _insert(con, "journal_entry", journal)
    return pair.id


def bench_service(home: Path, pair_id: str, runs: int) -> None:
    from mentor_tui.clock import FrozenClock
    from mentor_tui.models.db import Store
    from mentor_tui.services.progress import load_progress, session_trend

    store = Store.open_home(home, FrozenClock(NOW))
    for by in ("month", "week"):
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            progress = load_progress(store, pair_id, by=by)
            times.append(time.perf_counter() - began)
        line(
            f"load_progress by {by} ({len(progress.buckets)} buckets), median of {runs}",
            f"{statistics.median(times) * 1000:.0f} ms",
            "the data layer",
        )
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        session_trend(store, pair_id)
        times.append(time.perf_counter() - began)
    line(
        "session_trend (the Dashboard's sparkline)", f"{statistics.median(times) * 1000:.0f} ms", ""
    )
    for words in progress.sentences.values():
        line(f"    {words}", "", "")
    store.close()


def bench_screen(home: Path, runs: int, size: tuple[int, int]) -> None:
    """From show(data) to the next idle frame, data already loaded: the screen's paint."""
    import asyncio

    async def run() -> list[float]:
        from mentor_tui.app import MentorApp
        from mentor_tui.clock import FrozenClock
        from mentor_tui.models.db import Store

        app = MentorApp(store=Store.open_home(home, FrozenClock(NOW)), home=home)
        paints = []
        async with app.run_test(size=size) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("P")
            for _ in range(runs + 1):
                await app.workers.wait_for_complete()
                await pilot.pause()
                screen = app.screen
                data = screen.load(app.pair_id)  # type: ignore[attr-defined]
                await pilot.pause()
                began = time.perf_counter()
                screen.show(data)  # type: ignore[attr-defined]
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                paints.append(time.perf_counter() - began)
        return paints[1:]  # the first pays for the imports

    paints = asyncio.run(run())
    line(
        f"Progress screen paint after data, {size[0]}x{size[1]} (median/max of {runs})",
        f"{statistics.median(paints) * 1000:.0f}/{max(paints) * 1000:.0f} ms",
        "<= 300 ms",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", metavar="DIR", help="build (or reuse) the home in DIR")
    args = parser.parse_args()
    home = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-progress-"))
    try:
        marker = home / "bench-pair-id"
        if marker.exists():
            pair_id = marker.read_text().strip()
        else:
            began = time.perf_counter()
            pair_id = make_database(home, args.entries)
            marker.write_text(pair_id)
            line("built the home", f"{time.perf_counter() - began:.1f} s", "")
        from mentor_tui.config import update_config

        update_config(home, last_pair_id=pair_id)
        print(f"Progress over {YEARS} years, {args.entries:,} journal entries ({date.today()})")
        bench_service(home, pair_id, args.runs)
        bench_screen(home, args.runs, (120, 40))
        bench_screen(home, args.runs, (80, 24))
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
