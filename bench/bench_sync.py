"""Sync with 10,000 shared records: the first publish (WebDAV target <= 10 s), a sync with
no change (target <= 0.5 s, the median of three) and a change of one record (files
written), against a local bare git repository and a loopback
wsgidav server; then the partner's first pull (join). Prints each figure.

    .venv/bin/python bench/bench_sync.py [--records 10000] [--only git|webdav]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dav_server  # bench/ runs as a script: its folder is on the path
import keyring
from keyring.backend import KeyringBackend

from mentor_tui.models.db import Store

WRITES = ("PUT", "MKCOL", "DELETE", "MOVE", "COPY")


class _Memory(KeyringBackend):
    priority = 1  # type: ignore[assignment]
    secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def make_home(root: Path, records: int) -> tuple[Store, Any]:
    from mentor_tui.models.tables import Goal, JournalEntry, Milestone
    from mentor_tui.services.pairs import create_pair
    from mentor_tui.services.profile import set_up_profile

    store = Store.open_home(root / "mentor")
    me = set_up_profile(store, "Grace Hopper", "America/New_York")
    view = create_pair(store, partner_name="Ada Lovelace", partner_timezone="Europe/Berlin")
    goals, milestones = records // 10, records * 4 // 10
    entries = records - goals - milestones
    now = datetime.now(UTC)
    with store.write() as session:
        goal_ids = []
        for n in range(goals):
            goal = Goal(
                pair_id=view.id, title=f"Goal {n}", specific="Do the thing " * 5, position=n
            )
            session.add(goal)
            goal_ids.append(goal.id)
        session.flush()
        for n in range(milestones):
            session.add(
                Milestone(
                    pair_id=view.id, goal_id=goal_ids[n % goals], title=f"Milestone {n}", position=n
                )
            )
        for n in range(entries):
            session.add(
                JournalEntry(
                    pair_id=view.id,
                    author_id=me.id,
                    written_at=now,
                    title=f"Entry {n}",
                    body="Some reflection. " * 20,
                    shared=True,
                )
            )
    return store, view


def change_one(store: Store, view: Any) -> None:
    from sqlmodel import select

    from mentor_tui.models.tables import Goal

    with store.write() as session:
        goal = session.exec(select(Goal).where(Goal.pair_id == view.id)).first()
        assert goal is not None
        goal.title += " (changed)"
        session.add(goal)


def timed(label: str, action: Callable[[], Any], note: Callable[[Any], str] = lambda _: "") -> Any:
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    extra = note(result)
    print(f"  {label:<34} {elapsed:8.3f} s{('   ' + extra) if extra else ''}")
    return result


def median_of_three(label: str, action: Callable[[], Any], writes: Callable[[], str]) -> None:
    times, written = [], []
    for _ in range(3):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
        written.append(f"{result.written} ({writes()})")
    print(f"  {label:<34} {statistics.median(times):8.3f} s   median of 3; files written: ", end="")
    print(", ".join(written))


def bench(kind: str, records: int) -> None:
    from mentor_tui.services.profile import set_up_profile
    from mentor_tui.sync.join import join
    from mentor_tui.sync.service import setup_git, setup_webdav, sync

    with tempfile.TemporaryDirectory(prefix="mentor-bench-") as tmp:
        root = Path(tmp)
        store, view = make_home(root, records)
        home = root / "mentor"
        server, port = None, 0
        print(f"{kind}, {records} shared records:")
        if kind == "git":
            remote = root / "shared.git"
            subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
            code, _ = timed(
                "first publish (setup)", lambda: setup_git(store, home, view, str(remote))
            )
        else:
            (root / "dav" / "shared").mkdir(parents=True)
            server, port = dav_server.start_dav(root / "dav", {"grace": "pw-g", "ada": "pw-a"})
            print(f"  (wsgidav in its own process, pid {server.pid})")
            url = f"http://127.0.0.1:{port}/shared/"
            code, _ = timed(
                "first publish (setup)",
                lambda: setup_webdav(store, home, view, url, "grace", "pw-g"),
            )

        def writes() -> str:
            if kind == "git":
                n = subprocess.run(
                    ["git", "-C", str(root / "shared.git"), "rev-list", "--all", "--count"],
                    capture_output=True,
                    text=True,
                ).stdout.strip()
                return f"commits on the remote: {n}"
            found = {m: c for m, c in dav_server.counts(port).items() if m in WRITES}
            return f"write requests: {found or 'none'}"

        writes()
        median_of_three("sync, no change", lambda: sync(store, home, view.id), writes)
        change_one(store, view)
        timed(
            "sync, one record changed",
            lambda: sync(store, home, view.id),
            lambda r: f"files written: {r.written}; {writes()}",
        )
        partner = Store.open_home(root / "mentee")
        set_up_profile(partner, "Ada Lovelace", "Europe/Berlin")
        password = None if kind == "git" else "pw-a"
        timed(
            "partner's first pull (join)",
            lambda: join(partner, root / "mentee", code, user="ada", password=password),
            lambda r: f"records taken in: {r[1].received}; {writes()}",
        )
        median_of_three(
            "partner's sync, no change", lambda: sync(partner, root / "mentee", view.id), writes
        )
        if server is not None:
            dav_server.stop_dav(server)
        store.close()
        partner.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--only", choices=("git", "webdav"))
    args = parser.parse_args()
    keyring.set_keyring(_Memory())
    for kind in ("git", "webdav"):
        if args.only in (None, kind):
            bench(kind, args.records)


if __name__ == "__main__":
    main()
