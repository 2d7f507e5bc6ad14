"""Rules for user-typed text, kept in one place: stored exactly as typed, or refused."""

from __future__ import annotations

from mentor_tui.errors import InvalidInput
from mentor_tui.models.limits import TEXT_LIMIT, TITLE_LIMIT

__all__ = ["TEXT_LIMIT", "TITLE_LIMIT", "long_text", "one_to_five", "require_title"]


def require_title(text: str | None, what: str = "title") -> str:
    """A one-line title: not empty, not absurdly long; inner text kept as typed."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise InvalidInput(f"the {what} is empty; type a few words")
    if "\n" in cleaned or "\r" in cleaned:
        cleaned = " ".join(cleaned.split())
    if len(cleaned) > TITLE_LIMIT:
        raise InvalidInput(
            f"the {what} is {len(cleaned):,} characters long; keep it under {TITLE_LIMIT} "
            "and put the rest in the notes"
        )
    return cleaned


def long_text(text: str | None, what: str = "text") -> str:
    """Free text: kept exactly as typed (markup, escapes, any Unicode), within a sane bound."""
    value = text or ""
    if len(value) > TEXT_LIMIT:
        raise InvalidInput(f"the {what} is over {TEXT_LIMIT:,} characters; split it up")
    return value


def one_to_five(value: object, what: str) -> int:
    """A 1-5 score or rating, typed or given as a number; anything else in one line."""
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if not 1 <= number <= 5:
        raise InvalidInput(f"{what} is a whole number from 1 to 5, not {value!r}")
    return number
