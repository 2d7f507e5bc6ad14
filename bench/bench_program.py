"""A program at scale: the coordinator's roll-up of N pairs (2N members) in git and WebDAV.

    .venv/bin/python bench/bench_program.py [--pairs 1000] [--records 5] [--runs 3]
        [--only git|webdav] [--keep DIR]

Builds a shared place holding, per member, the participant file (enrolment, intake and
an answer) and the summary, per pair a proposal, pair.json and --records records per
member (so that "never downloads the records" shows: the clone's size and the files it
holds are printed), then
times: the first refresh from nothing, a refresh with nothing new, and a refresh after 10
summaries changed; medians of --runs. Prints each figure next to its target; asserts
nothing. wsgidav runs in a separate process on loopback (127.0.0.1), as a real server
(Nextcloud) never shares the coordinator's interpreter: only the coordinator's side runs
in this process, though the server's work still shares this machine's cores.

    .venv/bin/python bench/bench_program.py --profile [--pairs 200]

prints a cProfile of the coordinator's first WebDAV refresh (the client side) instead.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import dav_server  # noqa: E402  (bench/ runs as a script)

TARGETS = {"first": 20.0, "nothing new": 2.0, "10 changed": 3.0}
DAV_USER, DAV_PASSWORD = "coordinator", "bench-pw-not-secret"


def _memory_keyring() -> None:
    """Keys made here never reach the user's real keyring."""
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            self.kept: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.kept.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.kept[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.kept.pop((service, username), None)

    keyring.set_keyring(Memory())


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=600
    ).stdout


def summary_body(program_id: str, pair_id: str, member: str, role: str, held: int) -> dict:
    figures: dict[str, Any] = {
        "sessions_held": held, "sessions_due": 10, "cadence_kept": min(held, 10),
        "days_since_last_session": 5, "goals_agreed": 2, "goals_achieved": 1,
        "milestones_done": 3, "milestones_overdue": 0, "days_to_first_milestone": 20,
        "rating_average": 4.2, "ratings": 3, "actions_carried": 1, "closed": False,
        "closing_rating": 0, "sessions_by_month": {"2026-10": 2, "2026-11": 1},
    }  # fmt: skip
    return {
        "program_id": program_id, "pair_id": pair_id, "member_id": member, "role": role,
        "as_of": "2026-11-16", "figures": figures, "withdrawn": False,
    }  # fmt: skip


def build(
    tree: Path, state: Any, coordinator_key: Any, pairs: int, records: int, marks: bool = False
) -> list:
    """The program's files for `pairs` pairs; returns (pair id, member id, key, role).
    `marks`: each writer's change marker too, as the WebDAV client writes them."""
    from mentor_tui.program import layout, participants
    from mentor_tui.sync.keys import KeyPair

    pid = state.program_id
    members = []

    def put(path: str, data: bytes) -> None:
        target = tree / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    for number in range(pairs):
        pair_id = str(uuid.uuid4())
        people = []
        for role in ("mentor", "mentee"):
            person = str(uuid.uuid4())
            key = KeyPair(os.urandom(32), pid, person)
            people.append((person, key, role))
            enrol = {
                "program_id": pid, "person_id": person, "name": f"{role} {number}",
                "role_wanted": role, "key": key.public.to_json(), "withdrawn": False,
            }  # fmt: skip
            answers = {"role_wanted": role, "timezone": "UTC", "site": "Berlin"}
            intake = {"person_id": person, "withdrawn": False, "answers": answers}
            answer = {"program_id": pid, "pair_id": pair_id, "person_id": person,
                      "answer": "accept", "answered_on": "2026-10-01"}  # fmt: skip
            parts = participants.Parts(
                person,
                layout.wrap_part("enrol", enrol, key, None, layout.enrol_part(person)),
                layout.wrap_part("intake", intake, key, None, layout.intake_part(person)),
                {pair_id: layout.wrap_part(
                    "answer", answer, key, None, layout.answer_part(person, pair_id))},
            )  # fmt: skip
            put(layout.participant_path(person), participants.to_bytes(parts))
            path = layout.summary_path(pair_id, person)
            body = summary_body(pid, pair_id, person, role, 4)
            put(path, layout.wrap("summary", body, key, None, path))
            for _ in range(records):  # what the coordinator must never download
                put(
                    f"pairs/{pair_id}/{person}/records/{uuid.uuid4()}.json",
                    os.urandom(700).hex().encode(),
                )
            members.append((pair_id, person, key, role))
        (mentor, _, _), (mentee, _, _) = people
        match = {"program_id": pid, "pair_id": pair_id, "mentor_id": mentor, "mentee_id": mentee,
                 "cohort": "bench", "proposed_at": "2026-09-30", "previous_pair_id": "",
                 "names": {}, "zones": {}, "keys": {}}  # fmt: skip
        path = layout.match_path(pair_id)
        put(path, layout.wrap("match", match, coordinator_key, None, path))
        put(f"pairs/{pair_id}/pair.json", b'{"format":"mentor-tui-sync"}\n')
        for person, _, _ in people if marks else ():  # each member's client marks its writes
            put(layout.marker_path(person), layout.marker_bytes(None))
    if marks:
        put(layout.marker_path(state.person_id), layout.marker_bytes(None))
    return members


def change(tree: Path, state: Any, members: list, run: int, marks: bool = False) -> list[str]:
    from mentor_tui.program import layout

    changed = []
    for pair_id, person, key, role in members[:10]:
        path = layout.summary_path(pair_id, person)
        body = summary_body(state.program_id, pair_id, person, role, 100 + run * 11)
        (tree / path).write_bytes(layout.wrap("summary", body, key, None, path))
        if marks:  # after the file, as the client does
            marker = tree / layout.marker_path(person)
            marker.write_bytes(layout.marker_bytes(marker.read_bytes()))
        changed.append(path)
    return changed


def timed(work: Any) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def report(kind: str, figures: dict[str, list[float]]) -> None:
    for name, times in figures.items():
        median = statistics.median(times)
        target = TARGETS[name]
        verdict = "ok" if median <= target else "MISS"
        print(f"  {kind:<7} {name:<12} median {median:7.2f} s  (of {len(times)})  "
              f"target <= {target:.0f} s  {verdict}")  # fmt: skip


def coordinator(base: Path, kind: str, url: str) -> tuple[Path, Any, Any]:
    from mentor_tui.clock import SystemClock
    from mentor_tui.models.db import Store
    from mentor_tui.program.service import my_key, setup
    from mentor_tui.services.profile import set_up_profile

    home = base / f"coordinator-{kind}"
    store = Store.open_home(home, SystemClock())
    set_up_profile(store, "Bench Coordinator", "UTC")
    extra = {"user": DAV_USER, "password": DAV_PASSWORD} if kind == "webdav" else {}
    _code, state = setup(store, home, "Bench program", kind=kind, url=url, **extra)
    store.close()
    return home, state, my_key(state)


def bench_git(base: Path, pairs: int, records: int, runs: int) -> None:
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.state import program_dir

    bare = base / "program.git"
    git("init", "--quiet", "--bare", str(bare), cwd=base)
    git("config", "uploadpack.allowFilter", "true", cwd=bare)
    home, state, key = coordinator(base, "git", str(bare))
    work = base / "git-work"
    git("clone", "--quiet", str(bare), str(work), cwd=base)
    started = time.perf_counter()
    members = build(work, state, key, pairs, records)
    git("add", "-A", cwd=work)
    git("-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "bench", cwd=work)
    git("push", "--quiet", "origin", "HEAD", cwd=work)
    print(f"  git     built {pairs} pairs in {time.perf_counter() - started:.1f} s")
    figures: dict[str, list[float]] = {name: [] for name in TARGETS}
    for run in range(runs):
        for name in ("repo", "cache.json", "view.json"):
            target = program_dir(home, state.program_id) / name
            shutil.rmtree(target, ignore_errors=True) if name == "repo" else target.unlink(
                missing_ok=True
            )
        figures["first"].append(timed(lambda: refresh(home)))
        figures["nothing new"].append(timed(lambda: refresh(home)))
        git("pull", "--quiet", "--rebase", cwd=work)
        change(work, state, members, run)
        git("add", "-A", cwd=work)
        git("-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", f"run {run}", cwd=work)
        git("push", "--quiet", "origin", "HEAD", cwd=work)
        figures["10 changed"].append(timed(lambda: refresh(home)))
    view, problems = refresh(home)
    repo = program_dir(home, state.program_id) / "repo"
    files = sum(1 for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts)
    records_here = sum(1 for p in repo.rglob("records/*"))
    size = sum(p.stat().st_size for p in repo.rglob("*") if p.is_file()) / 1e6
    listed = git("rev-list", "--objects", "--all", "--missing=print", cwd=repo).splitlines()
    missing = sum(1 for entry in listed if entry.startswith("?"))
    print(f"  git     {missing} blobs never fetched (the records, pair.json)")
    print(f"  git     clone: {files} files checked out, {records_here} records, {size:.1f} MB; "
          f"view: {len(view.summaries)} summaries, {len(problems)} refusals")  # fmt: skip
    report("git", figures)
    bench_screen(home, view)


def bench_screen(home: Path, view: Any) -> None:
    """The Program screen on this view (Pilot, headless 120x40): each filter and sort key's
    work on the UI thread (filter, sort, the table updated in place, summary and chart)."""
    import asyncio

    from mentor_tui.app import MentorApp
    from mentor_tui.clock import SystemClock
    from mentor_tui.models.db import Store
    from mentor_tui.screens.program import ProgramScreen

    async def run() -> list[float]:
        app = MentorApp(open_store=lambda: Store.open_home(home, SystemClock()), home=home)
        times: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.ready:
                await pilot.pause(0.05)
            screen = ProgramScreen(view)
            app.push_screen(screen)
            while not screen.rows:
                await pilot.pause(0.05)
            keys = [screen.action_next_flag] * 4 + [screen.action_next_sort] * 3
            keys += [screen.action_next_site] * 2 + [screen.action_clear]
            for action in keys * 3:
                began = time.perf_counter()
                action()
                times.append(time.perf_counter() - began)
                await pilot.pause()
        return times

    times = asyncio.run(run())
    median, worst = statistics.median(times) * 1000, max(times) * 1000
    verdict = "ok" if median <= 50 else "MISS"
    print(f"  screen  filter/sort {len(view.summaries) // 2} pairs: median {median:.0f} ms, "
          f"max {worst:.0f} ms (of {len(times)} keys)  target <= 50 ms  {verdict}")  # fmt: skip


def start_dav(root: Path) -> tuple[subprocess.Popen[str], str]:
    """wsgidav in its own process (its own interpreter and GIL), and the shared folder's URL."""
    child, port = dav_server.start_dav(root, {DAV_USER: DAV_PASSWORD})
    return child, f"http://127.0.0.1:{port}/shared/"


def bench_webdav(base: Path, pairs: int, records: int, runs: int, profile: bool) -> None:
    from mentor_tui.program.refresh import refresh
    from mentor_tui.program.state import program_dir

    root = base / "dav"
    (root / "shared").mkdir(parents=True)
    child, url = start_dav(root)
    print(f"  webdav  wsgidav in its own process (pid {child.pid}) on 127.0.0.1")
    try:
        home, state, key = coordinator(base, "webdav", url)
        members = build(root / "shared", state, key, pairs, records, marks=True)
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(refresh, home)
            stats = pstats.Stats(profiler).sort_stats("cumulative")
            stats.print_stats(40)
            stats.sort_stats("tottime").print_stats(25)
            return
        figures: dict[str, list[float]] = {name: [] for name in TARGETS}
        for run in range(runs):
            for name in ("cache.json", "view.json"):
                (program_dir(home, state.program_id) / name).unlink(missing_ok=True)
            figures["first"].append(timed(lambda: refresh(home)))
            figures["nothing new"].append(timed(lambda: refresh(home)))
            time.sleep(1.1)  # wsgidav's ETag holds the mtime in whole seconds
            change(root / "shared", state, members, run, marks=True)
            figures["10 changed"].append(timed(lambda: refresh(home)))
        view, problems = refresh(home)
        held = program_dir(home, state.program_id)
        size = sum(p.stat().st_size for p in held.rglob("*") if p.is_file()) / 1e6
        print(f"  webdav  coordinator holds {size:.1f} MB; view: {len(view.summaries)} "
              f"summaries, {len(problems)} refusals")  # fmt: skip
        report("webdav", figures)
    finally:
        dav_server.stop_dav(child)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--records", type=int, default=5, help="records per member")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("git", "webdav"), default=None)
    parser.add_argument("--keep", type=Path, default=None, help="build here and keep it")
    parser.add_argument("--profile", action="store_true", help="cProfile one first WebDAV refresh")
    args = parser.parse_args()
    _memory_keyring()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-program-"))
    base.mkdir(parents=True, exist_ok=True)
    os.environ["MENTOR_TUI_HOME"] = str(base / "unused-home")
    print(f"Program roll-up, {args.pairs} pairs ({2 * args.pairs} members), "
          f"{args.records} records per member, medians of {args.runs}:")  # fmt: skip
    try:
        if args.only in (None, "git") and not args.profile:
            bench_git(base, args.pairs, args.records, args.runs)
        if args.only in (None, "webdav") or args.profile:
            bench_webdav(base, args.pairs, args.records, args.runs, args.profile)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
