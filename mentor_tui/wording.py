"""Counts in words: "1 milestone", "2 milestones", "1 entry", "3 entries".

A leaf: it imports nothing of the package, so every layer (the CLI, services, screens)
says a count the same way.
"""

from __future__ import annotations

_VOWELS = "aeiou"


def plural_of(word: str) -> str:
    """The regular English plural of a noun, or of the last word of a short phrase
    ("action item" -> "action items", "entry" -> "entries", "match" -> "matches")."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def plural(count: int, word: str, many: str | None = None) -> str:
    """`count` and the word that agrees with it: plural(1, "goal") == "1 goal",
    plural(0, "entry") == "0 entries"; pass `many` for an irregular plural
    (plural(2, "person", "people")). Thousands get separators: "1,200 records"."""
    noun = word if count == 1 else (many or plural_of(word))
    return f"{count:,} {noun}"
