"""The Sync screen and `mentor sync` say the same thing about a sync, from one place
(sync/wording.py): while an encrypted pair waits for the partner's key, that nothing went
out (never "Published 0 records"). One home made by the CLI in process, a bare git
repository; the screen driven by keys (Pilot) on the same home."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from textual.widgets import Static

from mentor_tui.clock import FrozenClock
from tests.cli.helpers import mentor
from tests.conftest import FROZEN_NOW
from tests.ui.conftest import settle


def ok(*args: str, home: Path) -> str:
    done = mentor(*args, home=home)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


@pytest.fixture
def grace(tmp_path: Path, bare_repo: Path) -> Path:
    """Grace's home: a pair with Ada, published encrypted before Ada ever joined."""
    home = tmp_path / "grace"
    ok("init", "--name", "Grace Hopper", "--timezone", "UTC", home=home)
    ok("pair", "new", "--with", "Ada Lovelace", "--purpose", "Grow", home=home)
    ok("sync", "setup", "git", str(bare_repo), "--encrypt", home=home)
    ok("goal", "new", "--title", "Learn Rust", home=home)
    return home


async def _screen(home: Path, *keys: str) -> dict[str, str]:
    """The Sync screen after these keys (r: sync, v: preview): what its status, progress
    line and preview say."""
    from mentor_tui.app import MentorApp
    from mentor_tui.models.db import Store
    from mentor_tui.screens.sync import SyncScreen

    store = Store.open_home(home, FrozenClock(FROZEN_NOW))
    try:
        app = MentorApp(store=store, home=home)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.push_screen(SyncScreen())
            await settle(pilot)
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            return {
                name: str(app.screen.query_one(f"#sync-{name}", Static).render())
                for name in ("status", "progress", "preview-text")
            }
    finally:
        store.close()


async def _screen_sync(home: Path) -> tuple[str, str]:
    """Sync on the Sync screen (r): what its progress line and its status say."""
    shown = await _screen(home, "r")
    return shown["progress"], shown["status"]


def _listing(preview: str) -> list[str]:
    """A preview's heading and its records, up to SUMMARY.md."""
    return preview.split("SUMMARY.md")[0].rstrip("\n").splitlines()


async def test_the_screen_says_what_the_cli_says_while_records_wait_for_the_key(grace):
    said, status = await _screen_sync(grace)
    assert "Published 0 records" not in said
    assert said.startswith("Published nothing yet: 4 records wait for Ada Lovelace's key")
    assert "nothing until Ada Lovelace's key is here" in status  # the status row agrees
    # The same sync (nothing new since: the quiet path) from the CLI, word for word.
    assert said.splitlines() == ok("sync", home=grace).splitlines()


async def test_the_screen_says_what_the_cli_says_after_a_plain_sync(tmp_path, bare_repo):
    home = tmp_path / "grace"
    ok("init", "--name", "Grace Hopper", "--timezone", "UTC", home=home)
    ok("pair", "new", "--with", "Ada Lovelace", "--purpose", "Grow", home=home)
    ok("sync", "setup", "git", str(bare_repo), home=home)
    ok("goal", "new", "--title", "Learn Rust", home=home)
    said, _status = await _screen_sync(home)
    assert said.splitlines() == [
        # The goal, its history row, SUMMARY.md and the manifest.
        "Published 4 records (4 files written, 0 withdrawn).",
        "Nothing new from Ada Lovelace.",
    ]
    assert ok("sync", home=home).splitlines() == [
        "Published 4 records (nothing changed).",
        "Nothing new from Ada Lovelace.",
    ]


async def test_the_screens_preview_says_what_the_cli_says(tmp_path, bare_repo, grace):
    """Waiting for the key: nothing goes out (it said "publishes 4 records"); after a clean
    round: nothing to send, as the status says (it said "publishes 4 records" too)."""
    shown = (await _screen(grace, "v"))["preview-text"]
    assert shown.startswith("Nothing goes out until Ada Lovelace's key is here")
    assert _listing(shown) == _listing(ok("sync", "preview", home=grace))
    assert "  goal           " in shown and "Learn Rust" in shown

    home, repo = tmp_path / "plain", tmp_path / "plain.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(repo)], check=True)
    ok("init", "--name", "Grace Hopper", "--timezone", "UTC", home=home)
    ok("pair", "new", "--with", "Ada Lovelace", "--purpose", "Grow", home=home)
    ok("sync", "setup", "git", str(repo), home=home)
    shown = await _screen(home, "v")
    assert "nothing to send" in shown["status"]
    heading, *rows = _listing(shown["preview-text"])
    assert heading == "Nothing to send: 2 records published, none changed since:"
    assert [row.split()[0] for row in rows] == ["pair", "person"]
    assert _listing(shown["preview-text"]) == _listing(ok("sync", "preview", home=home))
    # A shared entry published, then deleted and its withdrawal published: the next
    # preview withdraws nothing more (the screen counted every tombstone ever sent).
    entry = json.loads(ok("journal", "add", "Shared thought.", "--share", "--json", home=home))
    ok("sync", home=home)
    ok("delete", "journal", entry["id"], home=home)
    assert "withdraws 1:" in ok("sync", "preview", home=home).splitlines()[0]
    ok("sync", home=home)
    shown = await _screen(home, "v")
    heading = _listing(shown["preview-text"])[0]
    assert heading == "Nothing to send: 2 records published, none changed since:"
    assert _listing(shown["preview-text"]) == _listing(ok("sync", "preview", home=home))


@pytest.mark.parametrize("where", ["screen", "cli"])
async def test_the_partner_is_named_as_the_sync_just_took_them_in(where, tmp_path, grace):
    """Joined while Grace's records were sealed for a key Ada had not yet sent, Ada's home
    knows Grace only as "Your partner"; the sync that takes Grace's records in names her
    (both said "Took in 4 records from Your partner.")."""
    ada = tmp_path / "ada"
    ok("init", "--name", "Ada Lovelace", "--timezone", "UTC", home=ada)
    code = re.search(r"mentor1-\S+", ok("sync", "status", home=grace))
    assert code is not None
    assert "Nothing new from Your partner." in ok("sync", "join", code.group(0), home=ada)
    ok("sync", home=grace)  # Ada's key is there now: Grace's records go out, sealed
    if where == "screen":
        said, _status = await _screen_sync(ada)
    else:
        said = ok("sync", home=ada)
    assert "Took in 4 records from Grace Hopper." in said.splitlines()


async def test_with_no_pair_yet_the_screen_does_not_speak_of_this_pair(tmp_path):
    """r and v before any pair exists: there is no "this pair" that is not set up; what
    helps is the invite code (i)."""
    from mentor_tui.app import MentorApp
    from mentor_tui.models.db import Store
    from mentor_tui.screens.sync import SyncScreen

    home = tmp_path / "ada"
    ok("init", "--name", "Ada Lovelace", "--timezone", "UTC", home=home)
    store = Store.open_home(home, FrozenClock(FROZEN_NOW))
    try:
        app = MentorApp(store=store, home=home)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            if not isinstance(app.screen, SyncScreen):  # the new-pair form comes first
                await pilot.press("escape")
                await settle(pilot)
            app.push_screen(SyncScreen())
            await settle(pilot)
            for key in ("r", "v"):
                app._notifications.clear()
                await pilot.press(key)
                await settle(pilot)
                said = [str(n.message) for n in app._notifications]
                assert said == [
                    "No pair yet: press i to join your partner's with their invite code."
                ], key
    finally:
        store.close()


async def test_after_joining_on_the_screen_the_footer_offers_the_areas(tmp_path, bare_repo):
    """Joined from the Sync screen (i): the first pair exists, and the footer offers the
    keys that need one (it kept offering only p, ? and q until another key was pressed)."""
    from textual.widgets import Input, Select

    from mentor_tui.app import MentorApp
    from mentor_tui.models.db import Store
    from mentor_tui.screens.sync import SyncScreen

    grace = tmp_path / "grace"
    ok("init", "--name", "Grace Hopper", "--timezone", "UTC", home=grace)
    ok("pair", "new", "--with", "Ada Lovelace", "--purpose", "Grow", home=grace)
    code = re.search(r"mentor1-\S+", ok("sync", "setup", "git", str(bare_repo), home=grace))
    assert code is not None
    ada = tmp_path / "ada"
    ok("init", "--name", "Ada Lovelace", "--timezone", "UTC", home=ada)
    store = Store.open_home(ada, FrozenClock(FROZEN_NOW))
    try:
        app = MentorApp(store=store, home=ada)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            if not isinstance(app.screen, SyncScreen):  # the new-pair form comes first
                await pilot.press("escape")
                await settle(pilot)
            app.push_screen(SyncScreen())
            await settle(pilot)
            assert "Goals" not in app.export_screenshot()
            await pilot.press("i")
            await settle(pilot)
            app.screen.query_one("#how", Select).value = "join"
            app.screen.query_one("#where", Input).value = code.group(0)
            await pilot.click("#go")
            await settle(pilot)
            said = str(app.screen.query_one("#sync-progress", Static).render())
            assert "Took in 2 records from Grace Hopper." in said.splitlines()  # person, pair
            assert "Goals" in app.export_screenshot()  # g, in the footer
    finally:
        store.close()


@pytest.mark.parametrize("action", [[], ["preview"], ["rekey"]], ids=["sync", "preview", "rekey"])
def test_a_pair_not_set_up_names_commands_that_run(action, tmp_path):
    """What to run instead is a command that runs: `mentor sync setup` alone is refused
    (it needs KIND); `mentor sync setup git URL` is what the status names too."""
    home = tmp_path / "grace"
    ok("init", "--name", "Grace Hopper", "--timezone", "UTC", home=home)
    ok("pair", "new", "--with", "Ada Lovelace", "--purpose", "Grow", home=home)
    done = mentor("sync", *action, home=home)
    assert done.returncode == 1
    assert "run `mentor sync setup git URL` (or `mentor sync setup webdav" in done.stderr
    assert "`mentor sync setup git URL`" in ok("sync", "status", home=home)
    assert mentor("sync", "setup", home=home).returncode == 2  # argparse: KIND is required


async def test_the_screens_status_rows_are_the_clis(grace):
    """`mentor sync status` and the Sync screen show the same rows (sync/wording.py): the
    CLI said "yes (end to end)" and "(not seen yet)" where the screen said otherwise."""
    cli = ok("sync", "status", home=grace).splitlines()
    assert cli[0].startswith("Pair:            Grace Hopper → Ada Lovelace")
    status = (await _screen(grace))["status"]
    *rows, keys = status.splitlines()
    assert keys == "r sync now · v preview what would be published"
    # Column 17 on the CLI ("Name:" padded), 16 on the screen.
    shown = {line[:16].rstrip(): line[16:] for line in rows}
    said = {line[:17].rstrip().rstrip(":"): line[17:] for line in cli}
    assert shown == said and said["Invite code"].startswith("mentor1-")
    assert said["Encrypted"] == "yes, end to end"
    assert said["Partner's key"] == "not seen yet"
