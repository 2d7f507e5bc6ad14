"""The config file: preferences only, private, and not rewritten when nothing changed."""

from __future__ import annotations

import os
import stat

import pytest

from mentor_tui.config import load_config, read_config, update_config
from mentor_tui.errors import ConfigError
from mentor_tui.paths import config_path


def test_config_round_trips_privately_and_is_left_alone_when_unchanged(home):
    update_config(home, last_pair_id="p-1", note='Ada "quoted" 漢')
    path = config_path(home)
    assert load_config(home) == {"last_pair_id": "p-1", "note": 'Ada "quoted" 漢'}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    os.utime(path, ns=(0, 0))
    update_config(home, last_pair_id="p-1")
    assert os.stat(path).st_mtime_ns == 0, "an unchanged setting must not rewrite the file"
    update_config(home, last_pair_id="p-2")
    assert load_config(home)["last_pair_id"] == "p-2"


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"last_pair_id = \xff\xfe not text\n", "not UTF-8 text"),
        (b"last_pair_id = \n", "Invalid value"),
    ],
)
def test_a_damaged_config_is_one_line_to_a_writer_and_empty_to_a_reader(home, content, why):
    path = config_path(home)
    home.mkdir(parents=True)
    path.write_bytes(content)
    warnings: list[str] = []
    assert load_config(home, warn=warnings.append) == {}
    assert len(warnings) == 1 and why in warnings[0] and "\n" not in warnings[0]
    with pytest.raises(ConfigError) as caught:
        read_config(home)
    message = str(caught.value)
    assert message.startswith(f"{path} is damaged") and why in message and "\n" not in message
    with pytest.raises(ConfigError):
        update_config(home, last_pair_id="p-1")
    assert path.read_bytes() == content, "a damaged config is never overwritten"


def test_the_reader_warns_on_stderr_by_default(home, capsys):
    home.mkdir(parents=True)
    config_path(home).write_bytes(b"\xff")
    assert load_config(home) == {}
    err = capsys.readouterr().err
    assert err.startswith("mentor: warning: ") and err.count("\n") == 1


def test_a_config_that_cannot_be_written_is_one_line(home):
    home.mkdir(parents=True)
    config_path(home).with_suffix(".tmp").mkdir()  # the temporary file cannot be made
    with pytest.raises(ConfigError, match=r"config\.toml cannot be written"):
        update_config(home, last_pair_id="p-1")
