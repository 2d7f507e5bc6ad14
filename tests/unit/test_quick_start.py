"""The app's quick start (services/start_up.read_quickly, models/start_sql.py): the preview
read on plain sqlite3 before the storage stack is imported gives what the services give."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from mentor_tui.clock import FrozenClock
from mentor_tui.models.db import Store
from mentor_tui.models.start_sql import read_pairs
from mentor_tui.paths import database_path
from mentor_tui.services.journal import add_journal_entry, journal_streak, search_journal
from mentor_tui.services.pairs import PairView, create_pair, list_pairs, update_charter
from mentor_tui.services.start_up import QuickStart, first_journal_page, read_quickly
from tests.conftest import FROZEN_NOW


def _pair_ids(start: QuickStart) -> tuple[str | None, str, str]:
    return start.pair_id, start.me.id, start.writer.id


def test_the_quick_start_chooses_the_pair_the_app_chooses(
    store: Store, home: Path, clock: FrozenClock, pair: PairView
) -> None:
    zoe = create_pair(store, partner_name="Zoë Émile", my_role="mentee")
    create_pair(store, partner_name="Éve Apple", my_role="mentor")
    update_charter(store, pair.id, status="paused")
    views = list_pairs(store)
    assert [view.pair.status for view in views][-1] == "paused"  # active ones first
    path = database_path(home)
    quick = read_quickly(path, None, clock, lambda s: [p.id for p in read_pairs(s.conn, s.me.id)])
    assert quick == [view.id for view in views]
    first = read_quickly(path, None, clock, _pair_ids)
    assert first == (views[0].id, views[0].me.id, views[0].mentee.id)
    # The pair the config remembers, while it is one of mine; else the first one.
    assert read_quickly(path, zoe.id, clock, _pair_ids) == (zoe.id, zoe.me.id, zoe.mentee.id)
    assert read_quickly(path, "gone", clock, _pair_ids) == first


def test_the_first_journal_page_is_search_journals(
    store: Store, home: Path, clock: FrozenClock, pair: PairView
) -> None:
    mine = create_pair(store, partner_name="Mentor Mo", my_role="mentee")  # my streak counts
    for day in range(12):
        for pair_id in (pair.id, mine.id, None):
            add_journal_entry(
                store,
                f"Day {day} for [b]{pair_id}[/b]. Body @tag{day % 3} with more words",
                pair_id=pair_id,
                written_at=FROZEN_NOW - timedelta(days=day, hours=pair_id is None),
            )
    for view in (pair, mine):
        full = search_journal(store, "", view.id, limit=8)
        quick = read_quickly(
            database_path(home), view.id, clock, lambda s: first_journal_page(s, 8)
        )
        assert quick is not None
        hits, streak = quick
        assert [(h.entry.id, h.title, h.snippet, h.cursor) for h in hits] == [
            (h.entry.id, h.title, h.snippet, h.cursor) for h in full
        ]
        assert [
            (h.entry.written_at, h.entry.title, h.entry.body, h.entry.tags, h.entry.shared)
            for h in hits
        ] == [
            (h.entry.written_at, h.entry.title, h.entry.body, h.entry.tags, h.entry.shared)
            for h in full
        ]
        assert streak == journal_streak(store, view.mentee.id, view.mentee.timezone)
    assert streak == 12  # mine (the mentee's in `mine`), so the comparison means something


def test_nothing_to_preview_leaves_it_to_the_store(store: Store, home: Path, clock) -> None:
    path = database_path(home)
    assert read_quickly(path, None, clock, _pair_ids) is None  # no profile yet
    assert read_quickly(home / "missing.db", None, clock, _pair_ids) is None
    assert not (home / "missing.db").exists()  # never created by a preview
    store.close()
    import sqlite3

    with sqlite3.connect(path) as conn:  # an older file: the Store migrates it first
        conn.execute("PRAGMA user_version = 1")
    assert read_quickly(path, None, clock, _pair_ids) is None


# pendulum too: the previews do their zone arithmetic with zoneinfo.
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "pendulum")

# One interpreter imports what the app's start imports, then forks a process per start
# screen named in argv[2:], one after the other: each probe begins from exactly those
# imports, as a process of its own would, without paying Python's start and Textual's
# import again. Each prints "PROBE <dict>" and its exit status tells whether it failed.
PROBE = """
import asyncio, gc, os, sys, threading, traceback
from pathlib import Path
from mentor_tui.app import MentorApp
from mentor_tui.screens.dashboard import DashboardScreen
from mentor_tui.screens.journal import JournalScreen

HOME = Path(sys.argv[1])
HEAVY = {HEAVY!r}
SYNC_STACK = {{"httpx", "cryptography"}}  # only the Sync screen and a sync need them
seen = {{}}

def heavy():
    return sorted({{name.split(".")[0] for name in sys.modules}} & set(HEAVY))

begin = MentorApp._begin_open
def begin_open(app):
    seen["first_frame"] = heavy()  # the frame is painted; the worker starts now
    begin(app)
MentorApp._begin_open = begin_open

quick = JournalScreen.quick_load
def quick_load(screen, start):
    page = quick(screen, start)
    seen["preview"] = (heavy(), len(page.hits))
    return page
JournalScreen.quick_load = quick_load

dash = DashboardScreen.quick_load
def dash_quick_load(screen, start):
    data = dash(screen, start)
    seen["preview"] = (heavy(), len(data.dashboard.journal))
    return data
DashboardScreen.quick_load = dash_quick_load

def open_store():
    from mentor_tui.models.db import Store
    return Store.open_home(HOME)

async def main():
    app = MentorApp(open_store=open_store, home=HOME, start_in=START)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        seen["ready"] = app.ready
        seen["sync_stack"] = sorted({{n.split(".")[0] for n in sys.modules}} & SYNC_STACK)

gc.freeze()  # a probe's collections need not walk (and copy) what is loaded already
failed = 0
for START in sys.argv[2:]:
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            asyncio.run(main())
            print("PROBE", seen, flush=True)
            code = 0
        except BaseException:
            traceback.print_exc()
            code = 1
        sys.stderr.flush()
        os._exit(code)
    failed |= os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0
sys.exit(failed)
"""


def test_the_first_frame_and_the_first_screens_preview_need_no_storage_stack(
    store: Store, home: Path, pair: PairView
) -> None:
    add_journal_entry(store, "A first thought.", pair_id=pair.id)
    store.close()
    code = PROBE.format(HEAVY=HEAVY)

    done = subprocess.run(
        [sys.executable, "-c", code, str(home), "journal", "dashboard"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("PROBE ")]
    found = [dict(eval(line.removeprefix("PROBE "))) for line in lines]  # our probes' dicts
    assert len(found) == 2, done.stdout
    probes = dict(zip(("journal", "dashboard"), found, strict=True))

    def probe(start: str) -> dict[str, object]:
        return probes[start]

    assert probe("journal") == {
        "first_frame": [],
        "preview": ([], 1),
        "ready": True,
        "sync_stack": [],
    }
    # The Dashboard's preview (its panels, trend and sync times) needs neither; its data
    # needs no sync stack.
    assert probe("dashboard") == {
        "first_frame": [],
        "preview": ([], 1),
        "ready": True,
        "sync_stack": [],
    }


def _header(app) -> str:
    """The header's words as the terminal shows them: brand, pair caption, today."""
    from mentor_tui.widgets.pair_header import PairHeader

    parts = []
    for part in app.screen.query_one(PairHeader).query("Static"):
        for strip in part.render_lines(part.region.reset_offset):
            parts.extend(segment.text for segment in strip)
    return "".join(parts)


@pytest.mark.usefixtures("full_start")
async def test_the_header_names_the_pair_the_preview_shows(
    store: Store, home: Path, pair: PairView
) -> None:
    """While the Store opens, the Dashboard shows the quick path's preview of a pair: the
    header names that pair (not "opening…"), in the words it keeps once the Store is open."""
    import threading

    from textual.widgets import Static

    from mentor_tui.app import MentorApp
    from mentor_tui.screens.dashboard import DashboardScreen
    from tests.ui.conftest import settle

    create_pair(store, partner_name="Zoë Émile", my_role="mentee")
    update_charter(store, pair.id, status="paused")  # the caption says so
    add_journal_entry(store, "Seen before the Store.", pair_id=pair.id)
    add_journal_entry(store, "Zoë's page.", pair_id=list_pairs(store)[0].id)
    release = threading.Event()

    def slow_open() -> Store:
        release.wait(timeout=30)
        return Store.open_home(home, FrozenClock(FROZEN_NOW))

    def journal_panel(app: MentorApp) -> str:
        panel = app.screen.query_one("#journal", Static)
        return "".join(
            s.text for line in panel.render_lines(panel.region.reset_offset) for s in line
        )

    app = MentorApp(open_store=slow_open, home=home, clock=FrozenClock(FROZEN_NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, DashboardScreen)
        for _ in range(500):  # the preview is read in the worker before it opens the Store
            if "Zoë's page." in journal_panel(app):
                break
            await pilot.pause()
        assert not app.ready and "Zoë's page." in journal_panel(app)
        previewed = _header(app)
        assert "opening" not in previewed
        assert "Zoë Émile → Grace Hopper · you: mentee · 1/2" in previewed
        release.set()
        await settle(pilot)
        assert app.ready
        assert _header(app) == previewed  # nothing jumps as the Store opens
