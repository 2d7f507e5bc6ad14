"""Search everything at scale: 100,000 journal entries and 5,000 sessions.

    .venv/bin/python bench/bench_search.py [--entries 100000] [--sessions 5000] [--keep DIR]

Prints each figure next to its target; asserts nothing. The database comes from
bench_journal.make_database (rows straight through sqlite3, so the step-4 triggers index
the sessions as they go in).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from journal_data import make_database  # noqa: E402
from measure import line, timed_runs  # noqa: E402

TYPED = "kafka ro"


def bench_cli(home: Path) -> None:
    env = {**os.environ, "MENTOR_TUI_HOME": str(home)}
    mentor = [str(ROOT / ".venv" / "bin" / "mentor")]
    if not Path(mentor[0]).exists():
        mentor = [sys.executable, "-m", "mentor_tui"]
    base, _ = timed_runs([*mentor, "--version"], env, runs=7)
    line("mentor --version (interpreter + CLI start, median)", f"{base:.3f} s", "baseline")
    for args in (
        ["search", "kafka"],
        ["search", "kafka", "--newest"],
        ["search", "kafka rollback", "-n", "50"],
        ["search", "design", "--kind", "session"],
        ["search", "ka"],
    ):
        median, best = timed_runs([*mentor, *args], env, runs=7)
        line(
            f"mentor {' '.join(args)} (median/best, +{(median - base) * 1000:.0f} ms)",
            f"{median:.3f}/{best:.3f} s",
            "<= 0.25 s",
        )


def bench_service(home: Path) -> None:
    from mentor_tui.models.db import Store
    from mentor_tui.services.search import search

    store = Store.open_home(home)
    for newest in (False, True):
        for end in range(1, len(TYPED) + 1):
            query = TYPED[:end]
            times = []
            for _ in range(5):
                began = time.perf_counter()
                hits = search(store, query, limit=41, newest=newest)
                times.append(time.perf_counter() - began)
            line(
                f"search({query!r}, newest={newest}) -> {len(hits)}",
                f"{statistics.median(times) * 1000:.1f} ms",
                "<= 30 ms",
            )
    store.close()


def bench_app(home: Path) -> None:
    """Keystroke to rows in the table: from the key press to SearchScreen._show returning."""

    async def run() -> None:
        from mentor_tui.app import MentorApp
        from mentor_tui.models.db import Store

        app = MentorApp(store=Store.open_home(home), home=home)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("slash")
            await pilot.pause()
            screen = app.screen
            shown: list[float] = []
            original = screen._show

            def timed(request: object, hits: object) -> None:
                original(request, hits)
                shown.append(time.perf_counter())

            screen._show = timed  # type: ignore[method-assign]
            to_rows, to_idle = [], []
            for _ in range(2):
                for key in ["space" if char == " " else char for char in TYPED]:
                    del shown[:]
                    start = time.perf_counter()
                    await pilot.press(key)
                    await app.workers.wait_for_complete()
                    await pilot.pause()
                    to_idle.append(time.perf_counter() - start)
                    if shown:
                        to_rows.append(shown[-1] - start)
                await pilot.press(*["backspace"] * len(TYPED))
                await app.workers.wait_for_complete()
                await pilot.pause()
            line(
                "keystroke to rows in the table (median/max)",
                f"{statistics.median(to_rows) * 1000:.0f}/{max(to_rows) * 1000:.0f} ms",
                "~30 ms",
            )
            line(
                "keystroke to the next idle frame (median)",
                f"{statistics.median(to_idle) * 1000:.0f} ms",
                "incl. Pilot",
            )
            rows = screen.query_one("#search-results").row_count
            line("rows in the table", str(rows), "one page")

    asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=5_000)
    parser.add_argument("--keep", type=Path, help="build in (or reuse) this home")
    parser.add_argument("--only", choices=("cli", "service", "app"), help="one part only")
    args = parser.parse_args()
    home = args.keep or Path(tempfile.mkdtemp(prefix="mentor-bench-search-"))
    if not any(home.glob("*.db")):
        began = time.perf_counter()
        make_database(home, args.entries, args.sessions)
        line("build", f"{time.perf_counter() - began:.1f} s", "")
    print(f"{args.entries:,} entries, {args.sessions:,} sessions in {home}")
    for name, part in (("cli", bench_cli), ("service", bench_service), ("app", bench_app)):
        if args.only in (None, name):
            part(home)


if __name__ == "__main__":
    main()
