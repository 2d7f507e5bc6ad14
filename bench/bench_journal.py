"""Journal and sessions at scale: 100,000 journal entries and 5,000 sessions.

    .venv/bin/python bench/bench_journal.py [--entries 100000] [--sessions 5000] [--keep DIR]
        [--pairs 10] [--only-pairs] [--runs 5] [--jrnl-runs 3]

Prints each figure next to its target; asserts nothing. Where `jrnl` is on PATH (or
JRNL=/path/to/jrnl), it prints jrnl's figure for the same work on the same entries. It
ends with issue 13's table: every figure run --runs times (the app in a fresh interpreter
each time, the Store opened in its worker as `mentor` does), its median, its spread, its
target, and jrnl's figure with the ratio where jrnl does the same work.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from mentor_tui.models.db import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from journal_data import SEARCH_WORD, make_database  # noqa: E402  (bench/ runs as a script)
from journal_report import print_table  # noqa: E402
from jrnl_compare import bench_jrnl  # noqa: E402
from measure import (  # noqa: E402
    child_peak_rss_mb,
    line,
    own_peak_rss_mb,
    process_age,
    process_times,
    timed_runs,
)


def bench_cli(home: Path, runs: int) -> None:
    env = {**os.environ, "MENTOR_TUI_HOME": str(home)}
    mentor = [str(ROOT / ".venv" / "bin" / "mentor")]
    if not Path(mentor[0]).exists():
        mentor = [sys.executable, "-m", "mentor_tui"]
    add = process_times([*mentor, "journal", "add", "Bench thought @bench"], env, runs)
    line(
        "mentor journal add (whole process, median/best)",
        f"{statistics.median(add):.3f}/{min(add):.3f} s",
        "<= 0.15 s",
    )
    search = process_times(
        [*mentor, "journal", "list", "--search", SEARCH_WORD, "-n", "20"], env, runs
    )
    line(
        f"mentor journal list --search {SEARCH_WORD} -n 20",
        f"{statistics.median(search):.3f}/{min(search):.3f} s",
        "<= 0.10 s",
    )
    median, best = timed_runs([*mentor, "journal", "list", "-n", "20"], env, runs)
    line("mentor journal list -n 20", f"{median:.3f}/{best:.3f} s", "<= 0.5 s")
    line("peak RSS of those processes", f"{child_peak_rss_mb():.0f} MB", "<= 150 MB")
    emit({"add": add, "list_search": search})


def bench_cli_pairs(home: Path) -> None:
    """With 10 pairs and a current one: `journal add` must stay on the quick path (plain
    sqlite3) and file under the current pair; --pair takes the full path, for comparison."""
    env = {**os.environ, "MENTOR_TUI_HOME": str(home)}
    mentor = [str(ROOT / ".venv" / "bin" / "mentor")]
    if not Path(mentor[0]).exists():
        mentor = [sys.executable, "-m", "mentor_tui"]
    median, best = timed_runs([*mentor, "journal", "add", "Bench thought @bench"], env, runs=9)
    line(
        "mentor journal add, 10 pairs (median/best of 9)",
        f"{median:.3f}/{best:.3f} s",
        "<= 0.25 s",
    )
    median, best = timed_runs([*mentor, "journal", "list", "-n", "20"], env, runs=9)
    line("mentor journal list -n 20, 10 pairs", f"{median:.3f}/{best:.3f} s", "<= 0.5 s")
    median, best = timed_runs(
        [*mentor, "journal", "add", "Bench thought", "--pair", "Grace"], env, runs=3
    )
    line(
        "journal add --pair Grace (the full path, median of 3)",
        f"{median:.3f}/{best:.3f} s",
        "for comparison",
    )
    line("peak RSS of those processes", f"{child_peak_rss_mb():.0f} MB", "<= 150 MB")


def bench_in_process(home: Path, pair_id: str) -> None:
    from mentor_tui.models.db import Store
    from mentor_tui.services.journal import list_journal, search_journal

    store = Store.open_home(home)
    for query in (SEARCH_WORD, "k", "ka", "kaf", "kafk", "kafka ro", "kafka roll", "zzz"):
        times = []
        for _ in range(5):
            began = time.perf_counter()
            hits = search_journal(store, query, pair_id, limit=50)
            times.append(time.perf_counter() - began)
        line(
            f"search_journal({query!r}, limit=50) -> {len(hits)}",
            f"{statistics.median(times) * 1000:.1f} ms",
            "<= 50 ms",
        )
    began = time.perf_counter()
    page = list_journal(store, pair_id, limit=50)
    for _ in range(20):
        page = list_journal(store, pair_id, limit=50, before=(page[-1].written_at, page[-1].id))
    each = (time.perf_counter() - began) / 21 * 1000
    line("list_journal: 21 pages of 50, each", f"{each:.1f} ms", "<= 50 ms")
    began = time.perf_counter()
    search_journal(store, "", pair_id, tag="python", limit=50)
    line(
        "tag filter (python), limit 50",
        f"{(time.perf_counter() - began) * 1000:.1f} ms",
        "<= 50 ms",
    )
    line(
        "peak RSS of this process (searches and pages)", f"{own_peak_rss_mb():.0f} MB", "<= 150 MB"
    )
    store.close()


def emit(figures: dict[str, float | list[float]]) -> None:
    """A part's figures, one JSON line the parent reads (see run_part)."""
    print(MARK + json.dumps(figures), flush=True)


def _open_store(home: Path) -> Callable[[], Store]:
    """As the CLI gives it to the app: called in the app's worker, after the first frame."""

    def open_store() -> Store:
        from mentor_tui.models.db import Store

        return Store.open_home(home)

    return open_store


def _watch_start(times: dict[str, float]) -> None:
    """Note the process's age at the first frame (the first area screen painted while the
    Store is still opening) and when the Journal first shows rows."""
    from mentor_tui.screens.base import AreaScreen
    from mentor_tui.screens.journal import JournalScreen

    mounted = AreaScreen.on_mount

    def on_mount(screen: AreaScreen) -> None:
        mounted(screen)
        if not screen.app.ready and "first_frame" not in times:
            screen.call_after_refresh(lambda: times.setdefault("first_frame", process_age()))

    shown = JournalScreen.show

    def show(screen: JournalScreen, data: object) -> None:
        shown(screen, data)  # type: ignore[arg-type]
        if screen.hits:
            times.setdefault("journal_rows", process_age())
        times["last_show"] = time.perf_counter()  # rows or none: the answer is in

    AreaScreen.on_mount = on_mount  # type: ignore[method-assign,assignment]
    JournalScreen.show = show  # type: ignore[method-assign,assignment]


async def _until(pilot: object, times: dict[str, float], key: str, limit: float = 120) -> None:
    """Wait for a figure without loading the app: the figure is stamped where it happens
    (in show), so this only yields. (Pilot.pause here, 500 times a second, waited on a
    screen refresh each time and took the UI thread from the app's own work.)"""
    import asyncio

    began = time.perf_counter()
    while key not in times:
        if time.perf_counter() - began > limit:
            raise SystemExit(f"gave up waiting for {key}")
        await asyncio.sleep(0.005)


def _watch_journal_painted(app: object, times: dict[str, float]) -> None:
    """Note the process's age when the app first sends the terminal a frame of the Journal
    with rows: the Journal built ahead holds rows read at idle, so its `show` is no mark
    of `j`. (App._display is private; Textual is pinned <8.3.)"""
    from mentor_tui.app import MentorApp
    from mentor_tui.screens.journal import JournalScreen

    assert isinstance(app, MentorApp)
    display = app._display

    def watched(screen: object, renderable: object) -> None:
        display(screen, renderable)  # type: ignore[arg-type]
        if renderable is not None and isinstance(screen, JournalScreen) and screen.hits:
            times.setdefault("journal_painted", process_age())

    app._display = watched  # type: ignore[method-assign]


def bench_app(home: Path) -> None:
    """`mentor`: start on the Dashboard (the Store opened in the app's worker, as the CLI
    does), until its data is shown; then j, until the Journal is painted with rows; then search
    as you type, one key at a time, each key until its rows are in the table (Pilot,
    headless, 120x40)."""
    import asyncio

    times: dict[str, float] = {}

    async def run() -> None:
        from mentor_tui.app import MentorApp

        _watch_start(times)
        from mentor_tui.screens.dashboard import DashboardScreen

        dashboard_show = DashboardScreen.show

        def show(screen: DashboardScreen, data: object) -> None:
            dashboard_show(screen, data)  # type: ignore[arg-type]
            times.setdefault("dashboard", process_age())

        DashboardScreen.show = show  # type: ignore[method-assign,assignment]
        app = MentorApp(open_store=_open_store(home), home=home)
        async with app.run_test(size=(120, 40)) as pilot:
            await _until(pilot, times, "dashboard")
            await app.workers.wait_for_complete()
            await pilot.pause()
            _watch_journal_painted(app, times)
            pressed = process_age()
            await pilot.press("j")
            await _until(pilot, times, "journal_painted")
            times["then_journal"] = times["journal_painted"] - pressed
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("slash")
            keys: list[float] = []
            for key in SEARCH_WORD:
                start = time.perf_counter()
                times.pop("last_show", None)
                await pilot.press(key)
                await _until(pilot, times, "last_show")
                keys.append(times["last_show"] - start)
                await app.workers.wait_for_complete()
                await pilot.pause()
        emit(
            {
                "dashboard": times["dashboard"],
                "then_journal": times["then_journal"],
                "keys": keys,
                "peak_mb": own_peak_rss_mb(),
            }
        )

    asyncio.run(run())


def bench_app_direct(home: Path) -> None:
    """`mentor --open journal`: start straight on the Journal; the first frame (its empty
    panels, drawn while the Store opens) and the data shown (its first rows)."""
    import asyncio

    times: dict[str, float] = {}

    async def run() -> None:
        from mentor_tui.app import MentorApp

        _watch_start(times)
        app = MentorApp(open_store=_open_store(home), home=home, start_in="journal")
        async with app.run_test(size=(120, 40)) as pilot:
            await _until(pilot, times, "journal_rows")
        emit(
            {
                "first_frame": times.get("first_frame", float("nan")),
                "data_shown": times["journal_rows"],
                "peak_mb": own_peak_rss_mb(),
            }
        )

    asyncio.run(run())


# The figures of issue 13's table: (key, label, target, unit). Seconds are shown as s or
# ms as the unit says; memory in MB.
MARK = "FIGURES "


def run_part(name: str, *args: str) -> dict[str, float | list[float]]:
    """Run one part in a fresh interpreter, so its memory and start-up are its own; its
    human lines pass through, its figures come back."""
    done = subprocess.run(
        [sys.executable, __file__, "--part", name, *args],
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, float | list[float]] = {}
    for text in done.stdout.splitlines():
        if text.startswith(MARK):
            figures.update(json.loads(text[len(MARK) :]))
        else:
            print(text, flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=5_000)
    parser.add_argument("--keep", metavar="DIR", help="build the data in DIR and keep it")
    parser.add_argument(
        "--pairs",
        type=int,
        default=10,
        metavar="N",
        help="also build a home of N pairs sharing the entries, for `journal add` (0: skip)",
    )
    parser.add_argument(
        "--only-pairs", action="store_true", help="build and time only the home of N pairs"
    )
    parser.add_argument(
        "--runs", type=int, default=5, metavar="N", help="runs of each figure (default 5)"
    )
    parser.add_argument(
        "--jrnl-runs", type=int, default=3, metavar="N", help="runs of each jrnl figure"
    )
    parser.add_argument("--part", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        name, home, *rest = args.part
        {
            "cli": lambda: bench_cli(Path(home), int(rest[0])),
            "cli-pairs": lambda: bench_cli_pairs(Path(home)),
            "search": lambda: bench_in_process(Path(home), rest[0]),
            "app": lambda: bench_app(Path(home)),
            "app-direct": lambda: bench_app_direct(Path(home)),
        }[name]()
        return
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print(
            "note: PYTHONDONTWRITEBYTECODE is set, so every process compiles mentor_tui from "
            "source (about 40 ms more than an installed copy); unset it for a user's figure",
            flush=True,
        )
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="mentor-bench-"))
    try:
        if args.pairs > 1:
            many = work / "home-pairs"
            began = time.perf_counter()
            make_database(many, args.entries, 0, pairs=args.pairs)
            print(
                f"{args.entries:,} journal entries among {args.pairs} pairs written in "
                f"{time.perf_counter() - began:.1f} s",
                flush=True,
            )
            print(f"Whole processes, {args.pairs} pairs (a current one set):", flush=True)
            run_part("cli-pairs", str(many))
            if args.only_pairs:
                return
        home = work / "home"
        began = time.perf_counter()
        made = make_database(home, args.entries, args.sessions)
        print(
            f"{args.entries:,} journal entries and {args.sessions:,} sessions written in "
            f"{time.perf_counter() - began:.1f} s ({made['path']})",
            flush=True,
        )
        print("Whole processes:", flush=True)
        runs: dict[str, list[float]] = {}
        for key, values in run_part("cli", str(home), str(args.runs)).items():
            runs[key] = list(values) if isinstance(values, list) else [values]
        print("In process (a fresh interpreter):", flush=True)
        run_part("search", str(home), str(made["pair"]))
        print(f"The app (Pilot, headless 120x40, a fresh interpreter each, {args.runs} runs)")
        for _ in range(args.runs):
            direct = run_part("app-direct", str(home))
            app = run_part("app", str(home))
            keys = cast("list[float]", app["keys"])
            for key, value in (
                ("first_frame", direct["first_frame"]),
                ("data_shown", direct["data_shown"]),
                ("dashboard", app["dashboard"]),
                ("then_journal", app["then_journal"]),
                ("key_median", statistics.median(keys)),
                ("key_max", max(keys)),
                ("peak_mb", max(cast(float, direct["peak_mb"]), cast(float, app["peak_mb"]))),
            ):
                runs.setdefault(key, []).append(cast(float, value))
        print("jrnl, same entries:", flush=True)
        jrnl = bench_jrnl(made["texts"], work, args.jrnl_runs)  # type: ignore[arg-type]
        print_table(runs, jrnl)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
