"""Rules for user-typed text, kept in one place: stored exactly as typed, or refused;
shown (by the CLI, the exports and the screens alike) with nothing that can drive a terminal."""

from __future__ import annotations

import re

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


# ---- showing stored text ------------------------------------------------------------
#
# Stored text is kept as typed (above), so it may hold anything: escape sequences that
# retitle the terminal, clear it, write the clipboard (OSC 52) or plant links (OSC 8);
# bidi overrides that reorder what is read; lone surrogates that cannot be encoded.
# Everything that shows stored text (the CLI, exports, the screens) shows it through
# `visible`: each such character becomes a printable escape, `\x1b`, `\u202e`.

# Bidi embeddings, overrides and isolates (the "Trojan Source" set).
BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))

_C0_C1 = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_ESCAPES: dict[int, str] = {
    **{code: f"\\x{code:02x}" for code in _C0_C1},
    **{code: f"\\u{code:04x}" for code in sorted(BIDI_CONTROLS)},
    **dict.fromkeys(range(0xD800, 0xE000), "\ufffd"),  # lone surrogates: unencodable
}
_MULTI_LINE = {code: text for code, text in _ESCAPES.items() if code not in (0x09, 0x0A)}
UNSAFE = re.compile(  # every character `visible` rewrites
    "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SPACES = re.compile(r"\s+")


def visible(text: str, *, one_line: bool = False) -> str:
    """Stored text made safe to show: control characters, ESC, BEL, DEL, C1 codes and
    bidi overrides become visible escapes (`\\x1b`), lone surrogates U+FFFD.

    Multi-line text keeps its newlines and tabs (a Windows line end is a newline);
    `one_line=True` turns every run of whitespace, newlines included, into one space.
    """
    if one_line:
        text = _SPACES.sub(" ", text)
    elif "\r" in text:
        text = text.replace("\r\n", "\n")
    if not UNSAFE.search(text):
        return text
    return text.translate(_ESCAPES if one_line else _MULTI_LINE)
