"""The config file: preferences only, private, and not rewritten when nothing changed."""

from __future__ import annotations

import os
import stat

from mentor_tui.config import load_config, update_config
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
