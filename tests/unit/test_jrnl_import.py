"""The jrnl importer, on journals written by jrnl v4.6 itself (tests/fixtures/jrnl)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentor_tui.errors import InvalidInput
from mentor_tui.services.journal import list_journal, search_journal
from mentor_tui.services.jrnl_import import (
    import_jrnl,
    parse_jrnl,
    parse_jrnl_json,
    parse_jrnl_text,
)

SAMPLES = Path(__file__).parent.parent / "fixtures" / "jrnl"


def test_plain_text_journal():
    entries = parse_jrnl_text((SAMPLES / "journal.txt").read_text(encoding="utf-8"))
    assert [e.when for e in entries][:2] == [
        datetime(2024, 1, 5, 9, 12),
        datetime(2024, 1, 6, 18, 40),
    ]
    first = entries[0]
    assert first.title == "Paired with Ada on the flaky test."
    assert first.body == "We found a race in the fixture teardown @testing @pairing"
    assert first.tags == ("testing", "pairing")
    starred = entries[2]
    assert starred.title == "Gave my first design review" and starred.starred
    assert starred.tags == ("starred",)
    assert entries[3].tags == ("career", "ask-mentor")
    assert entries[4].tags == ("release",)  # jrnl's # tag symbol; the mail address is not a tag
    last = entries[5]
    assert last.title == "Multi-line entry written at night."
    assert last.body == "First paragraph of the body.\n\n- a list item @notes\n- another item"


def test_twelve_hour_time_format():
    entries = parse_jrnl_text((SAMPLES / "journal_12h.txt").read_text(encoding="utf-8"))
    assert [e.when for e in entries] == [datetime(2023, 12, 31, 23, 45), datetime(2024, 1, 1, 9, 5)]
    assert entries[1].title == "New year, new goal: give a talk at the meetup @goals"


def test_json_export_reads_the_same_as_the_journal():
    import json

    from_json = parse_jrnl_json(json.loads((SAMPLES / "export.json").read_text("utf-8")))
    from_text = parse_jrnl_text((SAMPLES / "journal.txt").read_text(encoding="utf-8"))
    assert from_json == from_text


def test_import_keeps_dates_in_my_zone_and_tags_and_is_idempotent(store, me):
    result = import_jrnl(store, SAMPLES / "journal.txt")
    assert (result.added, result.skipped) == (6, 0)
    entries = list_journal(store, None, limit=10)
    assert entries[-1].written_at == datetime(2024, 1, 5, 14, 12, tzinfo=UTC)  # 09:12 New York
    assert not any(e.shared for e in entries)
    # 02:30 on 10 March 2024 never happened in New York (clocks went forward): kept anyway.
    assert entries[0].title == "Multi-line entry written at night."
    assert len(search_journal(store, "fixture teardown", None)) == 1
    assert len(list_journal(store, None, tag="ask-mentor")) == 1
    again = import_jrnl(store, SAMPLES / "export.json")
    assert (again.added, again.skipped) == (0, 6)


def test_import_in_another_zone(store, me):
    import_jrnl(store, SAMPLES / "journal_12h.txt", timezone="Europe/Berlin")
    entries = list_journal(store, None)
    assert entries[0].written_at == datetime(2024, 1, 1, 8, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    "text,message",
    [
        ("gAAAAABlk3encrypted", "decrypted first"),
        ('{"entries": [{"title": "x"}]}', "entry 1 cannot be read"),
        ('{"tags": {}}', "not a jrnl export"),
        ("{not json", "cannot be read"),
    ],
)
def test_what_cannot_be_read_is_one_line(text, message):
    with pytest.raises(InvalidInput, match=message):
        parse_jrnl(text)


def test_empty_journal_imports_nothing(store, me):
    assert import_jrnl(store, "").added == 0


def test_a_long_import_commits_in_batches_the_app_can_write_between(store, me, monkeypatch):
    """Each batch is its own write transaction: between two, another program (the open app)
    writes at once, even with no busy timeout at all. Importing twice still adds nothing."""
    from mentor_tui.models.db import Store
    from mentor_tui.services import jrnl_import
    from mentor_tui.services.journal import add_journal_entry

    monkeypatch.setattr(jrnl_import, "BATCH_SIZE", 2)
    app = Store(store.path, store.clock, busy_timeout_ms=0)
    writes = 0
    real_write = store.write

    def write(**kwargs):
        nonlocal writes
        if writes:  # between two batches: nobody holds the write lock
            add_journal_entry(app, f"the app writes between batches {writes}")
        writes += 1
        return real_write(**kwargs)

    monkeypatch.setattr(store, "write", write)
    text = (SAMPLES / "journal.txt").read_text(encoding="utf-8")
    count = len(parse_jrnl(text))
    duplicated = text + "\n" + text.split("\n[", 2)[0] + "\n"  # the first entry once more
    result = import_jrnl(store, duplicated)
    assert (result.added, result.skipped, writes) == (count, 1, -(-(count + 1) // 2))
    again = import_jrnl(store, text)
    assert (again.added, again.skipped) == (0, count)
    app.close()
