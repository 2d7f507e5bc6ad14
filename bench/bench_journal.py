"""Journal and sessions at scale: 100,000 journal entries and 5,000 sessions.

    .venv/bin/python bench/bench_journal.py [--entries 100000] [--sessions 5000] [--keep DIR]
        [--pairs 10] [--only-pairs]

Prints each figure next to its target; asserts nothing. Where `jrnl` is on PATH (or
JRNL=/path/to/jrnl), it prints jrnl's figure for the same work on the same entries.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
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


def timed_runs(command: list[str], env: dict[str, str], runs: int = 5) -> tuple[float, float]:
    """(median, best) wall seconds of a whole process; the output must be a success."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - began)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return statistics.median(times), min(times)


def child_peak_rss_mb() -> float:
    """Largest child's peak; meaningful because this runs in a small process of its own."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def own_peak_rss_mb() -> float:
    """VmHWM: this process's own peak (ru_maxrss would carry the parent's across exec)."""
    for text in Path("/proc/self/status").read_text().splitlines():
        if text.startswith("VmHWM:"):
            return int(text.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_age() -> float:
    """Seconds since this process started (from /proc), to time start-up as a user sees it."""
    ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - ticks / os.sysconf("SC_CLK_TCK")


def line(label: str, value: str, target: str) -> None:
    print(f"  {label:<52} {value:>14}   (target {target})" if target else f"  {label}", flush=True)


def bench_cli(home: Path) -> None:
    env = {**os.environ, "MENTOR_TUI_HOME": str(home)}
    mentor = [str(ROOT / ".venv" / "bin" / "mentor")]
    if not Path(mentor[0]).exists():
        mentor = [sys.executable, "-m", "mentor_tui"]
    median, best = timed_runs([*mentor, "journal", "add", "Bench thought @bench"], env)
    line(
        "mentor journal add (whole process, median/best)", f"{median:.3f}/{best:.3f} s", "<= 0.5 s"
    )
    median, best = timed_runs(
        [*mentor, "journal", "list", "--search", SEARCH_WORD, "-n", "20"], env
    )
    line(
        f"mentor journal list --search {SEARCH_WORD} -n 20",
        f"{median:.3f}/{best:.3f} s",
        "<= 0.5 s",
    )
    median, best = timed_runs([*mentor, "journal", "list", "-n", "20"], env)
    line("mentor journal list -n 20", f"{median:.3f}/{best:.3f} s", "<= 0.5 s")
    line("peak RSS of those processes", f"{child_peak_rss_mb():.0f} MB", "<= 150 MB")


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


def bench_app(home: Path) -> None:
    """The app as a person meets it: start to the Journal screen's first paint, then search
    as you type, one keystroke at a time (Pilot, headless, 120x40)."""
    import asyncio

    began = process_age()  # includes the interpreter's own start

    async def run() -> None:
        from mentor_tui.app import MentorApp
        from mentor_tui.models.db import Store
        from mentor_tui.widgets.record_table import RecordTable

        imported = process_age()
        app = MentorApp(store=Store.open_home(home), home=home)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            dashboard = process_age()
            await pilot.press("j")
            while (
                type(app.screen).__name__ != "JournalScreen"
                or app.screen.query_one(RecordTable).row_count < 2
            ):
                await app.workers.wait_for_complete()
                await pilot.pause(0.005)
            await pilot.pause()
            painted = process_age()
            line("app start to first paint of the Journal screen", f"{painted:.2f} s", "<= 1.5 s")
            line(
                f"  = start+imports {imported:.2f} + Dashboard {dashboard - imported:.2f}"
                f" + Journal {painted - dashboard:.2f}",
                "",
                "",
            )
            await pilot.press("slash")
            # When the results are in the table: JournalScreen.show returning.
            shown: list[float] = []
            screen = app.screen
            original = screen.show

            def timed_show(data: object) -> None:
                original(data)
                shown.append(time.perf_counter())

            screen.show = timed_show  # type: ignore[method-assign]
            to_table, to_idle, baseline = [], [], []
            for _ in range(3):  # Pilot's own cost of a key that does nothing
                start = time.perf_counter()
                await pilot.press("f12")
                await pilot.pause()
                baseline.append(time.perf_counter() - start)
            for key in SEARCH_WORD:
                start = time.perf_counter()
                await pilot.press(key)
                await app.workers.wait_for_complete()
                await pilot.pause()
                to_idle.append(time.perf_counter() - start)
                to_table.append((shown[-1] if shown else time.perf_counter()) - start)
            line(
                "search as you type: keystroke to results in the table",
                f"{statistics.median(to_table) * 1000:.0f}/{max(to_table) * 1000:.0f} ms",
                "<= 50 ms",
            )
            line(
                "  keystroke to the next idle frame (median/max)",
                f"{statistics.median(to_idle) * 1000:.0f}/{max(to_idle) * 1000:.0f} ms",
                "incl. render",
            )
            line(
                "  of which Pilot's cost for a key that does nothing",
                f"{statistics.median(baseline) * 1000:.0f} ms",
                "baseline",
            )
            table = app.screen.query_one(RecordTable)
            line(f"  rows on screen after typing {SEARCH_WORD!r}", str(table.row_count), "a page")
        line("peak RSS of the app process", f"{own_peak_rss_mb():.0f} MB", "<= 150 MB")

    del began
    asyncio.run(run())


def bench_app_direct(home: Path) -> None:
    """`mentor --open journal`: start straight on the Journal, to its first paint."""
    import asyncio

    async def run() -> None:
        from mentor_tui.app import MentorApp
        from mentor_tui.models.db import Store
        from mentor_tui.widgets.record_table import RecordTable

        app = MentorApp(store=Store.open_home(home), home=home, start_in="journal")
        async with app.run_test(size=(120, 40)) as pilot:
            while (
                type(app.screen).__name__ != "JournalScreen"
                or app.screen.query_one(RecordTable).row_count < 2
            ):
                await app.workers.wait_for_complete()
                await pilot.pause(0.005)
            await pilot.pause()
            line(
                "app start straight to the Journal's first paint (mentor --open journal)",
                f"{process_age():.2f} s",
                "<= 1.5 s",
            )

    asyncio.run(run())


def bench_jrnl(texts: list[tuple[str, str, str, str]], work: Path) -> None:
    jrnl = os.environ.get("JRNL") or shutil.which("jrnl")
    if not jrnl:
        print("  jrnl: not installed (set JRNL=/path/to/jrnl to compare)")
        return
    (work / "jrnl-config" / "jrnl").mkdir(parents=True)
    journal = work / "journal.txt"
    with journal.open("w", encoding="utf-8") as out:
        for at, title, body, tags in texts:
            moment = datetime.strptime(at, FMT)
            out.write(
                f"[{moment:%Y-%m-%d %H:%M}] {title}\n{body}"
                + "".join(f" @{t}" for t in tags.split())
                + "\n\n"
            )
    (work / "jrnl-config" / "jrnl" / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\ndefault_hour: 9\n"
        "default_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        f"indent_character: '|'\njournals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
        "version: v4.2\n",
        encoding="utf-8",
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(work / "jrnl-config")}
    median, best = timed_runs([jrnl, "Bench thought @bench"], env, runs=1)
    line("jrnl: add an entry (whole process)", f"{median:.3f}/{best:.3f} s", "for comparison")
    median, best = timed_runs([jrnl, "-contains", SEARCH_WORD, "-n", "20"], env, runs=1)
    line(f"jrnl -contains {SEARCH_WORD} -n 20", f"{median:.3f}/{best:.3f} s", "for comparison")


def part(name: str, *args: str) -> None:
    """Run one part in a fresh interpreter, so its memory and start-up are its own."""
    subprocess.run([sys.executable, __file__, "--part", name, *args], check=True)


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
    parser.add_argument("--part", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        name, home, *rest = args.part
        {
            "cli": lambda: bench_cli(Path(home)),
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
            part("cli-pairs", str(many))
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
        part("cli", str(home))
        print("In process (a fresh interpreter):", flush=True)
        part("search", str(home), str(made["pair"]))
        print("The app (Pilot, a fresh interpreter):", flush=True)
        part("app", str(home))
        part("app-direct", str(home))
        print("jrnl, same entries:", flush=True)
        bench_jrnl(made["texts"], work)  # type: ignore[arg-type]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
