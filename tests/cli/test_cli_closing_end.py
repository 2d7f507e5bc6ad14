"""`mentor pair show` says when the planned end is near (nothing closes on its own), and
`mentor pair review` prints both final reviews once the partner's has arrived."""

from __future__ import annotations

from datetime import date

from mentor_tui.models.enums import PairStatus
from mentor_tui.services.pairs import get_pair, update_charter
from tests.cli.helpers import mentor
from tests.ui.closing_story import HOSTILE, closed_pair


def test_pair_show_says_the_planned_end_is_near(home, store, pair):
    far = mentor("pair", "show", home=home)
    assert far.returncode == 0, far.stderr
    assert "planned end" not in far.stdout
    update_charter(store, pair.id, planned_end_on=date(2026, 11, 21))
    near = mentor("pair", "show", home=home)
    assert near.returncode == 0, near.stderr
    assert (
        "  The planned end is in 5 days (Sat 21 Nov): time for the final review "
        "(mentor pair close).\n"
    ) in near.stdout
    assert get_pair(store, pair.id).pair.status == PairStatus.ACTIVE  # nothing closed


def test_pair_review_prints_both_reviews(home, store, pair):
    closed_pair(store, pair)
    shown = mentor("pair", "review", home=home)
    assert shown.returncode == 0, shown.stderr
    assert "## you" in shown.stdout and "## Ada Lovelace" in shown.stdout
    assert "The parser shipped; the design review did not happen yet." in shown.stdout
    assert "Parser: yes. Design review: not yet." in shown.stdout
    assert "(no final review yet)" not in shown.stdout
    assert "\x1b" not in shown.stdout and "[bold]kept literally[/bold]" in shown.stdout
    assert HOSTILE not in shown.stdout  # the escape code made visible, not sent
