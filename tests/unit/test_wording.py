"""Counts in words (mentor_tui.wording): singular and plural agree."""

import pytest

from mentor_tui.wording import plural, plural_of


@pytest.mark.parametrize(
    ("count", "word", "said"),
    [
        (0, "milestone", "0 milestones"),
        (1, "milestone", "1 milestone"),
        (2, "milestone", "2 milestones"),
        (1, "entry", "1 entry"),
        (6, "entry", "6 entries"),
        (1, "day", "1 day"),
        (3, "day", "3 days"),
        (2, "match", "2 matches"),
        (2, "open goal", "2 open goals"),
        (1, "past session", "1 past session"),
        (1200, "record", "1,200 records"),
        (-1, "day", "-1 days"),
    ],
)
def test_plural(count: int, word: str, said: str) -> None:
    assert plural(count, word) == said


def test_irregular_plurals_are_given() -> None:
    assert plural(1, "person", "people") == "1 person"
    assert plural(2, "person", "people") == "2 people"


def test_plural_of() -> None:
    assert [plural_of(w) for w in ("key", "box", "wish", "action item", "y")] == [
        "keys",
        "boxes",
        "wishes",
        "action items",
        "ys",
    ]


def test_the_helper_is_a_leaf() -> None:
    """Any layer may use it: it imports nothing of the package."""
    import ast
    from pathlib import Path

    import mentor_tui.wording as wording

    tree = ast.parse(Path(wording.__file__).read_text(encoding="utf-8"))
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)] + [
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    ]
    assert not [m for m in imported if m.startswith("mentor_tui")]
