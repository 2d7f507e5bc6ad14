"""The bounds a stored value keeps, whoever typed it (services/bounds.py): checked on a
partner's record (sync) and on every row of `mentor import`."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mentor_tui.errors import InvalidInput
from mentor_tui.services import bounds


@pytest.mark.parametrize(
    ("table", "column", "value", "words"),
    [
        ("goal", "title", "t" * 500, ""),
        ("goal", "title", "t" * 501, "501 characters long"),
        ("journal_entry", "body", "b" * 1_000_000, ""),
        ("journal_entry", "body", "b" * 1_000_001, "1,000,001 characters long"),
        ("journal_entry", "body", "a \ud800 b", "lone surrogate"),
        ("person", "timezone", "Europe/Berlin", ""),
        ("person", "timezone", "Mars/Olympus_Mons", "time zone"),
        ("goal", "due_on", date(2027, 1, 29), ""),
        ("goal", "due_on", date(1, 1, 1), "outside 1900-2999"),
        ("goal", "approved_at", datetime(9999, 1, 1, tzinfo=UTC), "outside 1900-2999"),
        ("assessment", "score", 5, ""),
        ("assessment", "score", 0, "from 1 to 5"),
        ("check_in", "last_goal_rating", 6, "from 1 to 5"),
        ("goal", "position", 10**9, ""),
    ],
)
def test_problem(table, column, value, words):
    found = bounds.problem(table, column, value)
    assert (words in found) if words else found == ""


def test_check_row_names_the_row_and_the_column():
    with pytest.raises(InvalidInput, match=r"^goal abc: title is 501 characters long"):
        bounds.check_row("goal", {"title": "t" * 501}, "goal abc")
    bounds.check_row("goal", {"title": "fine", "position": 3}, "goal abc")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"title": "t" * 2_200_000}, "title is 2,200,000 characters long"),
        ({"body": "x \ud800"}, "lone surrogate"),
        ({"written_at": "0001-01-01T00:00:00Z"}, "outside 1900-2999"),
    ],
)
def test_import_keeps_the_same_bounds(tmp_path, clock, change, words):
    """`mentor import` refuses a row out of bounds in one line, and writes nothing."""
    from mentor_tui.models.db import Store
    from mentor_tui.services.exchange import export_data, import_data
    from mentor_tui.services.journal import add_journal_entry
    from mentor_tui.services.profile import set_up_profile

    store = Store.open_home(tmp_path / "home", clock)
    set_up_profile(store, "Ada Lovelace", "Europe/Berlin")
    add_journal_entry(store, "An entry")
    data = export_data(store)
    data["tables"]["journal_entry"][0].update(change, revision=99)
    before = export_data(store)
    with pytest.raises(InvalidInput, match=words) as caught:
        import_data(store, data)
    assert "\n" not in str(caught.value)
    assert export_data(store) == before
    store.close()
