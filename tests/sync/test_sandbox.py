"""The working-copy sandbox on its own (sync/sandbox.py): links are never followed,
only regular files are read, reads are capped, writes stay where they belong."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mentor_tui.sync import sandbox
from mentor_tui.sync.sandbox import Unsafe


@pytest.fixture
def root(tmp_path: Path) -> Path:
    work = tmp_path / "repo"
    (work / "pairs" / "p" / "me" / "records").mkdir(parents=True)
    (work / "pairs" / "p" / "me" / "records" / "a.json").write_bytes(b"{}")
    return work


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.json").write_bytes(b"SECRET")
    return folder


def test_a_regular_file_is_read_and_a_missing_one_is_none(root):
    assert sandbox.read_regular(root, "pairs/p/me/records/a.json", 10) == b"{}"
    assert sandbox.read_regular(root, "pairs/p/me/records/b.json", 10) is None
    assert sandbox.read_regular(root, "pairs/q/me/records/b.json", 10) is None


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/passwd", "secret"])
def test_a_file_that_is_a_link_is_not_followed(root, outside, target):
    link = root / "pairs" / "p" / "me" / "records" / "b.json"
    os.symlink(outside / "secret.json" if target == "secret" else target, link)
    with pytest.raises(Unsafe, match="is a link"):
        sandbox.read_regular(root, "pairs/p/me/records/b.json", 1000)
    assert not sandbox.same_content(root, "pairs/p/me/records/b.json", b"SECRET")


def test_a_folder_that_is_a_link_is_not_entered(root, outside):
    records = root / "pairs" / "p" / "me" / "records"
    os.rename(records, root / "gone")
    os.symlink(outside, records)
    with pytest.raises(Unsafe, match="where a folder belongs"):
        sandbox.read_regular(root, "pairs/p/me/records/secret.json", 1000)
    with pytest.raises(Unsafe):
        sandbox.write_regular(root, "pairs/p/me/records/new.json", b"x")
    assert sorted(p.name for p in outside.iterdir()) == ["secret.json"]


def test_a_fifo_is_not_a_regular_file(root):
    os.mkfifo(root / "pairs" / "p" / "me" / "records" / "f.json")
    with pytest.raises(Unsafe, match="not a regular file"):
        sandbox.read_regular(root, "pairs/p/me/records/f.json", 1000)


def test_reads_are_capped(root):
    (root / "pairs" / "p" / "big.json").write_bytes(b"x" * 2000)
    with pytest.raises(Unsafe, match="larger than"):
        sandbox.read_regular(root, "pairs/p/big.json", 1000)
    with pytest.raises(Unsafe, match="larger than"):
        sandbox.read_capped(iter([b"x" * 600, b"x" * 600]), "stream", 1000)
    assert sandbox.read_capped(iter([b"ab", b"c"]), "stream", 3) == b"abc"


def test_writes_make_folders_and_never_go_through_a_link(root, outside):
    sandbox.write_regular(root, "pairs/p/me/records/new/deeper.json", b"1")
    assert (root / "pairs/p/me/records/new/deeper.json").read_bytes() == b"1"
    os.symlink(outside / "secret.json", root / "pairs/p/me/records/c.json")
    with pytest.raises(Unsafe, match="not written"):
        sandbox.write_regular(root, "pairs/p/me/records/c.json", b"overwritten")
    assert (outside / "secret.json").read_bytes() == b"SECRET"


def test_my_folder_must_be_folders_and_repair_removes_only_the_link(root, outside):
    sandbox.check_own_folder(root, "pairs/p/me", repair=False)
    records = root / "pairs" / "p" / "me" / "records"
    os.rename(records, root / "gone")
    os.symlink(outside, records)
    with pytest.raises(Unsafe, match="--verify"):
        sandbox.check_own_folder(root, "pairs/p/me", repair=False)
    sandbox.check_own_folder(root, "pairs/p/me", repair=True)
    assert not records.exists() and (outside / "secret.json").exists()
    # Above my folder is shared: never repaired from here.
    os.rename(root / "pairs" / "p", root / "p-gone")
    os.symlink(outside, root / "pairs" / "p")
    with pytest.raises(Unsafe, match="nothing was written"):
        sandbox.check_own_folder(root, "pairs/p/me", repair=True)
    assert (root / "pairs" / "p").is_symlink()


@pytest.mark.parametrize(
    ("path", "ok"),
    [
        ("pairs/p/me/records/a.json", True),
        ("pairs/p/me/manifest.json", True),
        ("pairs/p/pair.json", True),
        ("pairs/p/other/records/a.json", False),
        ("pairs/p/me/../other/x", False),
        ("/etc/passwd", False),
        ("pairs/p/me", False),
    ],
)
def test_inside_keeps_writes_in_my_folder(path, ok):
    assert sandbox.inside(path, ("pairs/p/me/", "pairs/p/pair.json")) is ok


def test_the_record_limit_comes_from_the_settings(tmp_path):
    from mentor_tui.config import update_config

    assert sandbox.record_limit(tmp_path) == sandbox.RECORD_LIMIT
    update_config(tmp_path, sync_record_limit_mb=4)
    assert sandbox.record_limit(tmp_path) == 4 * sandbox.MB
