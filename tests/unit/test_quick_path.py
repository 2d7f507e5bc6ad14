"""The CLI's quick path does without a few imports (issue 13): its stand-ins must answer
exactly as what they replace."""

from __future__ import annotations

import tomllib
import uuid

import pytest

from mentor_tui.config import _read_plain, read_config, save_config
from mentor_tui.models.enums import PairStatus
from mentor_tui.models.journal_quick import CLOSED, new_id


def test_new_ids_are_uuid4_text() -> None:
    ids = {new_id() for _ in range(200)}
    assert len(ids) == 200
    for made in ids:
        parsed = uuid.UUID(made)
        assert str(parsed) == made and parsed.version == 4
        assert parsed.variant == uuid.RFC_4122


def test_closed_is_the_pair_status() -> None:
    assert CLOSED == PairStatus.CLOSED


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        'last_pair_id = "0bffc55f-5bbf-408d-b23a-0c9d446113a3"\n',
        'a = true\nb = false\nc = 12\nd = -3\ne = 0\nname = "Ada Lovelace"\n',
        'x = "café ☃"\n',
        'a = "1"\na = "2"\n',  # a key twice: TOML refuses it
        'a = "x\\ny"\n',  # an escape
        'a = "t\tb"\n',  # a raw tab
        'a = "\x7f"\n',
        "# a comment\na = 1\n",
        "a = 007\n",
        "a=1\n",
        "a = 1 \n",
        "a = 1\r\n",
        "[table]\na = 1\n",
        'a = "unterminated\n',
        "a = +1\n",
    ],
)
def test_the_plain_reader_reads_as_toml_or_leaves_it_to_tomllib(text: str) -> None:
    plain = _read_plain(text)
    if plain is None:
        return  # tomllib reads it (or refuses it) as before
    assert plain == tomllib.loads(text)


def test_the_config_save_config_writes_reads_back_the_same(home) -> None:
    settings = {"last_pair_id": 'q"uote\\', "flag": True, "n": 5, "name": "Ada", "off": False}
    save_config(home, settings)
    assert read_config(home) == settings
    save_config(home, {"last_pair_id": "abc", "theme": "textual-dark"})
    assert _read_plain((home / "config.toml").read_text()) == read_config(home)
