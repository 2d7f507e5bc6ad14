"""The draft store (services/drafts.py): one private file per form and record, written
atomically, read as hostile, bounded in size and number."""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mentor_tui.models.limits import TEXT_LIMIT
from mentor_tui.services import drafts
from mentor_tui.services.drafts import (
    DraftKey,
    discard_draft,
    draft_path,
    drafts_folder,
    load_draft,
    save_draft,
)

AT = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)
HOSTILE = '[bold]x[/bold] \x1b]0;pwned\x07 \u202egnp.exe é 🙂 \ud800 \\ " \n\ttab'


def test_a_draft_round_trips_exactly_and_privately(home: Path) -> None:
    key = DraftKey("journal", None, "pair-1")
    values = {"entry-body": HOSTILE, "entry-share": True, "entry-goal": None, "n": 3}
    path = save_draft(home, key, values, AT)
    assert path == draft_path(home, key) and path.parent == drafts_folder(home)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    draft = load_draft(home, key)
    assert draft is not None
    assert draft.values == values, "markup, escapes, a lone surrogate: kept as typed"
    assert draft.saved_at == AT
    assert [p.name for p in path.parent.iterdir()] == [path.name], "no temporary file left"


def test_every_form_and_record_has_its_own_draft(home: Path) -> None:
    keys = [
        DraftKey("journal", None, "p1"),
        DraftKey("journal", None, "p2"),
        DraftKey("journal", "entry-1", "p1"),
        DraftKey("session", "entry-1"),
        DraftKey("action-item", None, "p1", within="s1"),
        DraftKey("action-item", None, "p1", within="s2"),
        DraftKey("profile"),
    ]
    for index, key in enumerate(keys):
        save_draft(home, key, {"text": str(index)}, AT)
    for index, key in enumerate(keys):
        draft = load_draft(home, key)
        assert draft is not None and draft.values == {"text": str(index)}
    assert len(list(drafts_folder(home).iterdir())) == len(keys)
    # The goal editor's drafts keep the names they had before the kit kept them.
    assert DraftKey("goal", "g-1", "p1").file_name() == "goal-g-1.json"
    assert DraftKey("goal", None, "p1").file_name() == "goal-new-p1.json"


def test_a_key_cannot_name_a_file_outside_the_drafts_folder(home: Path) -> None:
    key = DraftKey("journal", "../../../etc/passwd", "/tmp/x")
    path = save_draft(home, key, {"text": "x"}, AT)
    assert path is not None and path.parent == drafts_folder(home)
    assert "/" not in key.file_name() and ".." not in key.file_name()
    assert load_draft(home, key) is not None


def test_discard_removes_it_and_a_missing_draft_is_none(home: Path) -> None:
    key = DraftKey("feedback", None, within="s1")
    assert load_draft(home, key) is None
    discard_draft(home, key)  # nothing there: nothing to say
    save_draft(home, key, {"observation": "good"}, AT)
    discard_draft(home, key)
    assert load_draft(home, key) is None
    assert not draft_path(home, key).exists()


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe", b""],
)
def test_a_damaged_draft_is_ignored(home: Path, content: bytes) -> None:
    key = DraftKey("journal", "e1")
    path = draft_path(home, key)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert load_draft(home, key) is None


def test_a_draft_that_is_a_link_or_a_fifo_is_never_read(home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps({"values": {"body": "not mine"}}))
    linked, piped = DraftKey("journal", "e1"), DraftKey("journal", "e2")
    draft_path(home, linked).parent.mkdir(parents=True)
    draft_path(home, linked).symlink_to(elsewhere)
    os.mkfifo(draft_path(home, piped))  # a read would wait for a writer forever
    assert load_draft(home, linked) is None
    assert load_draft(home, piped) is None


def test_a_foreign_draft_keeps_only_plain_named_values(home: Path) -> None:
    key = DraftKey("journal", "e1")
    path = draft_path(home, key)
    path.parent.mkdir(parents=True)
    document = {
        "saved_at": "yesterday",
        "values": {"title": "ok", "nested": {"a": 1}, "list": [1], "float": 1.5, "": "x"},
    }
    path.write_text(json.dumps(document))
    draft = load_draft(home, key)
    assert draft is not None
    assert draft.values == {"title": "ok"} and draft.saved_at is None


def test_the_goal_editors_first_drafts_still_load(home: Path) -> None:
    key = DraftKey("goal", None, "p1")
    path = draft_path(home, key)
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps({"title": "Talk", "due_on": "in 6 weeks", "saved_at": AT.isoformat()})
    )
    draft = load_draft(home, key)
    assert draft is not None
    assert draft.values == {"title": "Talk", "due_on": "in 6 weeks"} and draft.saved_at == AT


def test_a_write_no_longer_wanted_is_skipped(home: Path) -> None:
    key = DraftKey("journal", "e1")
    assert save_draft(home, key, {"t": "x"}, AT, still_wanted=lambda: False) is None
    assert load_draft(home, key) is None


def test_values_are_cut_at_what_a_field_can_hold(home: Path) -> None:
    key = DraftKey("journal", "e1")
    save_draft(home, key, {"body": "a" * (TEXT_LIMIT + 10)}, AT)
    draft = load_draft(home, key)
    assert draft is not None and draft.values["body"] == "a" * TEXT_LIMIT


def test_a_draft_too_large_is_neither_written_nor_read(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drafts, "MAX_DRAFT_BYTES", 1000)
    key = DraftKey("journal", "e1")
    assert save_draft(home, key, {"body": "a" * 2000}, AT) is None
    assert load_draft(home, key) is None
    path = draft_path(home, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"values": {"body": "a" * 2000}}))
    assert load_draft(home, key) is None


def test_the_oldest_drafts_go_beyond_the_bound(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drafts, "MAX_DRAFTS", 3)
    keys = [DraftKey("journal", f"e{index}") for index in range(5)]
    for index, key in enumerate(keys):
        path = save_draft(home, key, {"t": str(index)}, AT)
        assert path is not None
        stamp = (AT + timedelta(minutes=index)).timestamp()
        os.utime(path, (stamp, stamp))  # the files' ages, as the clock would make them
    kept = [key for key in keys if load_draft(home, key) is not None]
    assert kept == keys[2:], "the three newest stay"


def test_room_for_drafts_is_bounded_too(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drafts, "MAX_TOTAL_BYTES", 3000)
    keys = [DraftKey("journal", f"e{index}") for index in range(4)]
    for index, key in enumerate(keys):
        path = save_draft(home, key, {"t": "x" * 1000}, AT)
        assert path is not None
        stamp = (AT + timedelta(minutes=index)).timestamp()
        os.utime(path, (stamp, stamp))
    assert load_draft(home, keys[-1]) is not None, "the one just written always stays"
    total = sum(path.stat().st_size for path in drafts_folder(home).iterdir())
    assert total <= 3000


def test_writers_and_a_discard_from_threads_leave_no_stale_draft(home: Path) -> None:
    """A write that started before a discard either lands before it (and is removed) or
    sees it and skips: the discard always wins."""
    key = DraftKey("journal", "e1")
    wanted = threading.Event()
    wanted.set()
    threads = [
        threading.Thread(
            target=save_draft,
            args=(home, key, {"t": str(index)}, AT),
            kwargs={"still_wanted": wanted.is_set},
        )
        for index in range(20)
    ]
    for thread in threads[:10]:
        thread.start()
    wanted.clear()
    discard_draft(home, key)
    for thread in threads[10:]:
        thread.start()
    for thread in threads:
        thread.join()
    assert load_draft(home, key) is None
