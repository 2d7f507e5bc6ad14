"""The current pair chosen from the shell is the app's chosen pair: after `mentor pair use
Ada`, `mentor journal add "x"` shows up in Ada's Journal when the app opens."""

from __future__ import annotations

import json

from mentor_tui.screens.journal import JournalScreen
from tests.cli.helpers import mentor
from tests.ui.conftest import settle


async def test_an_entry_added_from_the_shell_shows_in_the_current_pairs_journal(
    make_app, store, home
):
    assert mentor("init", "--name", "Grace Hopper", "--timezone", "UTC").returncode == 0
    ids = {
        name: json.loads(mentor("pair", "new", "--with", name, "--json").stdout)["id"]
        for name in ("Ada", "Katherine", "Linus")
    }
    assert mentor("pair", "use", "Ada").returncode == 0
    added = mentor("journal", "add", "x", "--json")
    assert added.returncode == 0, added.stderr
    entry_id = json.loads(added.stdout)["id"]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.pair_id == ids["Ada"]
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert list(app.screen.query_one("#journal-table").rows) == [entry_id]
        await pilot.press("right_square_bracket")  # the next pair has no entries
        await settle(pilot)
        assert app.pair_id != ids["Ada"]
        assert entry_id not in app.screen.query_one("#journal-table").rows
